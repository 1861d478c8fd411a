"""Load benchmark: gunicorn serving Ossify with the demo data, wrk as the load generator, on 127.0.0.1.

    make load                                   # SQLite and a throwaway PostgreSQL
    .venv/bin/python -m benchmarks.load --only sqlite --seconds 10 --connections 8

For each page: requests per second, p50 and p99 latency, each beside the same figures for a minimal
signed-in page (/account) measured in the same run, and the SQL statements one request sends (counted
in-process on the same database). Absolute numbers swing with the machine (±20 % between runs here);
compare the ratios and statement counts between changes.

Then a mixed load (--mixed-seconds, 30 by default): members writing walks while therapists read client pages
that record each visit, every answer counted by class (no 5xx is the bar).

The server is gunicorn with gunicorn.conf.py (the production setup in the README), development config
(so CSRF is on and the sign-in is a real form post), demo data from `flask seed-demo`: Margaret's
twelve weeks of logs and a therapist with five active clients.
"""
import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.run import statements
from tests.support.postgres import ThrowawayPostgres

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
USER_AGENT = "ossify-load"  # Flask-Login ties the session to the User-Agent: wrk sends the one we signed in with
BASELINE = "/account"


@dataclass
class Result:
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int


def pages(today: date) -> list[tuple[str, str, str]]:
    """(label, who, path): who is the demo account the page is requested as."""
    from app.guidance.weeks import week_start
    return [
        ("dashboard", "member", "/dashboard"),
        ("weekly page (this week)", "member", f"/progress/week/{week_start(today).isoformat()}"),
        ("food search 'milk'", "member", "/nutrition/search?q=milk"),
        ("therapist: client dashboard", "therapist", "/clients/"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(database_url: str, env: dict[str, str]) -> None:
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([str(BIN / "flask"), *command], cwd=ROOT, env=env, check=True, capture_output=True)


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    """The production setup: gunicorn.conf.py (2 workers), on this port."""
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         "wsgi:app"], cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/auth/login", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not answer within 30 s")


def sign_in(port: int, email: str, password: str) -> str:
    """Sign in through the real form (CSRF token and all); the session cookie header for wrk."""
    return signed_in_opener(port, email, password)[1]


