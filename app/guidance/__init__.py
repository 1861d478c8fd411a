"""Ossify's clinical rules as plain Python: no Flask, no database.

Every clinical number is an UPPER_CASE constant that names its source in
shared guidance ("Ossify's defaults", guidance/README.md, with sources in guidance.md).
"""
