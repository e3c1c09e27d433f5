"""The hook every screen names in ``COMMANDS``: its ``PALETTE`` actions in the
command palette, with the provider imported only when the palette opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.command import Provider


def screen_commands() -> type[Provider]:
    """The palette provider, imported only when the palette opens."""
    from reflect.widgets.palette import ScreenCommands

    return ScreenCommands
