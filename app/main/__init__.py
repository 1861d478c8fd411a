"""Landing page, dashboard and account page."""
