"""Run the real ``reflect`` command in a subprocess, isolated from real data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def reflect(
    *args: str | Path,
    home: Path,
    stdin: str | bytes | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m reflect ARGS`` with notes, library, config and cache under ``home``."""
    environment = {
        **os.environ,
        "REFLECT_NOTES_DIR": str(home / "notes"),
        "REFLECT_LIBRARY_DIR": str(home / "library"),
        "REFLECT_CONFIG_DIR": str(home / "config"),
        "REFLECT_CACHE_DIR": str(home / "cache"),
        "PYTHONIOENCODING": "utf-8",
        **(env or {}),
    }
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "reflect", *map(str, args)],
        input=data,
        capture_output=True,
        env=environment,
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )
