"""The JSON API (/api/v1): personal tokens, the same access rule as the web pages, an OpenAPI document.

Built on flask-smorest (marshmallow schemas validate input and document the API). Ossify's own error
handlers answer API errors as JSON (app/errors), so flask-smorest's app-wide handler is not installed.
"""
