"""The library's and the journal's actions in the command palette (``ctrl+p``).

Built from each screen's ``PALETTE``: our own words only, because Textual's
fuzzy matcher reads candidates as markup, so article titles are never offered
here.  Imported only when the palette opens (screens name it through
:func:`provider`), so starting the library does not pay for ``textual.command``.
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


def provider() -> type[Provider]:
    """The provider class, for a screen's ``COMMANDS`` (resolved when the palette opens)."""
    return ScreenCommands
