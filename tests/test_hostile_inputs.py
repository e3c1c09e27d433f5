"""Hostile and odd files through the real CLI: never a crash, hang or traceback,
and nothing planted in the text reaches the terminal."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tests.clirun import reflect

PLANTED = "\x1b]0;pwned-title\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b2J"


def outline_json(path: Path, home: Path) -> dict:
    result = reflect("outline", path, "--json", home=home, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_two_megabyte_single_line(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"line{suffix}"
    path.write_text("# Long\n\n" + "word " * 400_000 + "\n", encoding="utf-8")
    data = outline_json(path, tmp_path)
    assert sum(s["words"] for s in data["sections"]) >= 400_000


def test_twenty_thousand_headings(tmp_path: Path) -> None:
    path = tmp_path / "many.md"
    path.write_text("".join(f"## Same\n\nbody {i}\n\n" for i in range(20_000)), encoding="utf-8")
    data = outline_json(path, tmp_path)
    anchors = [s["anchor"] for s in data["sections"]]
    assert len(anchors) == 20_000
    assert len(set(anchors)) == 20_000
    assert anchors[:3] == ["same", "same-2", "same-3"]


def test_thousands_of_nested_quotes(tmp_path: Path) -> None:
    path = tmp_path / "nested.md"
    path.write_text(
        ">" * 5000
        + " deep\n\n"
        + "\n".join(">" * i + " x" for i in range(2000))
        + "\n\n# After\n\ntext\n",
        encoding="utf-8",
    )
    data = outline_json(path, tmp_path)
    assert [s["heading"] for s in data["sections"]][-1] == "After"


def test_escape_sequences_never_printed(tmp_path: Path) -> None:
    path = tmp_path / "esc.md"
    path.write_text(
        f"# Title {PLANTED}\n\nBody {PLANTED}\n\n## Part {PLANTED} two\n", encoding="utf-8"
    )
    for args in (("outline", path), ("outline", path, "--json")):
        result = reflect(*args, home=tmp_path)
        assert result.returncode == 0
        for output in (result.stdout, result.stderr):
            assert "\x1b" not in output and "\x9b" not in output
            assert "pwned-title" not in output and "cHduZWQ=" not in output
    data = outline_json(path, tmp_path)
    assert [s["heading"] for s in data["sections"]] == ["Title", "Part two"]


def test_rich_markup_lookalikes_are_text(tmp_path: Path) -> None:
    path = tmp_path / "markup.md"
    heading = "[@click=app.screenshot('x.svg','/tmp')]Read more[/] [b]x[/b] [/]"
    path.write_text(f"# {heading}\n\ntext\n", encoding="utf-8")
    data = outline_json(path, tmp_path)
    assert data["sections"][0]["heading"] == heading
    human = reflect("outline", path, home=tmp_path)
    assert heading in human.stdout


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_encodings_with_bom(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "enc.md"
    path.write_bytes(bom + "# Café “quotes” 🌱\r\n\r\nbody\r\n".encode(encoding))
    assert outline_json(path, tmp_path)["title"] == "Café “quotes” 🌱"


def test_legacy_encoding_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = (
        "Les élèves et la fête\n\nCe fut une très belle journée à l'école, pleine de rires et de soleil.\n"
        * 3
    )
    path.write_bytes(text.encode("cp1252"))
    data = outline_json(path, tmp_path)
    assert data["title"] == "Les élèves et la fête"


@pytest.mark.parametrize(
    "payload",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8,
        b"\x7fELF\x02\x01\x01\x00" + bytes(4096),
        bytes(range(256)) * 40,
    ],
)
def test_binary_refused(tmp_path: Path, payload: bytes) -> None:
    for name in ("blob.md", "blob.txt"):
        path = tmp_path / name
        path.write_bytes(payload)
        result = reflect("outline", path, "--json", home=tmp_path)
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.startswith(f"reflect: {path}:")
        assert result.stderr.count("\n") == 1


def test_invalid_utf16_bom_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x00")
    result = reflect("outline", path, home=tmp_path)
    assert result.returncode == 1 and "bad.md" in result.stderr


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    path = tmp_path / "secret.md"
    path.write_text("# x\n", encoding="utf-8")
    path.chmod(0)
    try:
        result = reflect("outline", path, home=tmp_path)
        if os.geteuid() == 0:  # root reads anything: then it must simply work
            assert result.returncode == 0
        else:
            assert result.returncode == 1 and "permission denied" in result.stderr
    finally:
        path.chmod(0o600)


def test_empty_file(tmp_path: Path) -> None:
    for name in ("empty.md", "empty.txt"):
        path = tmp_path / name
        path.write_bytes(b"")
        data = outline_json(path, tmp_path)
        assert data == {"title": name, "sections": []}


def test_devices_and_pipes_are_refused_at_once(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        result = reflect("outline", path, home=tmp_path, timeout=30)
        assert result.returncode == 1
        assert "is not an ordinary file" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_file_name_with_escape_sequences_is_cleaned_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "ev\x1b]0;PWN\x07il.md"
    path.write_bytes(bytes(range(256)) * 20)
    result = reflect("outline", path, home=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "il.md: looks like a binary file" in result.stderr


def test_import_into_a_library_dir_that_is_a_file(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Post\n\nbody\n", encoding="utf-8")
    not_a_folder = tmp_path / "library-file"
    not_a_folder.write_text("x", encoding="utf-8")
    for library in (not_a_folder, not_a_folder / "sub"):
        result = reflect("import", post, "--library-dir", library, home=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1
