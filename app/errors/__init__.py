"""Friendly error pages in Ossify's look; JSON for clients that ask for it (handlers.py)."""
