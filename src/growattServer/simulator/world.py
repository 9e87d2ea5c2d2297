"""The simulated cloud's state: accounts, sessions, lockouts, settings, the request journal.

Handlers run on the server's event-loop thread while tests poke the world from theirs,
so every mutation goes through `World.lock`.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from .clock import SimClock
from .config import SimulatorConfig, WriteOutcome
from .physics import DeviceModel, PlantWeather
from .scenario import Account, Device, Plant, Scenario
from .settings_state import controls_for, default_settings


def growatt_password_hash(password: str) -> str:
    """The hash the app posts: MD5 whose digest bytes below 0x10 get 0xC0 added (§2.1)."""
    digest = bytearray(hashlib.md5(password.encode("utf-8")).digest())
    for index, byte in enumerate(digest):
        if byte < 0x10:
            digest[index] = byte + 0xC0
    return digest.hex()


@dataclass(slots=True)
class Session:
    session_id: str
    server_id: str
    username: str
    created: float
    last_used: float


@dataclass(slots=True)
class RecordedRequest:
    """One request as it reached the simulator: what a wire-level test asserts on."""

    method: str
    path: str
    query: list[tuple[str, str]]
    form: list[tuple[str, str]]
    multipart: list[tuple[str, str]]
    content_type: str
    headers: dict[str, str]
    cookies: dict[str, str]
    at: datetime
    status: int = 0
    api: str = "classic"
    outcome: str = ""  # e.g. "ok", "expired", "rate-limited", "locked", "fault:reset"

    def params(self) -> dict[str, str]:
        """Query, form and multipart merged (first value wins), as the server reads them."""
        merged: dict[str, str] = {}
        for name, value in [*self.query, *self.form, *self.multipart]:
            merged.setdefault(name, value)
        return merged

    @property
    def op(self) -> str | None:
        params = self.params()
        return params.get("op") or params.get("action")


class Journal:
    """A bounded, thread-safe log of requests, oldest first."""

    def __init__(self, limit: int) -> None:
        self._items: deque[RecordedRequest] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def append(self, item: RecordedRequest) -> None:
        with self._lock:
            self._items.append(item)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def snapshot(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._items)

    def __iter__(self) -> Iterator[RecordedRequest]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __getitem__(self, index: int) -> RecordedRequest:
        with self._lock:
            return self._items[index]

    def matching(self, path: str, op: str | None = None) -> list[RecordedRequest]:
        return [r for r in self.snapshot() if r.path == path and (op is None or r.op == op)]


class LoginOutcome(Enum):
    OK = "ok"
    BAD_CREDENTIALS = "502"
    LOCKED = "507"


@dataclass(slots=True)
class LoginResult:
    outcome: LoginOutcome
    account: Account | None = None
    session: Session | None = None
    locked_for_s: float = 0.0


@dataclass(slots=True)
class Counters:
    """What happened, for tests and benchmarks to assert on."""

    logins: int = 0
    failed_logins: int = 0
    lockouts: int = 0
    expired_hits: int = 0
    v1_rate_limited: int = 0
    writes: int = 0
    rejected_writes: int = 0
    per_account_logins: dict[str, int] = field(default_factory=dict)


class World:
    def __init__(self, scenario: Scenario, config: SimulatorConfig, clock: SimClock) -> None:
        self.scenario = scenario
        self.config = config
        self.clock = clock
        self.lock = threading.RLock()
        self.journal = Journal(config.journal_limit)
        self.counters = Counters()
        self.seed = config.seed if config.seed is not None else scenario.seed
        history_days = (
            config.history_days if config.history_days is not None else scenario.history_days
        )
        self._sessions: dict[str, Session] = {}
        self._login_attempts: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._v1_last_call: dict[tuple[str, str, str], float] = {}
        self._settings: dict[str, dict[str, str]] = {}
        self._weather: dict[int, PlantWeather] = {}
        self._models: dict[str, DeviceModel] = {}
        self.plant_extra: dict[int, dict[str, str]] = {}  # updatePlant fields we only echo
        self.reading_cache: dict[tuple[object, ...], Any] = {}  # see readings.reading
        now = clock.now()
        for plant in scenario.plants:
            self._weather[plant.plant_id] = PlantWeather(plant, self.seed)
        for device in scenario.devices:
            self._settings[device.serial] = default_settings(device)
        for device in scenario.devices:
            if device.family == "bat":
                continue
            weather = self._weather[device.plant_id]
            epoch = now.astimezone(weather.plant.tz).date() - timedelta(days=history_days)
            self._models[device.serial] = DeviceModel(
                device, weather, epoch, controls_for(device, self._settings[device.serial])
            )

    # -- time -----------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock.now()

    def _ts(self) -> float:
        return self.clock.now().timestamp()

    # -- lookups --------------------------------------------------------------------
    def plant(self, plant_id: int | str) -> Plant | None:
        try:
            return self.scenario.plant(int(plant_id))
        except (KeyError, ValueError):
            return None

    def device(self, serial: str) -> Device | None:
        try:
            return self.scenario.device(serial)
        except KeyError:
            return None

    def devices_of(self, plant_id: int) -> list[Device]:
        return self.scenario.devices_of(plant_id)

    def plants_of(self, username: str) -> list[Plant]:
        return self.scenario.plants_of(username)

    def owns(self, account: Account, plant: Plant) -> bool:
        return plant.owner == account.username

    def owned_plant(self, account: Account | None, plant_id: str | None) -> Plant | None:
        """The plant if it exists and `account` owns it (others' plants do not exist)."""
        if plant_id is None or account is None:
            return None
        plant = self.plant(plant_id)
        return plant if plant is not None and self.owns(account, plant) else None

    def owned_device(
        self, account: Account | None, serial: str | None, *families: str
    ) -> Device | None:
        """The device if `account` owns its plant and it is of one of `families` (any if none)."""
        if serial is None or account is None:
            return None
        device = self.device(serial)
        if device is None or (families and device.family not in families):
            return None
        return device if self.owned_plant(account, str(device.plant_id)) else None

    def model(self, serial: str) -> DeviceModel:
        """The power model behind a device (a `bat` pack shares its inverter's)."""
        device = self.scenario.device(serial)
        if device.family == "bat" and device.parent:
            return self._models[device.parent]
        return self._models[serial]

    def local_now(self, plant: Plant) -> datetime:
        return self.now().astimezone(plant.tz)

    def local_today(self, plant: Plant) -> date:
        return self.local_now(plant).date()

    # -- accounts and sessions -------------------------------------------------------
    def account_by_name(self, username: str) -> Account | None:
        try:
            return self.scenario.account(username)
        except KeyError:
            return None

    def account_by_token(self, token: str) -> Account | None:
        for account in self.scenario.accounts:
            if token and token in account.tokens:
                return account
        return None

    def locked_for(self, username: str) -> float:
        """Seconds the account stays locked, 0 when it is not."""
        return max(0.0, self._locked_until.get(username, 0.0) - self._ts())

    def login(self, username: str, password_hash: str) -> LoginResult:
        with self.lock:
            now = self._ts()
            remaining = self.locked_for(username)
            if remaining > 0:
                return LoginResult(LoginOutcome.LOCKED, locked_for_s=remaining)
            attempts = self._login_attempts.setdefault(username, deque())
            attempts.append(now)
            while attempts and attempts[0] <= now - self.config.login_window_s:
                attempts.popleft()
            if len(attempts) > self.config.login_limit:
                self._locked_until[username] = now + self.config.lock_duration_s
                self.counters.lockouts += 1
                attempts.clear()
                return LoginResult(LoginOutcome.LOCKED, locked_for_s=self.config.lock_duration_s)
            account = self.account_by_name(username)
            if account is None or growatt_password_hash(account.password) != password_hash.lower():
                self.counters.failed_logins += 1
                return LoginResult(LoginOutcome.BAD_CREDENTIALS)
            session = Session(
                session_id=secrets.token_hex(16).upper(),
                server_id=secrets.token_hex(16),
                username=username,
                created=now,
                last_used=now,
            )
            self._sessions[session.session_id] = session
            self.counters.logins += 1
            per_account = self.counters.per_account_logins
            per_account[username] = per_account.get(username, 0) + 1
            return LoginResult(LoginOutcome.OK, account=account, session=session)

    def session(self, session_id: str | None) -> Session | None:
        """The live session behind a JSESSIONID cookie, touching it; None if expired."""
        if not session_id:
            return None
        with self.lock:
            session = self._sessions.get(session_id)
            if session is None:
                return None
            now = self._ts()
            expired = now - session.created >= self.config.session_lifetime_s
            idle = self.config.session_idle_timeout_s
            if idle is not None and now - session.last_used >= idle:
                expired = True
            if expired:
                del self._sessions[session_id]
                return None
            session.last_used = now
            return session

    def end_session(self, session_id: str) -> None:
        """Log one session out (logout.do); other sessions of the account live on."""
        with self.lock:
            self._sessions.pop(session_id, None)

    def expire_all_sessions(self) -> None:
        with self.lock:
            self._sessions.clear()

    def unlock(self, username: str) -> None:
        with self.lock:
            self._locked_until.pop(username, None)
            self._login_attempts.pop(username, None)

    # -- OpenAPI v1 rate limit ----------------------------------------------------------
    def v1_window(self, path: str) -> float:
        return self.config.v1_windows_s.get(path, self.config.v1_default_window_s)

    def v1_admit(self, token: str, path: str, key: str, window_s: float) -> bool:
        """True if the call may proceed; the limiter counts only admitted calls."""
        if not self.config.v1_rate_limit or window_s <= 0:
            return True
        with self.lock:
            now = self._ts()
            last = self._v1_last_call.get((token, path, key))
            if last is not None and now - last < window_s:
                self.counters.v1_rate_limited += 1
                return False
            self._v1_last_call[(token, path, key)] = now
            return True

    # -- settings -------------------------------------------------------------------
    def settings(self, serial: str) -> dict[str, str]:
        with self.lock:
            return dict(self._settings.get(serial, {}))

    def write_settings(self, serial: str, changes: dict[str, str]) -> None:
        """Apply every change at once (validated by the caller) and re-plan the physics."""
        with self.lock:
            device = self.scenario.device(serial)
            values = self._settings.setdefault(serial, {})
            values.update(changes)
            self.counters.writes += 1
            model = self._models.get(serial)
            if model is not None:
                model.set_controls(self.now(), controls_for(device, values))

    def write_outcome(self, subject: str) -> WriteOutcome:
        """The configured write behaviour for a device serial or plant id."""
        chosen = self.config.write_outcomes.get(str(subject), self.config.write_outcome)
        try:
            return WriteOutcome(chosen)
        except ValueError:
            return WriteOutcome.APPLY

    def settle_write(self, subject: str, apply: Callable[[], None]) -> bool:
        """Run a validated write's `apply` as `write_outcome` says; True when the answer
        should report success."""
        outcome = self.write_outcome(subject)
        if outcome in (WriteOutcome.APPLY, WriteOutcome.ERROR_BUT_APPLY):
            apply()
        if outcome is WriteOutcome.REJECT:
            with self.lock:
                self.counters.rejected_writes += 1
        return outcome in (WriteOutcome.APPLY, WriteOutcome.IGNORE)

    def update_plant(self, plant_id: int, changes: dict[str, Any]) -> None:
        """Change plant fields; location or zone changes redo the weather."""
        with self.lock:
            plant = self.scenario.plant(plant_id)
            for name, value in changes.items():
                setattr(plant, name, value)
            weather = PlantWeather(plant, self.seed)
            self._weather[plant_id] = weather
            for device in self.devices_of(plant_id):
                model = self._models.get(device.serial)
                if model is not None:
                    replacement = DeviceModel(
                        device,
                        weather,
                        model.epoch,
                        controls_for(device, self._settings[device.serial]),
                    )
                    self._models[device.serial] = replacement
