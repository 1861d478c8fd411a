"""The food table, its search, food logs, saved meals and supplements."""
