"""URLs for the files a booklet loads that name no folder of this machine, under one fake base.

WeasyPrint names each image of the PDF after a hash of its URL, so a `file:` URL (which holds
the lecture folder's absolute path) made the same lecture give other bytes in another folder.
Every file the booklet loads is named BASE + '<root>/<path inside that root>' instead, and only
lectern's fetcher (lectern.writers.weasy.fetcher) turns such a URL back into a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..paths import ASSETS, LAYOUTS

# The .invalid top-level domain is reserved never to resolve (RFC 6761): nothing can be
# fetched from it, and a URL under it in a PDF points nowhere.
BASE = "https://lectern.invalid/"


@dataclass(frozen=True)
class Roots:
    """The folders a booklet may load from, each with the name its URLs carry."""

    folders: tuple[tuple[str, Path], ...]

    def url(self, path: Path) -> str:
        """The URL of `path`; a path in no root keeps its file: URL, which the fetcher refuses.

        The deepest root that holds `path` names it, so a root inside another still works.
        """
        holders = [(name, folder) for name, folder in self.folders if path.is_relative_to(folder)]
        if not holders:
            return path.as_uri()
        name, folder = max(holders, key=lambda item: len(item[1].parts))
        return f"{BASE}{name}/{quote(path.relative_to(folder).as_posix())}"

    def folder_url(self, folder: Path) -> str:
        """The URL of a folder, ending in '/' so that relative URLs resolve inside it."""
        return self.url(folder).rstrip("/") + "/"

    def path(self, url: str) -> Path | None:
        """The file `url` names, not yet resolved; None when it is not one of these URLs."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/".lower() != BASE:
            return None
        name, _, rest = unquote(parts.path).lstrip("/").partition("/")
        folder = dict(self.folders).get(name)
        return None if folder is None else folder.joinpath(*rest.split("/"))


def booklet_roots(lecture_root: Path) -> Roots:
    """The booklet's folders: the lecture, lectern's layouts and its assets (the fonts)."""
    return Roots((("lecture", lecture_root), ("layouts", LAYOUTS), ("assets", ASSETS)))
