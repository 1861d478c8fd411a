"""Ossify as production runs it: gunicorn workers, Redis, nginx, several instances."""
