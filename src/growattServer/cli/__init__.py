"""The `growatt` command.

``main(argv, runtime=...)`` runs one command; every failure becomes one line on stderr
and a documented exit code (:mod:`.errors`), with the traceback only under ``--debug``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence

from . import demo, history, login, plants, settings, simulate, status
from .errors import ExitCode, explain
from .runtime import Runtime

__all__ = ["ExitCode", "Runtime", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="growatt",
        description="Growatt solar cloud tools, with a built-in Growatt simulator.",
        epilog="Exit codes: 0 ok, 1 unexpected, 2 usage, 3 auth refused, 4 account locked, "
        "5 server/connection, 6 rate limited, 7 invalid setting, 8 setting not applied, "
        "9 not available for this device, 130 interrupted.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo.register(commands)
    login.register(commands)
    plants.register(commands)
    status.register(commands)
    history.register(commands)
    settings.register(commands)
    simulate.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, runtime: Runtime | None = None) -> int:
    """Run one command; returns its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.runtime = runtime or Runtime()
    debug = bool(getattr(args, "debug", False))
    if debug:
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    try:
        result: int = args.run(args)
    except Exception as err:  # every failure is reported as one line
        return _report(err, args.runtime, debug=debug)
    except KeyboardInterrupt as err:
        return _report(err, args.runtime, debug=debug)
    return result


def _report(err: BaseException, runtime: Runtime, *, debug: bool) -> int:
    if debug:
        traceback.print_exception(err, file=sys.stderr)
    code, line = explain(err, runtime.clock())
    print(line, file=sys.stderr)
    return int(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
