"""The aiohttp application: journal, faults, User-Agent and WAF checks, dispatch.

Everything endpoint-specific lives in `classic/` and `openapi_v1/`; this module is the
front door every request passes through, in the order a real request meets Growatt's
CDN, WAF and application server.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import deque
from datetime import datetime
from urllib.parse import parse_qsl

from aiohttp import BodyPartReader, web

from . import pages
from .config import Unauthenticated
from .faults import FaultKind, FaultPlan, FaultRule
from .routing import ROUTER, Call, Reply, Route, html_reply, json_reply
from .world import RecordedRequest, World

_LOGGER = logging.getLogger(__name__)

WORLD_KEY = web.AppKey("world", World)
FAULTS_KEY = web.AppKey("faults", FaultPlan)
SESSION_COOKIE = "JSESSIONID"


def _load_handlers() -> None:
    # Importing the packages registers their routes on ROUTER.
    from . import classic, openapi_v1  # noqa: F401, PLC0415


async def _read_body(request: web.Request) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Form and multipart fields, for any verb (the v1 plant/list GET carries a form body)."""
    content_type = request.headers.get("Content-Type", "")
    if content_type.startswith("multipart/form-data"):
        fields: list[tuple[str, str]] = []
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if isinstance(part, BodyPartReader) and part.name is not None:
                fields.append((part.name, await part.text()))
        return [], fields
    if not request.can_read_body:
        return [], []
    text = await request.text()
    if content_type.startswith("application/x-www-form-urlencoded") or (
        not content_type and "=" in text
    ):
        return parse_qsl(text, keep_blank_values=True), []
    return [], []


def _merged(record: RecordedRequest) -> dict[str, str]:
    return record.params()


