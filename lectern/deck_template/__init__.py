"""The deck template: read once per build (an allow-listed package), its layouts found by role,
its styles and colours described, and handed to the planner and the deck writer as data."""

from .layouts import largest_free
from .package import TemplateError
from .read import load, load_own, read_manifest, read_template, region_box
from .report import report
from .types import (
                    FALLBACK_FONT,
                    IN,
                    KIND_ROLES,
                    ROLES,
                    STYLE_KEYS,
                    TEMPLATE,
                    BulletStyle,
                    Colour,
                    Colours,
                    DeckTemplate,
                    Font,
                    Ladders,
                    Layout,
                    LevelStyle,
                    Plate,
                    Spacing,
                    TextStyle,
)

__all__ = ["FALLBACK_FONT", "IN", "KIND_ROLES", "ROLES", "STYLE_KEYS", "TEMPLATE",
           "BulletStyle", "Colour", "Colours", "DeckTemplate", "Font", "Ladders", "Layout",
           "LevelStyle", "Plate", "Spacing", "TemplateError", "TextStyle",
           "largest_free", "load", "load_own", "read_manifest", "read_template", "region_box",
           "report"]
