"""Duties towards the end user: idle wipe, concealment when out of sight, clipboard."""
