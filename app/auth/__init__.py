"""Accounts: register, log in and out, change and reset passwords."""
