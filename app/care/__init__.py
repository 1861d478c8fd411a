"""Care: what lies between a member and her therapists — consent (links, invitations, codes), the record of every
visit, comments and replies, and the reviews of her flags she is shown.

Her side's blueprints are `care` (routes.py: her therapists, her grants, her program) and `invitations`
(invitations.py: the mailed link). The therapist's side is app/workspace/. Who may see whose data is decided in
app/access.py alone.
"""
