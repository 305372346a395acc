"""A tagged PDF written page by page: content streams, one shared resource dictionary, the
structure tree with its parent tree, the outline and the document's metadata."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

import pikepdf

from ... import model as m
from ...locale.licenses import credits
from ...version import __version__
from ..slide_art import Painter, Resources, image_object
from .fonts import FontBook, Key, shape
from .ops import Colour, fill, number

Piece = tuple[str, Key]  # text, the face it is shown in


@dataclass
class Node:
    """A structure element being built: its type, children (elements, or marked content as
    (page index, MCID)), and its attributes."""

    kind: str
    kids: list[Node | tuple[int, int]] = field(default_factory=list)
    alt: str = ""
    lang: str = ""
    attributes: dict[str, object] = field(default_factory=dict)
    keep_empty: bool = False  # a table cell stays in its row even without text

    def add(self, kind: str, **options: Any) -> Node:
        """A new child element of `kind`, appended."""
        node = Node(kind, **options)
        self.kids.append(node)
        return node


class Canvas:
    """One page's content: operators, and the structure elements its MCIDs belong to."""

    def __init__(self, document: Document, index: int, width: float, height: float) -> None:
        self.document = document
        self.index = index
        self.width = width
        self.height = height
        self.ops: list[str] = []
        self.owners: list[Node] = []  # by MCID

    def tagged(self, node: Node, ops: str, tag: str = "") -> None:
        """Content that belongs to `node` (a new marked-content sequence)."""
        mcid = len(self.owners)
        self.owners.append(node)
        node.kids.append((self.index, mcid))
        self.ops.append(f"/{tag or node.kind} <</MCID {mcid}>> BDC {ops} EMC")

    def artifact(self, ops: str, kind: str = "") -> None:
        """Content that is no part of the document's text (art, rules, page numbers): `kind`
        "Pagination" for pagination, or its subtype ("Header", "Footer", "PageNum")."""
        if not ops:
            return
        if kind == "Pagination":
            self.ops.append(f"/Artifact <</Type /Pagination>> BDC {ops} EMC")
        elif kind:
            self.ops.append(f"/Artifact <</Type /Pagination /Subtype /{kind}>> BDC {ops} EMC")
        else:
            self.ops.append(f"/Artifact BMC {ops} EMC")

    def text(self, x: float, y: float, pieces: Sequence[Piece], size: float,
             rgb: Colour) -> str:
        """Operators that show the pieces one after another from (x, y), y upwards."""
        book = self.document.fonts
        ops = [f"BT {fill(rgb)} {number(x)} {number(y)} Td"]
        for text, key in pieces:
            if not text:
                continue
            name, shown, _ = book.show(text, key, size)
            ops.append(f"{name} {number(size)} Tf {shown} TJ")
        ops.append("ET")
        return " ".join(ops)

    def line(self, x: float, y: float, segments: Sequence[tuple[Node, Sequence[Piece]]],
             size: float, rgb: Colour) -> None:
        """One line of text from (x, y), y upwards, each segment tagged for its own element
        (a paragraph, and a span in another language within it)."""
        book = self.document.fonts
        ops = [f"BT {fill(rgb)} {number(x)} {number(y)} Td"]
        for node, pieces in segments:
            shown = []
            for text, key in pieces:
                if text:
                    name, operand, _ = book.show(text, key, size)
                    shown.append(f"{name} {number(size)} Tf {operand} TJ")
            if shown:
                mcid = len(self.owners)
                self.owners.append(node)
                node.kids.append((self.index, mcid))
                ops.append(f"/{node.kind} <</MCID {mcid}>> BDC {' '.join(shown)} EMC")
        ops.append("ET")
        self.ops.append(" ".join(ops))

    def width_of(self, pieces: Sequence[Piece], size: float) -> float:
        """The width of the pieces in points."""
        return sum(shape(text, key).width(size) for text, key in pieces if text)


