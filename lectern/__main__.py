"""Run lectern as `python -m lectern`."""

from .cli import run

run()
