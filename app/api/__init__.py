"""The JSON API (/api/v1): personal tokens, the same access rule as the web pages, an OpenAPI document.

Built on flask-smorest (marshmallow schemas validate input and document the API). Ossify's own error
handlers answer API errors as JSON (app/errors), so flask-smorest's app-wide handler is not installed.
"""
import typing

import flask
from flask_smorest import Api, Blueprint
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from app.bounded_json import loads
from app.transactions import blueprint_writes_on_get


class BoundedParser(FlaskParser):
    """webargs reads bodies with the standard json.loads; this reads them with Ossify's bounds (400 when beyond)."""

    def _raw_load_json(self, req: flask.Request) -> typing.Any:
        if not is_json_request(req):
            return core.missing
        return loads(req.get_data(cache=True))


class OssifyApi(Api):
    @property
    def ERROR_SCHEMA(self):  # noqa: ANN201, N802  (flask-smorest's name)
        from app.api.schemas import ErrorSchema
        return ErrorSchema

    def _register_error_handlers(self) -> None:
        """app/errors already answers every error; under /api/ it answers JSON."""


class OssifyBlueprint(Blueprint):
    ARGUMENTS_PARSER = BoundedParser()


api = OssifyApi()
# Every call may note its token's last use, and client reads record the visit: on SQLite, the write lock first.
bp = blueprint_writes_on_get(OssifyBlueprint(
    "api", __name__, url_prefix="/api/v1",
    description="Sessions, food logs, weekly summaries and targets, for a member and her therapists."))

API_CONFIG = {
    "API_TITLE": "Ossify",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
}
