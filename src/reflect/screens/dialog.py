"""What every dialog looks like: one box in the middle of a modal screen.

A dialog's rules are its class's ``DEFAULT_CSS`` (here for the box, in its own
module for what is inside), as every screen's are: Textual adds a class's
``DEFAULT_CSS`` when the class is first shown, parsed once, while an app
stylesheet is parsed at every start.  Not ``CSS``/``CSS_PATH`` on the screen:
those reparse the whole stylesheet and restyle every node when it opens.

These are default rules, so they would lose to an app stylesheet and beat
Textual's own widget defaults by specificity alone (a subclass's rule beats its
base's on a tie).  Where a widget default would still win (an ``!important``,
or a ``:ansi`` rule more specific than ours), the rule here says so.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from reflect.widgets.released import forget_closed_screen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal screen whose one child, with the class ``dialog``, is the box shown.

    This is how the library's and the journal's dialogs look; the reader's are
    :class:`ReaderDialog`.  Dismisses with a ``ResultT``.
    """

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        & > .dialog {
            width: 72;
            max-width: 90%;
            height: auto;
            max-height: 90%;
            padding: 1 2;
            background: $surface;
            border: round $primary 60%;
        }
    }
    """

    def on_unmount(self) -> None:
        forget_closed_screen()


class ReaderDialog(Dialog[ResultT]):
    """A dialog over the page being read: a wider box, up to the whole screen.

    The page stays dimmed behind it with an ANSI theme too (ModalScreen's own
    ``:ansi`` rule would leave it clear).
    """

    DEFAULT_CSS = """
    ReaderDialog, ReaderDialog:ansi {
        background: $background 60%;
    }

    ReaderDialog > .dialog {
        width: 76;
        max-width: 100%;
        max-height: 100%;
        border: round $primary 50%;
    }
    """
