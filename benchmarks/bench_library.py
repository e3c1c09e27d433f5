"""How fast the library shows its first rows and its complete list, beside a bare
Textual app, for libraries of 10, 1,000 and 5,000 generated articles.

Run from the repository with the project's virtualenv:

    .venv/bin/python benchmarks/bench_library.py              # all sizes, 3 runs each
    .venv/bin/python benchmarks/bench_library.py --sizes 10 1000 --runs 1
    .venv/bin/python benchmarks/bench_library.py --json

What is measured, and how:

* Every measurement runs in a **fresh subprocess**, so Python's start-up and
  every import are included, as a person launching ``reflect`` pays them.
  Time zero is taken by the parent with ``time.time()`` immediately before it
  spawns the child and is passed to it.
* A **frame** is a call of Textual's ``App._display`` with a compositor
  update (headless: everything is rendered, only the final write to the
  terminal is skipped, the same for both apps).
* **bare app**: a Textual app whose only widget is a one-line ``Static``;
  time to its first frame.
* **first rows**: the app is built with ``reflect.commands.tui.build_app(None,
  dirs)``, as ``reflect`` builds it
  (the library of the user's library dir, bundled articles hidden) and run
  with ``run_test(size=(100, 30))``; the time of the first frame composited
  while the library table holds at least one row.  Every waiter is set up
  before the app starts, so a first frame that already has rows counts (the
  library screen module is imported before the clock stops, like the app's
  own imports; both apps' imports are inside the measured time).
* **complete**: the first frame composited after the scan finished
  (``LibraryScreen.scan_complete``) and every article is a row.
* **cold** is an empty cache dir; **warm** is a second child on the same
  folders, after the first wrote the cache (``<cache dir>/library.json``, and
  ``library-head.json``, the first screenful as last shown).
* **key during scan**: while the scan is still going, ``down`` is pressed up
  to five times; the median time from the press to the first frame showing
  the cursor moved ("—" when the scan finished before a key could be sent).
* **peak memory**: ``ru_maxrss`` of the child at the end.

The articles are Markdown of about 600-1,800 words in 4-9 sections; one in 25
has a notes file with a few reflections, so the notes are read as they would
be.  Aim (issue 5): first rows within 1.5x of the bare app at every size.
Timings are never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SIZE = (100, 30)
SIZES = (10, 1000, 5000)
DEADLINE = 600.0
WORDS = [
    "attention",
    "quiet",
    "morning",
    "leaving",
    "kindness",
    "patience",
    "water",
    "window",
    "reading",
    "slow",
    "choice",
    "courage",
    "letter",
    "memory",
    "garden",
    "walk",
    "friend",
    "season",
    "light",
    "habit",
    "practice",
    "notice",
    "return",
    "breath",
    "page",
    "pause",
    "question",
    "answer",
    "river",
    "story",
    "small",
    "gift",
]


# ---------------------------------------------------------------------------
# Child side: one measurement in a fresh interpreter.
# ---------------------------------------------------------------------------


class FrameClock:
    """Times frames and resolves waiters on the first frame where a condition holds."""

    def __init__(self, app: Any) -> None:
        self.first: float | None = None
        self._waiters: list[tuple[Any, Any]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            batched = app._batch_count
            original(screen, renderable)
            if renderable is None or batched:
                return
            now = time.time()
            if self.first is None:
                self.first = now
            for waiter in list(self._waiters):
                predicate, future = waiter
                if not future.done() and predicate():
                    future.set_result(now)
                    self._waiters.remove(waiter)

        app._display = display

    def expect(self, predicate: Any) -> Any:
        import asyncio

        future = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, future))
        return future


async def _until(pilot: Any, future: Any, what: str, app: Any) -> float:
    import asyncio

    end = time.monotonic() + DEADLINE
    while not future.done():
        if getattr(app, "_exception", None) is not None:
            raise RuntimeError(f"the app failed waiting for {what}: {app._exception!r}")
        if time.monotonic() > end:
            raise TimeoutError(f"timed out waiting for {what}")
        await pilot.pause()
        if not future.done():
            app.screen.refresh()  # a frame to look at, if nothing else asked for one
            await asyncio.sleep(0.002)
    return future.result()


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child_bare(args: argparse.Namespace) -> dict[str, Any]:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("reflect")

    async def run() -> dict[str, Any]:
        app = Bare()
        clock = FrameClock(app)
        first = clock.expect(lambda: bool(app.query(Static)))  # before the app starts
        async with app.run_test(size=SIZE) as pilot:
            painted = await _until(pilot, first, "the first frame", app)
        return {"first": painted - args.t0}

    result = asyncio.run(run())
    result["peak_rss"] = _peak_rss()
    return result


def child_reflect(args: argparse.Namespace) -> dict[str, Any]:
    import asyncio

    from reflect.commands.tui import build_app
    from reflect.paths import Dirs

    # As ``reflect`` starts: imports and the app are made with the cycle
    # collector off (reflect.startup.quick_start).
    app = build_app(None, Dirs.resolve())

    async def run() -> dict[str, Any]:
        clock = FrameClock(app)

        from reflect.screens.library import LibraryScreen
        from reflect.widgets.library_table import LibraryTable

        def rows() -> int:
            try:
                screen = app.screen
                if not isinstance(screen, LibraryScreen):
                    return 0
                return screen.query_one(LibraryTable).row_count
            except Exception:  # no screen, or not composed yet
                return 0

        def complete() -> bool:
            screen = app.screen
            return bool(getattr(screen, "scan_complete", False)) and rows() >= args.count

        def cursor() -> int:
            return app.screen.query_one(LibraryTable).cursor

        # Waiters are set before the app starts, so the very first frame counts.
        first = clock.expect(lambda: rows() > 0)
        done = clock.expect(complete)
        async with app.run_test(size=SIZE) as pilot:
            first_at = await _until(pilot, first, "the first rows", app)
            # Responsiveness while the scan goes on: ``down`` until its frame
            # (from the second row on: a first start shows one row at first).
            if rows() < 2:
                second = clock.expect(lambda: rows() > 1 or complete())
                await _until(pilot, second, "a second row", app)
            latencies: list[float] = []
            while not done.done() and len(latencies) < 5 and rows() > len(latencies) + 1:
                target = cursor() + 1
                moved = clock.expect(lambda target=target: cursor() == target)
                pressed = time.time()
                await pilot.press("down")
                latencies.append(await _until(pilot, moved, "the cursor to move", app) - pressed)
            done_at = await _until(pilot, done, "the complete list", app)
            shown = rows()
        return {
            "first": first_at - args.t0,
            "complete": done_at - args.t0,
            "rows": shown,
            "key_latency": statistics.median(latencies) if latencies else None,
        }

    result = asyncio.run(run())
    result["peak_rss"] = _peak_rss()
    return result


CHILDREN = {"bare": child_bare, "reflect": child_reflect}


def child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=CHILDREN)
    parser.add_argument("--t0", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=0)
    args = parser.parse_args(argv)
    result = CHILDREN[args.kind](args)
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")
    return 0


# ---------------------------------------------------------------------------
# Parent: generate libraries, run the children, print the table.
# ---------------------------------------------------------------------------


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def generate(folder: Path, notes: Path, count: int, seed: int = 5) -> None:
    """``count`` Markdown articles in ``folder``; one in 25 gets a notes file."""
    from reflect.article import read_article
    from reflect.store import ArticleMeta, NotesStore

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    store = NotesStore(notes)
    for n in range(count):
        title = f"{rng.choice(WORDS).title()} and {rng.choice(WORDS)} {n}"
        parts = [f"# {title}\n"]
        for s in range(rng.randint(4, 9)):
            parts.append(f"## {rng.choice(WORDS).title()} {rng.choice(WORDS)} {s}\n")
            for _ in range(rng.randint(2, 5)):
                parts.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 7))) + "\n")
        path = folder / f"article-{n:05}.md"
        path.write_text("\n".join(parts), encoding="utf-8")
        if n % 25 == 0:
            article = read_article(path)
            sections = tuple((s.anchor, s.heading) for s in article.sections)
            meta = ArticleMeta(article.title, str(path), article.digest, sections)
            for anchor, heading in sections[:3]:
                store.add(article.id, meta, anchor, heading, _sentence(rng))


def run_child(kind: str, env: dict[str, str], count: int = 0) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="reflect-bench-out-") as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
        command += ["--out", str(out), "--count", str(count)]
        t0 = time.time()
        done = subprocess.run(
            [*command, "--t0", repr(t0)],
            env=env,
            capture_output=True,
            text=True,
            timeout=DEADLINE + 60,
        )
        if done.returncode != 0 or not out.exists():
            lines = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
            return {"error": lines[-1], "stderr": done.stderr[-4000:]}
        return json.loads(out.read_text(encoding="utf-8"))


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def measure(sizes: list[int], runs: int) -> dict[str, Any]:
    results: dict[str, Any] = {"bare": [], "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="reflect-bench-lib-") as root:
        base_env = dict(os.environ)
        base_env["REFLECT_BUNDLED_DIR"] = ""
        for size in sizes:
            where = Path(root) / str(size)
            generate(where / "library", where / "notes", size)
            per: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": [], "bare": []}
            for _ in range(runs):
                env = dict(base_env)
                env.update(
                    REFLECT_LIBRARY_DIR=str(where / "library"),
                    REFLECT_NOTES_DIR=str(where / "notes"),
                    REFLECT_CONFIG_DIR=str(where / "config"),
                    REFLECT_CACHE_DIR=str(where / "cache"),
                )
                for name in ("library.json", "library-head.json"):  # cold: no cache at all
                    (where / "cache" / name).unlink(missing_ok=True)
                per["bare"].append(run_child("bare", env))
                per["cold"].append(run_child("reflect", env, size))
                per["warm"].append(run_child("reflect", env, size))
            results["sizes"][size] = per
    return results


def _fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.0f} ms"


def _ratio(value: float | None, floor: float | None) -> str:
    if value is None or not floor:
        return "—"
    return f"{value / floor:.2f}x"


def _best(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return min(values) if values else None


def report(results: dict[str, Any]) -> str:
    """A Markdown table: medians, and in brackets the best run (the least disturbed
    by other work on the machine), with the ratio to the bare app for both."""
    lines = [
        "| articles | cache | bare app | first rows | ratio | complete list "
        "| key during scan | peak RSS |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    worst = worst_best = 0.0
    for size, per in results["sizes"].items():
        bare, bare_best = _median(per["bare"], "first"), _best(per["bare"], "first")
        for kind in ("cold", "warm"):
            runs = per[kind]
            errors = [r["error"] for r in runs if "error" in r]
            if errors:
                lines.append(f"| {size:,} | {kind} | {_fmt(bare)} | error: {errors[0]} | | | | |")
                continue
            first, first_best = _median(runs, "first"), _best(runs, "first")
            if first is not None and bare:
                worst = max(worst, first / bare)
            if first_best is not None and bare_best:
                worst_best = max(worst_best, first_best / bare_best)
            rss = _median(runs, "peak_rss")
            lines.append(
                f"| {size:,} | {kind} | {_fmt(bare)} ({_fmt(bare_best)}) "
                f"| {_fmt(first)} ({_fmt(first_best)}) "
                f"| {_ratio(first, bare)} ({_ratio(first_best, bare_best)}) "
                f"| {_fmt(_median(runs, 'complete'))} | {_fmt(_median(runs, 'key_latency'))} "
                f"| {rss / 2**20:.0f} MB |"
            )
    lines.append("")
    lines.append("Medians of the runs; in brackets, the best run of each.")
    verdict = "met" if worst <= 1.5 else "NOT met"
    lines.append(
        f"Aim: first rows within 1.5x of the bare app at every size: {verdict} on medians "
        f"(worst {worst:.2f}x; best runs: worst {worst_best:.2f}x)."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        return child_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    args = parser.parse_args(argv)
    results = measure(args.sizes, args.runs)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
