"""Where the command finds the account: environment, config file, session state file.

Environment variables override the config file field by field. Both files are created
with mode 0600 from the start (``os.open`` with the mode, never a chmod afterwards):
the config holds a password or token, the state holds session cookies.

* config: ``$XDG_CONFIG_HOME/growatt/config.json`` (default ``~/.config/growatt/``)
* state: ``$XDG_STATE_HOME/growatt/session.json`` (default ``~/.local/state/growatt/``)
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from growattServer.regions import DEFAULT_SERVER_URL, REGION_URLS, resolve_server_url

from .errors import CliError, ExitCode

__all__ = [
    "ENV_PASSWORD",
    "ENV_SERVER",
    "ENV_TOKEN",
    "ENV_USERNAME",
    "Account",
    "config_path",
    "load_account",
    "load_state",
    "save_account",
    "save_state",
    "server_url",
    "state_path",
]

ENV_USERNAME = "GROWATT_USERNAME"
ENV_PASSWORD = "GROWATT_PASSWORD"  # noqa: S105 - the variable's name, not a password
ENV_TOKEN = "GROWATT_TOKEN"  # noqa: S105 - the variable's name
ENV_SERVER = "GROWATT_SERVER"
PRIVATE = 0o600


@dataclass(frozen=True, slots=True)
class Account:
    """User name + password (classic) or a token (OpenAPI v1), and the server."""

    username: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    server: str = DEFAULT_SERVER_URL

    @property
    def kind(self) -> str | None:
        """``"token"``, ``"classic"``, or ``None`` when nothing usable is configured."""
        if self.token:
            return "token"
        if self.username and self.password:
            return "classic"
        return None

    def to_file(self) -> dict[str, str]:
        """What the config file stores (only the fields that are set)."""
        data = {"username": self.username, "password": self.password, "token": self.token}
        return {k: v for k, v in {**data, "server": self.server}.items() if v}


def _home_dir(variable: str, default: str) -> Path:
    base = os.environ.get(variable) or str(Path.home() / default)
    return Path(base) / "growatt"


def config_path() -> Path:
    """``$XDG_CONFIG_HOME/growatt/config.json``."""
    return _home_dir("XDG_CONFIG_HOME", ".config") / "config.json"


def state_path() -> Path:
    """``$XDG_STATE_HOME/growatt/session.json``."""
    return _home_dir("XDG_STATE_HOME", ".local/state") / "session.json"


def server_url(value: str) -> str:
    """A URL, or a region name (``north_america``, ``north-america``, ``australia``…)."""
    text = value.strip()
    key = text.lower().replace("-", "_")
    if key in REGION_URLS:
        return REGION_URLS[key]
    prefixed = [name for name in REGION_URLS if name.startswith(key)] if key else []
    if len(prefixed) == 1:
        return REGION_URLS[prefixed[0]]
    if not text.startswith(("http://", "https://")):
        names = ", ".join(REGION_URLS)
        msg = f"unknown server {text!r}"
        raise CliError(msg, ExitCode.USAGE, hint=f"give a URL or one of: {names}")
    return resolve_server_url(text)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        msg = f"cannot read {path}: {type(err).__name__}"
        raise CliError(msg, ExitCode.USAGE, hint="fix or delete the file") from None
    return data if isinstance(data, dict) else {}


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a fresh 0600 file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    staging = path.with_name(path.name + ".new")
    staging.unlink(missing_ok=True)
    descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    staging.replace(path)


def load_account(environ: Mapping[str, str] | None = None, *, server: str | None = None) -> Account:
    """The config file, overridden by the environment, then by ``--server``."""
    env = os.environ if environ is None else environ
    saved = _read_json(config_path())

    def pick(variable: str, key: str) -> str | None:
        value = env.get(variable) or saved.get(key)
        return str(value) if value else None

    username, password = pick(ENV_USERNAME, "username"), pick(ENV_PASSWORD, "password")
    token = pick(ENV_TOKEN, "token")
    if env.get(ENV_USERNAME) and not env.get(ENV_TOKEN):
        token = None  # a user name in the environment means the classic account
    chosen = server or pick(ENV_SERVER, "server") or DEFAULT_SERVER_URL
    return Account(username, password, token, server_url(chosen))


def save_account(account: Account) -> Path:
    """Write the config file (mode 0600); returns its path."""
    path = config_path()
    write_private(path, json.dumps(account.to_file(), indent=2) + "\n")
    return path


def load_state() -> dict[str, Any] | None:
    """The saved session state, if any."""
    return _read_json(state_path()) or None


def save_state(state: Mapping[str, Any]) -> None:
    """Persist the session state (cookies: a secret, mode 0600)."""
    write_private(state_path(), json.dumps(dict(state)) + "\n")