class Front:
    """The request pipeline; one per application."""

    def __init__(self, world: World, faults: FaultPlan) -> None:
        self.world = world
        self.faults = faults
        self._budget: dict[str, deque[float]] = {}
        self._jitter = random.Random(world.seed)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        world = self.world
        path = request.path.lstrip("/")
        form, multipart = await _read_body(request)
        now = world.now()
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=list(request.query.items()),
            form=form,
            multipart=multipart,
            content_type=request.headers.get("Content-Type", ""),
            headers=dict(request.headers),
            cookies=dict(request.cookies),
            at=now,
            api="v1" if path.startswith("v1/") else "classic",
        )
        world.journal.append(record)
        params = _merged(record)
        op = params.get("op") or params.get("action")

        fired = self.faults.draw(path, op)
        delay = world.config.latency_s
        if world.config.latency_jitter_s:
            delay += self._jitter.uniform(0, world.config.latency_jitter_s)
        delay += sum(rule.value for rule in fired if rule.kind is FaultKind.LATENCY)
        if delay > 0:
            await asyncio.sleep(delay)
        kinds = {rule.kind: rule for rule in fired}
        if FaultKind.RESET in kinds:
            record.outcome, record.status = "fault:reset", 0
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError
        if FaultKind.HTTP_5XX in kinds:
            status = kinds[FaultKind.HTTP_5XX].status
            return self._send(
                record,
                html_reply(pages.server_error_page(status), status=status, outcome="fault:5xx"),
            )
        if FaultKind.WAF_405 in kinds:
            return self._send(record, html_reply(pages.WAF_405, status=405, outcome="fault:waf"))

        reply = self._route(request, path, params, op, now)
        if FaultKind.TRUNCATED in kinds and reply.content_type.startswith("application/json"):
            reply.body = reply.body[: max(1, len(reply.body) // 2)]
            reply.outcome = "fault:truncated"
        slow = kinds.get(FaultKind.SLOW_BODY)
        if slow is not None:
            return await self._send_slowly(request, record, reply, slow)
        return self._send(record, reply)

    # -- the checks a request meets before the application --------------------------
    def _route(
        self, request: web.Request, path: str, params: dict[str, str], op: str | None, now: datetime
    ) -> Reply:
        world = self.world
        if self._ua_blocked(request.headers.get("User-Agent")):
            return html_reply(pages.UA_BLACKLIST_403, status=403, outcome="blocked-ua")
        call = Call(
            world=world,
            method=request.method,
            path=path,
            params=params,
            now=now,
            client_ip=request.remote or "",
        )
        if path.startswith("v1/"):
            return self._v1(request, call, path[3:])
        if self._over_budget(call.client_ip, now):
            return html_reply(pages.WAF_405, status=405, outcome="waf-budget")
        route = ROUTER.find_classic(path, op)
        if route is None:
            if path in ROUTER.classic_paths():
                # A known servlet with an op it does not have: the generic failure (§4.15).
                return json_reply({"msg": "501", "success": False}, outcome="unknown-op")
            return html_reply(pages.NOT_FOUND_404, status=404, outcome="not-found")
        if route.auth:
            session = world.session(request.cookies.get(SESSION_COOKIE))
            if session is None:
                world.counters.expired_hits += 1
                return self._unauthenticated()
            call.session = session
            call.account = world.account_by_name(session.username)
        return self._invoke(route, call)

    def _v1(self, request: web.Request, call: Call, path: str) -> Reply:
        world = self.world
        route = ROUTER.v1.get(path)
        if route is None:
            return html_reply(pages.NOT_FOUND_404, status=404, outcome="not-found")
        token = request.headers.get("token", "")
        account = world.account_by_token(token)
        if account is None:
            return json_reply(
                {"error_code": 10011, "error_msg": "error_permission_denied", "data": None},
                outcome="bad-token",
            )
        call.account, call.token = account, token
        override = world.config.v1_windows_s.get(path)
        window = (
            override
            if override is not None
            else (
                route.window_s if route.window_s is not None else world.config.v1_default_window_s
            )
        )
        key = next((call.params[k] for k in route.limit_keys if call.params.get(k)), "")
        if not world.v1_admit(token, path, key, window):
            return json_reply(
                {"error_code": 10012, "error_msg": "error_frequently_access", "data": None},
                outcome="rate-limited",
            )
        return self._invoke(route, call)

    def _invoke(self, route: Route, call: Call) -> Reply:
        try:
            with self.world.lock:
                return route.handler(call)
        except Exception:  # a bug in a handler must not show the client a stack trace
            _LOGGER.exception("simulator handler failed for %s", call.path)
            return html_reply(pages.server_error_page(500), status=500, outcome="handler-error")

    def _unauthenticated(self) -> Reply:
        mode = self.world.config.unauthenticated
        if mode is Unauthenticated.HTML_500:
            return html_reply(pages.NOT_LOGGED_IN_500, status=500, outcome="expired")
        if mode is Unauthenticated.LOGIN_PAGE_200:
            return html_reply(pages.LOGIN_PAGE, outcome="expired")
        location = (
            "/login.do"
            if mode is Unauthenticated.REDIRECT_302
            else ("/error.do?errorMess=errorNoLogin")
        )
        reply = html_reply("", status=302, outcome="expired")
        reply.headers["Location"] = location
        return reply

    def _ua_blocked(self, agent: str | None) -> bool:
        config = self.world.config
        if not config.ua_filter:
            return False
        if not agent or not agent.strip():
            return True
        lowered = agent.lower()
        return any(
            lowered.startswith(p.lower()) and (p.endswith("/") or lowered == p.lower())
            for p in config.ua_blacklist
        )

    def _over_budget(self, ip: str, now: datetime) -> bool:
        config = self.world.config
        if config.classic_budget is None:
            return False
        stamp = now.timestamp()
        seen = self._budget.setdefault(ip, deque())
        seen.append(stamp)
        while seen and seen[0] <= stamp - config.classic_budget_window_s:
            seen.popleft()
        return len(seen) > config.classic_budget

    # -- answering ----------------------------------------------------------------------
    @staticmethod
    def _response(reply: Reply) -> web.Response:
        response = web.Response(
            status=reply.status,
            body=reply.body.encode("utf-8"),
            headers={"Content-Type": reply.content_type, **reply.headers},
        )
        for name, value in reply.cookies.items():
            response.headers.add("Set-Cookie", f"{name}={value}")
        return response

    def _send(self, record: RecordedRequest, reply: Reply) -> web.Response:
        record.status, record.outcome = reply.status, reply.outcome
        return self._response(reply)

    async def _send_slowly(
        self, request: web.Request, record: RecordedRequest, reply: Reply, rule: FaultRule
    ) -> web.StreamResponse:
        record.status, record.outcome = reply.status, "fault:slow-body"
        response = web.StreamResponse(
            status=reply.status, headers={"Content-Type": reply.content_type, **reply.headers}
        )
        await response.prepare(request)
        body = reply.body.encode("utf-8")
        chunks = 10
        step = max(1, len(body) // chunks)
        for start in range(0, len(body), step):
            await response.write(body[start : start + step])
            await asyncio.sleep(rule.value / chunks)
        await response.write_eof()
        return response


def build_app(world: World, faults: FaultPlan) -> web.Application:
    _load_handlers()
    app = web.Application(client_max_size=4 * 1024 * 1024)
    app[WORLD_KEY] = world
    app[FAULTS_KEY] = faults
    front = Front(world, faults)
    app.router.add_route("*", "/{tail:.*}", front.handle)
    return app
