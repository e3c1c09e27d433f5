"""Each screen's actions in the command palette (``ctrl+p``).

Built from the screen's ``PALETTE`` triples: our own words only, because
Textual's fuzzy matcher reads candidates as markup, so article titles and
headings are never offered here.  Imported only when the palette opens (see
:func:`reflect.screens.palette.screen_commands`), so starting the app does not
pay for ``textual.command``.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenCommands(Provider):
    """A screen's ``PALETTE`` actions: ``(name, action, help)`` triples."""

    def _commands(self) -> tuple[tuple[str, str, str], ...]:
        return getattr(self.screen, "PALETTE", ())

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.screen.run_action, action),
                    help=help_text,
                )
