"""Profile one page in-process on the demo data: where does a request spend its time?

    .venv/bin/python -m benchmarks.profile /clients/ --as therapist
    .venv/bin/python -m benchmarks.profile /dashboard --requests 50 --sort tottime

Seeds a throwaway SQLite database with `flask seed-demo`, signs in as the demo member or therapist and
runs the page under cProfile; prints the top functions by cumulative time.
"""
import argparse
import cProfile
import pstats
import tempfile
from pathlib import Path

from app import create_app
from app.demo import DEMO_MEMBER, DEMO_PASSWORD, DEMO_THERAPIST, seed
from app.exercises.catalog import load_catalog
from app.extensions import db
from app.nutrition.foods import load_foods
from tests.support.databases import upgrade


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path")
    parser.add_argument("--as", dest="who", choices=["member", "therapist"], default="member")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'profile.db'}"
        upgrade(url)
        app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            load_catalog()
            load_foods()
            seed(app.config["PASSWORD_HASH_METHOD"])
            db.session.commit()
        client = app.test_client()
        email = DEMO_MEMBER if args.who == "member" else DEMO_THERAPIST
        client.post("/auth/login", data={"email": email, "password": DEMO_PASSWORD})
        assert client.get(args.path).status_code == 200
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            client.get(args.path)
        profiler.disable()
        pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
