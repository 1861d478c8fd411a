"""Her profile, bone-health record, risk checklist and medicines."""
