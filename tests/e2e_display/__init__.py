"""The real app, as a separate process, on a real X server (Xvfb)."""
