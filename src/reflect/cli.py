"""The ``reflect`` command line.

Built on argparse so that ``reflect --version`` and the non-TUI subcommands
start fast and never import Textual: each subcommand's module is imported only
when it runs, and the app only when the TUI starts.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence

from reflect.errors import ReflectError, UsageError
from reflect.paths import Dirs
from reflect.sanitize import clean_line

Handler = Callable[[argparse.Namespace, Dirs], int]


class _Parser(argparse.ArgumentParser):
    """Usage errors as one sentence with exit status 2, not argparse's wall of usage.

    Options are spelled out: an abbreviation (``--notes-d``) would be read one
    way before ``reflect PATH`` is told from a subcommand and another way after.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"reflect: {message} (see 'reflect --help').\n")


class _Version(argparse.Action):
    """``--version``, reading the package metadata only when asked (it is slow to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=kwargs.get("help"))  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import reflect

        sys.stdout.write(f"reflect {reflect.__version__}\n")
        parser.exit(0)


class _IntermixedParser(_Parser):
    """Lets positionals come after options (``note PATH --section A TEXT``),
    which plain argparse refuses for a second, optional positional.

    Everything after the first ``--`` is a positional taken exactly, even
    ``--`` itself or ``-x``: argparse 3.11 drops a value that is ``--`` and
    loses the marker between the two passes of intermixed parsing, so those
    arguments go through argparse as stand-ins and are put back afterwards.
    """

    _inside = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def,override]
        if self._inside:
            return super().parse_known_args(args, namespace)
        args = list(sys.argv[1:] if args is None else args)
        literal: list[str] = []
        if "--" in args:
            cut = args.index("--")
            args, literal = args[:cut], args[cut + 1 :]
        # A command line cannot hold NUL, so no real argument looks like these;
        # they start with neither "-" nor a prefix argparse would read as an option.
        marker = "\0"
        while any(marker in arg for arg in args):  # only when called from Python
            marker += "\0"
        stand_ins = {f"{marker}{k}": arg for k, arg in enumerate(literal)}
        self._inside = True
        try:
            # The "--" keeps the stand-ins from being taken as an option's value.
            namespace, extras = self.parse_known_intermixed_args(
                args + (["--", *stand_ins] if stand_ins else []), namespace
            )
        finally:
            self._inside = False
        for name, value in list(vars(namespace).items()):
            if isinstance(value, str):
                setattr(namespace, name, stand_ins.get(value, value))
            elif isinstance(value, list):
                setattr(namespace, name, [stand_ins.get(v, v) for v in value])
        return namespace, [stand_ins.get(arg, arg) for arg in extras]


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--notes-dir",
        metavar="DIR",
        default=default,
        help="where reflections are kept (env REFLECT_NOTES_DIR)",
    )
    parser.add_argument(
        "--library-dir",
        metavar="DIR",
        default=default,
        help="the user's library of articles (env REFLECT_LIBRARY_DIR)",
    )


def _lazy(module: str, function: str) -> Handler:
    def run(args: argparse.Namespace, dirs: Dirs) -> int:
        import importlib

        handler: Handler = getattr(importlib.import_module(module), function)
        return handler(args, dirs)

    return run


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; ``--help`` lists every subcommand."""
    parser = _Parser(
        prog="reflect",
        description="Slow, reflective reading in the terminal: one section at a time, "
        "a pause at each heading, notes kept as plain TOML.",
        epilog="With no command, opens the library; with PATH, opens a file in the reader "
        "or a folder as a library.",
    )
    parser.add_argument("--version", action=_Version, help="show reflect's version and exit")
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_IntermixedParser)

    p = sub.add_parser("outline", help="the sections reflect finds in an article")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=_lazy("reflect.commands.outline", "run"))

    p = sub.add_parser("notes", help="saved reflections (all articles when no PATH)")
    p.add_argument("path", metavar="PATH", nargs="?")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--since",
        metavar="DATE",
        help="only reflections written or edited on or after DATE (YYYY-MM-DD)",
    )
    p.add_argument(
        "--search", metavar="TEXT", help="only reflections containing TEXT (case-insensitive)"
    )
    p.set_defaults(handler=_lazy("reflect.commands.notes", "run_notes"))

    p = sub.add_parser("export", help="an article's reflections as a Markdown document")
    p.add_argument("path", metavar="PATH")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(handler=_lazy("reflect.commands.notes", "run_export"))

    p = sub.add_parser(
        "import", help="copy articles into the library (plain text becomes Markdown)"
    )
    p.add_argument("files", metavar="FILE", nargs="+")
    p.set_defaults(handler=_lazy("reflect.commands.import_", "run"))

    p = sub.add_parser("note", help="add a reflection from the shell")
    p.add_argument("path", metavar="PATH")
    p.add_argument(
        "--section",
        metavar="ANCHOR",
        required=True,
        help="the section's anchor (see 'reflect outline')",
    )
    p.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        default="-",
        help="the reflection, exactly; '-' or absent reads stdin; "
        "put '--' before a TEXT that starts with '-'",
    )
    p.set_defaults(handler=_lazy("reflect.commands.notes", "run_note"))

    for action in sub.choices.values():
        _common(action, suppress=True)
    return parser


