"""Ossify's clinical rules as plain Python: the standard library only, no Flask, no database.

Every clinical number is an UPPER_CASE constant that names its source: a constant of sources.py, and the rule it
belongs to in docs/clinical-rules.md, which states every default Ossify applies.
"""
