"""Her account: her data, its export and deletion."""
