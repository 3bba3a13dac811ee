"""Families: the client's consent per family member and kind, approved updates, the feed."""
