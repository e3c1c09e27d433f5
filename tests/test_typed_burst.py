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


@pytest.mark.parametrize("attempt", range(2))
def test_a_burst_after_slash_goes_into_the_find_bar(
    home: Path, terminals: list[Terminal], attempt: int
) -> None:
    """``/`` and the words after it in one burst: the bar is made on first use,
    and none of the words may reach the reader as keys of their own (``n``
    would move on, ``q`` would quit)."""
    terminal = open_seed(home, terminals, guided=True)
    terminal.press(b"/nights and")
    terminal.wait_for("1 / 2")  # "quiet nights and", "movie nights and": if all of it arrived
    assert "Anything you want to keep" not in terminal.screen()
    terminal.press(b"\x11")
    assert terminal.wait_exit() == 0


@pytest.mark.parametrize("attempt", range(2))
def test_a_burst_after_r_goes_into_the_editor(
    home: Path, terminals: list[Terminal], attempt: int
) -> None:
    """``r`` and a note in one burst: the editor is not open yet when the words
    arrive, and they are in it all the same, whole and in order."""
    terminal = open_seed(home, terminals, guided=False)
    terminal.press(b"rnot one word lost")
    terminal.wait_for("not one word lost")
    terminal.press(b"\x13")
    terminal.wait_for("ctrl+s save and close", gone=True)
    terminal.press(b"\x11")
    assert terminal.wait_exit() == 0
    assert texts(home) == ["not one word lost"]


@pytest.mark.parametrize("attempt", range(2))
def test_a_burst_after_ctrl_p_goes_into_the_palette(
    home: Path, terminals: list[Terminal], attempt: int
) -> None:
    """``ctrl+p`` and a command's name in one burst: the palette's input is not
    there yet when the letters arrive, and they reach it all the same (``g``
    would otherwise jump to the top, ``m`` turn guided mode off, ``q`` quit)."""
    terminal = open_seed(home, terminals, guided=True)
    terminal.press(b"\x10toggle guided")
    terminal.wait_for("Pause at headings, or read freely")
    terminal.press(b"\r")
    terminal.wait_for("guided", gone=True)
    terminal.press(b"\x11")
    assert terminal.wait_exit() == 0
