"""A person's account: the account page, API tokens, downloading her data and deleting the account."""
