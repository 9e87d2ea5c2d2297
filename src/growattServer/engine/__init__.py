"""Session policy without I/O: when to log in, retry, wait or refuse.

The engine turns one endpoint call into a *plan*: a generator that yields
:class:`~.steps.Send`, :class:`~.steps.Wait` and :class:`~.steps.NeedSession` steps and
returns the endpoint's answer. A driver (``aio/``, or a sync one) performs the steps;
the engine itself never touches a socket, a clock it was not given, or an HTTP library.
"""

from .backoff import RetryPolicy
from .budget import LoginBudget
from .errors import ClientRateLimitedError, LoginThrottledError, public_error
from .limiter import RateLimiter
from .policy import ClassicCredentials, Engine, EngineOptions
from .state import SessionState
from .steps import Exchange, NeedSession, Plan, Send, Step, Wait

__all__ = [
    "ClassicCredentials",
    "ClientRateLimitedError",
    "Engine",
    "EngineOptions",
    "Exchange",
    "LoginBudget",
    "LoginThrottledError",
    "NeedSession",
    "Plan",
    "RateLimiter",
    "RetryPolicy",
    "Send",
    "SessionState",
    "Step",
    "Wait",
    "public_error",
]
