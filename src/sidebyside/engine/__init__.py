"""The comparison engine: plain Python, no terminal UI, usable from scripts.

Loading, sentence segmentation, alignment and word diffs live here so that the
headless ``compare`` command and the app share exactly one implementation.
"""
