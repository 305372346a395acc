"""YAML with positions: compose safely, validate against the schema, keep each value's place."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from .. import limits
from ..diagnostics import Collector, did_you_mean
from ..model import PartialDate, SourcePos
from .files import unusable_character
from .lines import Lines
from .longwords import warn_long_words
from .schema import Field
from .yamlslips import Slip, fixed, scan

# libyaml's loader composes the same nodes with the same marks, several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


@dataclass(frozen=True)
class YObj:
    """A validated mapping: values by field name, and where each came from."""

    pos: SourcePos
    values: dict[str, Any] = field(default_factory=dict)
    positions: dict[str, SourcePos] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def at(self, name: str) -> SourcePos:
        return self.positions.get(name, self.pos)


@dataclass(frozen=True)
class Located:
    """A list item with its position."""

    value: Any
    pos: SourcePos


def position(file: str, node: yaml.Node, lines: Lines) -> SourcePos:
    """Where a node starts. YAML's own line count also breaks at U+0085, U+2028 and U+2029;
    the mark's character offset gives the line an editor shows."""
    return SourcePos(file, *lines.place(node.start_mark.index))


def compose(text: str, file: str, diag: Collector, line_offset: int = 0) -> yaml.Node | None:
    """Compose YAML text into a node tree (no objects are constructed); report syntax errors.

    Every slip an author makes line by line (yamlslips) is reported at once, each with its
    line corrected; the text is then read with those corrections, so that one run finds the
    problems after them too. libyaml composes; when it finds an error, PyYAML's own parser
    reads the text again for its clearer message.
    """
    slips = scan(text)
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError:
        pass
    else:
        _report_slips([s for s in slips if not s.syntax], file, line_offset, diag)
        return node
    syntax = [s for s in slips if s.syntax]
    if not syntax:
        return _compose_slowly(text, file, diag, line_offset)
    _report_slips(slips, file, line_offset, diag)
    # Read on with every correction made, sure or not: what is left is the next problem.
    corrected = fixed(text, [replace(s, certain=True) for s in syntax])
    quiet = Collector()
    node = _compose_slowly(corrected, file, quiet, line_offset)
    reported = {s.line + line_offset for s in syntax}
    diag.extend(d for d in quiet.items if d.pos.line not in reported)
    return node


def _report_slips(slips: list[Slip], file: str, line_offset: int, diag: Collector) -> None:
    """Each slip as a diagnostic that shows the line and the line corrected: an error when
    YAML refuses the line, else a warning (YAML reads something the author did not mean)."""
    for slip in slips:
        pos = SourcePos(file, slip.line + line_offset, slip.col)
        fix = "`lectern check --fix` makes this change" if slip.certain else \
            "if that is what you meant"
        message = f"YAML{' syntax' if slip.syntax else ''}: {slip.message}: `{slip.before.strip()}`"
        after = slip.after.strip()
        hint = f"write `{after}`; {fix}" if after != slip.before.strip() else \
            f"indent it with {len(slip.after) - len(slip.after.lstrip())} spaces; {fix}"
        (diag.error if slip.syntax else diag.warning)(pos, message, hint)


def _compose_slowly(text: str, file: str, diag: Collector, line_offset: int) -> yaml.Node | None:
    """Compose with PyYAML's own parser, reporting its error, if any."""
    try:
        # What libyaml refuses but PyYAML reads (an escape for half a surrogate pair) is
        # taken from PyYAML: the checks on its values then say what is wrong, and where.
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        diag.error(SourcePos(file, line_offset + 1, 1), "the YAML is nested too deeply",
                   "lectern's files need only a few levels of indentation")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        lines = Lines(text, line_offset + 1)
        line, col = lines.place(mark.index) if mark else (line_offset + 1, 1)
        problem = exc.problem or "invalid YAML"
        hint = "check indentation, and quote text that contains ': ' or starts with a symbol"
        if "'\\t'" in problem:
            problem, hint = "a tab where YAML expects spaces", "indent with spaces, not tabs"
        hint = _separator_hint(text, mark.index if mark else len(text), lines) or hint
        diag.error(SourcePos(file, line, col), f"YAML syntax: {problem}", hint)
    except yaml.YAMLError as exc:
        diag.error(SourcePos(file, line_offset + 1, 1), f"YAML syntax: {exc}")
    return None


# What YAML ends a line at besides '\n' and '\r' (editors do not), with its escape in a
# double-quoted YAML string.
_YAML_BREAKS = {"\x85": ("next line", "\\N"), "\u2028": ("line separator", "\\L"),
                "\u2029": ("paragraph separator", "\\P")}
