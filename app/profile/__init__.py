"""A member's profile and bone-health record (members only)."""
