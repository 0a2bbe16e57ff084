"""Saved connections in the window: picker, settings dialog, AWS profiles."""
