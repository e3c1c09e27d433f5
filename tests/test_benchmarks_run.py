"""The benchmark scripts keep running as the code under them changes.

Nothing here is timed (timings are never asserted in tests): each script's
measuring children run once on a small input and must report every figure
the README's tables are made of.  A refactor that broke one (a function
moved, a hook renamed) used to go unseen until the next benchmark run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module", autouse=True)
def importable():
    sys.path.insert(0, str(BENCHMARKS))
    yield
    sys.path.remove(str(BENCHMARKS))


def test_bench_reader_children_report_every_figure(tmp_path: Path) -> None:
    import bench_reader
    from gen_articles import Spec, ensure

    book = ensure(Spec("smoke", 600 * 1024, seed=2), tmp_path)  # big enough for an outline child
    bare = bench_reader.run_child("bare", presses=1)
    assert "error" not in bare, bare
    assert {"first_paint", "key_to_frame", "peak_rss"} <= bare.keys()
    reflect = bench_reader.run_child("reflect", path=book, presses=1)
    assert "error" not in reflect, reflect
    figures = {"first_pane", "outline", "next_pane", "pause_open", "peak_rss", "child_peak_rss"}
    assert figures <= reflect.keys()
    assert reflect["sections"] > 1 and reflect["child_peak_rss"] > 0
    parse = bench_reader.run_child("parse", path=book, presses=1)
    assert "error" not in parse, parse


def test_bench_store_measures_a_small_file() -> None:
    import bench_store

    figures = bench_store.measure(10, 1)
    assert {"floor", "add_warm", "add_no_fsync", "add_cold", "load", "fsync"} <= figures.keys()
    assert all(value > 0 for value in figures.values())


def test_bench_library_measures_a_small_library() -> None:
    import bench_library

    results = bench_library.measure([20], 1)
    assert "error" not in str(results).lower(), results
    assert bench_library.report(results)
