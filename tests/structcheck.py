"""An independent PDF/UA structure check: walks a PDF's structure tree and content streams.

Written for the tests from the PDF specification (ISO 32000-1 §14.7–14.8) and the Matterhorn
Protocol's machine-checkable failure conditions; it shares no code with lectern's writers.
Each `Problem` names the rule it breaks, so that a failing test says what a reader meets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

# Languages written in Cyrillic that a lecture may name.
CYRILLIC_LANGS = ("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
TEXT_OPS = {"Tj", "TJ", "'", '"'}
STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu",
    "WT", "WP", "Figure", "Formula", "Form",
}


@dataclass
class Element:
    """One structure element: its standard type, attributes and children, in order."""

    kind: str
    obj: Any
    parent: Element | None
    children: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, mcid)
    text: str = ""
    alt: str = ""
    lang_own: str = ""

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def lang(self, default: str) -> str:
        for node in (self, *self.ancestors()):
            if node.lang_own:
                return node.lang_own
        return default

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Problem:
    """A rule the PDF breaks, where, and what was found."""

    rule: str
    detail: str


@dataclass
class Report:
    """The structure tree and everything wrong with it."""

    root: Element
    problems: list[Problem]
    lang: str

    def of(self, rule: str) -> list[Problem]:
        return [p for p in self.problems if p.rule == rule]

    def kinds(self) -> Counter[str]:
        return Counter(e.kind for e in self.root.walk())


def check(data: bytes | str) -> Report:
    """Walk the PDF (bytes or a path) and report every structural problem found."""
    pdf = pikepdf.open(data if isinstance(data, str) else __import__("io").BytesIO(data))
    with pdf:
        problems: list[Problem] = []
        lang = str(pdf.Root.get("/Lang", ""))
        if not lang:
            problems.append(Problem("lang", "the catalog has no /Lang"))
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return Report(Element("(none)", None, None), [Problem("tree", "no structure tree")],
                          lang)
        roles = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        root = Element("(root)", None, None)
        _read(tree, root, roles, pages, None)
        owners = {mc: element for element in root.walk() for mc in element.mcids}
        for index, page in enumerate(pdf.pages):
            problems += _content(page, index, owners)
        problems += _rules(root, lang)
        problems += _fonts(pdf)
    return Report(root, problems, lang)


def _read(obj: Any, parent: Element, roles: dict[str, str], pages: dict[Any, int],
          page: int | None) -> None:
    """Add the children `obj` (a StructTreeRoot or StructElem) lists under `parent`."""
    kids = obj.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    if "/Pg" in obj:
        page = pages.get(obj.Pg.objgen, page)
    for kid in kids:
        if isinstance(kid, int):
            if page is not None:
                parent.mcids.append((page, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary):
            kind = str(kid.get("/Type", ""))
            if kind == "/MCR":
                at = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                if at is not None:
                    parent.mcids.append((at, int(kid.MCID)))
            elif kind == "/OBJR":
                continue
            elif "/S" in kid:
                name = str(kid.S)[1:]
                while name in roles and name not in STANDARD:
                    name = roles[name][1:]
                element = Element(name, kid, parent, alt=str(kid.get("/Alt", "")),
                                  lang_own=str(kid.get("/Lang", "")))
                parent.children.append(element)
                _read(kid, element, roles, pages, page)


def _content(page: Any, index: int, owners: dict[tuple[int, int], Element]) -> list[Problem]:
    """Every text or image drawn on the page is in the tree or an Artifact, and every
    marked-content sequence the tree points to exists."""
    problems = []
    fonts = page.Resources.get("/Font", {})
    maps = {str(name): _to_unicode(font) for name, font in fonts.items()}
    stack: list[tuple[str, int | None, bool]] = []  # tag, mcid, artifact
    font = ""
    seen: set[int] = set()
    unmarked = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])[1:]
            mcid = None
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
            artifact = tag == "Artifact" or any(a for _, _, a in stack)
            stack.append((tag, mcid, artifact))
            if mcid is not None and not artifact:
                seen.add(mcid)
                if (index, mcid) not in owners:
                    problems.append(Problem("detached", f"page {index + 1}: MCID {mcid} "
                                                        "is in no structure element"))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            font = str(operands[0])
        elif op in TEXT_OPS or op == "Do":
            if any(a for _, _, a in stack):
                continue
            mcid = next((m for _, m, _ in reversed(stack) if m is not None), None)
            if mcid is None:
                unmarked += 1
            elif op in TEXT_OPS and (index, mcid) in owners:
                owners[(index, mcid)].text += _decode(operands, op, maps.get(font, {}))
    if unmarked:
        problems.append(Problem("unmarked", f"page {index + 1}: {unmarked} text or image "
                                            "operators are neither tagged nor Artifact"))
    for (at, mcid), element in owners.items():
        if at == index and mcid not in seen:
            problems.append(Problem("detached", f"page {index + 1}: {element.kind} points "
                                                f"to MCID {mcid}, not on the page"))
    return problems


def _to_unicode(font: Any) -> dict[bytes, str]:
    """A font's ToUnicode CMap as code bytes -> text (bfchar and bfrange)."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    text = stream.read_bytes().decode("latin-1")
    found: dict[bytes, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            found[bytes.fromhex(code)] = bytes.fromhex(uni).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, uni in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            start = int(uni, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[code.to_bytes(len(low) // 2, "big")] = chr(start + offset)
    return found


def _decode(operands: Any, op: str, cmap: dict[bytes, str]) -> str:
    strings = operands[0] if op == "TJ" else [operands[-1]]
    raw = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
    width = len(next(iter(cmap), b"\0"))
    return "".join(cmap.get(raw[i:i + width], "") for i in range(0, len(raw), width))


def _rules(root: Element, lang: str) -> list[Problem]:
    problems = []
    level = 0
    for element in root.walk():
        kind, parent = element.kind, element.parent
        parent_kind = parent.kind if parent is not None else ""
        if re.fullmatch(r"H[1-6]", kind):
            new = int(kind[1])
            if new > level + 1:
                problems.append(Problem("heading", f"{kind} after H{level} "
                                                   f"({element.text[:40]!r})"))
            level = new
        if kind == "L":
            for child in element.children:
                if child.kind not in ("LI", "Caption", "L"):
                    problems.append(Problem("list", f"L holds {child.kind}"))
        if kind == "LI":
            if parent_kind != "L":
                problems.append(Problem("list", f"LI under {parent_kind}"))
            for child in element.children:
                if child.kind not in ("Lbl", "LBody"):
                    problems.append(Problem("list", f"LI holds {child.kind}"))
        if kind in ("Lbl", "LBody") and parent_kind != "LI":
            problems.append(Problem("list", f"{kind} under {parent_kind}"))
        if kind == "TR" and parent_kind not in ("Table", "THead", "TBody", "TFoot"):
            problems.append(Problem("table", f"TR under {parent_kind}"))
        if kind in ("TH", "TD") and parent_kind != "TR":
            problems.append(Problem("table", f"{kind} under {parent_kind}"))
        if kind in ("THead", "TBody", "TFoot") and parent_kind != "Table":
            problems.append(Problem("table", f"{kind} under {parent_kind}"))
        if kind == "Table" and not any(e.kind == "TH" for e in element.walk()):
            problems.append(Problem("table", "a table without header cells"))
        if kind == "TH" and not _has_scope(element):
            problems.append(Problem("table", "TH without Scope"))
        if kind == "Figure" and not element.alt.strip() \
                and "/ActualText" not in element.obj:
            problems.append(Problem("figure", "Figure without Alt"))
        if kind == "Link" and any(a.kind == "Link" for a in element.ancestors()):
            problems.append(Problem("link", "a Link inside a Link"))
        if kind == "Note" and "/ID" not in element.obj:
            problems.append(Problem("note", "Note without ID"))
        if CYRILLIC.search(element.text) and not element.lang(lang).lower().startswith(
                CYRILLIC_LANGS):
            problems.append(Problem("lang", f"Cyrillic text {element.text[:30]!r} in "
                                            f"language {element.lang(lang)!r}"))
    if not any(e.kind == "H1" for e in root.walk()) and level:
        problems.append(Problem("heading", "headings without H1"))
    return problems


def _has_scope(element: Element) -> bool:
    attributes = element.obj.get("/A")
    if attributes is None:
        return False
    items = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
    return any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in items)


def _fonts(pdf: Any) -> list[Problem]:
    """One subset tag names one font program (ISO 32000-1 §9.6.4), pages and the forms they
    draw (a placed slide) alike."""
    programs: dict[str, set[Any]] = {}
    for font in _all_fonts(pdf):
        for described in _descendants(font):
            name = str(described.get("/BaseFont", ""))[1:]
            descriptor = described.get("/FontDescriptor")
            if "+" not in name or descriptor is None:
                continue
            program = next((descriptor[k] for k in ("/FontFile", "/FontFile2", "/FontFile3")
                            if k in descriptor), None)
            if program is not None:
                programs.setdefault(name.split("+")[0], set()).add(program.objgen)
    return [Problem("font", f"subset tag {tag} names {len(found)} font programs")
            for tag, found in programs.items() if len(found) > 1]


def _all_fonts(pdf: Any) -> Iterator[Any]:
    """Every font of every page's resources and of the form XObjects they reach, once."""
    seen: set[Any] = set()
    pending = [page.obj.get("/Resources") for page in pdf.pages]
    while pending:
        resources = pending.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        key = resources.objgen if resources.is_indirect else id(resources)
        if key in seen:
            continue
        seen.add(key)
        yield from resources.get("/Font", {}).values()
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form":
                pending.append(xobject.get("/Resources"))


def _descendants(font: Any) -> list[Any]:
    if "/DescendantFonts" in font:
        return list(font.DescendantFonts)
    return [font]
