"""The reader's actions in the command palette (``ctrl+p``).

Built from the reader's own bindings, so the palette, the footer and the help
screen always agree.  Only our own words are shown: Textual's fuzzy matcher
parses candidates as markup, so article headings are never offered here (the
table of contents, ``t``, is where headings are chosen).
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Next section", "next_section", "Go on (in guided mode, the pause comes first)"),
    ("Previous section", "previous_section", "Back one section, no pause"),
    ("Reflect on this section", "reflect", "Write or edit a reflection now"),
    ("Table of contents", "contents", "Jump to a heading"),
    ("Find in the article", "find", "Search every section"),
    ("Links in this section", "links", "Open a link from the keyboard (asked first)"),
    ("Toggle guided mode", "toggle_guided", "Pause at headings, or read freely"),
    ("Start from the top", "from_top", "Back to the first section"),
    ("Help: keys", "help", "Every key of the reader"),
    ("Leave the article", "leave", "Back to the library (or quit)"),
)


class ReaderCommands(Provider):
    """Reader actions for the command palette."""

    async def discover(self) -> Hits:
        for name, action, help_text in COMMANDS:
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.screen.run_action, action),
                    help=help_text,
                )
