"""Headless renderings of a comparison: JSON for scripts, text and Markdown for people."""
