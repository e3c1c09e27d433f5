"""End to end: the installed ``reflect`` in a real terminal (tmux), on the seed.

A person's first evening with reflect, as keys: open the seed, read the first
section, press ``n``, write a reflection at the pause, ``ctrl+s``, quit; then
the notes file holds the words under the right anchor; reopening resumes where
they stopped, and the earlier note is shown at that section's pause.

Every wait polls ``tmux capture-pane`` for the text a person would be waiting
for, with a deadline; nothing sleeps to synchronise.  CI installs tmux when
it is missing (``.ci/run``).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflect.paths import bundled_articles_dir

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux") or "/usr/bin/tmux"
SEED = "why-walking-away-can-be-the-kindest-choice"
REFLECTION = "Leaving can be love too; I keep this."
DEADLINE = 20.0


def reflect_command() -> list[str]:
    """The installed ``reflect`` script beside this interpreter, else ``python -m reflect``."""
    script = Path(sys.executable).with_name("reflect")
    if script.exists():
        return [str(script)]
    found = shutil.which("reflect")
    return [found] if found else [sys.executable, "-m", "reflect"]


class Tmux:
    """A private tmux server (its own socket) running one command at a time."""

    def __init__(self, home: Path) -> None:
        self.socket = f"reflect-e2e-{uuid.uuid4().hex[:12]}"
        self.home = home
        self.env = {
            **os.environ,
            "REFLECT_CONFIG_DIR": str(home / "config"),
            "REFLECT_CACHE_DIR": str(home / "cache"),
            "REFLECT_NOTES_DIR": str(home / "notes"),
            "REFLECT_LIBRARY_DIR": str(home / "library"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        self.runs = 0
        self.session = ""
        self.log = home / "terminal.log"
        self.status_file = home / "status"

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            [TMUX, "-L", self.socket, "-f", os.devnull, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
        return done.stdout

    def start(self, argv: list[str]) -> None:
        """Run ``argv`` in a fresh 100x30 session, keeping every byte it writes in ``log``.

        The shell around the command writes its exit status to ``status_file``;
        the pane stays after it exits (``remain-on-exit``), so the last screen
        can still be read.
        """
        self.runs += 1
        self.session = f"reflect{self.runs}"
        self.log = self.home / f"terminal-{self.runs}.log"
        self.status_file = self.home / f"status-{self.runs}"
        pass_env = [
            arg
            for name in ("REFLECT_CONFIG_DIR", "REFLECT_CACHE_DIR", "TERM", "LANG", "LC_ALL")
            for arg in ("-e", f"{name}={self.env[name]}")
        ]
        self.tmux(
            "start-server",
            ";",
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "-s",
            self.session,
            *pass_env,
            f"{shlex.join(argv)}; echo $? > {shlex.quote(str(self.status_file))}",
            ";",
            "pipe-pane",
            "-o",
            "-t",
            self.session,
            f"cat >> {shlex.quote(str(self.log))}",
        )

    def screen(self) -> str:
        """The pane's text now (wrapped lines joined)."""
        return self.tmux("capture-pane", "-p", "-J", "-t", self.session)

    @property
    def exit_status(self) -> int | None:
        """The command's exit status once it has exited, else None.

        The shell running it writes the status to a file: tmux's own
        ``pane_dead_status`` is sometimes still empty after the pane died.
        """
        try:
            status = self.status_file.read_text(encoding="ascii")
        except FileNotFoundError:
            return None
        return int(status) if status.endswith("\n") else None

    def wait_for(self, text: str, timeout: float = DEADLINE) -> str:
        """Poll the screen until ``text`` is on it; fail at the deadline with what was there."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            if self.exit_status is not None:
                break
            time.sleep(0.05)  # polling interval, not synchronisation
        raise AssertionError(
            f"{text!r} never appeared; the screen was:\n{screen}\n"
            f"exit status: {self.exit_status}; output ended with:\n{self.output()[-2000:]}"
        )

    def keys(self, *keys: str) -> None:
        """Press tmux key names (``n``, ``C-s``, ``Escape``)."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` literally."""
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def output(self) -> str:
        """Everything the command wrote to the terminal (tracebacks included)."""
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def wait_exit(self, timeout: float = DEADLINE) -> int:
        """The command's exit status, once it has exited."""
        deadline = time.monotonic() + timeout
        while (status := self.exit_status) is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"reflect did not exit; the screen was:\n{self.screen()}")
            time.sleep(0.05)  # polling interval, not synchronisation
        return status

    def kill(self) -> None:
        subprocess.run(
            [TMUX, "-L", self.socket, "kill-server"], capture_output=True, timeout=20, check=False
        )


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    assert Path(TMUX).exists(), "tmux is needed for the end-to-end test (.ci/run installs it)"
    server = Tmux(tmp_path)
    try:
        yield server
    finally:
        server.kill()


def outline(seed: Path) -> list[dict[str, object]]:
    done = subprocess.run(
        [*reflect_command(), "outline", "--json", str(seed)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)["sections"]


def test_read_reflect_quit_and_resume(tmux: Tmux, tmp_path: Path) -> None:
    seed = bundled_articles_dir() / f"{SEED}.md"
    assert seed.is_file(), f"the seed article is missing: {seed}"
    sections = outline(seed)
    first, second = sections[0], sections[1]
    assert first["anchor"] == SEED  # the intro is a section headed by the title
    notes_dir, library_dir = tmp_path / "notes", tmp_path / "library"
    argv = [
        *reflect_command(),
        "--notes-dir",
        str(notes_dir),
        "--library-dir",
        str(library_dir),
        str(seed),
    ]

    # First visit: read the first section, pause on n, write, save, quit.
    tmux.start(argv)
    tmux.wait_for("Why Walking Away Can Be the Kindest Choice")
    tmux.wait_for("We grow up believing that love means holding on")
    tmux.wait_for(f"1 / {len(sections)} ·")  # the progress line: the whole outline is known
    tmux.keys("n")
    tmux.wait_for("save and continue")
    tmux.type(REFLECTION)
    tmux.wait_for(REFLECTION)
    tmux.keys("C-s")
    tmux.wait_for("There are moments in relationships")  # the second section's body
    tmux.keys("q")
    assert tmux.wait_exit() == 0
    assert "Traceback" not in tmux.output()

    notes_file = notes_dir / f"{SEED}.toml"
    data = tomllib.loads(notes_file.read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert data["article"]["title"] == "Why Walking Away Can Be the Kindest Choice"
    assert data["article"]["position"] == second["anchor"]
    [reflection] = data["reflections"]
    assert reflection["section"] == first["anchor"]
    assert reflection["heading"] == first["heading"]
    assert reflection["text"] == REFLECTION

    # Second visit: it resumes at the second section, says so, and the pause of
    # the first section shows the earlier note above a fresh editor.
    tmux.start(argv)
    tmux.wait_for("There are moments in relationships")
    tmux.wait_for("where you left off")
    tmux.keys("p")  # back to the first section: no pause going backwards
    tmux.wait_for("We grow up believing that love means holding on")
    tmux.keys("n")
    screen = tmux.wait_for("save and continue")
    assert REFLECTION in screen, screen
    tmux.keys("Escape")  # nothing typed: a skip
    tmux.wait_for("There are moments in relationships")
    tmux.keys("C-q")
    assert tmux.wait_exit() == 0
    assert "Traceback" not in tmux.output()

    data = tomllib.loads(notes_file.read_text(encoding="utf-8"))
    assert [r["text"] for r in data["reflections"]] == [REFLECTION]
