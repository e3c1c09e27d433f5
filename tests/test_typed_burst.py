"""Words typed in one burst with the key that closes the editor are all kept.

A terminal hands a fast typist's (or a paste's) keys to reflect in one read:
the text and then ``ctrl+s``, ``escape`` or ``ctrl+q``.  The editor takes its
keys from a queue, so a closing key handled ahead of that queue saved the note
without its last words, or without any.  These run the installed ``reflect``
on a pseudo-terminal and write each burst in one ``write``.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_terminal_safety import Terminal, environment, reflect_command

SEED = Path(__file__).parent.parent / "articles" / "why-walking-away-can-be-the-kindest-choice.md"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "config").mkdir()
    return tmp_path


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for terminal in started:
        terminal.close()


def texts(home: Path) -> list[str]:
    (notes,) = (home / "notes").glob("*.toml")
    return [r["text"] for r in tomllib.loads(notes.read_text(encoding="utf-8"))["reflections"]]


def open_seed(home: Path, terminals: list[Terminal], *, guided: bool) -> Terminal:
    (home / "config" / "config.toml").write_text(f"guided = {str(guided).lower()}\n")
    article = home / SEED.name
    shutil.copyfile(SEED, article)
    terminal = Terminal([*reflect_command(), str(article)], environment(home))
    terminals.append(terminal)
    terminal.wait_for("We grow up believing")
    return terminal


@pytest.mark.parametrize("attempt", range(2))  # a race: each case twice
@pytest.mark.parametrize("close", [b"\x13", b"\x1b"], ids=["ctrl+s", "escape"])
def test_a_burst_ending_the_pause_is_saved_whole(
    home: Path, terminals: list[Terminal], close: bytes, attempt: int
) -> None:
    terminal = open_seed(home, terminals, guided=True)
    terminal.press(b"n")
    terminal.wait_for("Anything you want to keep")
    terminal.press(b"a quiet thought, typed fast" + close)
    terminal.wait_for("2 / 7")
    terminal.press(b"\x11")
    assert terminal.wait_exit() == 0
    assert texts(home) == ["a quiet thought, typed fast"]


@pytest.mark.parametrize("attempt", range(2))
def test_a_burst_ending_in_quit_is_saved_whole(
    home: Path, terminals: list[Terminal], attempt: int
) -> None:
    terminal = open_seed(home, terminals, guided=False)
    terminal.press(b"r")
    terminal.wait_for("ctrl+s save and close")
    terminal.press(b"the last words before leaving\x11")
    assert terminal.wait_exit() == 0
    assert texts(home) == ["the last words before leaving"]
