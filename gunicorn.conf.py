"""gunicorn settings for Ossify (`gunicorn -c gunicorn.conf.py wsgi:app`; README "Running on PostgreSQL").

Threaded workers: a client that sends its request slowly holds one thread, not a whole worker, so two or
three slow connections can't stop everyone else being served (tests/test_servers.py). In production a
buffering proxy in front (nginx, README) reads whole requests before gunicorn sees them, which is the real
answer to slow clients; these settings keep a bare gunicorn usable too.
"""
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = 30            # a request still running after this is killed with its worker
graceful_timeout = 30
keepalive = 5           # seconds an idle keep-alive connection may wait for its next request
# Request line and headers: small, as Ossify's are; a body is bounded by the app (MAX_CONTENT_LENGTH, 2 MB).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
