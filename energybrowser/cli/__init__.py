"""The `energybrowser` command. With no subcommand it opens the window.

Each subcommand lives in its own module `energybrowser/cli/cmd_<name>.py` defining `NAME`, `HELP`,
`add_arguments(parser)` and `run(args) -> int`; they are found here by name, so adding a command
touches no shared file. Errors a user can cause end as one clear line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

from energybrowser import __version__
from energybrowser.cli.terminal import cleaned_output


class UserError(Exception):
    """A problem the user can fix; printed as one line, no traceback."""


class _Terminated(BaseException):
    """SIGTERM during a command: it ends as Ctrl+C does (pools shut down, work done kept)."""


def _terminated(_signum: int, _frame: object) -> None:
    raise _Terminated


@contextmanager
def _sigterm_ends_like_ctrl_c() -> Iterator[None]:
    """Python's default for SIGTERM ends the process at once: a pool's queued work and its
    semaphores are left behind (and said so in a warning), the last batch of work is lost."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _command_names() -> list[str]:
    """The commands, from the module names alone (`cmd_search.py` -> `search`): nothing imported."""
    import energybrowser.cli as package

    return sorted(m.name[4:] for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("cmd_"))


def _command_modules(only: str | None = None) -> list[ModuleType]:
    names = [only] if only else _command_names()
    return [importlib.import_module(f"energybrowser.cli.cmd_{name}") for name in names]


def _requested_command(argv: Sequence[str]) -> str | None:
    """The command the arguments name, if they name one: only its module is then imported (each
    pulls in its part of the app; all of them would cost a `search` most of its start)."""
    takes_value = {"--corpus", "--data-dir"}
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in takes_value:
            skip = True
        elif token in ("-h", "--help", "--version"):
            return None
        elif not token.startswith("-"):
            return token if token in _command_names() else None
    return None


def add_common_options(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS lets the option stand before or after the subcommand without one hiding the other.
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="article folder (default: $ENERGYBROWSER_CORPUS or the bundled corpus)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep index, settings and imports under DIR (default: $ENERGYBROWSER_DATA_DIR or user folders)",
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with `only` the parser of that one command."""
    parser = argparse.ArgumentParser(
        prog="energybrowser",
        description="Offline reference browser for articles on Caspian energy cooperation.",
    )
    parser.add_argument("--version", action="version", version=f"energybrowser {__version__}")
    add_common_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules(only):
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        add_common_options(command)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def _window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """No subcommand, only common options: the window opens without importing every command
    module (they pull in search, citations, the importer: hundreds of ms of a cold start)."""
    parser = argparse.ArgumentParser(prog="energybrowser", add_help=False, exit_on_error=False)
    add_common_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # the full parser reports it
    if rest:
        return None
    args.command = None
    return args


def _no_display_reason() -> str | None:
    """On Linux without X11/Wayland, Qt aborts the process (SIGABRT) instead of raising: say why first."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "cannot open the window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Run it in a desktop session, or under a virtual screen with `xvfb-run -a energybrowser`; "
        "subcommands work without a display"
    )


def _open_window(args: argparse.Namespace) -> int:
    reason = _no_display_reason()
    if reason:
        raise UserError(reason)
    try:
        from energybrowser.ui.app import run_app

        return run_app(corpus=args.corpus, data_dir=args.data_dir)
    except ImportError as exc:
        if ".so" not in str(exc):
            raise
        # Importing Qt loads system libraries (libGL, libEGL) that a bare machine may lack.
        raise UserError(
            f"cannot open the window: {exc}. It needs the system's graphics libraries "
            "(Debian/Ubuntu: sudo apt install libgl1 libegl1 fontconfig); subcommands work without them"
        ) from exc


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _window_only(argv) or build_parser(_requested_command(argv)).parse_args(argv)
    args.corpus = getattr(args, "corpus", None)
    args.data_dir = getattr(args, "data_dir", None)
    with cleaned_output():
        return _run(args)


def _data_dir_problem(args: argparse.Namespace) -> str:
    """Why the chosen data folder cannot be one (it is a file), or ''."""
    chosen = args.data_dir or os.environ.get("ENERGYBROWSER_DATA_DIR")
    if chosen and os.path.exists(chosen) and not os.path.isdir(chosen):
        return f"the data folder {chosen} is a file, not a folder (--data-dir or ENERGYBROWSER_DATA_DIR)"
    return ""


def _run(args: argparse.Namespace) -> int:
    try:
        problem = _data_dir_problem(args)
        if problem:
            raise UserError(problem)
        if args.command is None:
            return _open_window(args)
        with _sigterm_ends_like_ctrl_c():
            return int(args._run(args) or 0)
    except UserError as exc:
        print(f"energybrowser: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except _Terminated:
        return 128 + signal.SIGTERM
    except BrokenPipeError:
        return 0
