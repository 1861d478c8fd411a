"""Care: who may see a member's data (the access rule). Therapist links arrive with the workspace."""
