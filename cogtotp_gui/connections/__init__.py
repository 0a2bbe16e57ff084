"""Saved connections (profiles) and preferences: model, store, keyring secrets."""
