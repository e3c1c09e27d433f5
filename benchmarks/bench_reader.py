"""How fast reflect opens articles of any size, side by side with a bare Textual
app, Textual's own ``MarkdownViewer`` and a bare markdown-it-py block parse.

Run from the repository with the project's virtualenv:

    .venv/bin/python benchmarks/bench_reader.py            # a few minutes
    .venv/bin/python benchmarks/bench_reader.py --slow     # adds MarkdownViewer on 1 MB
    .venv/bin/python benchmarks/bench_reader.py --json     # machine-readable results

The articles come from ``gen_articles.py`` (seeded, generated into a cache
folder at run time, never committed): 10 KB (for scale: reflect's own fixed
cost), 100 KB, 1 MB, 5 MB, 20 MB and a 5 MB single section.

What is measured, and how:

* Every measurement runs in a **fresh subprocess** per file, so Python's
  start-up and every import are included, as a person launching ``reflect``
  pays them.  **Time zero** is taken by the parent with ``time.time()``
  immediately before it spawns the child and is passed to the child, so
  every time is "since the process was spawned".  Each child also reports
  when its imports were done (``imported``), so times "after imports" (the
  app's own work) are printed too.
* The bare app, the block parse and reflect run **interleaved**, file by file,
  so a burst of load on the machine hits them alike; each file's ratios use
  the bare app runs made beside it.
* A **frame** is a call of Textual's ``App._display`` with a compositor update
  (headless: everything is rendered to strips, only the final write to the
  terminal is skipped, the same for every app measured).  The hook notes the
  time and the update only; what a frame showed is worked out afterwards by
  replaying the updates onto a grid of cells, so measuring does not slow
  the app.
* **reflect, first pane**: ``reflect.commands.tui.build_app(path, Dirs(tmp...),
  config=Config(guided=False))`` (what ``reflect PATH`` runs: it starts the
  outline child of a big file, then imports Textual and reads the preview
  with the cycle collector off) run with
  ``run_test(size=(100, 30))``; the time of the first frame that puts the
  reader's first heading and the opening words of its text on the screen.
  Textual drops frames composited inside a ``batch_update`` (its start-up
  runs in one), so a pane laid out there counts only once a later frame
  paints it; ``first_pane_set`` in the JSON is when the reader set
  ``first_pane_ready``.  **bare app**, likewise: the first frame showing its
  line.
* **reflect, complete outline**: when the reader sets ``outline_ready``.
* **next pane** (guided mode off, after the outline is complete): from just
  before ``n`` is sent until the first frame in which ``section_index`` has
  moved on and the new section's heading is on screen.  **pause open**: from
  just before ``r`` until the first frame with ``PauseScreen`` on top and its
  prompt on screen (each closed with ``escape`` before the next).  Medians over every
  press of every run.
* **bare app**: a Textual app whose only widget is a one-line ``Static``; time
  to the first frame showing it, and (for scale) from a key to the frame that
  shows the line it changed.
* **MarkdownViewer**: ``MarkdownViewer(text)`` (the file is read in the child
  first, as reflect reads its preview); done at the first frame after its
  document has mounted every block (``Markdown.update`` posts
  ``TableOfContentsUpdated`` after its last batch).
* **block parse**: ``MarkdownIt("commonmark").enable("table")`` with the core
  rules ``inline`` and ``text_join`` disabled, on the file read as UTF-8: in
  a fresh process from process start (the same zero as reflect's outline),
  and the read and parse alone.
* **peak memory**: ``ru_maxrss`` of the child at the end; and of the outline
  child it started (the largest process it waited for), for the books split
  by one.

Timings are never asserted in tests; this script prints them with ratios
against the aims of issue 4 (first pane ≤ 1.5x the bare app at every size,
complete outline of 5 MB ≤ 1.3x a block parse of it, ≥ 50x sooner than
MarkdownViewer at 100 KB, next pane and pause under 50 ms, peak memory ≤ 3x
the file plus the bare app).  It exits 1 when a reflect or parse run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZE = (100, 30)
DEADLINE = 120.0  # seconds any one wait inside a child may take


# ---------------------------------------------------------------------------
# Children: each runs in its own fresh interpreter and writes one JSON object.
# ---------------------------------------------------------------------------


def _peak_rss(who: str = "self") -> int:
    """Peak resident bytes of this process, or (``children``) of the largest of
    the processes it started and waited for: reflect's outline child."""
    import resource

    which = resource.RUSAGE_SELF if who == "self" else resource.RUSAGE_CHILDREN
    kb = resource.getrusage(which).ru_maxrss
    return kb * 1024 if sys.platform != "darwin" else kb


