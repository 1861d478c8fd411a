"""The weekly summary, Home, trends and targets as of a day."""
