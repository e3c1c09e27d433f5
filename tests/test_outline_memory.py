"""A big book's outline costs the reader about the book's size, not four times it.

Python stores a string as wide as its widest character: held as one string, a
20 MB book with a single emoji would take 80 MB.  The outline child sends each
section as its own text, so only the emoji's section is stored four bytes a
character.  Measured in a real process (peak resident memory), not timed.
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


def test_a_20_mb_book_with_one_emoji_is_not_held_four_bytes_a_character(tmp_path: Path) -> None:
    paragraph = "Quiet words, read slowly, one after another, again and again. " * 12 + "\n\n"
    chapter = paragraph * 6  # about 4.5 KB
    chapters = [f"## Chapter {i}\n\n{chapter}" for i in range(4700)]
    chapters[2300] = f"## Chapter 2300\n\nThe one 🌱 of the book.\n\n{chapter}"
    path = tmp_path / "book.md"
    path.write_text("# A Long Book\n\n" + "".join(chapters), encoding="utf-8")
    size = path.stat().st_size
    assert size >= 20 * 1024 * 1024

    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(run.stdout)
    assert result["used_child"]
    assert result["sections"] == 4701
    assert result["digest"].startswith("sha256:")
    grown = result["peak"] - result["baseline"]
    assert grown > 0.8 * size  # the sections themselves: the measure measures something
    # One UCS-4 string of the book alone would be 4x its size; its sections,
    # each as wide as it must be, about 1x (plus the sections' small objects).
    assert grown < 2.5 * size, f"grew {grown / 2**20:.0f} MiB for a {size / 2**20:.0f} MiB book"
