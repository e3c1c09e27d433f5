"""Help: every key of the reader, the find bar and the pause, in one table.

Rows come from the screens' own bindings (plus the few keys Textual's scroll
view provides), so this page cannot drift from what the keys do.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reflect.screens.dialog import ReaderDialog
from reflect.ui_text import join, line
from reflect.widgets.prose import Prose
from reflect.widgets.render import Item

KEY_WIDTH = 18

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "space": "space",
    "pagedown": "pgdn",
    "shift+enter": "shift+enter",
}

EXTRA_READER = (
    ("up/down", "Scroll within the pane"),
    ("home/end", "Top or bottom of the pane"),
)
EXTRA_APP = (
    ("ctrl+p", "Command palette: every action by name"),
    ("ctrl+q", "Quit from anywhere (an open editor's text is saved first)"),
)

DESCRIPTIONS = {
    "reader.next": "Next section (guided: the pause comes first, once per visit)",
    "reader.previous": "Previous section, no pause",
    "reader.page": "Page down; at the bottom of a pane, go on as n",
    "reader.down": "Scroll down",
    "reader.up": "Scroll up",
    "reader.reflect": "Write a reflection for this section now (edit this visit's)",
    "reader.contents": "Table of contents: choose a heading to jump there",
    "reader.find": "Find in the article",
    "reader.links": "Links in this section: choose one to open it (asked first)",
    "reader.guided": "Guided mode on/off (a pause at each heading)",
    "reader.top": "Start from the top (first section)",
    "reader.journal": "Journal: your reflections on this article, by section",
    "reader.help": "This help",
    "reader.leave": "Back to the library, or quit when opened on a file",
    "find.next": "Next match (in the find bar)",
    "find.previous": "Previous match (in the find bar)",
    "find.close": "Close the find bar, staying at the match",
    "pause.save": "Save the reflection and go on (opened with r: stay here)",
    "pause.leave": "Go on: typed text is saved, an empty editor skips (with r: close)",
}


def keys_of(binding: Binding) -> str:
    """A binding's keys as a reader types them: ``n, right``."""
    return ", ".join(KEY_NAMES.get(key, key) for key in binding.key.split(","))


def rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """The help page: groups of (keys, what they do)."""
    from reflect.screens.pause import PauseScreen
    from reflect.screens.reader import ReaderScreen
    from reflect.widgets.findbar import FindBar

    def group(bindings: list[Binding]) -> list[tuple[str, str]]:
        return [
            (keys_of(b), DESCRIPTIONS.get(b.id or "", b.description))
            for b in bindings
            if isinstance(b, Binding)
        ]

    reader = group(ReaderScreen.BINDINGS)  # type: ignore[arg-type]
    after_k = next(i for i, (keys, _) in enumerate(reader) if keys == "k") + 1
    reader[after_k:after_k] = list(EXTRA_READER)
    return [
        ("Reading", reader),
        ("Find bar", group(FindBar.BINDINGS)),  # type: ignore[arg-type]
        ("The pause (note editor)", group(PauseScreen.BINDINGS)),  # type: ignore[arg-type]
        ("Anywhere", list(EXTRA_APP)),
    ]


class HelpScreen(ReaderDialog[None]):
    """Every binding, explained; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        #help-title {
            text-style: bold;
            color: $text-primary;
            margin: 0 0 1 0;
        }
        #help-body {
            height: auto;
            max-height: 18;
            scrollbar-size-vertical: 1;
        }
        .help-group {
            color: $text-secondary;
            text-style: italic;
        }
        .help-keys {
            margin: 0 0 1 0;
        }
        #help-close {
            color: $text-muted;
        }
    }
    """

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(line("Keys"), id="help-title")
            with VerticalScroll(id="help-body"):
                for title, entries in rows():
                    yield Static(line(title), classes="help-group")
                    yield Prose(
                        [
                            Item(
                                Content(what),
                                first=join([(keys.ljust(KEY_WIDTH), "bold $text-accent")]),
                                rest=Content(" " * KEY_WIDTH),
                                gap=0,
                            )
                            for keys, what in entries
                        ],
                        [],
                        first=True,
                        classes="help-keys",
                    )
            yield Static(line("escape to close"), id="help-close")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Back to reading."""
        self.dismiss(None)
