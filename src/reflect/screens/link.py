"""Links open only when asked, only on the web, after showing the full address.

An article's link is data: clicking it calls :func:`ask_to_open`, which opens
nothing but ``http``, ``https`` and ``mailto`` addresses, and those only after
the reader has seen the whole address and said yes.  Local paths, ``file:``,
``javascript:`` and relative links are refused with a sentence saying so.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from reflect.sanitize import clean_line
from reflect.screens.dialog import ReaderDialog
from reflect.ui_text import line, tell, text

OPENABLE = frozenset({"http", "https", "mailto"})


def openable(href: str) -> bool:
    """Whether ``href`` is a web or mail address reflect may hand to the browser."""
    href = href.strip()
    if not href or any(ch.isspace() or ord(ch) < 32 for ch in href):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if parts.scheme.lower() not in OPENABLE:
        return False
    if parts.scheme.lower() == "mailto":
        return bool(parts.path)
    return bool(parts.netloc)


def ask_to_open(app: App[object], href: str) -> None:
    """Ask before opening ``href``; refuse anything that is not a web or mail address."""
    shown = clean_line(href)
    if not openable(href):
        tell(
            app,
            f"Not opened: reflect opens only web (http, https) and mail links, "
            f"never local files or scripts. The link was: {shown or '(empty)'}",
            severity="warning",
            timeout=8,
        )
        return

    def answered(yes: bool | None) -> None:
        if yes:
            app.open_url(href)

    app.push_screen(LinkScreen(href), answered)


class LinkScreen(ReaderDialog[bool]):
    """Shows the full address and asks; dismisses with True to open it."""

    DEFAULT_CSS = """
    LinkScreen {
        #link-title {
            text-style: bold;
            color: $text-primary;
            margin: 0 0 1 0;
        }
        #link-address {
            color: $text-accent;
            margin: 0 0 1 0;
        }
        #link-buttons {
            height: auto;
            align-horizontal: right;
            Button {
                margin: 0 0 0 1;
            }
        }
    }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Open", id="link.open"),
        Binding("n,escape", "answer(False)", "Cancel", id="link.cancel"),
    ]

    def __init__(self, href: str) -> None:
        super().__init__()
        self.href = href
        """The address, exactly as the article gives it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="link-dialog", classes="dialog"):
            yield Static(line("Open this link in your browser?"), id="link-title")
            yield Static(text(self.href), id="link-address")
            with Horizontal(id="link-buttons"):
                yield Button(line("Open (y)"), id="open", variant="primary")
                yield Button(line("Cancel (n)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "open")

    def action_answer(self, yes: bool) -> None:
        """Open (True) or not."""
        self.dismiss(yes)


class LinksScreen(ReaderDialog[str | None]):
    """The links of the pane, for the keyboard: dismisses with the chosen address."""

    DEFAULT_CSS = """
    LinksScreen {
        #links-title {
            text-style: bold;
            color: $text-primary;
            margin: 0 0 1 0;
        }
        #links-list {
            height: auto;
            max-height: 20;
            border: none;
            background: $surface;
        }
    }
    """

    BINDINGS = [Binding("escape,o,q", "close", "Close", id="links.close")]

    def __init__(self, links: list[str]) -> None:
        super().__init__()
        self.links = links
        """Addresses in the order they appear in the pane."""

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(id="links-dialog", classes="dialog"):
            yield Static(line("Links in this section"), id="links-title")
            if self.links:
                yield OptionList(
                    *(Option(line(href), id=str(n)) for n, href in enumerate(self.links)),
                    id="links-list",
                )
            else:
                yield Static(line("This section has no links."), id="links-none")

    def on_mount(self) -> None:
        for options in self.query("#links-list"):
            options.focus()

    def on_option_list_option_selected(self, event) -> None:  # type: ignore[no-untyped-def]
        event.stop()
        self.dismiss(self.links[int(event.option.id or 0)])

    def action_close(self) -> None:
        """Back to reading."""
        self.dismiss(None)