class FrameClock:
    """Times frames: every compositor update the app hands to its driver.

    The hook only notes the time, the update and a cheap ``state()`` snapshot,
    so measuring does not slow the app.  What a frame showed is worked out
    afterwards (:meth:`first_showing`) by replaying the updates onto a grid
    of cells, as a terminal would.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.state: Any = lambda: None
        """Called at each frame; its value is kept with the frame."""
        self.frames: list[list[Any]] = []
        """``[time, update or None once replayed, state]`` per frame."""
        self._waiters: list[tuple[Any, Any]] = []
        self._cells: dict[int, list[str]] = {}
        self._replayed = 0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            batched = app._batch_count
            original(screen, renderable)
            if renderable is None or batched:
                return
            now = time.time()
            self.frames.append([now, renderable, self.state()])
            for waiter in list(self._waiters):
                predicate, future = waiter
                if not future.done() and predicate():
                    future.set_result(now)
                    self._waiters.remove(waiter)

        app._display = display

    @property
    def first(self) -> float | None:
        """When the first frame was composited."""
        return self.frames[0][0] if self.frames else None

    def mark(self) -> int:
        """A position in the frames, for :meth:`first_showing`."""
        return len(self.frames)

    def expect(self, predicate: Any) -> Any:
        """A future resolved with the time of the first frame where ``predicate()`` holds
        (for cheap predicates on the app's state, checked as each frame is made)."""
        import asyncio

        future = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, future))
        return future

    def first_showing(self, start: int, predicate: Any) -> float | None:
        """The time of the first frame from ``start`` on where ``predicate(state, text)``
        holds, ``text`` being the whole screen after that frame; None if none yet."""
        while self._replayed < len(self.frames):
            index = self._replayed
            when, update, state = self.frames[index]
            self._replay(update)
            self.frames[index][1] = None
            self._replayed += 1
            if index >= start and predicate(state, self.text()):
                return when
        return None

    def _put(self, x: int, y: int, strip: Any) -> None:
        from rich.cells import cell_len

        width = self.app.size.width
        row = self._cells.setdefault(y, [" "] * width)
        for segment in strip:
            if segment.control:
                continue
            for char in segment.text:
                if 0 <= x < width:
                    row[x] = char
                x += cell_len(char)
                if 0 < x <= width and cell_len(char) == 2:
                    row[x - 1] = ""

    def _replay(self, update: Any) -> None:
        from textual._compositor import ChopsUpdate, LayoutUpdate

        if isinstance(update, LayoutUpdate):
            for y, line in enumerate(update.strips, update.region.y):
                x = update.region.x
                for strip in line:
                    self._put(x, y, strip)
                    x += strip.cell_length
        elif isinstance(update, ChopsUpdate):
            for y, chops in enumerate(update.chops):
                for x, strip in chops.items():
                    if strip is not None:
                        self._put(x, y, strip)

    def text(self) -> str:
        """The screen's text as of the last frame replayed."""
        return "\n".join("".join(self._cells[y]) for y in sorted(self._cells))


def _check_alive(app: Any, what: str) -> None:
    """Fail at once, with the app's own error, if it stopped while we wait."""
    error = getattr(app, "_exception", None)
    if error is not None:
        raise RuntimeError(f"the app failed while waiting for {what}: {error!r}") from error
    task = getattr(app, "_task", None)
    if task is not None and task.done():
        raise RuntimeError(f"the app exited while waiting for {what}")


