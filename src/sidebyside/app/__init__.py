"""The terminal app: a thin Textual layer over the engine."""