_TOP_OPTIONS = frozenset({"--notes-dir", "--library-dir", "--version", "--help", "-h"})


def _split_target(argv: list[str]) -> tuple[list[str], str | None]:
    """``reflect PATH`` is not a subcommand; take PATH out before argparse sees it."""
    commands = {"outline", "notes", "export", "import", "note"}
    rest: list[str] = []
    target: str | None = None
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            rest.append(arg)
            continue
        if arg in ("--notes-dir", "--library-dir"):
            skip = True
            rest.append(arg)
            continue
        if arg == "--" and target is None and i + 1 < len(argv):
            target = argv[i + 1]
            rest.extend(argv[i + 2 :])
            break
        if target is not None and not arg.startswith("-"):
            raise UsageError(f"unexpected '{arg}' after {target}: reflect opens one file or folder")
        if arg.startswith("-"):
            if arg.partition("=")[0] not in _TOP_OPTIONS:
                raise UsageError(f"unrecognized option {arg}")
            rest.append(arg)
            continue
        if arg in commands:
            return argv, None
        target = arg
    return rest, target


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reflect`` console script; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Output is UTF-8 whatever the locale says, as notes and export write it:
    # an article's title must not crash a listing on a terminal set to ASCII.
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.encoding.lower() != "utf-8":
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        rest, target = _split_target(args_list)
        parser = build_parser()
        args = parser.parse_args(rest)
        if target == "" or getattr(args, "path", None) == "":
            # Most likely an unset shell variable: not "every article", nor "this folder".
            raise UsageError("PATH is empty; name an article file or a folder")
        if getattr(args, "output", None) == "":
            raise UsageError("-o was given an empty name; name a file, or - for stdout")
        for flag, value in (("--notes-dir", args.notes_dir), ("--library-dir", args.library_dir)):
            if value == "":
                # Most likely an unset shell variable: never fall back to the real folders.
                raise UsageError(f"{flag} was given an empty name; name a folder")
        dirs = Dirs.resolve(args.notes_dir, args.library_dir)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is not None:
            status = handler(args, dirs)
            sys.stdout.flush()  # a full disk is reported here, not as a traceback at exit
            return status
        from reflect.commands.tui import run_tui

        return run_tui(target, dirs)
    except UsageError as error:
        print(f"reflect: {clean_line(str(error))}", file=sys.stderr)
        return 2
    except ReflectError as error:
        # Errors name files, and file names can carry escape sequences too.
        print(f"reflect: {clean_line(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except OSError as error:  # writing the output failed: a full disk, say
        _silence_stdout()
        reason = error.strerror or str(error)
        print(f"reflect: could not write the output ({reason}).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what could
    not be written does not end the run with a traceback after all."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
