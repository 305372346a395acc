"""A link's address as paper prints it, for readers who type it in."""

from __future__ import annotations

# Left off on paper: a browser or a mail program adds them. "http://" stays: a browser
# would otherwise try https:, which such a site may not serve.
DROPPED = ("https://", "mailto:")


def printed_address(url: str) -> str:
    """A link's address as the page prints it: without 'https://' or 'mailto:'."""
    for prefix in DROPPED:
        if url.lower().startswith(prefix):
            return url[len(prefix):]
    return url
