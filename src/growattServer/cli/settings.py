"""`growatt settings list|show|set`: a device's writable settings, their current values,
and checked writes.

Everything comes from the settings schema (:mod:`growattServer.settings`): the names,
the allowed values, the request and the read-back. ``set`` is a dry run unless
``--yes``: it prints the exact request and sends nothing. A bad value is refused
before any request; with ``--family`` (or ``--plant``) not even the device lookup is
sent. The device's family is looked up in the account's device lists.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from growattServer.client import GrowattClient
from growattServer.errors import UnsupportedDeviceError
from growattServer.settings import (
    DeviceSettings,
    Outcome,
    Setting,
    SettingValueError,
    WriteResult,
    all_schemas,
    schema_for,
)
from growattServer.settings.catalog import FAMILY_ALIASES

from .config import Account
from .errors import CliError, ExitCode
from .options import add_common_options
from .output import Output
from .session import configured_account, open_client
from .settings_view import (
    LIST_COLUMNS,
    SHOW_COLUMNS,
    result_lines,
    schema_rows,
    settings_table,
    shown_values,
    value_rows,
)

#: ``--family`` choices: every device family with a schema, under either API's name.
FAMILIES = sorted(
    {schema.family for schema in all_schemas() if schema.family != "plant"}
    | {alias for _api, alias in FAMILY_ALIASES}
)

_FINDING_NAMES = (
    "Setting names and their parameters:\n  growatt settings list --device SERIAL"
    "   (or --family FAMILY: no request)"
)


SET_DESCRIPTION = f"""\
Check NAME's values against the schema and print the exact request, sending
nothing. With --yes send it once, read the settings back and report APPLIED,
NOT_APPLIED (exit 8) or UNKNOWN. A refused value exits 7 before any request.
{_FINDING_NAMES}

The PARAM=VALUE pairs follow NAME directly; options go before NAME or after
the pairs. Examples:
  growatt settings set --device BZP0C4N08J charge_stop_soc 90 --yes
  growatt settings set --device BZP0C4N08J time_segment1 \\
      mode=battery_first start=01:00 end=05:00 enabled=on
  growatt settings set --device WPD3C1A0K7 --keep-current \\
      mix_ac_charge_time_period charge_power=60
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "settings",
        help="list, show and change device settings (checked; dry run unless --yes)",
        description="The writable settings of a device or plant: what they take, what the "
        "device shows now, and checked writes that are read back. " + _FINDING_NAMES,
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser(
        "list",
        help="every writable setting: parameters, types, allowed values",
        description="List the writable settings of a device's family, from the schema. "
        "Only the family lookup is sent (nothing with --family).",
    )
    _add_target(listing, required=False)
    listing.set_defaults(run=run_list)

    show = actions.add_parser(
        "show",
        help="the values the device shows now",
        description="Read the device's current settings (all, or one setting).",
    )
    _add_target(show, required=True)
    show.add_argument("name", nargs="?", metavar="NAME", help="only this setting")
    show.set_defaults(run=run_show)

    change = actions.add_parser(
        "set",
        help="change one setting: dry run, then --yes to send it",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=SET_DESCRIPTION,
    )
    _add_target(change, required=True)
    change.add_argument("name", metavar="NAME", help="the setting, e.g. charge_stop_soc")
    change.add_argument(
        "pairs",
        nargs="*",
        metavar="PARAM=VALUE",
        help="the setting's parameters; a setting with one parameter also takes a bare VALUE",
    )
    change.add_argument(
        "--keep-current",
        action="store_true",
        help="read the device first and keep the parameters not given as they are",
    )
    change.add_argument(
        "--yes", action="store_true", help="send it (without: dry run, nothing sent)"
    )
    change.set_defaults(run=run_set)


def _add_target(parser: argparse.ArgumentParser, *, required: bool) -> None:
    target = parser.add_mutually_exclusive_group(required=required)
    target.add_argument("--device", metavar="SERIAL", help="the device's serial number")
    target.add_argument("--plant", metavar="ID", help="the plant's own settings (classic API)")
    parser.add_argument(
        "--family",
        choices=FAMILIES,
        help="the device's family, instead of looking it up in the account",
    )
    add_common_options(parser)


# --- the device ------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What the settings belong to: a device serial and its family, or a plant id."""

    subject: str
    family: str

    @property
    def key(self) -> str:
        """How ``--json`` names the subject."""
        return "plant_id" if self.family == "plant" else "serial"


def _known_family(args: argparse.Namespace) -> str | None:
    return "plant" if args.plant else args.family


async def _find_target(client: GrowattClient, args: argparse.Namespace) -> Target:
    """The target from the arguments, else the device's family from the device lists."""
    family = _known_family(args)
    if family is not None:
        return Target(args.plant or args.device or "", family)
    if not args.device:
        msg = "say which device: --device SERIAL, --plant ID, or --family FAMILY"
        raise CliError(msg, ExitCode.USAGE)
    for device in await client.devices():
        if device.serial == args.device:
            return Target(device.serial, str(device.family))
    msg = f"no device {args.device} in this account"
    raise CliError(msg, ExitCode.USAGE, hint="growatt devices lists the serial numbers")


@asynccontextmanager
async def _device_settings(
    account: Account, args: argparse.Namespace
) -> AsyncIterator[DeviceSettings]:
    """The settings of the target, on the account's client (its session is saved)."""
    async with open_client(account, args.runtime) as client:
        target = await _find_target(client, args)
        yield DeviceSettings(client.api, target.subject, target.family, sleep=args.runtime.sleep)