async def _until(pilot: Any, future: Any, what: str) -> float:
    """Let the app run until ``future`` resolves; fail clearly after the deadline."""
    import asyncio

    end = time.monotonic() + DEADLINE
    while not future.done():
        _check_alive(pilot.app, what)
        if time.monotonic() > end:
            raise TimeoutError(f"timed out waiting for {what}")
        await pilot.pause()
        if not future.done():
            await asyncio.sleep(0.001)
    return future.result()


def child_bare(args: argparse.Namespace) -> dict[str, Any]:
    """A Textual app showing one line: its first frame, and how soon a key repaints it."""
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    imported = time.time()

    class Bare(App[None]):
        BINDINGS = [("n", "next", "Next")]

        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def compose(self) -> ComposeResult:
            yield Static("reflect 0")

        def action_next(self) -> None:
            self.count += 1
            self.query_one(Static).update(f"reflect {self.count}")

    async def run() -> dict[str, Any]:
        app = Bare()
        clock = FrameClock(app)
        async with app.run_test(size=SIZE) as pilot:
            # The first frame the terminal gets with the line on it (frames made
            # inside Textual's start-up batch are dropped, as for reflect).
            painted = await _poll(
                pilot,
                lambda: clock.first_showing(0, lambda _, text: "reflect 0" in text),
                "the first frame with the line",
            )
            keys: list[float] = []
            for count in range(1, args.presses + 1):
                await pilot.pause()
                start = clock.mark()
                clock.first_showing(start, lambda *_: False)
                started = time.time()
                await pilot.press("n")
                wanted = f"reflect {count}"
                shown = await _poll(
                    pilot,
                    lambda start=start, wanted=wanted: clock.first_showing(
                        start, lambda _, text: wanted in text
                    ),
                    "the repaint after a key",
                )
                keys.append(shown - started)
        return {
            "first_paint": painted - args.t0,
            "imported": imported - args.t0,
            "key_to_frame": keys,
        }

    result = asyncio.run(run())
    result["peak_rss"] = _peak_rss()
    return result


def child_parse(args: argparse.Namespace) -> dict[str, Any]:
    from markdown_it import MarkdownIt

    start = imported = time.time()
    text = Path(args.path).read_text(encoding="utf-8")
    parser = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    tokens = parser.parse(text)
    done = time.time()
    headings = sum(1 for t in tokens if t.type == "heading_open" and t.level == 0)
    return {
        "parsed": done - args.t0,
        "imported": imported - args.t0,
        "parse_only": done - start,
        "headings": headings,
        "peak_rss": _peak_rss(),
    }


def child_viewer(args: argparse.Namespace) -> dict[str, Any]:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Markdown, MarkdownViewer

    imported = time.time()
    text = Path(args.path).read_text(encoding="utf-8")

    class Viewer(App[None]):
        def compose(self) -> ComposeResult:
            yield MarkdownViewer(text)

    loaded: dict[str, float] = {}

    def hook(message: Any) -> None:
        if isinstance(message, Markdown.TableOfContentsUpdated) and "loaded" not in loaded:
            loaded["loaded"] = time.time()

    async def run() -> dict[str, Any]:
        app = Viewer()
        clock = FrameClock(app)
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            end = time.monotonic() + args.timeout
            while "loaded" not in loaded:
                if time.monotonic() > end:
                    raise TimeoutError("timed out waiting for MarkdownViewer to load")
                await asyncio.sleep(0.01)
            frame = clock.expect(lambda: True)
            app.screen.refresh()
            painted = await _until(pilot, frame, "the frame after loading")
            blocks = len(app.query("MarkdownBlock"))
        return {
            "loaded": painted - args.t0,
            "imported": imported - args.t0,
            "first_frame": (clock.first or painted) - args.t0,
            "blocks": blocks,
        }

    result = asyncio.run(run())
    result["peak_rss"] = _peak_rss()
    return result


async def _poll(pilot: Any, check: Any, what: str) -> Any:
    """Let the app run until ``check()`` gives a value; fail clearly after the deadline."""
    import asyncio

    end = time.monotonic() + DEADLINE
    while not (value := check()):
        _check_alive(pilot.app, what)
        if time.monotonic() > end:
            raise TimeoutError(f"timed out waiting for {what}")
        await pilot.pause()
        await asyncio.sleep(0.001)
    return value


