"""gunicorn as production runs it (gunicorn.conf.py, two workers) on a free port, and a sign-in through its real
form on a new connection."""
import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


@contextmanager
def gunicorn(database_url: str, **env: str) -> Iterator[str]:
    """gunicorn -c gunicorn.conf.py on a free port (development config: CSRF on, real forms); its base URL."""
    port = free_port()
    environ = {**os.environ, "DATABASE_URL": database_url, "OSSIFY_CONFIG": "development",
               "SECRET_KEY": "servers-test-only", "GUNICORN_BIND": f"127.0.0.1:{port}", "RATELIMIT_ENABLED": "0",
               **env}
    server = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py", "--log-level", "warning", "wsgi:app"],
                              cwd=ROOT, env=environ)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/auth/login", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def login_over_http(base: str, email: str, password: str) -> int:
    """One sign-in through the real form, on a new connection (so either worker may answer)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/auth/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object) -> None:
            return None

    opener.add_handler(NoRedirect())
    try:
        return opener.open(base + "/auth/login", data=body, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code
