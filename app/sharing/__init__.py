"""Sharing her record: her bone health as a FHIR R4 Bundle (fhir.py, plain Python), read from her data (record.py)."""
