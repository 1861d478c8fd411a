"""Food table and nutrition logging for calcium, vitamin D and protein, with supplements."""
