"""Text hygiene, in one place: every article, title and note shown passes here.

Terminals obey escape sequences, and neither Rich nor Textual removes them from
the text they are given, so an article could retitle the terminal, write the
clipboard (OSC 52) or wipe the screen.  :func:`clean` removes every escape
sequence and control character except newline and tab; :func:`decode` turns a
file's bytes into text or refuses them with a sentence a person understands.
"""

from __future__ import annotations

import codecs
import re

from reflect.errors import ReflectError

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings
# (terminated by BEL or ST, or unterminated to the end), and two-byte escapes.
# The 8-bit C1 forms (U+009B CSI, U+009D OSC, ...) are covered the same way.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?              # CSI ... final byte
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])         # OSC, DCS, SOS, PM, APC
      .*?(?:\x07|\x1b\\|\x9c|$)                    #   ... up to BEL or ST
  | \x1b[ -/]*[0-~]?                               # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
# Every other C0/C1 control and DEL, but not tab and newline; and the bidi
# embeddings, overrides and isolates (U+202A-202E, U+2066-2069), which make a
# terminal that lays out right-to-left text show characters in another order
# than they are read ("Trojan Source").  The marks U+200E/200F stay: they only
# nudge neutral characters and are common in right-to-left writing.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DIRTY = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_ESCAPE_START = re.compile(r"[\x1b\x90\x98\x9b\x9d\x9e\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def clean(text: str) -> str:
    """``text`` with line ends as ``\\n`` and no escape sequences or control characters.

    Lone surrogates (which no terminal can show and UTF-8 cannot encode) become
    U+FFFD, so whatever comes out can always be printed and saved.
    """
    if not _DIRTY.search(text):
        return text  # the common case, decided in one scan
    text = _NEWLINES.sub("\n", text)
    if _ESCAPE_START.search(text):
        text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text


def clean_line(text: str) -> str:
    """Like :func:`clean`, for one-line places (titles, list rows): newlines and
    tabs become spaces."""
    return clean(text).replace("\n", " ").replace("\t", " ")


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes, or a :class:`ReflectError` naming ``name``.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read directly;
    anything else that is text is detected with charset-normalizer; binary data
    is refused rather than shown as garbage.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ReflectError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark "
                    "but is not valid in that encoding."
                ) from None
    if b"\x00" in data[:65536]:
        raise ReflectError(f"{name}: looks like a binary file, not text.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data, name)


# A short text that is not UTF-8 and mostly ASCII is nearly always Windows-1252
# or Latin-1 (an old editor's "Café"): detectors guess poorly on a few accented
# letters (an 80-byte "Café Notes" came out as Mac Central European, "Cafť").
_SHORT_BYTES = 8 * 1024
_MOSTLY_ASCII = 0.08  # at most this share of bytes above 0x7F (Czech or Polish has more)
_CONFIDENT = 0.6  # coherence at which the detector's language guess is trusted


def _detect(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 files

    matches = list(from_bytes(data[: 1 << 20]))
    best = matches[0] if matches else None
    western = _short_western(data)
    if western is not None and (best is None or best.coherence < _CONFIDENT):
        return western
    # Single-byte code pages often tie; Windows-1252 is by far the most common
    # source of non-UTF-8 text, so it wins a tie (cp1250 would turn "è" into "č").
    for match in matches:
        if (
            best is not None
            and match.encoding in ("cp1252", "latin_1", "iso8859_15")
            and match.chaos <= best.chaos + 0.01
            and match.coherence >= best.coherence - 0.05
        ):
            best = match
            break
    if best is None or best.encoding is None:
        raise ReflectError(
            f"{name}: is not UTF-8 and its encoding could not be recognised; "
            "save it as UTF-8 and try again."
        )
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReflectError(
            f"{name}: is not UTF-8 and its encoding could not be recognised; "
            "save it as UTF-8 and try again."
        ) from None
    if _looks_binary(text):
        raise ReflectError(f"{name}: looks like a binary file, not text.")
    return text


def _short_western(data: bytes) -> str | None:
    """``data`` read as Windows-1252 if it is short, mostly ASCII and valid there.

    Windows-1252 leaves five bytes undefined and has no C1 controls, so
    binary-looking bytes fail here and go on to the detector (and refusal).
    """
    if len(data) > _SHORT_BYTES:
        return None
    high = sum(1 for byte in data if byte > 0x7F)
    if high > len(data) * _MOSTLY_ASCII:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


def _looks_binary(text: str) -> bool:
    """Many control characters in a decoded sample means it was never text."""
    sample = text[:8192]
    if not sample:
        return False
    controls = len(_CONTROLS.findall(sample))
    return controls / len(sample) > 0.05
