"""What reflect writes to a real terminal never carries an article's escape sequences.

Textual and Rich pass ESC through to the terminal, so an article (or a note,
or a file name) could retitle the terminal (OSC 0/2), write the clipboard
(OSC 52), wipe the screen, or start a DCS string.  These tests run the
installed ``reflect`` on hostile files inside a pseudo-terminal, drive it with
keys as a person would, keep every byte it writes, and look for the planted
payloads.  Textual legitimately writes its own escape sequences, so the
assertions are about what was planted (unique markers such as the title
``pwned-title`` and the base64 ``cHduZWQ=``) and about sequence kinds Textual
itself never sends in these flows (title changes, clipboard writes, DCS,
RIS, erase-display, 8-bit C1 controls).

The non-TUI commands are checked the same way through a pipe.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
HOSTILE = sorted(FIXTURES.iterdir())
OSC52 = "\x1b]52;c;cHduZWQ=\x07"
TITLE = "\x1b]0;pwned-title\x07"
# A file name carrying sequences itself: its title comes from the name.
HOSTILE_NAME = f"{TITLE}notes {OSC52}\x9b2J.md"
DEADLINE = 30.0

# Sequences (and parts of them) that must never reach the terminal.  Textual
# sends none of these on its own in the flows below: it only writes OSC 52
# when asked to copy, and never sets the title, resets, or erases the display
# with ED 2 (it redraws in place on the alternate screen).
FORBIDDEN = {
    "OSC 0 title change": "\x1b]0;",
    "OSC 2 title change": "\x1b]2;",
    "OSC 52 clipboard write": "\x1b]52;",
    "DCS string": "\x1bP",
    "RIS reset": "\x1bc",
    "erase display": "\x1b[2J",
    "8-bit CSI": "\x9b",
    "8-bit OSC": "\x9d",
    "8-bit DCS": "\x90",
    "8-bit ST": "\x9c",
}
# The payloads themselves: the sanitizer drops whole sequences, so their
# contents never show, not even as text.
MARKERS = ("pwned-title", "cHduZWQ=", "pwned-dcs")

# Terminal output as tokens: CSI, OSC/DCS/APC strings, other ESC pairs, CR, LF, text.
_TOKENS = re.compile(
    r"(\x1b\[[0-?]*[ -/]*[@-~])|(\x1b[\]P_^X].*?(?:\x07|\x1b\\))|(\x1b.?)|(\r)|(\n)|([^\x1b\r\n]+)",
    re.DOTALL,
)


def render_screen(data: bytes, columns: int, rows: int) -> str:
    """The text a terminal would show after ``data``: enough of a terminal to wait on.

    Textual positions every run of text with CUP (``ESC [ row ; col H``) and
    styles it with SGR; that, CR and LF are all it needs for its frames.
    """
    from rich.cells import cell_len

    grid = [[" "] * columns for _ in range(rows)]
    y = x = 0
    for csi, _string, _escape, cr, lf, text in _TOKENS.findall(
        data.decode("utf-8", errors="replace")
    ):
        if csi:
            if csi.endswith("H") and not csi.startswith("\x1b[?"):
                params = [*csi[2:-1].split(";"), "", ""][:2]
                y = max(int(params[0] or 1) - 1, 0)
                x = max(int(params[1] or 1) - 1, 0)
        elif cr:
            x = 0
        elif lf:
            y += 1
        elif text:
            for char in text:
                if 0 <= y < rows and 0 <= x < columns:
                    grid[y][x] = char
                    if cell_len(char) == 2 and x + 1 < columns:
                        grid[y][x + 1] = ""
                x += cell_len(char)
    return "\n".join("".join(row) for row in grid)


def reflect_command() -> list[str]:
    """The installed ``reflect`` script beside this interpreter, else ``python -m reflect``."""
    script = Path(sys.executable).with_name("reflect")
    if script.exists():
        return [str(script)]
    found = shutil.which("reflect")
    return [found] if found else [sys.executable, "-m", "reflect"]


def visible(data: bytes) -> str:
    """The text in terminal output (for failure messages and literal checks)."""
    return "".join(text for *_, text in _TOKENS.findall(data.decode("utf-8", errors="replace")))


def assert_nothing_planted(output: bytes, where: str) -> None:
    """No planted sequence, C1 control or payload in ``output``."""
    text = output.decode("utf-8", errors="replace")
    for name, sequence in FORBIDDEN.items():
        at = text.find(sequence)
        assert at < 0, f"{where}: {name} reached the terminal: {text[max(at - 80, 0) : at + 80]!r}"
    for marker in MARKERS:
        at = text.find(marker)
        assert at < 0, (
            f"{where}: payload {marker!r} reached the terminal: {text[at - 80 : at + 80]!r}"
        )


class Terminal:
    """A command on a pseudo-terminal of ``columns`` x ``rows``; every byte it writes is kept."""

    def __init__(
        self, argv: list[str], env: dict[str, str], columns: int = 100, rows: int = 30
    ) -> None:
        self.columns, self.rows = columns, rows
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self._master = master
        self._lock = threading.Lock()
        self._output = bytearray()
        self._eof = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # EIO: the command and its children closed the terminal
                break
            if not chunk:
                break
            with self._lock:
                self._output.extend(chunk)
        self._eof.set()

    @property
    def output(self) -> bytes:
        """Every byte written to the terminal so far."""
        with self._lock:
            return bytes(self._output)

    def screen(self) -> str:
        """What the terminal shows now."""
        return render_screen(self.output, self.columns, self.rows)

    def wait_for(self, text: str, *, gone: bool = False, timeout: float = DEADLINE) -> str:
        """Return the screen once ``text`` is on it (or, with ``gone``, once it is not).

        Runs of white space count as one space, so text wrapped across lines is found.
        """
        deadline = time.monotonic() + timeout
        wanted = " ".join(text.split())
        while True:
            screen = self.screen()
            if (wanted in " ".join(screen.split())) != gone:
                return screen
            if self._eof.is_set() or time.monotonic() > deadline:
                raise AssertionError(
                    f"{text!r} was {'still' if gone else 'not'} shown "
                    f"(exit status {self.process.poll()}); the screen was:\n{screen}"
                )
            self._eof.wait(0.02)  # polling interval: output arrives on the reader thread

    def press(self, keys: bytes) -> None:
        """Type ``keys``."""
        os.write(self._master, keys)

    def wait_exit(self, timeout: float = DEADLINE) -> int:
        """The exit status, once the command ended and all its output is read."""
        status = self.process.wait(timeout=timeout)
        self._eof.wait(timeout)
        return status

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._eof.wait(5)
        os.close(self._master)


def environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "REFLECT_NOTES_DIR": str(home / "notes"),
        "REFLECT_LIBRARY_DIR": str(home / "library"),
        "REFLECT_CONFIG_DIR": str(home / "config"),
        "REFLECT_CACHE_DIR": str(home / "cache"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "config").mkdir()
    # Free reading: n moves on without a pause, so t and ? reach the reader.
    (tmp_path / "config" / "config.toml").write_text("guided = false\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for terminal in started:
        terminal.close()


def hostile_name_file(folder: Path) -> Path:
    path = folder / HOSTILE_NAME
    path.write_text("No heading here, so the title is the file's name.\n", encoding="utf-8")
    return path


def headings(path: Path, home: Path) -> list[str]:
    """The section headings, as ``reflect outline`` finds them."""
    import json

    done = subprocess.run(
        [*reflect_command(), "outline", "--json", str(path)],
        capture_output=True,
        env=environment(home),
        timeout=60,
        check=True,
    )
    sections = json.loads(done.stdout)["sections"]
    assert len(sections) > 2, f"{path.name} should have three sections or more"
    return [section["heading"] for section in sections]


def read_hostile(path: Path, home: Path, terminals: list[Terminal]) -> bytes:
    """Open ``path`` in the reader; n, t, escape, ?, ctrl+q, each once the last is on screen."""
    found = headings(path, home)
    first, second, last = found[0], found[1], found[-1]
    terminal = Terminal([*reflect_command(), str(path)], environment(home))
    terminals.append(terminal)
    terminal.wait_for(first)
    terminal.wait_for(f"1 / {len(found)} ·")  # the progress line: the whole outline is known
    terminal.press(b"n")
    terminal.wait_for(second)
    terminal.press(b"t")
    terminal.wait_for(last)  # only the contents list shows the last heading
    terminal.press(b"\x1b")
    terminal.wait_for(last, gone=True)
    terminal.press(b"?")
    terminal.wait_for("Table of contents: choose")  # the help lists every binding
    terminal.press(b"\x11")  # ctrl+q
    status = terminal.wait_exit()
    output = terminal.output
    assert status == 0, visible(output)[-3000:]
    assert "Traceback" not in visible(output), visible(output)[-3000:]
    return output


@pytest.mark.parametrize("name", [path.name for path in HOSTILE])
def test_reader_writes_no_planted_sequence(
    name: str, home: Path, terminals: list[Terminal]
) -> None:
    output = read_hostile(FIXTURES / name, home, terminals)
    assert_nothing_planted(output, name)


@pytest.mark.parametrize(
    ("name", "literals"),
    [
        (
            "markup.md",
            ["[@click=app.screenshot('x.svg','/tmp/reflect-hostile')]Read more[/]", "[/] x"],
        ),
        ("markup.txt", ["[@click=app.screenshot('x.svg','/tmp/reflect-hostile')]Read", "[/] x is"]),
    ],
)
def test_markup_in_articles_is_shown_as_text(
    name: str, literals: list[str], home: Path, terminals: list[Terminal]
) -> None:
    terminal = Terminal([*reflect_command(), str(FIXTURES / name)], environment(home))
    terminals.append(terminal)
    for literal in literals:
        terminal.wait_for(literal)  # square brackets are text, not markup
    terminal.press(b"\x11")
    assert terminal.wait_exit() == 0, visible(terminal.output)[-3000:]
    assert "Traceback" not in visible(terminal.output)
    assert not Path("/tmp/reflect-hostile").exists()


def test_hostile_file_name(home: Path, tmp_path: Path, terminals: list[Terminal]) -> None:
    path = hostile_name_file(tmp_path)
    terminal = Terminal([*reflect_command(), str(path)], environment(home))
    terminals.append(terminal)
    terminal.wait_for("No heading here")
    terminal.press(b"?")
    terminal.wait_for("Table of contents: choose")
    terminal.press(b"\x11")
    assert terminal.wait_exit() == 0, visible(terminal.output)[-3000:]
    assert "Traceback" not in visible(terminal.output)
    assert_nothing_planted(terminal.output, "a hostile file name")


def test_hostile_notes_at_the_pause(home: Path, terminals: list[Terminal]) -> None:
    """A note holding sequences (written from the shell) is shown at the pause, inertly."""
    path = FIXTURES / "escapes.md"
    env = environment(home)
    (home / "config" / "config.toml").write_text("guided = true\n", encoding="utf-8")
    note = f"kept {TITLE}words {OSC52}and \x1b[2J more \x1bPpwned-dcs\x1b\\ end"
    anchor = "hostile-escapes"
    done = subprocess.run(
        [*reflect_command(), "note", str(path), "--section", anchor, note],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    terminal = Terminal([*reflect_command(), str(path)], env)
    terminals.append(terminal)
    terminal.wait_for("Calm opening words")
    terminal.press(b"n")  # guided: the pause for the first section
    terminal.wait_for("kept words and")  # the earlier note, cleaned
    terminal.press(b"\x11")
    assert terminal.wait_exit() == 0, visible(terminal.output)[-3000:]
    assert "Traceback" not in visible(terminal.output)
    assert_nothing_planted(terminal.output, "a hostile note")


@pytest.mark.parametrize("json_flag", [False, True], ids=["text", "json"])
@pytest.mark.parametrize("name", [path.name for path in HOSTILE] + ["hostile-name"])
def test_outline_prints_no_planted_sequence(
    name: str, json_flag: bool, home: Path, tmp_path: Path
) -> None:
    path = hostile_name_file(tmp_path) if name == "hostile-name" else FIXTURES / name
    command = [*reflect_command(), "outline", str(path), *(["--json"] if json_flag else [])]
    done = subprocess.run(command, capture_output=True, env=environment(home), timeout=60)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    # Printed through a pipe there is no reason for any escape sequence at all.
    for stream in (done.stdout, done.stderr):
        text = stream.decode("utf-8")
        assert "\x1b" not in text, f"ESC printed by {command[1:]}: {text!r}"
        c1 = re.search(r"[\x80-\x9f]", text)
        assert c1 is None, f"C1 control {c1 and c1.group()!r} printed by {command[1:]}: {text!r}"
        for marker in MARKERS:
            assert marker not in text, f"payload {marker!r} printed by {command[1:]}: {text!r}"
