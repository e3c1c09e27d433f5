"""Untrusted text is data: markup shows literally, and links open only when asked.

An article's ``[@click=...]``, ``[/]`` and ``[b]`` are text; its links carry
only a number in their click action, so no address can break out of an action
string; only http(s)/mailto addresses are offered, after showing them in full;
local paths, ``file:``, ``javascript:`` and relative links never open.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.screens.link import LinkScreen, openable
from reflect.widgets.prose import Prose
from reflect.widgets.render import render_markdown

from .reader_support import copy_article, reading, settle

HOSTILE_LINKS = """\
[relative](../secrets.txt) [root](/etc/passwd) [home](~/.ssh/id_rsa)
[quote](https://example.com/?q=')&x=\\") [paren](https://e.com/a_(b)'),screenshot('y.svg'))
[pct](%66ile:///etc/passwd) [upper](FILE:///etc/passwd) [js](JaVaScRiPt:alert(1))
[web](https://example.com/page) [mail](mailto:someone@example.com)
"""


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Every address the app is asked to open (none is really opened in tests)."""
    calls: list[str] = []
    from reflect.app import ReflectApp

    monkeypatch.setattr(ReflectApp, "open_url", lambda self, url, **kw: calls.append(url))
    return calls


@pytest.mark.parametrize(
    ("href", "ok"),
    [
        ("https://example.com/page", True),
        ("http://example.com", True),
        ("mailto:someone@example.com", True),
        ("file:///etc/passwd", False),
        ("FILE:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("../secrets.txt", False),
        ("/etc/passwd", False),
        ("~/notes", False),
        ("%66ile:///etc/passwd", False),
        ("https://", False),
        ("https://example.com/\nfile:///x", False),
        ("data:text/html,<b>x</b>", False),
        ("", False),
    ],
)
def test_only_web_and_mail_addresses_are_openable(href, ok):
    assert openable(href) is ok


def test_link_actions_carry_numbers_never_addresses():
    rendered = render_markdown(HOSTILE_LINKS)
    actions = [
        span.style.meta["@click"]
        for item in rendered.items
        for span in item.body.spans
        if not isinstance(span.style, str) and "@click" in span.style.meta
    ]
    assert actions == [f"link({n})" for n in range(len(rendered.links))]
    assert "https://e.com/a_(b)'),screenshot('y.svg')" not in " ".join(actions)


def test_markup_in_text_is_literal_and_makes_no_actions():
    source = "[@click=app.screenshot('x.svg','/tmp/x')]Read more[/] [/] x [b]bold?[/b]"
    rendered = render_markdown(source)
    [item] = rendered.items
    assert item.body.plain == source
    assert not [s for s in item.body.spans if not isinstance(s.style, str)]


async def test_hostile_article_shows_literally_and_runs_nothing(private_dirs, tmp_path, opened):
    article = copy_article("hostile.md", tmp_path / "articles")
    async with reading(article, private_dirs) as (app, pilot, reader):
        assert reader.title_text == "[b]bold?[/b] title"
        prose = app.screen.query_one(Prose)
        text = "\n".join(line.plain for line in prose.lines(prose.size.width))
        assert "[@click=app.screenshot('x.svg','/tmp/somewhere')]Read more[/]" in text
        assert "[/] x" in text
        # Click every character of the markup line: nothing runs, nothing opens.
        lines = prose.lines(prose.size.width)
        y = next(i for i, line in enumerate(lines) if "Read more" in line.plain)
        for x in range(0, lines[y].cell_length, 3):
            await pilot.click(prose, offset=(x, y))
        await settle(app, pilot)
        assert not isinstance(app.screen, LinkScreen)
        assert opened == []
        assert not Path("/tmp/somewhere/x.svg").exists()
        reader.go_to(1)
        await settle(app, pilot)
        heading = app.screen.query_one(".heading")
        assert str(heading.render()) == "[@click=app.quit]Second[/] heading"
        await pilot.click(heading)
        await settle(app, pilot)
        assert app.is_running


async def test_clicking_links_refuses_local_ones_and_asks_before_web_ones(
    private_dirs, tmp_path, opened
):
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "links.md"
    article.write_text("# Links\n\n" + HOSTILE_LINKS, encoding="utf-8")
    async with reading(article, private_dirs) as (app, pilot, _reader):
        prose = app.screen.query_one(Prose)
        asked: list[str] = []
        for number, href in enumerate(prose.links):
            await prose.run_action(f"link({number})")
            await settle(app, pilot)
            if isinstance(app.screen, LinkScreen):
                assert str(app.screen.query_one("#link-address").render()) == href
                asked.append(href)
                await pilot.press("n")
                await settle(app, pilot)
        assert asked == [h for h in prose.links if openable(h)]
        assert "https://example.com/page" in asked
        assert "mailto:someone@example.com" in asked
        assert not any(h.startswith(("../", "/", "~", "%")) for h in asked)
        assert opened == []
        # Refusals say so, naming the link.
        messages = [n.message for n in app._notifications]
        assert any("../secrets.txt" in m and "Not opened" in m for m in messages)
        # A real click on "web", then yes: only now is it opened.
        lines = prose.lines(prose.size.width)
        y = next(i for i, line in enumerate(lines) if "web" in line.plain)
        x = lines[y].plain.index("web")
        await pilot.click(prose, offset=(x + 1, y))
        await settle(app, pilot)
        assert isinstance(app.screen, LinkScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert opened == ["https://example.com/page"]


async def test_escape_sequences_in_notes_never_reach_the_screen(private_dirs, tmp_path):
    from reflect.screens.pause import PauseScreen
    from reflect.store import NotesStore

    from .reader_support import meta_of

    article = copy_article("three-rooms.md", tmp_path / "articles")
    hostile = "\x1b]0;pwned\x07\x1b]52;c;aGVsbG8=\x07kept\x1b[2J [@click=app.quit]x[/]"
    NotesStore(private_dirs.notes).add(
        "three-rooms", meta_of(article), "three-rooms", "Three Rooms", hostile
    )
    async with reading(article, private_dirs) as (app, pilot, _reader):
        await pilot.press("r")
        pause = app.screen
        assert isinstance(pause, PauseScreen)
        [entry] = pause.query(".entry")
        shown = str(entry.render())
        assert "\x1b" not in shown and "\x07" not in shown
        assert "kept [@click=app.quit]x[/]" in shown
        await pilot.click(entry)
        await settle(app, pilot)
        assert app.is_running


async def test_links_can_be_chosen_from_the_keyboard_and_are_still_asked_first(
    private_dirs, tmp_path, opened
):
    from reflect.screens.link import LinksScreen

    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "links.md"
    article.write_text("# Links\n\n" + HOSTILE_LINKS, encoding="utf-8")
    async with reading(article, private_dirs) as (app, pilot, _reader):
        await pilot.press("o")
        assert isinstance(app.screen, LinksScreen)
        links = app.screen.links
        web = links.index("https://example.com/page")
        await pilot.press(*["down"] * web, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LinkScreen)
        assert opened == []
        await pilot.press("y")
        await settle(app, pilot)
        assert opened == ["https://example.com/page"]
        await pilot.press("o", "enter")  # the first link is relative: refused, never opened
        await settle(app, pilot)
        assert not isinstance(app.screen, LinkScreen)
        assert opened == ["https://example.com/page"]