@dataclass(frozen=True)
class Meta:
    """What the document says about itself."""

    title: str
    lang: str
    authors: tuple[str, ...]
    description: str
    keywords: tuple[str, ...]
    date: dt.date
    rights: str = ""  # the licence and credit lines, as one

    @classmethod
    def of(cls, lecture: m.Lecture) -> Meta:
        """What a lecture's outputs say about themselves."""
        return cls(lecture.title, lecture.language, tuple(lecture.authors),
                   lecture.description, tuple(lecture.keywords), lecture.date,
                   " ".join(credits(lecture)))


class Document:
    """A tagged PDF being written: pages, fonts, pictures and the structure tree."""

    def __init__(self, meta: Meta, pictures: dict[str, bytes] | None = None) -> None:
        self.meta = meta
        self.pdf = pikepdf.new()
        self.fonts = FontBook(self.pdf)
        self.resources = Resources()
        self.painter = Painter(self.pdf, pictures or {})
        self.shared = self.pdf.make_indirect(pikepdf.Dictionary())
        self.root = Node("Document")
        self.canvases: list[Canvas] = []
        self.images: dict[object, str | None] = {}
        self.marks: list[tuple[str, int]] = []

    def page(self, width: float, height: float) -> Canvas:
        """A new page of `width` × `height` points, drawn on until the document is saved."""
        canvas = Canvas(self, len(self.canvases), width, height)
        self.canvases.append(canvas)
        return canvas

    def image(self, key: object, blob: bytes) -> str | None:
        """The resource name of a picture (its bytes read once per key); None when it cannot
        be drawn."""
        if key not in self.images:
            found = image_object(self.pdf, blob)
            self.images[key] = None if found is None else self.resources.add(
                "XObject", "Im", found[0])
        return self.images[key]

    def bookmark(self, title: str, page: int) -> None:
        """An outline entry for page index `page`."""
        self.marks.append((title, page))

    def save(self) -> bytes:
        """The whole PDF, deterministic for the same content."""
        self.fonts.finish()
        resources = self.resources.dictionary()
        resources.Font = self.fonts.resources()
        for key, value in resources.items():
            self.shared[key] = value
        parents = self._pages()
        self._structure(parents)
        self._outline()
        self._catalog()
        out = io.BytesIO()
        self.pdf.save(out, deterministic_id=True, compress_streams=True,
                      object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()

    def _pages(self) -> list[pikepdf.Object]:
        """Every page, under the page tree (its kids set at once: appending one page at a
        time costs the page tree a check each)."""
        tree = self.pdf.Root.Pages
        pages: list[pikepdf.Object] = []
        for canvas in self.canvases:
            content = self.pdf.make_stream(" \n".join(canvas.ops).encode("latin-1"))
            pages.append(self.pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Page, Parent=tree,
                MediaBox=pikepdf.Array([0, 0, round(canvas.width, 4), round(canvas.height, 4)]),
                Resources=self.shared, Contents=content, StructParents=canvas.index,
                Tabs=pikepdf.Name.S)))
        tree.Kids = pikepdf.Array(pages)
        tree.Count = len(pages)
        return pages

    def _structure(self, pages: list[pikepdf.Object]) -> None:
        tree = self.pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        made: dict[int, pikepdf.Object] = {}
        document = self._element(self.root, tree, pages, made)
        tree.K = pikepdf.Array([document]) if document is not None else pikepdf.Array()
        nums: list[object] = []
        for canvas in self.canvases:
            nums += [canvas.index, pikepdf.Array([made[id(n)] for n in canvas.owners])]
        tree.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        tree.ParentTreeNextKey = len(self.canvases)
        self.pdf.Root.StructTreeRoot = tree

    def _element(self, node: Node, parent: pikepdf.Object, pages: list[pikepdf.Object],
                 made: dict[int, pikepdf.Object]) -> pikepdf.Object | None:
        """The structure element of `node` and its children; None for an empty one."""
        element = self.pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + node.kind), P=parent))
        kids: list[object] = []
        marked = [k for k in node.kids if isinstance(k, tuple)]
        on = {page for page, _ in marked}
        if len(on) == 1:
            element.Pg = pages[next(iter(on))]
        for kid in node.kids:
            if isinstance(kid, Node):
                child = self._element(kid, element, pages, made)
                if child is not None:
                    kids.append(child)
            elif len(on) == 1:
                kids.append(kid[1])
            else:
                kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pages[kid[0]],
                                               MCID=kid[1]))
        if not kids and not node.keep_empty:
            return None
        made[id(node)] = element
        element.K = kids[0] if len(kids) == 1 else pikepdf.Array(kids)
        if node.alt:
            element.Alt = pikepdf.String(node.alt)
        if node.lang:
            element.Lang = pikepdf.String(node.lang)
        if node.attributes:
            element.A = pikepdf.Dictionary(node.attributes)
        return element

    def _outline(self) -> None:
        if not self.marks:
            return
        with self.pdf.open_outline() as outline:
            for title, page in self.marks:
                outline.root.append(pikepdf.OutlineItem(title, page))
        self.pdf.Root.PageMode = pikepdf.Name.UseOutlines

    def _catalog(self) -> None:
        meta = self.meta
        root = self.pdf.Root
        root.Lang = pikepdf.String(meta.lang)
        root.MarkInfo = pikepdf.Dictionary(Marked=True)
        root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        stamp = f"D:{meta.date:%Y%m%d}000000Z"
        info = pikepdf.Dictionary(Title=pikepdf.String(meta.title),
                                  Creator=pikepdf.String(f"lectern {__version__}"),
                                  Producer=pikepdf.String(f"lectern {__version__}"),
                                  CreationDate=pikepdf.String(stamp),
                                  ModDate=pikepdf.String(stamp))
        if meta.authors:
            info.Author = pikepdf.String(", ".join(meta.authors))
        if meta.description:
            info.Subject = pikepdf.String(meta.description)
        if meta.keywords:
            info.Keywords = pikepdf.String(", ".join(meta.keywords))
        if meta.rights:
            # Under the key the booklet has it (WeasyPrint writes its meta names in lower
            # case), so that every PDF of a lecture carries it alike; XMP has dc:rights.
            info["/rights"] = pikepdf.String(meta.rights)
        self.pdf.trailer.Info = self.pdf.make_indirect(info)
        xmp = self.pdf.make_stream(_xmp(meta).encode("utf-8"))
        xmp.Type = pikepdf.Name.Metadata
        xmp.Subtype = pikepdf.Name.XML
        root.Metadata = xmp


def _xmp(meta: Meta) -> str:
    """The XMP packet: title, authors, language, dates, and the PDF/UA-1 identifier."""
    date = f"{meta.date:%Y-%m-%d}T00:00:00Z"
    authors = "".join(f"<rdf:li>{escape(a)}</rdf:li>" for a in meta.authors)
    creator = f"<dc:creator><rdf:Seq>{authors}</rdf:Seq></dc:creator>" if authors else ""
    rights = (f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.rights)}'
              "</rdf:li></rdf:Alt></dc:rights>" if meta.rights else "")
    description = (f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
                   f"{escape(meta.description)}</rdf:li></rdf:Alt></dc:description>"
                   if meta.description else "")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li>'
        f"</rdf:Alt></dc:title>{creator}{description}{rights}"
        f"<dc:language><rdf:Bag><rdf:li>{escape(meta.lang)}</rdf:li></rdf:Bag></dc:language>"
        f"<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>"
        f"<xmp:CreatorTool>lectern {__version__}</xmp:CreatorTool>"
        f"<pdf:Producer>lectern {__version__}</pdf:Producer>"
        "<pdfuaid:part>1</pdfuaid:part>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>')
