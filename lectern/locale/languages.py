"""The languages lectern speaks, by language and by region."""

from . import Locale, de, en, es, fr, it, nl, pl, pt, ru, uk

_MODULES = (en, ru, uk, de, fr, es, it, pt, pl, nl)

LANGUAGES: dict[str, Locale] = {mod.LOCALE.tag: mod.LOCALE for mod in _MODULES}
REGIONS: dict[str, Locale] = {tag: loc for mod in _MODULES
                              for tag, loc in getattr(mod, "REGIONS", {}).items()}
