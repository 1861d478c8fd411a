"""The therapist's workspace: her caseload (caseload.py, flags.py), her clients' pages read-only, programs and
templates (program.py), target overrides, comments and flag reviews (routes.py, the `workspace` blueprint), and
her daily digest (digest.py).

Nothing outside this package imports it except the app factory (tests/house/test_structure.py holds it).
"""
