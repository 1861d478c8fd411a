"""Exercise logging, the catalog, programs, and the one safety rule."""
