"""The pane's Markdown layout: hanging indents, quote bars, tables, code, as plain lines."""

from __future__ import annotations

from reflect.widgets.prose import Prose
from reflect.widgets.render import render_markdown

SAMPLE = """\
Intro with `code`, *em*, **strong** and a [link](https://example.com).

> A quoted paragraph long enough to wrap onto a second line.
>
> - inside

1. First item that is long enough to wrap.
2. Second
   - nested

```
x = 1
```

| a | bb |
| --- | --- |
| ccc | d |

---

End.
"""


def lines(source: str, width: int) -> list[str]:
    rendered = render_markdown(source)
    return [line.plain for line in Prose(rendered.items, rendered.links, first=True).lines(width)]


def test_layout_draws_blocks_with_hanging_indents_and_bars():
    assert lines(SAMPLE, 40) == [
        "Intro with code, em, strong and a link.",
        "",
        "▎ A quoted paragraph long enough to wrap",
        "▎ onto a second line.",
        "▎",
        "▎ • inside",
        "",
        "1. First item that is long enough to",
        "   wrap.",
        "2. Second",
        "   ◦ nested",
        "",
        "x = 1" + " " * 35,
        "",
        "a   │ bb",
        "────┼───",
        "ccc │ d",
        "",
        "               ·   ·   ·",
        "",
        "End.",
    ]


def test_links_are_numbered_in_order():
    rendered = render_markdown("[a](https://a.example) and ![img](pic.png) and [b](mailto:b@x.y)")
    assert rendered.links == ["https://a.example", "pic.png", "mailto:b@x.y"]
    [item] = rendered.items
    assert item.body.plain == "a and [image: img] and b"


def test_control_characters_in_code_and_text_are_removed():
    [item] = render_markdown("a\x1b[2Jb\x07").items
    assert item.body.plain == "ab"