def _target_of(device: DeviceSettings) -> dict[str, Any]:
    target = Target(device.serial, device.schema.family)
    return {target.key: target.subject} if target.subject else {}


# --- list ------------------------------------------------------------------------------


async def _list(args: argparse.Namespace, out: Output) -> None:
    async with _device_settings(configured_account(args), args) as device:
        schema = device.schema
        if out.json:
            out.emit_json({**_target_of(device), **schema.describe()})
            return
        title = f"{schema.title} settings" + (f" of {device.serial}" if device.serial else "")
        out.console.print(settings_table(title, LIST_COLUMNS, schema_rows(schema)))
        if schema.reader is None:
            out.note("this family has no settings read: writes are not read back (UNKNOWN)")


def run_list(args: argparse.Namespace) -> int:
    asyncio.run(_list(args, Output(args)))
    return 0


# --- show ------------------------------------------------------------------------------


async def _show(args: argparse.Namespace, out: Output) -> None:
    async with _device_settings(configured_account(args), args) as device:
        schema = device.schema
        chosen = schema.setting(args.name) if args.name else None
        if schema.reader is None:
            msg = f"{schema.api} {schema.family} settings cannot be read (no settings read exists)"
            raise CliError(msg, ExitCode.UNAVAILABLE)
        current = await device.read()
        settings = [chosen] if chosen is not None else [schema.setting(n) for n in current]
        values = {s.name: shown_values(s, current.get(s.name, {})) for s in settings}
        if out.json:
            out.emit_json(
                {
                    **_target_of(device),
                    "api": schema.api,
                    "family": schema.family,
                    "settings": values,
                }
            )
            return
        title = f"Settings of {device.serial} ({schema.api} {schema.family})"
        out.console.print(settings_table(title, SHOW_COLUMNS, value_rows(schema, values)))


def run_show(args: argparse.Namespace) -> int:
    asyncio.run(_show(args, Output(args)))
    return 0


# --- set -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Given:
    """The ``PARAM=VALUE`` pairs of the command line, and at most one bare VALUE."""

    named: Mapping[str, str]
    bare: str | None = None

    @classmethod
    def parse(cls, tokens: Sequence[str]) -> Given:
        named: dict[str, str] = {}
        bare: str | None = None
        for token in tokens:
            key, equals, value = token.partition("=")
            if not equals:
                if bare is not None:
                    msg = f"two values without a name: {bare!r} and {token!r}"
                    raise CliError(msg, ExitCode.USAGE, hint="write them as PARAM=VALUE")
                bare = token
                continue
            key = key.strip()
            if not key or key in named:
                msg = f"{'a repeated' if key else 'an unnamed'} parameter: {token!r}"
                raise CliError(msg, ExitCode.USAGE, hint="each PARAM=VALUE once")
            named[key] = value
        return cls(named, bare)

    def values_for(self, setting: Setting) -> dict[str, str]:
        """The values by parameter name; a bare VALUE belongs to a setting's only parameter."""
        if self.bare is None:
            return dict(self.named)
        if len(setting.params) != 1:
            names = ", ".join(setting.param_names)
            raise SettingValueError(
                setting.name, self.bare, names, f"{setting.name} takes PARAM=VALUE pairs: {names}"
            )
        return {**self.named, setting.params[0].name: self.bare}


def _check(setting: Setting, given: Given, *, keep_current: bool) -> None:
    """The schema's check without I/O; with ``keep_current`` only the values given."""
    values = given.values_for(setting)
    if keep_current:
        setting.check_given(values)
    else:
        setting.validate(values)


def _precheck(account: Account, family: str | None, name: str, given: Given, keep: bool) -> None:
    """Refuse a bad value before any request: against the family's schema when it is
    known, else against every family of the account's API with a setting ``name`` (the
    value is refused only when all of them refuse it; the device's own schema decides
    after the lookup)."""
    api = "v1" if account.kind == "token" else "classic"
    if family is not None:
        candidates = [schema_for(api, family).setting(name)]
    else:
        candidates = [s.setting(name) for s in all_schemas() if s.api == api and name in s.names]
    if not candidates:
        msg = f"no device family on the {api} API has a writable setting {name!r}"
        raise UnsupportedDeviceError(msg)
    refusals: list[SettingValueError] = []
    for setting in candidates:
        try:
            _check(setting, given, keep_current=keep)
        except SettingValueError as err:
            refusals.append(err)
        else:
            return
    raise refusals[0]


async def _set(args: argparse.Namespace) -> WriteResult:
    account = configured_account(args)
    given = Given.parse(args.pairs)
    _precheck(account, _known_family(args), args.name, given, args.keep_current)
    async with _device_settings(account, args) as device:
        values = given.values_for(device.schema.setting(args.name))
        return await device.write(
            args.name, dry_run=not args.yes, keep_current=args.keep_current, **values
        )


def run_set(args: argparse.Namespace) -> int:
    out = Output(args)
    result = asyncio.run(_set(args))
    if out.json:
        out.emit_json(result.describe())
    else:
        for line in result_lines(result):
            out.say(line)
    if not result.sent:
        out.note("dry run: nothing sent; add --yes to send it")
    elif result.outcome is Outcome.NOT_APPLIED:
        msg = f"{args.name} not applied: {result.note}"
        raise CliError(msg, ExitCode.NOT_APPLIED, hint="growatt settings show shows what it has")
    elif result.outcome is Outcome.UNKNOWN:
        out.note(f"could not confirm {args.name}: {result.note}")
    return 0