_YAML_BREAK = re.compile("[\x85\u2028\u2029]")


def _separator_hint(text: str, end: int, lines: Lines) -> str:
    """A hint naming the first character before `end` that YAML reads as a line end and an
    editor does not (the syntax error is likely its doing), or ''."""
    found = _YAML_BREAK.search(text, 0, end)
    if found is None:
        return ""
    name, escape = _YAML_BREAKS[found.group()]
    line, col = lines.place(found.start())
    return (f"YAML ends a line at the invisible {name} U+{ord(found.group()):04X} on line "
            f"{line}, column {col}; delete it, or write it as {escape} in double quotes")


class Validator:
    """Turns a composed node into plain values, checking them against schema fields."""

    def __init__(self, file: str, diag: Collector, text: str, line_offset: int = 0) -> None:
        """`text` is what was composed, its first line at `line_offset` + 1 in `file`."""
        self.file = file
        self.diag = diag
        self.lines = Lines(text, line_offset + 1)
        self.seen: set[int] = set()

    def pos(self, node: yaml.Node) -> SourcePos:
        return position(self.file, node, self.lines)

    def _visit(self, node: yaml.Node) -> bool:
        if node.tag not in ALLOWED_TAGS:
            self.diag.error(self.pos(node), f"the YAML tag '{node.tag}' is not allowed",
                            "remove the '!' tag; lectern reads plain values only")
            return False
        if id(node) in self.seen:
            self.diag.error(self.pos(node), "YAML aliases (*name) are not supported",
                            "write the value out again")
            return False
        self.seen.add(id(node))
        if len(self.seen) > limits.MAX_YAML_VALUES:
            self.diag.error(self.pos(node),
                            f"more than {limits.MAX_YAML_VALUES} YAML values in one file")
            return False
        bad = unusable_character(node.value) if isinstance(node, yaml.ScalarNode) else None
        if bad:  # only an escape ("\0", "\x07", "\uFFFE") can put one here: files are checked
            self.diag.error(self.pos(node), f"{bad[1]} cannot be printed",
                            "remove the escape that makes it")
            return False
        if isinstance(node, yaml.ScalarNode):
            warn_long_words(node.value, self.pos(node), self.diag)
        return True

    def mapping(self, node: yaml.Node, fields: tuple[Field, ...], what: str) -> YObj | None:
        if not isinstance(node, yaml.MappingNode):
            self.diag.error(self.pos(node), f"{what} must be a mapping of 'key: value' lines")
            return None
        if not self._visit(node):
            return None
        by_name = {f.name: f for f in fields}
        obj = YObj(self.pos(node))
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_pos = self.pos(key_node)
            if not isinstance(key, str):
                self.diag.error(key_pos, f"keys in {what} must be plain words")
                continue
            spec = by_name.get(key)
            if spec is None:
                hint = did_you_mean(key, by_name) or "known keys: " + ", ".join(by_name)
                self.diag.error(key_pos, f"unknown key '{key}' in {what}", hint)
                continue
            if key in obj.values:
                self.diag.error(key_pos, f"'{key}' is given twice in {what}")
                continue
            if _is_null(value_node):
                if spec.required:
                    self.diag.error(key_pos, f"'{key}' in {what} is empty", spec.description)
                continue
            value = self.value(value_node, spec, what)
            if value is not None:
                obj.values[key] = value
                obj.positions[key] = self.pos(value_node)
        for spec in fields:
            if spec.required and spec.name not in obj.values and not any(
                isinstance(k, yaml.ScalarNode) and k.value == spec.name for k, _ in node.value
            ):
                self.diag.error(obj.pos, f"{what} is missing required '{spec.name}'",
                                spec.description)
        return obj

    def value(self, node: yaml.Node, spec: Field, what: str) -> Any:
        label = f"'{spec.name}' in {what}"
        if node.tag not in ALLOWED_TAGS:
            self._visit(node)  # reports the tag
            return None
        if spec.kind == "object" or (spec.kind == "text-or-object" and
                                     isinstance(node, yaml.MappingNode)):
            return self.mapping(node, spec.fields, f"'{spec.name}'")
        if spec.kind == "objects":
            return self.objects(node, spec, label)
        if spec.kind == "texts":
            return self.texts(node, spec, label)
        if not isinstance(node, yaml.ScalarNode):
            self.diag.error(self.pos(node), f"{label} must be a single value, not a "
                            f"{'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            return None
        return self.scalar(node, spec, label)

    def scalar(self, node: yaml.ScalarNode, spec: Field, label: str) -> Any:
        if not self._visit(node):
            return None
        raw = node.value
        tag = node.tag.rsplit(":", 1)[-1]
        pos = self.pos(node)
        if spec.kind == "bool":
            if tag != "bool":
                self.diag.error(pos, f"{label} must be true or false, not '{raw}'")
                return None
            return raw.lower() in ("true", "yes", "on")
        if spec.kind == "date":
            try:
                return dt.date.fromisoformat(raw.strip())
            except ValueError:
                self.diag.error(pos, f"{label}: '{raw}' is not a valid date",
                                "write it as YYYY-MM-DD, e.g. 2017-11-07")
                return None
        if spec.kind == "partial-date":
            parsed = parse_partial_date(raw.strip())
            if parsed is None:
                self.diag.error(pos, f"{label}: '{raw}' is not a valid date",
                                "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1917-02-27")
            return parsed
        if tag == "bool" and spec.kind in ("text", "path", "enum", "text-or-object"):
            self.diag.error(pos, f"{label} must be text, not the truth value '{raw}'",
                            "put it in quotes")
            return None
        if not self._length(node, spec, label):
            return None
        if spec.one_line and "\n" in raw.strip():
            self.diag.warning(pos, f"{label} should be one line", "join its lines")
        text = raw
        if spec.kind == "enum" and text not in spec.choices:
            hint = did_you_mean(text, spec.choices) or "one of: " + ", ".join(spec.choices)
            self.diag.error(pos, f"{label}: '{text}' is not allowed", hint)
            return None
        return text

    def texts(self, node: yaml.Node, spec: Field, label: str) -> tuple[Located, ...] | None:
        if isinstance(node, yaml.ScalarNode):
            ok = self._visit(node) and self._length(node, spec, label)
            return (Located(node.value, self.pos(node)),) if ok else None
        if not isinstance(node, yaml.SequenceNode):
            self.diag.error(self.pos(node), f"{label} must be a list of text lines")
            return None
        if not self._visit(node):
            return None
        if not self._count(node, spec, label):
            return None
        out = []
        for item in node.value:
            if isinstance(item, yaml.MappingNode) and spec.fields:
                entry = self.mapping(item, spec.fields, f"this entry of {label}")
                if entry is not None:
                    out.append(Located(entry, self.pos(item)))
            elif isinstance(item, yaml.ScalarNode) and not _is_null(item):
                if self._visit(item) and self._length(item, spec, label):
                    out.append(Located(item.value, self.pos(item)))
            else:
                self.diag.error(self.pos(item), f"each entry of {label} must be one line of text",
                                "quote text that contains ': '")
        return tuple(out)

    def _count(self, node: yaml.SequenceNode, spec: Field, label: str) -> bool:
        """Check a list's length against its field's bounds; False when it is over the limit
        (reported at the first entry too many; the entries are then not read at all)."""
        count = len(node.value)
        if spec.max_items and count > spec.max_items:
            self.diag.error(self.pos(node.value[spec.max_items]),
                            f"{label} has {count} entries; the limit is {spec.max_items}")
            return False
        if spec.advised_items and count > spec.advised_items:
            self.diag.warning(self.pos(node.value[spec.advised_items]),
                              f"{label} has {count} entries; {spec.advised_items} fit one slide",
                              "the others continue on another slide; consider fewer")
        if spec.required and count == 0:
            self.diag.error(self.pos(node), f"{label} is empty", spec.description)
        return True

    def _length(self, node: yaml.ScalarNode, spec: Field, label: str) -> bool:
        """True when a text value is within its field's length limit (else it is reported)."""
        if len(node.value) <= spec.max_length:
            return True
        self.diag.error(self.pos(node), f"{label} is {len(node.value):,} characters long; the "
                        f"limit is {spec.max_length:,}", "shorten it")
        return False

    def objects(self, node: yaml.Node, spec: Field, label: str) -> Any:
        if isinstance(node, yaml.ScalarNode) and spec.from_file:
            return Located(node.value, self.pos(node))  # a file name, read by the caller
        if not isinstance(node, yaml.SequenceNode):
            self.diag.error(self.pos(node), f"{label} must be a list of entries")
            return None
        if not self._visit(node) or not self._count(node, spec, label):
            return None
        singular = spec.name.rstrip("s") if spec.name != "glossary" else "glossary entry"
        items = (self.mapping(item, spec.fields, f"this {singular}") for item in node.value)
        return tuple(i for i in items if i is not None)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> PartialDate | None:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; None when it is no real date."""
    match = _PARTIAL.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)
