"""The one sanitizer: nothing from an article or note may drive the terminal."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect.errors import ReflectError
from reflect.sanitize import clean, clean_line, decode

HOSTILE = [
    "\x1b]0;pwned-title\x07",  # OSC 0: window title
    "\x1b]2;pwned-title\x1b\\",  # OSC 2 with ST
    "\x1b]52;c;cHduZWQ=\x07",  # OSC 52: clipboard write
    "\x1b[2J\x1b[H",  # clear screen, home
    "\x1bc",  # full reset
    "\x9b2J",  # 8-bit CSI
    "\x1bP1$qm\x1b\\",  # DCS
    "\x9d0;pwned-title\x9c",  # 8-bit OSC
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_escape_sequences_removed(payload: str) -> None:
    out = clean(f"before {payload} after")
    assert "\x1b" not in out
    assert not any("\x80" <= ch <= "\x9f" for ch in out)
    assert "pwned-title" not in out
    assert "cHduZWQ=" not in out
    assert out.startswith("before ") and out.endswith(" after")


def test_line_ends_and_controls() -> None:
    assert clean("a\r\nb\rc\nd") == "a\nb\nc\nd"
    assert clean("tab\tkept\x00\x07\x08\x7f") == "tab\tkept"
    assert clean("line\u2028sep") == "line\nsep"
    assert clean("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert clean_line("two\nlines\tand tab") == "two lines and tab"


def test_bidi_overrides_are_removed_but_marks_kept() -> None:
    """An override would show "txt.exe" where "exe.txt" is read (Trojan Source)."""
    spoof = "open \u202eexe.txt\u202c now, \u2067isolated\u2069"
    assert clean(spoof) == "open exe.txt now, isolated"
    assert clean_line(spoof) == "open exe.txt now, isolated"
    hebrew = "שלום \u200fworld\u200e"  # right-to-left and left-to-right marks
    assert clean(hebrew) == hebrew


def test_clean_text_is_returned_unchanged() -> None:
    text = "Plain “text” — with emoji 🌱 and RTL مرحبا.\n"
    assert clean(text) is text


@given(st.text())
def test_clean_output_is_always_safe(text: str) -> None:
    out = clean(text)
    for ch in out:
        assert ch in "\n\t" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F)
        assert not 0xD800 <= ord(ch) <= 0xDFFF
        assert not (0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069)
    assert clean(out) == out
    out.encode("utf-8")


def test_decode_encodings() -> None:
    text = "Héllo — “quoted” 🌱\n"
    assert decode(text.encode("utf-8"), "f") == text
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8"), "f") == text
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "f") == text
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "f") == text
    latin = (
        "Les élèves étaient très contents de voir leur école rénovée. "
        "Ça a été une journée agréable pour tout le monde à la fête du village.\n"
    ) * 5
    assert decode(latin.encode("cp1252"), "f") == latin


def test_short_latin1_text_is_read_as_western_european() -> None:
    # Detectors guess from a handful of accented letters; "Café" came out "Cafť".
    text = "Café Notes\n\nI love cafés. They are warm.\n\nThe Best Seat\n\nBy the window.\n"
    assert decode(text.encode("latin-1"), "f") == text
    quotes = "It’s a “quiet” café — five minutes’ walk… 5 €\n"
    assert decode(quotes.encode("cp1252"), "f") == quotes


def test_short_central_european_text_is_left_to_the_detector() -> None:
    czech = "Děkuji za přečtení. Tohle je krátký článek o kávě a čaji.\n\nKávu piju ráno.\n"
    assert decode(czech.encode("cp1250"), "f") == czech


def test_short_control_bytes_are_still_refused() -> None:
    with pytest.raises(ReflectError, match=r"binary|recognised"):
        decode(bytes(range(1, 32)) * 8 + b"\xe9", "blob.txt")


def test_binary_refused_with_one_sentence() -> None:
    with pytest.raises(ReflectError) as info:
        decode(bytes(range(256)) * 64, "photo.md")
    message = str(info.value)
    assert message.startswith("photo.md:") and "binary" in message and "\n" not in message
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    with pytest.raises(ReflectError):
        decode(png, "x.png")


def test_bad_bom_refused() -> None:
    with pytest.raises(ReflectError, match="byte-order mark"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "f.txt")
