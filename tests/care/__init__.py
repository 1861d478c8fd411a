"""Consent between a member and her therapists, and the therapist's caseload."""
