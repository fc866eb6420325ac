"""Helpers for work over millions of objects (a county import): shared by the exchange reader and the merge."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_cycle_collection(large: bool = True) -> Iterator[None]:
    """Python's cyclic garbage collector paused while large work runs (reference counting still frees).

    An import holds millions of objects and makes millions more; each full collection walks all of them
    (about 0.6 s per pass for 20,000 households, a second or more at county size) to find almost nothing: a
    20,000-household import leaves some thousand objects in cycles. Left alone when ``large`` is False or
    the collector is already off; given back on the way out, also after an error."""
    if not large or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
