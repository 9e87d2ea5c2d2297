"""How commands show results: rich tables for people, ``--json`` for scripts.

JSON goes to stdout alone, without markup; everything else (progress, notices) goes to
stderr, so ``growatt plants --json | jq`` always reads clean JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["Output", "add_output_options", "fmt_value"]


def add_output_options(parser: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    """``--json`` (read commands) and ``--width``."""
    if json_flag:
        parser.add_argument(
            "--json", action="store_true", help="machine-readable JSON on stdout, no tables"
        )
    parser.add_argument("--width", type=int, default=None, help=argparse.SUPPRESS)


class Output:
    """The consoles of one command run."""

    def __init__(self, args: argparse.Namespace) -> None:
        """``--json`` and ``--width`` from the parsed arguments."""
        self.json = bool(getattr(args, "json", False))
        width = getattr(args, "width", None)
        self.console = Console(width=width, highlight=False, soft_wrap=False)
        self.stderr = Console(stderr=True, width=width, highlight=False)

    def emit_json(self, data: Any) -> None:
        """One JSON document on stdout."""
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def note(self, text: str) -> None:
        """A notice for people, on stderr (never in the JSON)."""
        self.stderr.print(text, soft_wrap=True, markup=False)

    def say(self, text: str) -> None:
        """A result line for people on stdout, never wrapped (paths stay whole)."""
        self.console.print(text, soft_wrap=True, markup=False)

    def table(
        self, title: str, columns: Sequence[tuple[str, str]], rows: Iterable[Mapping[str, Any]]
    ) -> Table:
        """A table of ``rows`` with (key, heading) ``columns``; numbers right-aligned."""
        table = Table(title=title, title_justify="left")
        materialised = list(rows)
        for key, heading in columns:
            numeric = any(isinstance(row.get(key), int | float) for row in materialised)
            table.add_column(heading, justify="right" if numeric else "left")
        for row in materialised:
            table.add_row(*(fmt_value(row.get(key)) for key, _ in columns))
        return table


def fmt_value(value: Any) -> str:
    """A cell: numbers without noise, missing values as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)
