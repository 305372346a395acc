"""The allow-list: walk a template package from its presentation part and keep only the
parts and relationships lectern can use, relinked and zipped anew."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..limits import MAX_TEMPLATE_LAYOUTS, MAX_TEMPLATE_PICTURES, MAX_TEMPLATE_PIXELS
from . import package as pk
from .pictures import measure

P = pk.P_NS
A = f"{{{pk.A_NS}}}"
R_ID = f"{{{pk.R_NS}}}id"
# What each role is called in a message, and the root element its part must have.
ROLES = {"main": ("presentation", f"{{{P}}}presentation"),
         pk.RT_MASTER: ("slide master", f"{{{P}}}sldMaster"),
         pk.RT_LAYOUT: ("slide layout", f"{{{P}}}sldLayout"),
         pk.RT_NOTES_MASTER: ("notes master", f"{{{P}}}notesMaster"),
         pk.RT_THEME: ("theme", f"{A}theme"),
         pk.RT_PRES_PROPS: ("presentation properties", f"{{{P}}}presentationPr"),
         pk.RT_VIEW_PROPS: ("view properties", f"{{{P}}}viewPr"),
         pk.RT_TABLE_STYLES: ("table styles", f"{A}tblStyleLst"),
         pk.RT_IMAGE: ("picture", "")}


@dataclass
class Clean:
    """A template package after cleaning: the parts kept, their parsed XML and pictures."""

    parts: list[pk.CleanPart]
    trees: dict[str, Any]
    images: dict[str, bytes]
    main: str
    masters: list[tuple[str, list[str]]]  # master partname, its layouts in order
    themes: dict[str, str]  # master partname -> theme partname
    rels: dict[str, dict[str, str]]  # partname -> rId -> target partname
    dropped: set[str]
    content_types: dict[str, str]
    package: bytes = b""
    shapes_shown: int = 0  # by the layouts described so far, each counting its master's


class Cleaner:
    """Walks the template from its presentation part, keeping only allowed parts."""

    def __init__(self, package: pk.Package) -> None:
        self.pkg = package
        self.types = package.content_types()
        self.trees: dict[str, Any] = {}
        self.images: dict[str, bytes] = {}
        self.kept_rels: dict[str, list[tuple[str, str, str]]] = {}
        self.roles: dict[str, str] = {}
        self.dropped: set[str] = set()
        self.unusable: set[str] = set()  # pictures lectern cannot check
        self.pixels = 0

    def run(self) -> Clean:
        main = self._main()
        queue = [(main, "main")]
        while queue:
            partname, role = queue.pop(0)
            if partname in self.roles:
                continue
            self.roles[partname] = role
            queue.extend(self._visit(partname, role))
        masters = self._masters(main)
        if not masters:
            raise pk.TemplateError("it has no slide master with layouts",
                                   "save a presentation with its slide master as a template")
        self._presentation(main)
        for master, layouts in masters:
            for layout in layouts:
                self._relink_layout(layout, master)
        parts = self._parts(main, masters)
        rels = {p.partname: {rid: t for rid, _, t in p.rels} for p in parts}
        themes = {mp: t for mp, _ in masters for rid, rt, t in self.kept_rels[mp]
                  if rt == pk.RT_THEME}
        clean = Clean(parts, self.trees, self.images, main, masters, themes, rels,
                       self.dropped, self.types)
        clean.package = pk.zip_parts(parts)
        return clean

    def _main(self) -> str:
        main = None
        for rel in self.pkg.rels("/"):
            if rel.reltype == pk.RT_DOCUMENT and not rel.external and main is None:
                main = rel.target
            elif rel.external:
                self.dropped.add("links to files outside it")
            elif not rel.reltype.endswith(("/core-properties", "/extended-properties")):
                self.dropped.add(pk.dropped_name(rel.reltype))
        self.dropped.discard("")
        if main is None or not self.pkg.has(main):
            raise pk.TemplateError("it has no presentation part")
        ctype = self.types.get(main, self.types.get("." + main.rsplit(".", 1)[-1], ""))
        if ctype not in pk.MAIN_TYPES:
            raise pk.TemplateError("it is not a presentation (its main part is "
                                   f"{ctype or 'of no type'})")
        if pk.MAIN_TYPES[ctype]:
            self.dropped.add(pk.MAIN_TYPES[ctype])
        return main

    def _visit(self, partname: str, role: str) -> list[tuple[str, str]]:
        """Parse a part of a known role, keep its allowed relationships, scrub the rest, and
        return the parts it leads to with their roles."""
        tree = self.pkg.xml(partname)
        self._check_root(partname, role, tree)
        allowed = pk.ALLOWED.get(role, set())
        kept: list[tuple[str, str, str]] = []
        dropped_ids: set[str] = set()
        follow = []
        rels = self.pkg.rels(partname)
        self._check_ids(partname, rels)
        for rel in rels:
            if rel.external:
                self.dropped.add("links to files outside it")
                dropped_ids.add(rel.rid)
            elif rel.reltype not in allowed or not self.pkg.has(rel.target):
                if rel.reltype not in allowed:
                    self.dropped.add(pk.dropped_name(rel.reltype))
                dropped_ids.add(rel.rid)
            elif rel.reltype == pk.RT_IMAGE and not self._picture(partname, rel.target):
                self.dropped.add("pictures lectern cannot check")
                dropped_ids.add(rel.rid)
            else:
                self._check_role(partname, rel)
                kept.append((rel.rid, rel.reltype, rel.target))
                if rel.reltype != pk.RT_IMAGE and (rel.reltype != pk.RT_MASTER
                                                   or role != pk.RT_LAYOUT):
                    follow.append((rel.target, rel.reltype))
        self.dropped.discard("")
        pk.scrub(tree, dropped_ids)
        self.trees[partname] = tree
        self.kept_rels[partname] = kept
        return follow

    def _check_root(self, partname: str, role: str, tree: Any) -> None:
        """A part's root element is the one its role needs."""
        name, root = ROLES[role]
        if tree.tag != root:
            raise pk.TemplateError(f"its part {partname.lstrip('/')} is used as {_a(name)}, but "
                                   f"it holds {_what(tree.tag)}", _RESAVE)

    def _check_ids(self, partname: str, rels: list[pk.Rel]) -> None:
        seen: set[str] = set()
        for rel in rels:
            if rel.rid in seen:
                raise pk.TemplateError(f"its part {partname.lstrip('/')} has two relationships "
                                       f"with the id {rel.rid}", _RESAVE)
            seen.add(rel.rid)

    def _check_role(self, source: str, rel: pk.Rel) -> None:
        """The part a kept relationship points at has the content type its role needs (each
        role's type is its own, so no part serves two roles, and no part leads to itself)."""
        name = ROLES[rel.reltype][0]
        target = rel.target.lstrip("/")
        declared = self._declared(rel.target)
        needed = pk.XML_TYPES.get(rel.reltype, "image/")
        fits = declared.startswith(needed) if rel.reltype == pk.RT_IMAGE else declared == needed
        if rel.target == source:
            raise pk.TemplateError(f"its part {target} points at itself as {_a(name)}", _RESAVE)
        if not fits:
            raise pk.TemplateError(f"its part {source.lstrip('/')} points at {target} as "
                                   f"{_a(name)}, but {target} is {_kind(declared)}", _RESAVE)

    def _declared(self, partname: str) -> str:
        """The content type [Content_Types].xml gives a part."""
        ext = "." + partname.rsplit(".", 1)[-1].lower() if "." in partname else ""
        return self.types.get(partname, self.types.get(ext, ""))

    def _picture(self, source: str, partname: str) -> bool:
        """Whether a picture can be kept, measured from its header (once for all parts that
        use it); raise TemplateError for one over a limit."""
        if partname in self.images:
            return True
        if partname in self.unusable or self._image_type(partname) is None:
            return False
        self._check_role(source, pk.Rel("", pk.RT_IMAGE, partname, False))
        blob = self.pkg.blob(partname)
        found = measure(partname.lstrip("/"), blob)
        if found is None:
            self.unusable.add(partname)
            return False
        self.pixels += found.pixels
        if len(self.images) >= MAX_TEMPLATE_PICTURES:
            raise pk.TemplateError(f"it has more than {MAX_TEMPLATE_PICTURES} pictures "
                                   f"(reading {partname.lstrip('/')})",
                                   "delete the pictures its masters and layouts do not show")
        if self.pixels > MAX_TEMPLATE_PIXELS:
            raise pk.TemplateError(f"its pictures have more than "
                                   f"{MAX_TEMPLATE_PIXELS // 1_000_000} million pixels together "
                                   f"(reading {partname.lstrip('/')})",
                                   "save the template's pictures smaller")
        self.images[partname] = blob
        self.roles[partname] = pk.RT_IMAGE
        return True

    def _image_type(self, partname: str) -> str | None:
        ext = partname.rsplit(".", 1)[-1].lower()
        return pk.IMAGE_TYPES.get(ext)

    def _masters(self, main: str) -> list[tuple[str, list[str]]]:
        """Masters in presentation order, each with the layouts its list links."""
        tree = self.trees[main]
        out: list[tuple[str, list[str]]] = []
        for entry in tree.iter(f"{{{P}}}sldMasterId"):
            master = self._listed(main, entry, pk.RT_MASTER)
            if any(master == o for o, _ in out):
                continue
            layouts = []
            for item in self.trees[master].iter(f"{{{P}}}sldLayoutId"):
                layout = self._listed(master, item, pk.RT_LAYOUT)
                if layout not in layouts:
                    layouts.append(layout)
            listed = set(layouts)
            # Layouts related to a master but missing from its list are not offered.
            self.kept_rels[master] = [r for r in self.kept_rels[master]
                                      if r[1] != pk.RT_LAYOUT or r[2] in listed]
            if layouts:
                out.append((master, layouts))
        count = sum(len(layouts) for _, layouts in out)
        if count > MAX_TEMPLATE_LAYOUTS:
            raise pk.TemplateError(f"its masters have {count} layouts together; the limit is "
                                   f"{MAX_TEMPLATE_LAYOUTS}",
                                   "delete the layouts the lectures do not use")
        return out

    def _listed(self, owner: str, entry: Any, reltype: str) -> str:
        """The part an entry of a master or layout list points at, which must be a kept
        relationship of the list's kind (python-pptx follows each entry by its id)."""
        rid = entry.get(R_ID, "")
        found = [(rt, t) for r, rt, t in self.kept_rels[owner] if r == rid]
        if not found or found[0][0] != reltype or found[0][1] not in self.trees:
            what = ROLES[found[0][0]][0] if found else "no part it keeps"
            raise pk.TemplateError(f"its part {owner.lstrip('/')} lists {rid or 'an entry'} as "
                                   f"{_a(ROLES[reltype][0])}, but that relationship leads to "
                                   f"{_a(what) if found else what}", _RESAVE)
        return found[0][1]

    def _presentation(self, main: str) -> None:
        tree = self.trees[main]
        for name in pk.PRESENTATION_DROPPED:
            for element in tree.findall(f"{{{P}}}{name}"):
                tree.remove(element)
        for element in tree.findall(f"{{{P}}}sldIdLst"):
            for child in list(element):
                element.remove(child)
        if tree.find(f"{{{P}}}sldSz") is None:
            raise pk.TemplateError("it gives no slide size")

    def _relink_layout(self, layout: str, master: str) -> None:
        """A layout points back at the master that lists it, whatever it said before."""
        rels = [r for r in self.kept_rels[layout] if r[1] != pk.RT_MASTER]
        used = {r[0] for r in rels}
        # Of the len(used) + 1 ids rId1, rId2, ... one at least is free.
        rid = next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)
        self.kept_rels[layout] = [*rels, (rid, pk.RT_MASTER, master)]

    def _parts(self, main: str, masters: list[tuple[str, list[str]]]) -> list[pk.CleanPart]:
        """Every part reachable from the presentation through kept relationships."""
        order: list[str] = []
        stack = [main]
        while stack:
            name = stack.pop(0)
            if name in order:
                continue
            order.append(name)
            stack.extend(t for _, _, t in self.kept_rels.get(name, []))
        parts = []
        for name in order:
            if name in self.images:
                parts.append(pk.CleanPart(name, self._image_type(name) or "image/png",
                                          self.images[name], ()))
                continue
            role = self.roles[name]
            ctype = pk.CT_PRESENTATION if role == "main" else pk.XML_TYPES[role]
            parts.append(pk.CleanPart(name, ctype, pk.serialize(self.trees[name]),
                                      tuple(self.kept_rels[name])))
        return parts


_RESAVE = "save the template again from PowerPoint"
_KINDS = {**{ctype: ROLES[rt][0] for rt, ctype in pk.XML_TYPES.items()},
          **dict.fromkeys(pk.MAIN_TYPES, "presentation")}


def _kind(content_type: str) -> str:
    """A part's content type in the user's words, with an article."""
    if content_type.startswith("image/"):
        return "a picture"
    name = _KINDS.get(content_type)
    if name is None:
        return f"of the type {content_type}" if content_type else "of no declared type"
    return _a(name)


def _a(name: str) -> str:
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _what(tag: str) -> str:
    """What a root element says its part is."""
    for name, root in ROLES.values():
        if root and tag == root:
            return _a(name)
    return f"a <{tag.rsplit('}', 1)[-1]}> element"
