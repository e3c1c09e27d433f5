"""reflect: a terminal app for slow, reflective reading."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__`` from the package metadata, looked up only when asked for:
    importing importlib.metadata costs more than the rest of the CLI's start-up."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("reflect")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+unknown"
    raise AttributeError(name)
