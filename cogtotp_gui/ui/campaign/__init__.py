"""Views of the campaign: the inventory and onboarding sessions (loaded after the first paint)."""
