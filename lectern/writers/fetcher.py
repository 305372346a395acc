"""The booklet's sandboxed fetcher lives in lectern.writers.weasy.fetcher; this name stays for
the slides PDF writer, which imports it from here."""

from .weasy.fetcher import FetchRefused, SandboxFetcher

__all__ = ["FetchRefused", "SandboxFetcher"]
