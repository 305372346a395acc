"""Run lectern as `python -m lectern`."""

import sys

from .cli import main

sys.exit(main())
