"""Learn: short, cited pages that answer a member's first questions where she logs (open to everyone)."""
