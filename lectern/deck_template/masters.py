"""One master for the deck, chosen on purpose, and the layouts a `deck: layouts:` mapping
names (a layout's name, "Master / Layout", or a master and a layout)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from .roles import coverage, name_key
from .types import ROLES, Layout, Master


class MappingError(Exception):
    """A mapping or `deck: master:` that names what the template does not have, or a layout
    name found under several masters; `role` is the entry's kind of slide, or "master"."""

    def __init__(self, role: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.role, self.message, self.hint = role, message, hint


@dataclass(frozen=True)
class MasterLayouts:
    """A master of the template, its layouts in order, and how many pictures they carry."""

    index: int  # 0 = the first
    name: str
    layouts: tuple[Layout, ...]
    pictures: int = 0

    @property
    def titled(self) -> bool:
        """Whether any of its layouts has a title placeholder (a deck can be built on it)."""
        return any(lay.title is not None for lay in self.layouts)

    @property
    def label(self) -> str:
        """How messages name the master: its name, else its number."""
        return self.name or f"master {self.index + 1}"


@dataclass(frozen=True)
class Entry:
    """One entry of the mapping: a kind of slide, a layout's name and perhaps its master."""

    role: str
    layout: str
    master: str = ""


def find_master(masters: Sequence[MasterLayouts], ref: str) -> MasterLayouts | None:
    """The master a reference names: by its name first, else by its 1-based number."""
    key = name_key(ref)
    named = next((m for m in masters if m.name and name_key(m.name) == key), None)
    if named is not None:
        return named
    if ref.strip().isdigit() and 1 <= int(ref) <= len(masters):
        return masters[int(ref) - 1]
    return None


def explicit_master(masters: Sequence[MasterLayouts], ref: str) -> MasterLayouts:
    """The master `deck: master:` names, or a MappingError listing the masters."""
    found = find_master(masters, ref)
    if found is None:
        raise MappingError("master", f"the deck template has no master '{ref}'; it has "
                           + _listing(masters), "name a master or give its number")
    if not found.titled:
        raise MappingError("master", f"no layout of the master '{found.label}' has a title "
                           "placeholder, so lectern cannot build a deck on it; the template has "
                           + _listing(masters), "name another master")
    return found


def _listing(masters: Sequence[MasterLayouts]) -> str:
    return ", ".join(f"{m.index + 1} '{m.label}'" for m in masters)


def resolve(masters: Sequence[MasterLayouts], entries: Sequence[Entry],
            preferred: MasterLayouts | None) -> dict[str, Layout]:
    """The layout each mapping entry names. A name without a master is looked up under the
    master `deck: master:` names, else under every master; found under several, it is an
    error listing them."""
    return {e.role: _resolve_one(masters, e, preferred) for e in entries}


def _resolve_one(masters: Sequence[MasterLayouts], entry: Entry,
                 preferred: MasterLayouts | None) -> Layout:
    if entry.master:
        master = find_master(masters, entry.master)
        if master is None:
            raise MappingError(entry.role, f"the deck template has no master "
                               f"'{entry.master}' for {entry.role} slides; it has "
                               + _listing(masters))
        return _under(master, entry.layout, entry.role)
    split = _split(masters, entry.layout)
    if split is not None:
        return split
    key = name_key(entry.layout)
    candidates = [(m, lay) for m in masters for lay in m.layouts if name_key(lay.name) == key]
    if not candidates:
        named = _named_master(masters, entry.layout)
        if named is not None:  # "Master / Layout" with a layout that master lacks
            return _under(named[0], named[1], entry.role)
        raise MappingError(entry.role, f"the deck template has no layout named "
                           f"'{entry.layout}' for {entry.role} slides; it offers "
                           + _offered(masters))
    under = list(dict.fromkeys(m.index for m, _ in candidates))
    if len(under) > 1 and preferred is not None and preferred.index in under:
        return next(lay for m, lay in candidates if m.index == preferred.index)
    if len(under) > 1:
        names = ", ".join(f"'{_ref(m, masters)} / {lay.name}'" for m, lay in candidates)
        first = candidates[0][0]
        raise MappingError(entry.role, f"the layout '{entry.layout}' for {entry.role} slides "
                           f"is under {len(under)} masters of the deck template: {names}",
                           f"name the master, e.g. \"{_ref(first, masters)} / {entry.layout}\" "
                           f"or {{master: {first.index + 1}, layout: {entry.layout}}}")
    return candidates[0][1]


def _ref(master: MasterLayouts, masters: Sequence[MasterLayouts]) -> str:
    """How a mapping can name the master: its name where no other has it, else its number."""
    key = name_key(master.name)
    shared = sum(name_key(m.name) == key for m in masters) > 1
    return str(master.index + 1) if shared or not master.name else master.name


def _splits(masters: Sequence[MasterLayouts], text: str
            ) -> Iterator[tuple[MasterLayouts, str]]:
    """Each way "Master / Layout" can be read: a master named before a slash (layout names
    may hold one too), and the name after it."""
    for at, char in enumerate(text):
        if char == "/":
            master = find_master(masters, text[:at].strip())
            if master is not None:
                yield master, text[at + 1:].strip()


def _split(masters: Sequence[MasterLayouts], text: str) -> Layout | None:
    """The layout "Master / Layout" names, if any reading of it finds one."""
    for master, name in _splits(masters, text):
        key = name_key(name)
        chosen = next((lay for lay in master.layouts if name_key(lay.name) == key), None)
        if chosen is not None:
            return chosen
    return None


def _named_master(masters: Sequence[MasterLayouts], text: str
                  ) -> tuple[MasterLayouts, str] | None:
    """The first master a "Master / Layout" text names, and the layout's name."""
    return next(_splits(masters, text), None)


def _under(master: MasterLayouts, name: str, role: str) -> Layout:
    key = name_key(name)
    chosen = next((lay for lay in master.layouts if name_key(lay.name) == key), None)
    if chosen is None:
        raise MappingError(role, f"the master '{master.label}' of the deck template has no "
                           f"layout named '{name}' for {role} slides; it offers "
                           + ", ".join(f"'{n}'" for n in _names(master)))
    return chosen


def _names(master: MasterLayouts) -> list[str]:
    return list(dict.fromkeys(lay.name for lay in master.layouts))


def _offered(masters: Sequence[MasterLayouts]) -> str:
    if len(masters) == 1:
        return ", ".join(f"'{n}'" for n in _names(masters[0]))
    return "; ".join(f"under '{m.label}': " + ", ".join(f"'{n}'" for n in _names(m))
                     for m in masters)


def choose(masters: Sequence[MasterLayouts], explicit: MasterLayouts | None,
           mapped: Mapping[str, Layout], samples: Sequence[int]) -> Master:
    """The master the deck is built on, and why: the one `deck: master:` names; the one the
    whole mapping lies under; the one whose layouts the template's own slides use most (the
    first of those on a tie);
    the one whose layouts serve the most kinds of slide by their names and types, with the
    template's pictures; else the first."""
    count = len(masters)

    def chosen(master: MasterLayouts, reason: str) -> Master:
        return Master(master.index, master.label, reason, count)

    if explicit is not None:
        return chosen(explicit, "deck: master: names it")
    # Only a master with a layout that has a title placeholder can carry a deck.
    usable = [m for m in masters if m.titled]
    if len(usable) == 1:
        return chosen(usable[0], "the template's only master" if count == 1 else
                      "the only master with a layout that has a title placeholder")
    under = {lay.master for lay in mapped.values()} & {m.index for m in usable}
    if len(under) == 1:
        return chosen(masters[next(iter(under))], "your deck: layouts: mapping's layouts are "
                      "under it")
    sampled = Counter(i for i in samples if masters[i].titled)
    if sampled:
        best = max(sampled, key=lambda i: (sampled[i], -i))
        return chosen(masters[best], "the template's own slides use its layouts")
    scores = {m.index: (coverage(m.layouts), m.pictures > 0) for m in usable}
    best = max(scores, key=lambda i: (scores[i], -i))
    served, pictured = scores[best]
    if list(scores.values()).count(scores[best]) == len(scores):
        return chosen(usable[0], "the first master; no other serves more kinds of slide")
    alike = sum(s == served for s, _ in scores.values()) > 1
    reason = (f"its layouts serve {'as many' if alike else 'the most'} kinds of slide by their "
              f"types and names ({served} of {len(ROLES)}{', as many as any' if alike else ''})")
    if pictured:
        reason += " and carry the template's pictures"
    return chosen(masters[best], reason)