def signed_in_opener(port: int, email: str, password: str) -> tuple[urllib.request.OpenerDirector, str]:
    """An opener signed in through the real form, and its session cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(f"http://127.0.0.1:{port}/auth/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    opener.open(f"http://127.0.0.1:{port}/auth/login", data=body)
    session = next((c for c in jar if c.name == "session"), None)
    if session is None:
        raise RuntimeError(f"signing in as {email} failed")
    check = opener.open(f"http://127.0.0.1:{port}/dashboard")
    assert check.url.endswith("/dashboard"), check.url
    return opener, f"session={session.value}"


MIXED_MEMBERS = ("member@demo.ossify", "joan@demo.ossify", "ruth@demo.ossify")


def mixed_load(port: int, seconds: int, therapist: str, password: str) -> dict[str, int]:
    """Members writing (a walk each, then its page) while therapists read client pages that record each visit,
    for `seconds`: answers counted by class. The probe's case: GETs that write, racing POSTs, on 2 workers."""
    base = f"http://127.0.0.1:{port}"
    counts = {"2xx/3xx": 0, "4xx": 0, "5xx": 0, "failed": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    today = date.today().isoformat()

    def tally(status: int | None) -> None:
        key = "failed" if status is None else "5xx" if status >= 500 else "4xx" if status >= 400 else "2xx/3xx"
        with lock:
            counts[key] += 1

    def fetch(opener: urllib.request.OpenerDirector, url: str, data: bytes | None = None) -> tuple[int | None, str]:
        try:
            with opener.open(url, data=data, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            return None, ""

    def member(email: str) -> None:
        opener, _ = signed_in_opener(port, email, password)
        status, page = fetch(opener, base + "/exercises/walk")
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        exercise = re.search(r'<option selected value="(\d+)"', page).group(1)
        while time.monotonic() < stop:
            body = urllib.parse.urlencode({"csrf_token": token, "exercise": exercise, "minutes": "20",
                                           "session_date": today, "submission_id": uuid.uuid4().hex}).encode()
            tally(fetch(opener, base + "/exercises/walk", body)[0])

    def reader() -> None:
        opener, _ = signed_in_opener(port, therapist, password)
        status, page = fetch(opener, base + "/clients/")
        weeks = sorted(set(re.findall(r'href="(/clients/(\d+)/week/\d{4}-\d{2}-\d{2})"', page)))
        if not weeks:
            raise RuntimeError("the client dashboard links to no client")
        paths = [p for week, c in weeks for p in (week, f"/clients/{c}/health", f"/clients/{c}/sessions")]
        i = 0
        while time.monotonic() < stop:
            tally(fetch(opener, base + paths[i % len(paths)])[0])
            i += 1

    threads = [threading.Thread(target=member, args=(email,)) for email in MIXED_MEMBERS]
    threads += [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts


def wrk(port: int, path: str, cookie: str, seconds: int, connections: int) -> Result:
    output = subprocess.run(
        ["wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{seconds}s", "--latency",
         "--header", f"Cookie: {cookie}", "--header", f"User-Agent: {USER_AGENT}",
         f"http://127.0.0.1:{port}{path}"], check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors
                                                            else 0)
    return Result(rate, _latency(output, "50%"), _latency(output, "99%"), errors)


def _latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def sql_per_request(database_url: str, today: date) -> dict[str, int]:
    """Statements per request, counted in-process against the same (seeded) database."""
    from app import create_app
    from app.demo import DEMO_MEMBER, DEMO_PASSWORD, DEMO_THERAPIST
    from app.extensions import db
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url})
    clients = {}
    for who, email in (("member", DEMO_MEMBER), ("therapist", DEMO_THERAPIST)):
        clients[who] = app.test_client()
        clients[who].post("/auth/login", data={"email": email, "password": DEMO_PASSWORD})
    counts = {BASELINE: statements(app, lambda: clients["member"].get(BASELINE))}
    for _, who, path in pages(today):
        counts[path] = statements(app, lambda: clients[who].get(path))
    with app.app_context():
        db.engine.dispose()
    return counts


def report(name: str, database_url: str, seconds: int, connections: int, mixed_seconds: int = 30) -> None:
    from app.demo import DEMO_MEMBER, DEMO_PASSWORD, DEMO_THERAPIST, DEMO_TIMEZONE
    from app.guidance.calendar import today_in
    env = {**os.environ, "FLASK_APP": "wsgi.py", "DATABASE_URL": database_url, "OSSIFY_CONFIG": "development",
           "SECRET_KEY": "load-benchmark-only", "RATELIMIT_ENABLED": "0"}
    started = time.perf_counter()
    prepare(database_url, env)
    today = today_in(DEMO_TIMEZONE)
    sql = sql_per_request(database_url, today)
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        cookies = {"member": sign_in(port, DEMO_MEMBER, DEMO_PASSWORD),
                   "therapist": sign_in(port, DEMO_THERAPIST, DEMO_PASSWORD)}
        print(f"\n{name}: gunicorn.conf.py (2 workers × 4 threads), wrk {connections} connections × {seconds} s "
              f"per page, demo data (ready in {time.perf_counter() - started:.0f} s)")
        wrk(port, BASELINE, cookies["member"], 2, connections)  # warm-up: imports, template cache, connections
        base = wrk(port, BASELINE, cookies["member"], seconds, connections)
        print(f"  {'page':30} {'req/s':>7} {'ratio':>6} {'p50 ms':>7} {'×base':>6} {'p99 ms':>7} {'×base':>6} "
              f"{'SQL':>4} {'errors':>6}")
        print(f"  {'baseline ' + BASELINE:30} {base.rate:7.0f} {1:6.2f} {base.p50_ms:7.1f} {1:6.1f} "
              f"{base.p99_ms:7.1f} {1:6.1f} {sql[BASELINE]:4} {base.errors:6}")
        for label, who, path in pages(today):
            r = wrk(port, path, cookies[who], seconds, connections)
            print(f"  {label:30} {r.rate:7.0f} {r.rate / base.rate:6.2f} {r.p50_ms:7.1f} "
                  f"{r.p50_ms / base.p50_ms:6.1f} {r.p99_ms:7.1f} {r.p99_ms / base.p99_ms:6.1f} {sql[path]:4} "
                  f"{r.errors:6}")
        mixed = mixed_load(port, mixed_seconds, DEMO_THERAPIST, DEMO_PASSWORD)
        print(f"  mixed {mixed_seconds} s: {len(MIXED_MEMBERS)} members writing walks, 3 therapists reading client "
              f"pages: " + ", ".join(f"{k} {v}" for k, v in mixed.items()))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="measuring time per page")
    parser.add_argument("--connections", type=int, default=8, help="concurrent wrk connections")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--mixed-seconds", type=int, default=30, help="length of the mixed read/write load")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make load` installs it (apt-get install wrk).")
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            report("SQLite", f"sqlite:///{Path(tmp) / 'load.db'}", args.seconds, args.connections,
                   args.mixed_seconds)
    if args.only != "sqlite":
        postgres = ThrowawayPostgres().start()
        try:
            report("PostgreSQL", postgres.create_database("load"), args.seconds, args.connections,
                   args.mixed_seconds)
        finally:
            postgres.stop()


if __name__ == "__main__":
    main()
