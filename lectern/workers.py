"""Worker processes that stop cleanly: on Ctrl-C or SIGTERM, and when their parent dies."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from types import FrameType
from typing import Any

PR_SET_PDEATHSIG = 1  # linux/prctl.h
ORPHAN_POLL = 0.5  # seconds between two looks at whether the parent is still there


class Interrupted(KeyboardInterrupt):
    """A worker was told to stop; raised where it works so that its clean-up runs."""


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Make SIGTERM behave like Ctrl-C in this process while the block runs.

    Both then unwind the same way: temporary files are removed, workers are stopped and
    the command says it was interrupted.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


class Workers(ProcessPoolExecutor):
    """A process pool whose workers leave Ctrl-C to the parent, stop when told, and exit
    by themselves when the parent dies (nothing is left holding the caller's output)."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers, initializer=_init_worker,
                         initargs=(os.getpid(),))

    def stop(self) -> None:
        """Interrupt every worker (each cleans up what it was writing), then wait for them."""
        # ProcessPoolExecutor has no public way to signal its workers before Python 3.14
        # (terminate_workers); its _processes maps their pids.
        processes = dict(getattr(self, "_processes", None) or {})
        for process in processes.values():
            with contextlib.suppress(OSError, ValueError, AttributeError):
                if process.is_alive():
                    os.kill(process.pid, signal.SIGTERM)
        self.shutdown(wait=True, cancel_futures=True)

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> bool | None:
        if kind is not None:
            self.stop()
            return False
        return super().__exit__(kind, value, traceback)


# --- in the worker ------------------------------------------------------------------------

_cleaning = threading.Event()


@contextlib.contextmanager
def unwound_on_stop() -> Iterator[None]:
    """Mark a block with clean-up to do (temporary files to remove) if the worker is stopped
    inside it: there the stop is raised as Interrupted, so that its `finally` clauses run.

    Anywhere else a stopped worker exits at once: it has nothing to clean up, and an
    exception raised at an arbitrary point (inside a C extension's import, say) is worse.
    """
    if _cleaning.is_set():
        yield
        return
    _cleaning.set()
    try:
        yield
    finally:
        _cleaning.clear()


def _init_worker(parent: int) -> None:
    """Set up a worker: Ctrl-C is the parent's business; SIGTERM and an orphaned worker stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_terminate)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _on_terminate(signum: int, frame: FrameType | None) -> None:
    """Stop: unwind a block with clean-up to do, or else exit at once."""
    if _cleaning.is_set():
        _cleaning.clear()  # a second signal, once unwound, ends the process
        raise Interrupted
    os._exit(1)


def _watch_parent(parent: int) -> None:
    """Where the death signal does not exist, notice the parent is gone and stop anyway.

    The signal is sent again until the worker is gone: one that unwound a clean-up leaves
    the worker alive, and the next one makes it exit.
    """
    while True:
        time.sleep(ORPHAN_POLL)
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)