def _wrap_event(event: Any, record: dict[str, float], name: str, on_set: Any = None) -> None:
    """Record when ``event`` is set, by wrapping the instance's ``set``."""
    original = event.set

    def set_() -> None:
        record.setdefault(name, time.time())
        original()
        if on_set is not None:
            on_set()

    event.set = set_
    if event.is_set():
        record.setdefault(name, time.time())


def _note_imports(*names: str) -> dict[str, float]:
    """When each module named finishes importing (filled in as they load).

    ``reflect PATH`` imports Textual and markdown-it inside its start-up
    function, after starting the outline child; this tells, from outside,
    when those imports were done.
    """
    import importlib.abc
    import importlib.machinery

    done: dict[str, float] = {}

    class Timed(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
            if name not in names or name in done:
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return spec
            execute = spec.loader.exec_module

            def exec_module(module: Any) -> None:
                execute(module)
                done[name] = time.time()

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Timed())
    return done


def child_reflect(args: argparse.Namespace) -> dict[str, Any]:
    import asyncio

    from reflect.commands.tui import build_app
    from reflect.config import Config
    from reflect.paths import Dirs

    # As ``reflect PATH`` starts: the outline child first, then the imports,
    # the preview and the app (inside reflect.startup.quick_start).
    loaded = _note_imports("reflect.app", "reflect.article", "reflect.screens.reader")
    root = Path(args.tmp)
    dirs = Dirs(
        notes=root / "notes", library=root / "library", config=root / "config", cache=root / "cache"
    )
    path = Path(args.path)
    building = time.time()
    app = build_app(path, dirs, config=Config(guided=False))
    # The imports end with the last of these (just before the preview is read);
    # if all were imported already, from the start.
    imported = max(loaded.values(), default=building)
    preview = app.preview
    assert preview is not None
    clock = FrameClock(app)
    marks: dict[str, float] = {}
    readers: list[Any] = []
    first_pane: dict[str, Any] = {}

    def attach(screen: Any) -> Any:
        """Watch the reader (the app's first screen, or one pushed later)."""
        if hasattr(screen, "first_pane_ready") and not readers:
            readers.append(screen)
            clock.state = lambda: (
                screen.section_index,
                app.screen is screen,
                type(app.screen).__name__,
            )

            def after_first_pane() -> None:
                first_pane["set"] = True

            _wrap_event(screen.first_pane_ready, marks, "first_pane_set", after_first_pane)
            _wrap_event(screen.outline_ready, marks, "outline_set")
        return screen

    original_push, original_default = app.push_screen, app.get_default_screen
    app.push_screen = lambda screen, *a, **kw: original_push(attach(screen), *a, **kw)  # type: ignore[method-assign]
    app.get_default_screen = lambda: attach(original_default())  # type: ignore[method-assign]

    def showing(heading: str, text: str) -> bool:
        """Is this heading (its words, without emoji) on the screen?"""
        words = " ".join(word for word in heading.split() if word.isalnum())
        return words.casefold() in " ".join(text.split()).casefold()

    def opening_words(body: str) -> str:
        """Up to three plain words that open a section's first paragraph."""
        for line in body.splitlines():
            words = line.split()
            if words and words[0].isalpha():
                plain: list[str] = []
                for word in words[:3]:
                    if not word.isalpha():
                        break
                    plain.append(word)
                return " ".join(plain)
        return ""

    first_section = preview.first
    first_heading = first_section.heading if first_section else ""
    first_words = opening_words(first_section.body) if first_section else ""

    def first_pane_shown(state: Any, text: str) -> bool:
        """The reader is on top and its first heading and opening words are on screen."""
        return bool(state and state[1]) and all(
            showing(part, text) for part in (first_heading, first_words) if part
        )

    async def run() -> dict[str, Any]:
        from reflect.reading import prompt_for
        from reflect.screens.pause import PauseScreen

        async with app.run_test(size=SIZE) as pilot:
            await _poll(pilot, lambda: "set" in first_pane, "first_pane_ready")
            reader = readers[0]
            # The first frame the terminal gets with the first pane on it: frames
            # composited inside a batch update are dropped by Textual, so a pane
            # laid out there counts only once a later frame paints it.
            first = await _poll(
                pilot, lambda: clock.first_showing(0, first_pane_shown), "the first pane on screen"
            )
            app.screen.query_one("#pane")  # the contract: the pane has this id
            await asyncio.wait_for(reader.outline_ready.wait(), args.timeout)
            sections = len(reader.sections)

            nexts: list[float] = []
            next_frames: list[list[float]] = []
            for _ in range(min(args.presses, sections - 1 - reader.section_index)):
                index = reader.section_index
                heading = reader.sections[index + 1].heading

                def moved(
                    state: Any, text: str, index: int = index, heading: str = heading
                ) -> bool:
                    return state[0] != index and state[1] and showing(heading, text)

                await pilot.pause()
                start = clock.mark()
                clock.first_showing(start, moved)  # replay what came before, unmeasured
                started = time.time()
                await pilot.press("n")
                shown = await _poll(
                    pilot,
                    lambda start=start, moved=moved, index=index: (
                        reader.section_index != index and clock.first_showing(start, moved)
                    ),
                    "the next pane",
                )
                nexts.append(shown - started)
                frames = [f[0] - started for f in clock.frames[start:] if f[0] <= shown]
                next_frames.append([round(t * 1000, 1) for t in frames])

            pauses: list[float] = []
            prompt = prompt_for(reader.sections[reader.section_index])

            def paused(state: Any, text: str) -> bool:
                return state[2] == PauseScreen.__name__ and showing(prompt, text)

            for _ in range(args.presses):
                await pilot.pause()
                start = clock.mark()
                clock.first_showing(start, paused)  # replay what came before, unmeasured
                started = time.time()
                await pilot.press("r")
                shown = await _poll(
                    pilot,
                    lambda start=start: (
                        isinstance(app.screen, PauseScreen) and clock.first_showing(start, paused)
                    ),
                    "the pause on screen",
                )
                pauses.append(shown - started)
                back = clock.expect(lambda: app.screen is reader)
                await pilot.press("escape")
                await _until(pilot, back, "the reader after escape")

        return {
            "first_pane_set": marks["first_pane_set"] - args.t0,
            "imported": imported - args.t0,
            "first_pane": first - args.t0,
            "first_frame": (clock.first or first) - args.t0,
            "outline": marks["outline_set"] - args.t0,
            "sections": sections,
            "next_pane": nexts,
            "next_pane_frames_ms": next_frames,
            "pause_open": pauses,
        }

    result = asyncio.run(run())
    result["peak_rss"] = _peak_rss()
    result["child_peak_rss"] = _peak_rss("children")
    return result


