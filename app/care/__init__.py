"""Care: members grant physical therapists access; therapists review, prescribe and give feedback.

Two blueprints: `care` in routes.py (a member's side: her therapists, her grants, her program) and
`workspace` in workspace.py (a therapist's side: clients, their data read-only, programs, targets,
comments). Who may see whose data is decided in access.py alone.
"""
