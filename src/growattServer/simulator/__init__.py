"""A faithful fake Growatt cloud: the ShinePhone API and OpenAPI v1 over real HTTP.

Written from the published facts about Growatt's servers (shared/spec), from the
server's point of view; it imports nothing from the client side of this package, so it
can judge the client independently.
"""

from .clock import SimClock
from .config import DeviceListLayout, SimulatorConfig, Unauthenticated
from .faults import FaultKind, FaultRule
from .runner import Simulator
from .scenario import Scenario, ScenarioError, load_scenario
from .world import RecordedRequest, World, growatt_password_hash

__all__ = [
    "DeviceListLayout",
    "FaultKind",
    "FaultRule",
    "RecordedRequest",
    "Scenario",
    "ScenarioError",
    "SimClock",
    "Simulator",
    "SimulatorConfig",
    "Unauthenticated",
    "World",
    "growatt_password_hash",
    "load_scenario",
]
