"""A big book's outline costs the reader about the book's size, not four times it.

Python stores a string as wide as its widest character: held as one string, a
20 MB book with a single emoji would take 80 MB; held as a string per section,
a book with curly quotes in every section and emoji in many would still take
two to four bytes a character.  The outline child sends each section's own
UTF-8 and the reader keeps those bytes, decoded only when used: about a byte a
character, whatever the characters.  Measured in a real process (peak
resident memory), not timed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, resource, sys
from pathlib import Path

import reflect.article  # what any reader imports anyway: part of the baseline
from reflect.outline_stream import OutlineStream


def peak() -> int:
    # Peak resident bytes of this process so far.
    try:  # Linux: ru_maxrss would count what the process that started us held
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return used if sys.platform == "darwin" else used * 1024


baseline = peak()
stream = OutlineStream(Path(sys.argv[1]))
items = list(stream)  # held, as the reader holds its sections
print(json.dumps({
    "baseline": baseline,
    "peak": peak(),
    "used_child": stream.used_child,
    "sections": len(items) - 1,
    "digest": stream.digest,
}))
"""


def _outline_growth(path: Path, sections: int) -> int:
    """Bytes the peak resident memory of a fresh process grows by while it
    outlines ``path`` (through a child) and holds its sections."""
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(run.stdout)
    assert result["used_child"]
    assert result["sections"] == sections
    assert result["digest"].startswith("sha256:")
    grown: int = result["peak"] - result["baseline"]
    return grown


def test_a_20_mb_book_with_one_emoji_is_not_held_four_bytes_a_character(tmp_path: Path) -> None:
    paragraph = "Quiet words, read slowly, one after another, again and again. " * 12 + "\n\n"
    chapter = paragraph * 6  # about 4.5 KB
    chapters = [f"## Chapter {i}\n\n{chapter}" for i in range(4700)]
    chapters[2300] = f"## Chapter 2300\n\nThe one 🌱 of the book.\n\n{chapter}"
    path = tmp_path / "book.md"
    path.write_text("# A Long Book\n\n" + "".join(chapters), encoding="utf-8")
    size = path.stat().st_size
    assert size >= 20 * 1024 * 1024

    grown = _outline_growth(path, 4701)
    assert grown > 0.8 * size  # the sections themselves: the measure measures something
    # One UCS-4 string of the book alone would be 4x its size; its sections,
    # each as wide as it must be, about 1x (plus the sections' small objects).
    assert grown < 2.5 * size, f"grew {grown / 2**20:.0f} MiB for a {size / 2**20:.0f} MiB book"


def test_a_20_mb_book_of_curly_quotes_and_emoji_is_held_about_a_byte_a_character(
    tmp_path: Path,
) -> None:
    paragraph = "“Quiet” words, read slowly, one after another, again and again. " * 12 + "\n\n"
    chapter = paragraph * 6  # about 4.5 KB
    chapters = []
    for i in range(4600):
        if i % 10 == 9:  # a few plain ASCII chapters
            text = chapter.replace("“", '"').replace("”", '"')
        elif i % 3 == 0:  # a third with an emoji: as strings, four bytes a character
            text = f"A 🌱 grows here.\n\n{chapter}"
        else:  # curly quotes only: as strings, two bytes a character
            text = chapter
        chapters.append(f"## Chapter {i}\n\n{text}")
    path = tmp_path / "book.md"
    path.write_text("# A Long Book\n\n" + "".join(chapters), encoding="utf-8")
    size = path.stat().st_size
    assert size >= 20 * 1024 * 1024

    grown = _outline_growth(path, 4601)
    assert grown > 0.8 * size  # the sections themselves: the measure measures something
    # As a string per section this book takes about 2.6x its size; as the
    # UTF-8 the child sent, about 1x (plus the sections' small objects).
    assert grown < 1.6 * size, f"grew {grown / 2**20:.0f} MiB for a {size / 2**20:.0f} MiB book"


def _child_peak(path: Path, spool_dir: Path) -> int:
    """Peak resident bytes of the outline child on ``path``, run as the reader runs it."""
    script = (
        "import os, resource, subprocess, sys\n"
        "spool = os.open(sys.argv[2], os.O_RDWR | os.O_TMPFILE, 0o600)\n"
        "args = [sys.executable, '-m', 'reflect.outline_worker', sys.argv[1], '--spool', str(spool)]\n"
        "subprocess.run(args, stdout=subprocess.DEVNULL, pass_fds=(spool,), check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(path), str(spool_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(run.stdout)


def test_the_outline_child_does_not_hold_the_book_either(tmp_path: Path) -> None:
    """The child reads a Markdown book a block at a time: its peak is the same
    for 1 MB and for 20 MB (read whole, one emoji made it 4 bytes a character)."""
    paragraph = "Quiet words, read slowly, one after another, again and again. " * 12 + "\n\n"
    chapter = paragraph * 6

    def book(name: str, chapters: int) -> Path:
        parts = [f"## Chapter {i}\n\n{chapter}" for i in range(chapters)]
        parts[chapters // 2] = f"## The middle 🌱\n\n{chapter}"
        path = tmp_path / name
        path.write_text("# A Long Book\n\n" + "".join(parts), encoding="utf-8")
        return path

    small, big = book("small.md", 235), book("big.md", 4700)
    grown = _child_peak(big, tmp_path) - _child_peak(small, tmp_path)
    size = big.stat().st_size - small.stat().st_size
    assert size > 19 * 1024 * 1024
    assert grown < 0.25 * size, f"the child grew {grown / 2**20:.0f} MiB for 19 MiB more book"
