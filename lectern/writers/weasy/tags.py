"""The structure tree PDF/UA asks for, where WeasyPrint 70's falls short.

While a tagged booklet is written (`tagging(document)`), WeasyPrint's tagging is mended:

- A decorative picture (`role="presentation"`) is drawn as an Artifact.
- Running heads and folios (margin boxes) are drawn as Artifacts. WeasyPrint 70 marks them
  as content and leaves them out of the tree (WeasyPrint issue 1836), so a screen reader
  met content no structure element owns.
- A footnote is a Note (with the ID PDF/UA asks for), its call a Reference.
- A glossary entry (`<div>` around `<dt>` and `<dd>` in a `<dl>`) is one list item, the
  term its label, the definition its body, not a Div inside the list.
- A list item's paragraphs (a loose Markdown list) go into its LBody, not beside its label.
- A link's own pseudo-elements (the contents page's leader and page number) stay inside
  its one Link instead of making a Link inside the Link; their annotations move to it.
- An element's `lang` becomes the Lang of its structure element.
- A header cell gets the Scope WeasyPrint leaves to the data cells' Headers.
- A word hyphenated at a line end carries ActualText: the line with the hyphen reads as
  the whole word, the next line without its start, so that search, copy and read-aloud
  meet "revolution", not "revo-" and "lution".

Each part checks that the WeasyPrint in use is the one it was written for; on another it
is left out with a warning, and WeasyPrint's own tree is written.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .version import WEASYPRINT, written_for

_FIRST_WORD = re.compile(r"\S*")


def pdf_options(tagged: bool) -> dict[str, Any]:
    """The options WeasyPrint renders and writes a booklet with."""
    # Custom metadata: the lecture's licence and credit go in the document's Rights entry.
    return {"pdf_variant": "pdf/ua-1", "custom_metadata": True} if tagged else {
        "custom_metadata": True}


@dataclass
class _Plan:
    """What the patched tagging needs to know about the document being written."""

    artifacts: set[int] = field(default_factory=set)  # ids of boxes drawn in margin boxes
    actual: dict[int, str] = field(default_factory=dict)  # text box id -> ActualText
    terms: set[int] = field(default_factory=set)  # ids of the LI made for a <dt>
    footnotes: set[int] = field(default_factory=set)  # ids of footnote boxes
    notes: int = 0


_plan: _Plan | None = None


@contextlib.contextmanager
def tagging(document: Any, tagged: bool) -> Iterator[None]:
    """While the block writes `document`, tag it as the module docstring says."""
    global _plan
    if not tagged or not written_for("structure tree repairs", "weasyprint", WEASYPRINT):
        yield
        return
    from weasyprint.pdf import tags
    from weasyprint.pdf.stream import Stream

    saved = (Stream.marked, tags._build_box_tree)
    _plan = _planned(document.pages)
    Stream.marked = _marked(Stream.marked)
    tags._build_box_tree = _build(tags._build_box_tree)
    try:
        yield
    finally:
        Stream.marked, tags._build_box_tree = saved
        _plan = None


def _planned(pages: list[Any]) -> _Plan:
    from weasyprint.formatting_structure import boxes

    plan = _Plan()
    flows: dict[str, list[Any]] = {"body": [], "notes": []}
    for page in pages:
        for child in page._page_box.children:
            inside = list(child.descendants())
            if isinstance(child, boxes.MarginBox):
                plan.artifacts.update(id(box) for box in inside)
                continue
            notes = isinstance(child, boxes.FootnoteAreaBox)
            if notes:
                plan.footnotes.update(id(note) for note in child.children)
            flows["notes" if notes else "body"].extend(
                box for box in inside if isinstance(box, boxes.TextBox))
            plan.artifacts.update(
                id(box) for box in inside if isinstance(box, boxes.ReplacedBox)
                and box.element is not None and box.element.get("role") == "presentation")
    for flow in flows.values():
        _hyphenated(flow, plan.actual)
    return plan


def _hyphenated(text_boxes: list[Any], actual: dict[int, str]) -> None:
    """ActualText for each text box ending in a hyphen WeasyPrint added, and the next."""
    for box, after in itertools.pairwise(text_boxes):
        hyphen = box.style["hyphenate_character"]
        if box.style["hyphens"] == "none" or not hyphen or not box.text.endswith(hyphen):
            continue
        rest = actual.get(id(after), after.text)
        start = _FIRST_WORD.match(rest)
        tail = start.group(0) if start else ""
        actual[id(box)] = actual.get(id(box), box.text)[:-len(hyphen)] + tail
        actual[id(after)] = rest[len(tail):]


def _marked(original: Any) -> Any:
    import pydyf

    @contextlib.contextmanager
    def marked(stream: Any, box: Any, tag: str) -> Iterator[None]:
        plan = _plan
        if plan is None or stream._tags is None:
            with original(stream, box, tag):
                yield
        elif id(box) in plan.artifacts:
            with stream.artifact():
                yield
        elif id(box) in plan.actual:
            mcid = len(stream._tags)
            stream._tags[box] = {"tag": tag, "mcid": mcid}
            stream.begin_marked_content(tag, pydyf.Dictionary(
                {"MCID": mcid, "ActualText": pydyf.String(plan.actual[id(box)])}))
            try:
                yield
            finally:
                stream.end_marked_content()
        else:
            with original(stream, box, tag):
                yield

    return marked


def _build(original: Any) -> Any:
    import pydyf
    from weasyprint.formatting_structure import boxes

    def build(box: Any, parent: Any, pdf: Any, page_number: int, nums: Any,
              annotations: list[Any], tags: Any) -> Iterator[Any]:
        plan = _plan
        if isinstance(box, boxes.MarginBox) or (plan is not None and id(box) in plan.artifacts):
            return  # drawn as an Artifact: nothing of it belongs in the tree
        for element in original(box, parent, pdf, page_number, nums, annotations, tags):
            if plan is None or not isinstance(element, pydyf.Dictionary):
                yield element
                continue
            kind = element.get("S")
            own = box.element is not None and box.element_tag not in ("html", "body")
            if own:
                _describe(element, box, plan)
            if box.element_tag == "dt" and kind == "/LI":
                plan.terms.add(id(element))
            if kind == "/Link" and parent.get("S") == "/Link":
                _into_link(element, parent, pdf, annotations)
            elif kind == "/Div" and parent.get("S") == "/L":
                _as_item(element, pdf, plan)
            if element.get("S") == "/LI":
                _bodied(element, pdf, page_number)
            yield element

    return build


def _describe(element: Any, box: Any, plan: _Plan) -> None:
    """Lang, Note, Reference and header scope, from the element the box was made for."""
    import pydyf

    lang = box.element.get("lang")
    if lang and not box.element_tag.endswith(("::before", "::after", "::marker")):
        element["Lang"] = pydyf.String(lang)
    if box.element_tag.endswith("::footnote-call"):
        element["S"] = "/Reference"
    elif id(box) in plan.footnotes:
        plan.notes += 1
        element["S"] = "/Note"
        element["ID"] = pydyf.String(f"note-{plan.notes}")
    elif element.get("S") == "/TH" and isinstance(element.get("A"), pydyf.Dictionary):
        scope = box.element.get("scope")
        element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"


def _object(pdf: Any, reference: Any) -> Any:
    """The pydyf object a reference (b"12 0 R") names, or None for an MCID."""
    if isinstance(reference, bytes):
        return pdf.objects[int(reference.split()[0])]
    return None


def _into_link(element: Any, link: Any, pdf: Any, annotations: list[Any]) -> None:
    """Make a Link inside `link` a Span; its annotations become the outer Link's."""
    element["S"] = "/Span"
    kept = []
    for kid in element["K"]:
        found = _object(pdf, kid)
        if found is not None and found.get("Type") == "/OBJR":
            link["K"].append(kid)
            annotations[:] = [(link.reference if owner == element.reference else owner, a)
                              for owner, a in annotations]
        else:
            kept.append(kid)
    element["K"] = type(element["K"])(kept)


