"""A sandboxed URL fetcher for WeasyPrint: files inside the allowed folders, nothing else."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ...images import is_picture, shown
from ...model import NOWHERE, SourcePos
from ..urls import Roots


class FetchRefused(FatalURLFetchingError):
    """WeasyPrint asked for a resource outside the sandbox; fatal so that rendering stops."""

    def __init__(self, url: str, reason: str, pos: SourcePos) -> None:
        super().__init__(f"refused to load {url}: {reason}")
        self.url = url
        self.reason = reason
        self.pos = pos


class SandboxFetcher(URLFetcher):
    """Serves the URLs `roots` gives its files (lectern.writers.urls) when the real file lies
    inside one of the roots; refuses every other request, file: URLs included.

    `origins` maps the paths the HTML asks for (as written, before symlinks are resolved) to
    the source line that asked, so that a refusal can name the line the author must edit.
    """

    def __init__(self, roots: Roots, origins: Mapping[Path, SourcePos],
                 fallback: SourcePos = NOWHERE) -> None:
        # fetch() below replaces the base class's: nothing reaches urllib, whatever the scheme.
        super().__init__(allowed_protocols=(), fail_on_errors=False)
        self.roots = roots
        self.real_roots = tuple(folder.resolve() for _, folder in roots.folders)
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
        # The response keeps the machine-independent URL: WeasyPrint names images after it.
        return URLFetcherResponse(url, data,
                                  {"Content-Type": mime or "application/octet-stream"})

    def check(self, url: str) -> Path:
        """The real path `url` names; raise FetchRefused unless it is an allowed local file."""
        asked = self.roots.path(url)
        if asked is None:
            raise self._refusal(url)
        pos = self.origins.get(asked, self.fallback)
        # resolve() follows every symlink and folds '..', so the check sees the real file.
        real = asked.resolve()
        if not any(real.is_relative_to(root) for root in self.real_roots):
            raise FetchRefused(url, "the file is outside the lecture folder", pos)
        if not real.is_file():
            raise FetchRefused(url, "no such file", pos)
        return real

    def _refusal(self, url: str) -> FetchRefused:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            return FetchRefused(url, "only local files are allowed", self.fallback)
        asked = Path(unquote(parts.path))
        pos = self.origins.get(asked, self.fallback)
        if any(asked.resolve().is_relative_to(root) for root in self.real_roots):
            # A file: URL holds this machine's path and would make the PDF depend on it.
            return FetchRefused(url, "a layout names files by lectern's URLs (the 'url' "
                                "template filter), never by file: URLs", pos)
        return FetchRefused(url, "the file is outside the lecture folder", pos)
