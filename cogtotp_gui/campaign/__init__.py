"""Campaigns: the inventory of a pool and onboarding sessions (Qt-free, SQLite)."""
