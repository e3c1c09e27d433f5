"""Front matter: the ``title`` and per-heading ``prompts`` an author may give.

Front matter is never shown as text.  ``---`` blocks are read as the small
subset of YAML people write by hand (``key: value`` and one nested mapping);
``+++`` blocks are TOML.  Front matter that cannot be read is still hidden,
and simply gives nothing: an article must never fail to open over it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

_FENCES = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M),
    "+++": re.compile(r"^\+\+\+[ \t]*$", re.M),
}
_MAX_FRONT_MATTER = 64 * 1024


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What front matter gave, and where the Markdown after it starts."""

    end: int = 0
    title: str | None = None
    prompts: dict[str, str] = field(default_factory=dict)


def read_front_matter(text: str) -> FrontMatter:
    """Front matter at the very start of ``text``, if any."""
    first_line = text[:4].rstrip("\n")
    fence = first_line if first_line in _FENCES and text[3:4] == "\n" else None
    if fence is None:
        return FrontMatter()
    closing = _FENCES[fence].search(text, 4, 4 + _MAX_FRONT_MATTER)
    if closing is None:
        return FrontMatter()
    raw = text[4 : closing.start()]
    end = closing.end()
    if text[end : end + 1] == "\n":
        end += 1
    data = _parse_toml(raw) if fence == "+++" else _parse_yamlish(raw)
    title = data.get("title")
    prompts = data.get("prompts")
    return FrontMatter(
        end=end,
        title=str(title).strip() or None if isinstance(title, str | int | float) else None,
        prompts={
            str(k).strip(): str(v).strip()
            for k, v in (prompts.items() if isinstance(prompts, dict) else ())
            if isinstance(v, str | int | float) and str(v).strip()
        },
    )


def _parse_toml(raw: str) -> dict[str, object]:
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError:
        return {}


_KEY = re.compile(
    r"""^(?P<indent>[ \t]*)"""
    r"""(?P<key>"[^"]*"|'[^']*'|[^:#][^:]*?)[ \t]*:"""
    r"""(?:[ \t]+(?P<value>.*?))?[ \t]*$"""
)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        if value[0] == '"':
            return inner.replace('\\"', '"').replace("\\\\", "\\")
        return inner.replace("''", "'")
    return value.split(" #", 1)[0].strip()


def _parse_yamlish(raw: str) -> dict[str, object]:
    """``key: value`` pairs, and ``key:`` followed by indented pairs as a mapping."""
    data: dict[str, object] = {}
    current: dict[str, str] | None = None
    for line in raw.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY.match(line)
        if match is None:
            continue
        key = _unquote(match["key"])
        value = match["value"]
        if match["indent"]:
            if current is not None and value:
                current[key] = _unquote(value)
            continue
        if value:
            data[key] = _unquote(value)
            current = None
        else:
            current = {}
            data[key] = current
    return data
