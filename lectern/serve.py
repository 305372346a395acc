"""Preview while writing: `lectern watch --serve` shows the web edition on 127.0.0.1, and the
open page reloads itself after each build.

Only the served copy carries the few lines of script that ask for the build count; the file
on disk stays free of script. The server answers two paths and nothing else: the page and
the count; it reads no other file.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"
POLL_MS = 500
NONCE = "lectern-preview"
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Reload when the build count changes, keeping the reader's place on the page.
# The page is served with the count of the build it shows (BUILD), so that a build finished
# before the first question still reloads it.
RELOAD = f"""<script nonce="{NONCE}">
(function () {{
  var seen = "BUILD", key = "lectern-preview-y";
  var y = sessionStorage.getItem(key);
  if (y !== null) {{ sessionStorage.removeItem(key); window.scrollTo(0, +y); }}
  setInterval(function () {{
    fetch("/build", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
      .then(function (count) {{
        if (count !== seen) {{
          seen = count;
          sessionStorage.setItem(key, String(window.scrollY));
          location.reload();
        }}
      }}).catch(function () {{}});
  }}, {POLL_MS});
}})();
</script>
"""


WAITING = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n'
           "<title>lectern: waiting for a build</title>\n</head>\n<body>\n"
           "<p>No web edition yet: the terminal says why. This page shows it after the "
           "next build that succeeds.</p>\n</body>\n</html>\n")


def web_page(out: Path) -> Path | None:
    """The web edition in a lecture's output folder: the newest NAME.html there."""
    found = [p for p in out.glob("*.html") if not p.name.endswith("-booklet.html")]
    return max(found, key=lambda p: (p.stat().st_mtime_ns, p.name), default=None)


def served(html: str, build: int) -> str:
    """The page as the preview serves it: its policy lets the reload script, and that alone,
    run and ask this server for the build count; `build` is the count the page shows."""
    def allow(found: re.Match[str]) -> str:
        policy = f"{found.group(1)}; script-src 'nonce-{NONCE}'; connect-src 'self'"
        return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'

    page = _POLICY.sub(allow, html, count=1)
    head, body_end, tail = page.rpartition("</body>")
    script = RELOAD.replace("BUILD", str(build))
    return head + script + body_end + tail if body_end else page + script


class Preview:
    """The preview server: started on a free port (or the one asked for), stopped on close."""

    def __init__(self, out: Path, port: int = 0) -> None:
        self.out = out
        self.builds = 0
        preview = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                preview.answer(self)

            def log_message(self, format: str, *args: object) -> None:
                """Requests are not logged: the terminal is the build's."""

        self.server = ThreadingHTTPServer((HOST, port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}/"

    def built(self) -> None:
        """Say that a build finished: open pages reload."""
        self.builds += 1

    def answer(self, request: BaseHTTPRequestHandler) -> None:
        """Serve the page at '/', the build count at '/build', nothing else."""
        port = self.server.server_address[1]
        if request.headers.get("Host", "") not in (f"{HOST}:{port}", f"localhost:{port}"):
            # Another name for this machine: a web page trying to read the preview.
            self._send(request, 403, "text/plain", b"forbidden\n")
            return
        path = request.path.split("?")[0]
        if path == "/build":
            self._send(request, 200, "text/plain", str(self.builds).encode("ascii"))
            return
        if path != "/":
            self._send(request, 404, "text/plain", b"not found\n")
            return
        builds = self.builds  # read before the page: a build in between reloads it again
        page = web_page(self.out)
        if page is None:  # no build has written it yet: a page that waits for one
            data = served(WAITING, builds).encode("utf-8")
            self._send(request, 503, "text/html; charset=utf-8", data)
            return
        data = served(page.read_text(encoding="utf-8"), builds).encode("utf-8")
        self._send(request, 200, "text/html; charset=utf-8", data)

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, kind: str, data: bytes) -> None:
        request.send_response(status)
        request.send_header("Content-Type", kind)
        request.send_header("Content-Length", str(len(data)))
        request.send_header("Cache-Control", "no-store")
        request.end_headers()
        request.wfile.write(data)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def previewing(out: Path, port: int) -> Iterator[Preview]:
    """A preview server for the lecture built into `out`, stopped however watching ends.

    A port that cannot be had is a bad command line (click.UsageError): the user chose it.
    """
    import click

    try:
        preview = Preview(out, port)
    except OSError as exc:
        raise click.UsageError(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}; "
                               "choose another --port, or leave it out for a free one") from None
    try:
        yield preview
    finally:
        preview.close()
