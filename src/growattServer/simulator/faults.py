"""Seeded fault injection: what can go wrong between a client and Growatt.

A rule says which requests it hits (path glob, optional op/action), what it does, and
when: with a probability (drawn from a seeded generator, so a test run is repeatable) or
on a schedule of request numbers (the n-th matching request, counted from 1).
"""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import dataclass, field
from enum import StrEnum


class FaultKind(StrEnum):
    LATENCY = "latency"  # extra delay before answering (seconds = `value`)
    HTTP_5XX = "http-5xx"  # HTML error page with status `status`
    RESET = "reset"  # the connection is dropped without an answer
    TRUNCATED = "truncated"  # a JSON body cut in half
    WAF_405 = "waf-405"  # the Alibaba-style "request blocked" page
    SLOW_BODY = "slow-body"  # the body trickles out over `value` seconds


@dataclass(slots=True)
class FaultRule:
    kind: FaultKind
    path: str = "*"  # glob on the path without leading slash, e.g. "newTlxApi.do", "v1/*"
    op: str | None = None  # op/action value to match, None = any
    probability: float = 0.0
    schedule: frozenset[int] = frozenset()  # matching-request numbers that fail
    value: float = 0.0  # seconds for LATENCY and SLOW_BODY
    status: int = 502  # for HTTP_5XX
    seen: int = field(default=0, compare=False)

    def matches(self, path: str, op: str | None) -> bool:
        if not fnmatch.fnmatchcase(path, self.path):
            return False
        return self.op is None or self.op == op


class FaultPlan:
    """Decides, per request, which faults fire. Thread-safe and seeded."""

    def __init__(self, rules: list[FaultRule], seed: int) -> None:
        self._rules = list(rules)
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def add(self, rule: FaultRule) -> None:
        with self._lock:
            self._rules.append(rule)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def draw(self, path: str, op: str | None) -> list[FaultRule]:
        fired = []
        with self._lock:
            for rule in self._rules:
                if not rule.matches(path, op):
                    continue
                rule.seen += 1
                by_schedule = rule.seen in rule.schedule
                by_chance = rule.probability > 0 and self._random.random() < rule.probability
                if by_schedule or by_chance:
                    fired.append(rule)
        return fired
