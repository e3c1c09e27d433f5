"""Start-up without the cycle collector: part of opening at once.

Importing Textual and markdown-it-py creates a few hundred thousand objects
that live as long as the process.  With the cycle collector on, Python walks
them again and again while they are being made (about 15 ms of an import of
150 ms here), and once more, all of them, in the first full collection after
start-up (another 15 to 25 ms, usually in the middle of the first frame).
None of them is garbage.  So the collector is off while the app is imported
and built, and those objects are then frozen: moved out of the collector's
reach for good, so that later collections only look at what the app makes
while it runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quick_start() -> Iterator[None]:
    """Run the block (imports, building the app) with the collector off, then
    freeze what it made and turn the collector back on (if it was on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
