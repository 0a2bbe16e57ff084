"""The Qt shell: controller (threads), wizard and pages, widgets."""
