"""lectern's version: a module of its own, so that writers can name it without the package."""

__version__ = "0.1.0"
