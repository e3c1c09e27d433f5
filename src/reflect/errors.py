"""The one exception type a person may see.

Every failure caused by the reader's input (a file that is not text, a notes
file that does not parse, an unknown section) is raised as a
:class:`ReflectError` whose message is one sentence naming the file and the
problem.  The CLI prints it and exits 1; the app shows it in a notification.
Anything else reaching the top is a bug and is allowed to show a traceback.
"""

from __future__ import annotations


class ReflectError(Exception):
    """A problem with the reader's files or input, explained in one sentence."""


class UsageError(ReflectError):
    """The command line itself is wrong (exit status 2)."""
