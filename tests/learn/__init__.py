"""Learn's cited pages."""
