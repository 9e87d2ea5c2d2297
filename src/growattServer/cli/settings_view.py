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

LIST_COLUMNS = (
    ("setting", "Setting"),
    ("param", "Parameter"),
    ("type", "Type"),
    ("allowed", "Allowed"),
    ("readable", "Read back"),
    ("description", "Description"),
)
SHOW_COLUMNS = (
    ("setting", "Setting"),
    ("param", "Parameter"),
    ("value", "Value"),
    ("allowed", "Allowed"),
)


def settings_table(title: str, columns: Sequence[tuple[str, str]], groups: list[Group]) -> Table:
    """A table with one section per setting; a missing value shows as a dash, a key
    left out of a row (the setting's name after its first row) as nothing."""
    table = Table(title=title, title_justify="left")
    for key, heading in columns:
        table.add_column(heading, no_wrap=key in ("setting", "param"))
    for index, group in enumerate(groups):
        if index:
            table.add_section()
        for row in group:
            table.add_row(*(cell(row[key]) if key in row else "" for key, _ in columns))
    return table


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
        rows: Group = []
        if len(params) > 1:
            rows.append({"setting": setting.name, "description": setting.description})
        for param in params:
            rows.append(
                {
                    **({"setting": setting.name} if len(params) == 1 else {}),
                    "param": param["name"],
                    "type": param["type"],
                    "allowed": param["allowed"],
                    "readable": "yes" if param["readable"] else "no",
                    "description": (
                        setting.description if len(params) == 1 else param["description"]
                    ),
                }
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
