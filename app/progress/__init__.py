"""Weekly summary, dashboard figures and 12-week trends (members only)."""
