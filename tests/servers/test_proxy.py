"""The README's production setup: nginx (Debian's package, the README's server block) buffering in front of
gunicorn (gunicorn.conf.py). Twenty clients trickle their requests a byte at a time; a third is answered within
2 s throughout, because nginx reads whole requests before gunicorn sees them."""
import socket
import time
import urllib.request

from tests.support.nginx import ThrowawayNginx
from tests.support.servers import gunicorn

TRICKLING = 20


def test_twenty_trickling_clients_behind_nginx_do_not_stall_a_third(migrated_url) -> None:
    with gunicorn(migrated_url("sqlite"), GUNICORN_WORKERS="2") as upstream:
        proxy = ThrowawayNginx(int(upstream.rsplit(":", 1)[1])).start()
        slow: list[socket.socket] = []
        try:
            assert urllib.request.urlopen(proxy.url + "/auth/login", timeout=5).status == 200
            for _ in range(TRICKLING):
                conn = socket.create_connection(("127.0.0.1", proxy.port))
                conn.sendall(b"POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n")
                slow.append(conn)
            for second in range(6):  # while they trickle, another visitor is answered promptly each time
                for conn in slow:
                    conn.sendall(b"e")
                started = time.monotonic()
                answer = urllib.request.urlopen(proxy.url + "/auth/login", timeout=5)
                assert answer.status == 200 and time.monotonic() - started < 2, second
                time.sleep(0.5)
            # The proxy's own answer for a request that arrives: the app behind it, headers as the app set them.
            page = urllib.request.urlopen(proxy.url + "/healthz", timeout=5)
            assert page.read() == b'{"status":"ok"}\n'
        finally:
            for conn in slow:
                conn.close()
            proxy.stop()
