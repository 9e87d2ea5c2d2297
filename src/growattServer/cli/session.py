"""One client per command run, built from the configured account and its saved session.

The saved state (cookies, login history, lock) goes in as ``state=`` and comes back out
when the command ends, even when it fails, so the next command reuses the session
instead of logging in again, and remembers a lock instead of walking into it.
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from growattServer.client import GrowattClient
from growattServer.models import AccountSnapshot

from .config import Account, load_account, load_state, save_state
from .errors import CliError, ExitCode
from .runtime import Runtime

__all__ = [
    "add_server_option",
    "client_for",
    "configured_account",
    "open_client",
    "take_snapshot",
]


def add_server_option(parser: argparse.ArgumentParser) -> None:
    """``--server URL|REGION``."""
    parser.add_argument(
        "--server",
        help="server URL or region name (north_america, australia_new_zealand, china, ...); "
        "default: $GROWATT_SERVER, the config file, or openapi.growatt.com",
    )


def configured_account(args: argparse.Namespace) -> Account:
    """The account from env and config file, or a usage error saying how to set one up."""
    account = load_account(server=getattr(args, "server", None))
    if account.kind is None:
        msg = "no Growatt account configured"
        raise CliError(
            msg,
            ExitCode.USAGE,
            hint="run growatt login, or set GROWATT_USERNAME and GROWATT_PASSWORD "
            "(or GROWATT_TOKEN)",
        )
    return account


def client_for(account: Account, runtime: Runtime) -> GrowattClient:
    """A client for the account; a classic one adopts the saved session state."""
    if account.kind == "token" and account.token:
        return GrowattClient.token(
            account.token, server_url=account.server, options=runtime.options, clock=runtime.clock
        )
    return GrowattClient.classic(
        account.username or "",
        account.password or "",
        server_url=account.server,
        state=load_state(),
        options=runtime.options,
        clock=runtime.clock,
    )


@asynccontextmanager
async def open_client(account: Account, runtime: Runtime) -> AsyncIterator[GrowattClient]:
    """The client for this run; its session state is saved on the way out."""
    client = client_for(account, runtime)
    try:
        yield client
    finally:
        if client.kind == "classic":
            save_state(client.export_state())
        await client.close()


async def take_snapshot(account: Account, runtime: Runtime) -> AccountSnapshot:
    """One snapshot of the account (plants, devices, current values)."""
    async with open_client(account, runtime) as client:
        return await client.snapshot()
