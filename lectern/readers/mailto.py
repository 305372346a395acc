"""`mailto:` links keep the address, a subject and a body; every other parameter is dropped.

RFC 6068 lets a `mailto:` URL set any header, and some mail clients take more: `attach=` or
`attachment=` makes them attach the named file of the reader's own machine, `cc=` and `bcc=`
add recipients the reader may not notice. A lecture's link only ever needs to say whom to
write to, about what: so the address, `subject=` and `body=` stay, and the rest is dropped
(with a warning at the link, so the author knows).
"""

from __future__ import annotations

from urllib.parse import unquote

KEPT = ("subject", "body")


def clean_mailto(url: str) -> tuple[str, list[str]]:
    """`url` (a mailto: URL) with only its address, subject and body, and the names of the
    parameters dropped (as written, in order)."""
    address, mark, query = url.partition("?")
    if not mark:
        return url, []
    kept: list[str] = []
    dropped: list[str] = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = pair.partition("=")[0]
        # A name may be percent-encoded ('%61ttach' is 'attach'): compare it decoded.
        (kept if unquote(name).strip().lower() in KEPT else dropped).append(pair)
    names = [pair.partition("=")[0] for pair in dropped]
    return (address + "?" + "&".join(kept) if kept else address), names