CHILDREN = {
    "bare": child_bare,
    "parse": child_parse,
    "viewer": child_viewer,
    "reflect": child_reflect,
}


def child_main(argv: list[str]) -> int:
    main_started = time.time()
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=CHILDREN)
    parser.add_argument("--t0", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--path")
    parser.add_argument("--tmp")
    parser.add_argument("--presses", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=DEADLINE)
    args = parser.parse_args(argv)
    result = CHILDREN[args.kind](args)
    result["main_started"] = main_started - args.t0
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")
    return 0


# ---------------------------------------------------------------------------
# Parent: generate the files, run the children, print the table.
# ---------------------------------------------------------------------------


def run_child(
    kind: str, *, path: Path | None = None, presses: int = 7, timeout: float = 300.0
) -> dict[str, Any]:
    """Spawn one fresh interpreter and return what it measured (or the error)."""
    with tempfile.TemporaryDirectory(prefix="reflect-bench-") as tmp:
        out = Path(tmp) / "result.json"
        env = dict(os.environ)
        env.update(
            REFLECT_CONFIG_DIR=f"{tmp}/config",
            REFLECT_CACHE_DIR=f"{tmp}/cache",
            REFLECT_NOTES_DIR=f"{tmp}/notes",
            REFLECT_LIBRARY_DIR=f"{tmp}/library",
        )
        command = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
        command += ["--out", str(out), "--tmp", tmp, "--presses", str(presses)]
        command += ["--timeout", str(timeout)]
        if path is not None:
            command += ["--path", str(path)]
        t0 = time.time()
        try:
            done = subprocess.run(
                [*command, "--t0", repr(t0)],
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout + 60,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"{kind} timed out after {timeout + 60:.0f} s"}
        if done.returncode != 0 or not out.exists():
            lines = (done.stderr or done.stdout).strip().splitlines() or ["(no output)"]
            return {"error": lines[-1], "stderr": done.stderr[-4000:]}
        return json.loads(out.read_text(encoding="utf-8"))


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [run[key] for run in runs if key in run and run[key] is not None]
    return statistics.median(values) if values else None


def _median_of_lists(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [v for run in runs for v in run.get(key) or ()]
    return statistics.median(values) if values else None


def _errors(runs: list[dict[str, Any]]) -> list[str]:
    return [run["error"] for run in runs if "error" in run]


def measure(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from gen_articles import STANDARD, ensure

    files = [(spec, ensure(spec)) for spec in STANDARD]
    results: dict[str, Any] = {"files": [], "runs": args.runs, "presses": args.presses}

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    results["machine"] = _machine()
    all_bare: list[dict[str, Any]] = []
    for spec, path in files:
        size = path.stat().st_size
        log(f"{spec.name} ({size / 2**20:.1f} MiB): bare app, block parse, reflect x{args.runs}")
        bare: list[dict[str, Any]] = []
        parse: list[dict[str, Any]] = []
        reflect: list[dict[str, Any]] = []
        # Interleaved, so a burst of load on the machine hits all three alike.
        for _ in range(args.runs):
            bare.append(run_child("bare", presses=args.presses))
            parse.append(run_child("parse", path=path))
            reflect.append(run_child("reflect", path=path, presses=args.presses))
        all_bare += bare
        entry: dict[str, Any] = {
            "name": spec.name,
            "path": str(path),
            "bytes": size,
            "bare": _bare_summary(bare),
            "parse": {
                "parsed": _median(parse, "parsed"),
                "parse_only": _median(parse, "parse_only"),
                "imported": _median(parse, "imported"),
                "headings": _median(parse, "headings"),
                "errors": _errors(parse),
            },
            "reflect": {
                key: _median(reflect, key)
                for key in (
                    "first_pane",
                    "first_pane_set",
                    "first_frame",
                    "outline",
                    "sections",
                    "peak_rss",
                    "child_peak_rss",
                    "main_started",
                    "imported",
                )
            },
            "raw": {"reflect": reflect},
        }
        entry["reflect"]["next_pane"] = _median_of_lists(reflect, "next_pane")
        entry["reflect"]["pause_open"] = _median_of_lists(reflect, "pause_open")
        entry["reflect"]["errors"] = _errors(reflect)
        viewer_sizes = {"article-100k"} | ({"article-1m"} if args.slow else set())
        if spec.name in viewer_sizes:
            log(f"{spec.name}: MarkdownViewer")
            timeout = 1500.0 if spec.name == "article-1m" else 300.0
            viewer = [run_child("viewer", path=path, timeout=timeout)]
            entry["viewer"] = {
                "loaded": _median(viewer, "loaded"),
                "imported": _median(viewer, "imported"),
                "first_frame": _median(viewer, "first_frame"),
                "blocks": _median(viewer, "blocks"),
                "peak_rss": _median(viewer, "peak_rss"),
                "errors": _errors(viewer),
            }
        results["files"].append(entry)
    results["bare"] = _bare_summary(all_bare)
    results["machine"]["load_after"] = os.getloadavg()
    return results


def _bare_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "first_paint": _median(runs, "first_paint"),
        "imported": _median(runs, "imported"),
        "key_to_frame": _median_of_lists(runs, "key_to_frame"),
        "peak_rss": _median(runs, "peak_rss"),
        "main_started": _median(runs, "main_started"),
        "errors": _errors(runs),
    }


def _machine() -> dict[str, Any]:
    import platform
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "textual": version("textual"),
        "markdown_it_py": version("markdown-it-py"),
        "reflect": version("reflect"),
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "src_modified": bool(_git("status", "--porcelain", "--", "src")),
        "source": _reflect_source(),
    }


def _reflect_source() -> str:
    """Where the children import reflect from (PYTHONPATH can point at a snapshot)."""
    done = subprocess.run(
        [sys.executable, "-c", "import reflect; print(reflect.__file__)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return str(Path(done.stdout.strip()).parent.parent) if done.returncode == 0 else "?"


def _git(*args: str) -> str:
    """The repository's answer, or "" outside a git checkout."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=HERE.parent, capture_output=True, text=True, timeout=10
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value * 1000:.1f} ms"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value / 2**20:.0f} MiB"


def _measured(machine: dict[str, Any]) -> str:
    """Which reflect was measured: the checkout at a commit, or another source tree."""
    if Path(machine["source"]) != HERE.parent / "src":
        return f"reflect from {machine['source']}"
    modified = " (src/ modified)" if machine["src_modified"] else ""
    return f"reflect at {machine['commit'] or '?'}{modified}"


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _since(value: float | None, start: float | None) -> str:
    return _s(_minus(value, start))


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}x"


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("✓" if ok else "✗")


def render(results: dict[str, Any]) -> str:
    """The results as Markdown tables, ready to paste into the README."""
    bare = results["bare"]
    machine = results["machine"]
    lines = [
        f"Medians of {results['runs']} fresh processes per file ({results['presses']} presses "
        "each for next pane and pause); times since the process was spawned (Python start-up "
        "and imports included). Bare Textual app (one Static), run alongside each file: first "
        f"frame {_s(bare['first_paint'])}, key to repainted frame {_ms(bare['key_to_frame'])}, "
        f"peak {_mb(bare['peak_rss'])}. {_measured(machine)}, "
        f"Python {machine['python']}, Textual {machine['textual']}, "
        f"{machine['cpus']} CPUs, load average "
        f"{machine['load_before'][0]:.1f} before / {machine['load_after'][0]:.1f} after.",
        "",
        "| file | size | sections | first pane | bare app | ratio | after imports (reflect / bare) "
        "| complete outline | block parse (fresh / parse alone) | next pane | pause open "
        "| peak memory | over bare app | of 3×size + bare | outline child's peak |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: |",
    ]
    for entry in results["files"]:
        r, p, b = entry["reflect"], entry["parse"], entry["bare"]
        size = f"{entry['bytes'] / 2**20:.1f} MiB"
        if r["first_pane"] is None:
            error = (r["errors"] or ["no result"])[0].replace("|", "/")
            lines.append(f"| {entry['name']} | {size} | error: {error} |" + " |" * 12)
            continue
        budget = 3 * entry["bytes"] + (b["peak_rss"] or 0)
        sections = "—" if r["sections"] is None else f"{r['sections']:.0f}"
        next_pane = _ms(r["next_pane"]) if r["next_pane"] is not None else "— (one section)"
        lines.append(
            f"| {entry['name']} | {size} | {sections} "
            f"| {_s(r['first_pane'])} | {_s(b['first_paint'])} "
            f"| {_ratio(r['first_pane'], b['first_paint'])} "
            f"| {_since(r['first_pane'], r['imported'])} "
            f"/ {_since(b['first_paint'], b['imported'])} "
            f"| {_s(r['outline'])} | {_s(p['parsed'])} / {_s(p['parse_only'])} "
            f"| {next_pane} | {_ms(r['pause_open'])} | {_mb(r['peak_rss'])} "
            f"| {_mb(_minus(r['peak_rss'], b['peak_rss']))} | {_ratio(r['peak_rss'], budget)} "
            f"| {_mb(r['child_peak_rss']) if r['child_peak_rss'] else '— (none)'} |"
        )
    for entry in results["files"]:
        viewer = entry.get("viewer")
        if viewer:
            loaded = viewer["loaded"]
            state = (
                f"{_s(loaded)} to load {viewer['blocks'] or 0:.0f} blocks, "
                f"peak {_mb(viewer['peak_rss'])}"
                if loaded is not None
                else f"error: {(viewer['errors'] or ['no result'])[0]}"
            )
            lines.append(f"\nMarkdownViewer on {entry['name']}: {state}.")
    lines += ["", "| aim | measured | met |", "| --- | ---: | :---: |"]
    for entry in results["files"]:
        first, paint = entry["reflect"]["first_pane"], entry["bare"]["first_paint"]
        ok = None if first is None or paint is None else first <= 1.5 * paint
        lines.append(
            f"| first pane ≤ 1.5x bare app, {entry['name']} "
            f"| {_ratio(first, paint)} | {_verdict(ok)} |"
        )
    by_name = {entry["name"]: entry for entry in results["files"]}
    five = by_name.get("article-5m")
    if five:
        outline, parsed = five["reflect"]["outline"], five["parse"]["parsed"]
        ok = None if outline is None or parsed is None else outline <= 1.3 * parsed
        lines.append(
            "| complete outline of 5 MB ≤ 1.3x block parse of 5 MB, both from process start "
            f"| {_ratio(outline, parsed)} | {_verdict(ok)} |"
        )
        paint, alone = five["bare"]["first_paint"], five["parse"]["parse_only"]
        if outline is not None and paint is not None and alone:
            lines.append(
                "| (for diagnosis: outline time beyond a bare app's start-up ÷ the parse alone) "
                f"| {_ratio(outline - paint, alone)} | |"
            )
    for entry in results["files"]:
        viewer = entry.get("viewer")
        if not viewer:
            continue
        r = entry["reflect"]
        loaded, first = viewer["loaded"], r["first_pane"]
        ok = None if loaded is None or first is None else loaded >= 50 * first
        lines.append(
            f"| MarkdownViewer ≥ 50x reflect's first pane, {entry['name']}, from process start "
            f"| {_ratio(loaded, first)} | {_verdict(ok)} |"
        )
        if None not in (loaded, first, viewer["imported"], r["imported"]):
            in_viewer, in_reflect = loaded - viewer["imported"], first - r["imported"]
            lines.append(
                f"| MarkdownViewer ≥ 50x reflect's first pane, {entry['name']}, after imports "
                f"({_s(in_viewer)} vs {_s(in_reflect)}) | {_ratio(in_viewer, in_reflect)} "
                f"| {_verdict(in_viewer >= 50 * in_reflect)} |"
            )
    for entry in results["files"]:
        r = entry["reflect"]
        values = [v for v in (r["next_pane"], r["pause_open"]) if v is not None]
        ok = None if not values else all(v < 0.05 for v in values)
        lines.append(
            f"| next pane and pause open < 50 ms, {entry['name']} "
            f"| {_ms(r['next_pane'])} / {_ms(r['pause_open'])} | {_verdict(ok)} |"
        )
    for entry in results["files"]:
        r = entry["reflect"]
        budget = 3 * entry["bytes"] + (entry["bare"]["peak_rss"] or 0)
        ok = None if r["peak_rss"] is None else r["peak_rss"] <= budget
        child = r.get("child_peak_rss")
        outline = f" (outline child {_mb(child)})" if child else ""
        lines.append(
            f"| peak memory ≤ 3×size + bare app, {entry['name']} "
            f"| {_mb(r['peak_rss'])} of {_mb(budget)}{outline} | {_verdict(ok)} |"
        )
    errors = [
        f"{entry['name']} {part}: {message}"
        for entry in results["files"]
        for part in ("reflect", "parse", "viewer", "bare")
        for message in (entry.get(part) or {}).get("errors", [])
    ]
    if errors:
        lines += ["", "Errors:", *(f"- {message}" for message in errors)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slow", action="store_true", help="also MarkdownViewer on 1 MB")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per measurement")
    parser.add_argument("--presses", type=int, default=7, help="n and r presses per process")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    results = measure(args)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(render(results))
    failed = any(
        entry["reflect"]["errors"] or entry["parse"]["errors"] for entry in results["files"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
