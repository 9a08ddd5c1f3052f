"""sidebyside: compare articles about the same story, sentence by sentence."""

__version__ = "0.1.0"
