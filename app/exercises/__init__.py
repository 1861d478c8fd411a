"""Exercise catalog and session logging (weight-bearing, impact, resistance band, balance)."""
