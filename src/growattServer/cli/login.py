"""`growatt login`: check an account with one login (or one token call) and save it.

What is not given as a flag or environment variable is asked for (passwords and
tokens without echo). The config file is written only after Growatt accepted the
account, with mode 0600; the session of that login is saved too, so the next command
does not log in again.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from typing import Any

from growattServer.protocol import openapi_v1 as v1

from .config import ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, Account, load_account, save_account
from .errors import CliError, ExitCode
from .options import add_common_options
from .output import Output
from .runtime import Runtime
from .session import open_client


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "login",
        help="check and save the account (user name + password, or an API token)",
        description="Log in once to check the account, then save it (mode 0600).",
    )
    parser.add_argument("--username", help=f"ShinePhone user name (or ${ENV_USERNAME})")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"read the password from standard input (or ${ENV_PASSWORD}; else asked)",
    )
    parser.add_argument("--token", action="store_true", help="use an OpenAPI v1 token instead")
    add_common_options(parser, json_flag=False)
    parser.set_defaults(run=run)


def _ask(prompt: str, *, secret: bool) -> str:
    if not sys.stdin.isatty():
        msg = f"{prompt.rstrip(': ')} is missing and there is no terminal to ask"
        raise CliError(
            msg, ExitCode.USAGE, hint="pass it as a flag or environment variable (see --help)"
        )
    value = getpass.getpass(prompt) if secret else input(prompt)
    return value.strip()


def gather(args: argparse.Namespace) -> Account:
    """The account to try, from flags, environment, then questions."""
    known = load_account(server=args.server)
    if args.token or (os.environ.get(ENV_TOKEN) and not args.username):
        token = os.environ.get(ENV_TOKEN) or _ask("API token: ", secret=True)
        return Account(token=token, server=known.server)
    username = args.username or os.environ.get(ENV_USERNAME) or _ask("User name: ", secret=False)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = os.environ.get(ENV_PASSWORD) or _ask("Password: ", secret=True)
    if not username or not password:
        msg = "a user name and a password are needed"
        raise CliError(msg, ExitCode.USAGE)
    return Account(username=username, password=password, server=known.server)


async def verify(account: Account, runtime: Runtime) -> None:
    """One login (classic, within the saved login budget) or one token call."""
    async with open_client(account, runtime) as client:
        if client.kind == "token":
            await client.api.fetch(v1.PLANT_LIST)
            return
        client.api.engine.state.forget_session(None)  # check the password, not old cookies
        await client.api.ensure_session()


def run(args: argparse.Namespace) -> int:
    out = Output(args)
    account = gather(args)
    asyncio.run(verify(account, args.runtime))
    path = save_account(account)
    who = "API token" if account.kind == "token" else f"user {account.username}"
    out.say(f"Signed in ({who}) at {account.server}; saved to {path} (mode 0600)")
    return 0