def _as_item(element: Any, pdf: Any, plan: _Plan) -> None:
    """A Div inside a list (a glossary entry) as one LI: its term's body the label, its
    definition's body the body; the LI WeasyPrint made around each are emptied."""
    element["S"] = "/LI"
    kids = []
    for kid in element["K"]:
        item = _object(pdf, kid)
        if item is None or item.get("S") != "/LI":
            kids.append(kid)
            continue
        for inner in item["K"]:
            body = _object(pdf, inner)
            if body is not None and body.get("S") == "/LBody":
                if id(item) in plan.terms:
                    body["S"] = "/Lbl"
                body["P"] = element.reference
            kids.append(inner)
        item.clear()  # no longer in the tree; written as an empty dictionary
    element["K"] = type(element["K"])(kids)


def _bodied(item: Any, pdf: Any, page_number: int) -> None:
    """Put the kids of a list item that are neither Lbl nor LBody into one LBody."""
    import pydyf

    loose = [kid for kid in item["K"]
             if (found := _object(pdf, kid)) is None or found.get("S") not in ("/Lbl", "/LBody")]
    if not loose:
        return
    body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(loose),
                             "Pg": pdf.page_references[page_number], "P": item.reference})
    pdf.add_object(body)
    for kid in loose:
        found = _object(pdf, kid)
        if found is not None:
            found["P"] = body.reference
    item["K"] = pydyf.Array([kid for kid in item["K"] if kid not in loose] + [body.reference])
