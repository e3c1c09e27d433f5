"""Building what the screen shows from untrusted strings, without markup.

Textual parses a plain ``str`` given to Static, Label, OptionList, border
titles, notifications and more as *markup*: ``[@click=app.screenshot(...)]``
in an article would become a live action and ``[/]`` would crash the app.  So
every article title, heading and note reaches a widget through these helpers,
which build :class:`~textual.content.Content` objects whose text is data:
cleaned by :mod:`reflect.sanitize` (no escape sequences, no control
characters) and never parsed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.content import Content, Span

from reflect.sanitize import clean, clean_line

if TYPE_CHECKING:
    from textual.app import App


def text(value: str, style: str = "") -> Content:
    """Multi-line untrusted text (a note, a paragraph) as literal Content."""
    value = clean(value)
    return Content(value, [Span(0, len(value), style)] if style and value else None)


def line(value: str, style: str = "") -> Content:
    """One-line untrusted text (a title, a heading) as literal Content."""
    value = clean_line(value)
    return Content(value, [Span(0, len(value), style)] if style and value else None)


def join(parts: Iterable[Content | tuple[str, str] | str]) -> Content:
    """Concatenate pieces; a ``(text, style)`` pair or a bare ``str`` is literal text.

    Bare strings are *our own* fixed words (never markup either): nothing
    here ever parses markup.
    """
    out = Content("")
    for part in parts:
        if isinstance(part, Content):
            out += part
        elif isinstance(part, tuple):
            out += text(part[0], part[1])
        else:
            out += Content(part)
    return out


def tell(app: App[object], message: str, **options: Any) -> None:
    """A notification whose words may include untrusted text (a path, an error, a link).

    ``notify`` parses markup by default and passes escape sequences through:
    here the message is cleaned to one line and shown as it is.
    """
    options["markup"] = False
    app.notify(clean_line(message), **options)
