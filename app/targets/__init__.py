"""Her targets on any day: the guidance defaults, her history, and her therapist's overrides (models.py)."""
