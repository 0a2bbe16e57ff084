"""Widgets, theme, messages and the background-work runner every window shares."""
