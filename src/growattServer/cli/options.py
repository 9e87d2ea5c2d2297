"""The options every account command shares."""

from __future__ import annotations

import argparse

from .output import add_output_options
from .session import add_server_option

__all__ = ["add_common_options"]


def add_common_options(parser: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    """``--server``, ``--json`` (read commands), ``--debug``."""
    add_server_option(parser)
    add_output_options(parser, json_flag=json_flag)
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback and debug log on errors"
    )
