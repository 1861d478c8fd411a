"""Debian's nginx, run from a temporary prefix with the README's production server block (nothing of the system's
configuration is read or touched)."""
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]


def readme_server_block() -> str:
    """The ```nginx block of README "Several machines", as written there."""
    text = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```nginx\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "README.md should show one nginx block"
    return blocks[0]


class ThrowawayNginx:
    """nginx in the foreground on a free loopback port, proxying to `upstream_port` with the README's block."""

    def __init__(self, upstream_port: int) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise RuntimeError("nginx not found: run `make test`, which installs it.")
        self.binary = binary
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ossify-nginx-"))
        block = readme_server_block()
        block, listens = re.subn(r"listen\s+80;", f"listen 127.0.0.1:{self.port};", block)
        block, passes = re.subn(r"proxy_pass http://127\.0\.0\.1:8000;", f"proxy_pass http://127.0.0.1:{upstream_port};",
                                block)
        assert listens == passes == 1, block
        (self.dir / "nginx.conf").write_text(
            "daemon off; worker_processes 1; pid nginx.pid; error_log error.log warn;\n"
            "events { worker_connections 256; }\n"
            "http { access_log off; client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi;\n"
            "uwsgi_temp_path uwsgi; scgi_temp_path scgi;\n" + block + "}\n")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ThrowawayNginx":
        self.process = subprocess.Popen([self.binary, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.dir / "error.log"
                raise RuntimeError(f"nginx did not start: {log.read_text() if log.exists() else ''}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)
