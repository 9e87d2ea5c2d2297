"""Settings schemas, current values and write results → the rows and lines ``growatt
settings`` shows.

Every row is a flat dict of JSON values; parameters are shown through the schema's own
``display`` (``"07:30"``, ``"battery_first"``, ``true``), so the table, the JSON and
what ``settings set`` accepts use the same spelling.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from growattServer.settings import Schema, Setting, WriteResult

from .output import fmt_value

__all__ = [
    "LIST_COLUMNS",
    "SHOW_COLUMNS",
    "result_lines",
    "schema_rows",
    "settings_table",
    "shown_values",
    "value_rows",
]

Row = dict[str, Any]
#: The rows of one setting, shown together between rules.
Group = list[Row]

#: ``settings list``: a setting's parameters are indented under it (a setting with one
#: parameter takes a bare value); the types show in the allowed values and in ``--json``.
LIST_COLUMNS = (
    ("setting", "Setting / parameter"),
    ("allowed", "Allowed"),
    ("readable", "Read"),
)
SHOW_COLUMNS = (
    ("setting", "Setting"),
    ("param", "Parameter"),
    ("value", "Value"),
    ("allowed", "Allowed"),
)
#: Columns that hold what a user types back: never broken inside a word.
_NAMES = ("setting", "param", "readable", "value")


def settings_table(title: str, columns: Sequence[tuple[str, str]], groups: list[Group]) -> Table:
    """A table with one section per setting; a missing value shows as a dash, a key
    left out of a row (the setting's name after its first row) as nothing. A row's
    ``description`` is shown dimmed under its name, so the table reads at 80 columns."""
    table = Table(title=title, title_justify="left")
    for key, heading in columns:
        table.add_column(heading, overflow="fold" if key not in _NAMES else "ellipsis")
    for index, group in enumerate(groups):
        if index:
            table.add_section()
        for row in group:
            table.add_row(*(_cell_of(row, key) for key, _ in columns))
    return table


def _cell_of(row: Row, key: str) -> Text | str:
    if key not in row:
        return ""
    text = Text(cell(row[key]))
    if key == "setting" and row.get("description"):
        name = str(row[key])
        indent = name[: len(name) - len(name.lstrip())]  # a parameter's, under its setting
        text.append(f"\n{indent}{row['description']}", style="dim")
    return text


def cell(value: Any) -> str:
    """A value as ``settings set`` takes it: switches as on/off."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return fmt_value(value)


def schema_rows(schema: Schema) -> list[Group]:
    """One row per parameter; a setting with several parameters gets a heading row
    with its description first."""
    groups: list[Group] = []
    for setting in schema.settings:
        params = setting.describe()["params"]
        single = len(params) == 1
        rows: Group = [{"setting": setting.name, "description": setting.description}]
        for param in params:
            row = {
                "allowed": param["allowed"],
                "readable": "yes" if param["readable"] else "no",
            }
            if single:
                rows[0].update(row)
            else:
                rows.append(
                    {"setting": f"  {param['name']}", **row, "description": param["description"]}
                )
        groups.append(rows)
    return groups


def shown_values(setting: Setting, shown: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter of ``setting`` as the device shows it (``None``: not shown)."""
    return {
        param.name: param.display(shown[param.name]) if param.name in shown else None
        for param in setting.params
    }


def value_rows(schema: Schema, values: Mapping[str, Mapping[str, Any]]) -> list[Group]:
    """One row per parameter of each setting in ``values`` (name → shown values)."""
    return [
        [
            {
                **({"setting": name} if index == 0 else {}),
                "param": param,
                "value": value,
                "allowed": schema.setting(name).param(param).allowed(),
            }
            for index, (param, value) in enumerate(shown.items())
        ]
        for name, shown in values.items()
    ]


def result_lines(result: WriteResult) -> list[str]:
    """The request (to be) sent, the values it carries and what became of it."""
    write = result.write
    values = " ".join(f"{name}={cell(value)}" for name, value in write.describe()["values"].items())
    lines = [f"{write.setting.name} on {write.serial} ({write.schema.api} {write.schema.family})"]
    lines.append(f"values: {values}")
    lines.append("request:" if result.sent else "request (not sent):")
    lines.extend(f"  {line}" for line in str(write).splitlines())
    if result.sent:
        lines.append(f"outcome: {result.outcome.value.upper()}: {result.note}")
    return lines
