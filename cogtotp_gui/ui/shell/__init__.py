"""The main window around the wizard: menus, status bar, window duties, unexpected errors."""
