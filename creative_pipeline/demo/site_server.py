"""Serve the bundled sample website on 127.0.0.1 so the demo's scrape is real.

Besides the files, one address is made up on the fly: `/img/lifestyle-xl.jpg` streams a body
with a JPEG signature that never ends before `OVERSIZED_BYTES` (11 MB) — larger than any brand
image may be — without Content-Length, so the fetcher must stop reading by itself and refuse.
It is not a committed file: the repository stays small."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITE_DIR = Path(__file__).parent / "sample_site"
OVERSIZED_PATH = "/img/lifestyle-xl.jpg"
OVERSIZED_BYTES = 11 * 1024 * 1024


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.path.split("?", 1)[0] != OVERSIZED_PATH:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.end_headers()
        chunk = b"\x00" * 65536
        sent = 0
        try:
            self.wfile.write(b"\xff\xd8\xff\xe0")
            while sent < OVERSIZED_BYTES:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader stopped at its limit, as it should
        return None


@contextmanager
def serve_sample_site(port: int = 0) -> Iterator[str]:
    """Yield the site's base URL (http://127.0.0.1:PORT/) while it is being served."""
    handler = functools.partial(_QuietHandler, directory=str(SITE_DIR))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
