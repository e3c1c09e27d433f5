"""The reader's preferences (theme, guided mode), kept as TOML in the config dir.

A config file that cannot be read is ignored rather than fatal: preferences
are never worth refusing to open an article over.  It is written atomically so
a crash cannot leave a half-written file behind.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

import tomli_w

from reflect.atomic import write_atomic

DEFAULT_THEME = "textual-dark"


@dataclass(slots=True)
class Config:
    """Preferences that outlive one run."""

    theme: str = DEFAULT_THEME
    guided: bool = True


def config_path(config_dir: Path) -> Path:
    """Where the preferences live."""
    return config_dir / "config.toml"


def load_config(config_dir: Path) -> Config:
    """Saved preferences, or the defaults when there are none or they are unreadable."""
    try:
        data = tomllib.loads(config_path(config_dir).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Config()
    config = Config()
    if isinstance(data.get("theme"), str):
        config.theme = data["theme"]
    if isinstance(data.get("guided"), bool):
        config.guided = data["guided"]
    return config


def save_config(config_dir: Path, config: Config) -> None:
    """Write preferences atomically; failures are the caller's to report."""
    config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(config_path(config_dir), tomli_w.dumps(asdict(config)).encode("utf-8"))
