"""The whole app at once: structure, access for every route, hostile input, headers, migrations."""
