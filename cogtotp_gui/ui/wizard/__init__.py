"""The enrollment wizard: controller (threads), navigation, pages, QR widget."""
