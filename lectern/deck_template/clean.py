"""The allow-list: walk a template package from its presentation part and keep only the
parts and relationships lectern can use, relinked and zipped anew."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import package as pk

P = pk.P_NS
R_ID = f"{{{pk.R_NS}}}id"


@dataclass
class Clean:
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

    def run(self) -> Clean:
        main = self._main()
        queue = [(main, "main")]
        while queue:
            partname, role = queue.pop(0)
            if partname in self.roles:
                continue
            self.roles[partname] = role
            if role == pk.RT_IMAGE:
                self.images[partname] = self.pkg.blob(partname)
                continue
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
        tree = self.pkg.xml(partname)
        allowed = pk.ALLOWED.get(role, set())
        kept: list[tuple[str, str, str]] = []
        dropped_ids: set[str] = set()
        follow = []
        for rel in self.pkg.rels(partname):
            if rel.external:
                self.dropped.add("links to files outside it")
                dropped_ids.add(rel.rid)
            elif rel.reltype not in allowed or not self.pkg.has(rel.target):
                if rel.reltype not in allowed:
                    self.dropped.add(pk.dropped_name(rel.reltype))
                dropped_ids.add(rel.rid)
            elif rel.reltype == pk.RT_IMAGE and self._image_type(rel.target) is None:
                self.dropped.add("pictures lectern cannot check")
                dropped_ids.add(rel.rid)
            else:
                kept.append((rel.rid, rel.reltype, rel.target))
                if rel.reltype != pk.RT_MASTER or role != pk.RT_LAYOUT:
                    follow.append((rel.target, rel.reltype))
        self.dropped.discard("")
        pk.scrub(tree, dropped_ids)
        self.trees[partname] = tree
        self.kept_rels[partname] = kept
        return follow

    def _image_type(self, partname: str) -> str | None:
        ext = partname.rsplit(".", 1)[-1].lower()
        return pk.IMAGE_TYPES.get(ext)

    def _masters(self, main: str) -> list[tuple[str, list[str]]]:
        """Masters in presentation order, each with the layouts its list links."""
        tree = self.trees[main]
        targets = {rid: t for rid, rt, t in self.kept_rels[main] if rt == pk.RT_MASTER}
        out: list[tuple[str, list[str]]] = []
        for entry in tree.iter(f"{{{P}}}sldMasterId"):
            master = targets.get(entry.get(R_ID, ""))
            if master is None or master not in self.trees or any(master == o for o, _ in out):
                continue
            layout_targets = {rid: t for rid, rt, t in self.kept_rels[master]
                              if rt == pk.RT_LAYOUT}
            layouts = []
            for item in self.trees[master].iter(f"{{{P}}}sldLayoutId"):
                layout = layout_targets.get(item.get(R_ID, ""))
                if layout in self.trees and layout not in layouts:
                    layouts.append(layout)
            listed = set(layouts)
            # Layouts related to a master but missing from its list are not offered.
            self.kept_rels[master] = [r for r in self.kept_rels[master]
                                      if r[1] != pk.RT_LAYOUT or r[2] in listed]
            if layouts:
                out.append((master, layouts))
        return out

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
        rid = next(f"rId{n}" for n in range(1, 10000) if f"rId{n}" not in used)
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
