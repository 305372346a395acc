"""A sandboxed URL fetcher for WeasyPrint: local files inside the allowed folders, nothing else."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..images import is_picture, shown
from ..model import NOWHERE, SourcePos


class FetchRefused(FatalURLFetchingError):
    """WeasyPrint asked for a resource outside the sandbox; fatal so that rendering stops."""

    def __init__(self, url: str, reason: str, pos: SourcePos) -> None:
        super().__init__(f"refused to load {url}: {reason}")
        self.url = url
        self.reason = reason
        self.pos = pos


class SandboxFetcher(URLFetcher):
    """Serves file: URLs whose real path lies inside `roots`; refuses every other request.

    `origins` maps the paths the HTML asks for (as written, before symlinks are resolved) to
    the source line that asked, so that a refusal can name the line the author must edit.
    """

    def __init__(self, roots: Iterable[Path], origins: Mapping[Path, SourcePos],
                 fallback: SourcePos = NOWHERE) -> None:
        super().__init__(allowed_protocols=("file",), fail_on_errors=False)
        self.roots = tuple(root.resolve() for root in roots)
        self.origins = dict(origins)
        self.fallback = fallback

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self.check(url)
        data = path.read_bytes()
        if is_picture(data):  # as PDF viewers show it right: upright, 8-bit, one frame
            picture = shown(data)
            if picture.data is not data:
                # WeasyPrint embeds a file: response by reading the file again from disk;
                # under a URL of no file it embeds these bytes.
                return URLFetcherResponse(f"lectern-picture:{path.name}", picture.data,
                                          {"Content-Type": picture.mime})
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(path.as_uri(), data,
                                  {"Content-Type": mime or "application/octet-stream"})

    def check(self, url: str) -> Path:
        """The real path `url` names; raise FetchRefused unless it is an allowed local file."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise FetchRefused(url, "only local files are allowed", self.fallback)
        asked = Path(unquote(parts.path))
        pos = self.origins.get(asked, self.fallback)
        # resolve() follows every symlink and folds '..', so the check sees the real file.
        real = asked.resolve()
        if not any(real.is_relative_to(root) for root in self.roots):
            raise FetchRefused(url, "the file is outside the lecture folder", pos)
        if not real.is_file():
            raise FetchRefused(url, "no such file", pos)
        return real
