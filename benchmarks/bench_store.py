"""How much saving a reflection costs, beside the floor it cannot go below.

For notes files already holding 10, 1,000 and 10,000 entries of about 500
characters, in one run:

* floor        ``tomllib.loads`` of the file + ``tomli_w.dumps`` of the notes
               with one more entry: the least any TOML store must do;
* add (warm)   ``NotesStore.add`` in a store that has the file loaded (the
               reader): lock, check the file is unchanged, re-classify,
               serialise, write a temp file, fsync, rename, fsync the folder;
* add (cold)   the same in a fresh store (``reflect note``): also reads and
               parses the file;
* load         ``NotesStore.load`` in a fresh store;
* add, no fsync  the warm add again with ``os.fsync`` made a no-op (here
               only, never in reflect), so the cost of durability is seen
               apart from the work the floor compares with;
* fsync        the two fsyncs a save does, timed alone for a file this size.

Run: ``.venv/bin/python benchmarks/bench_store.py`` (``--quick`` for fewer
repetitions).  Prints a table of best-of-N times with ratios to the floor.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli_w

from reflect import atomic, store_io
from reflect.store import ArticleMeta, NotesStore
from reflect.store_model import Reflection
from reflect.store_toml import entry_table, head_doc

SIZES = (10, 1_000, 10_000)
SECTIONS = [(f"section-{i}", f"Section {i}") for i in range(12)]
META = ArticleMeta("A Long Book", "articles/book.md", "sha256:0", SECTIONS)
TEXT = ("A thought that stayed with me after this section, written slowly. " * 8)[:500]
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _seed(folder: Path, size: int) -> str:
    """A notes file with ``size`` entries; returns its article id."""
    store = NotesStore(folder)
    notes = store.load("book")
    notes.title, notes.source, notes.digest = META.title, META.source, META.digest
    notes.reflections = [
        Reflection(
            section=SECTIONS[i % len(SECTIONS)][0],
            heading=SECTIONS[i % len(SECTIONS)][1],
            written=T0 + timedelta(minutes=i),
            text=f"{i}: {TEXT}",
        )
        for i in range(size)
    ]
    data = store_io.dumps(head_doc(notes), [entry_table(r) for r in notes.reflections])
    store_io.make_private_dir(folder)
    store_io.write_atomic(store.path_for("book"), data.encode("utf-8"))
    return "book"


def _median(run: Callable[[], object], repeat: int, undo: Callable[[object], object]) -> float:
    """Best time of ``run`` (robust to other work on the machine); ``undo``
    (untimed) puts the file back to its size."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        undo(result)
    return min(times)


def _nothing(_: object) -> None:
    pass


def _fsync_share(path: Path, repeat: int) -> float:
    """Best time of the two fsyncs a save does, for a file of this size."""
    data = path.read_bytes()
    times = []
    for _ in range(repeat):
        with open(path.with_suffix(".probe"), "wb") as f:
            f.write(data)
            f.flush()
            start = time.perf_counter()
            os.fsync(f.fileno())
            atomic.fsync_dir(path.parent)
            times.append(time.perf_counter() - start)
    path.with_suffix(".probe").unlink()
    return min(times)


def measure(size: int, repeat: int) -> dict[str, float]:
    """All timings for one size, in seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        article = _seed(folder, size)
        path = folder / f"{article}.toml"
        text = path.read_text(encoding="utf-8")
        doc = tomllib.loads(text)
        doc["reflections"].append(dict(doc["reflections"][-1], text="one more " + TEXT))
        floor = _median(lambda: (tomllib.loads(text), tomli_w.dumps(doc)), repeat, _nothing)
        warm = NotesStore(folder)
        warm.load(article)
        counter = iter(range(10**9))

        def add(store: NotesStore) -> Reflection:
            return store.add(article, META, "section-3", "Section 3", f"{next(counter)} {TEXT}")

        def undo_warm(added: object) -> None:
            warm.delete(article, META, added.key)  # type: ignore[attr-defined]

        def undo_cold(added: object) -> None:
            NotesStore(folder).delete(article, META, added.key)  # type: ignore[attr-defined]

        add_warm = _median(lambda: add(warm), repeat, undo_warm)
        real_fsync = os.fsync
        os.fsync = lambda fd: None  # the benchmark's own process only
        try:
            add_no_fsync = _median(lambda: add(warm), repeat, undo_warm)
        finally:
            os.fsync = real_fsync
        add_cold = _median(lambda: add(NotesStore(folder)), repeat, undo_cold)
        load = _median(lambda: NotesStore(folder).load(article, SECTIONS), repeat, _nothing)
        assert len(NotesStore(folder).load(article).reflections) == size
        fsync = _fsync_share(path, repeat)
    return {
        "floor": floor,
        "add_warm": add_warm,
        "add_no_fsync": add_no_fsync,
        "add_cold": add_cold,
        "load": load,
        "fsync": fsync,
    }


def main(argv: list[str]) -> int:
    """Print the table."""
    quick = "--quick" in argv
    repeats = {10: 50, 1_000: 10, 10_000: 3} if quick else {10: 300, 1_000: 30, 10_000: 5}
    print(f"reflect store benchmark · Python {sys.version.split()[0]} · best of N")
    print()
    header = (
        f"{'entries':>8} | {'floor':>9} | {'add (warm)':>16} | {'add, no fsync':>16} | "
        f"{'add (cold)':>16} | {'load':>16} | {'fsync':>8}"
    )
    print(header)
    print("-" * len(header))
    for size in SIZES:
        m = measure(size, repeats[size])
        floor = m["floor"]

        def cell(value: float, floor: float = floor) -> str:
            return f"{value * 1000:8.2f} ms {value / floor:4.2f}x"

        print(
            f"{size:>8} | {floor * 1000:6.2f} ms | {cell(m['add_warm'])} | "
            f"{cell(m['add_no_fsync'])} | {cell(m['add_cold'])} | "
            f"{cell(m['load'])} | {m['fsync'] * 1000:5.2f} ms"
        )
    print()
    print("floor = tomllib.loads of the file + tomli_w.dumps of it with one more entry;")
    print("ratios are to the floor; 'add, no fsync' is the warm add with fsync a no-op.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
