"""How many data requests per second the simulator answers (no injected latency).

The simulator runs in its own process (`python -m growattServer simulate`), the load
generator in another, so each gets a core of this 2-core machine. The mix is the read
traffic a Home Assistant install produces: classic device and plant reads after one
login, and OpenAPI v1 reads (rate limit off so every call is served).

The load comes from `wrk` when it is installed (`apt-get install wrk`): a Python client
tops out near 2,000 requests/s on one core and would measure itself, not the server.
Without wrk the built-in aiohttp generator runs and the result says so.

    .venv/bin/python benchmarks/simulator_throughput.py [--seconds 5] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).parent))
from _results import record

AGENT = "Dalvik/2.1.0 (Linux; U; Android 12; benchmark)"
TOKEN = "3f8c1a2b4d5e6f708192a3b4c5d6e7f8"  # noqa: S105 - the demo account

CLASSIC = [
    ("GET", "newTwoPlantAPI.do?op=getAllDeviceListTwo&plantId=1427391&pageNum=1&pageSize=1"),
    ("GET", "newTlxApi.do?op=getTlxDetailData&id=BZP0C4N08J"),
    ("POST", "newMixApi.do?op=getSystemStatus_KW&mixId=WPD3C1A0K7&plantId=1427391"),
    ("GET", "newInverterAPI.do?op=getInverterDetailData&inverterId=NTCMA2B04Q"),
    ("GET", "PlantListAPI.do?userId=3021745"),
]
V1 = [
    ("POST", "v1/device/tlx/tlx_last_data", {"tlx_sn": "BZP0C4N08J"}),
    ("GET", "v1/plant/data?plant_id=1427392", None),
    ("POST", "v1/device/mix/mix_last_data", {"mix_sn": "WPD3C1A0K7"}),
]


def start_server() -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "growattServer", "simulate", "--port", "0", "--no-rate-limit"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    url = server.stdout.readline().strip()
    if not url.startswith("http"):
        server.kill()
        raise SystemExit(f"simulator did not start: {url!r}")
    return server, url


async def load(url: str, seconds: float, concurrency: int) -> dict[str, float]:
    from growattServer.simulator import growatt_password_hash

    jar = aiohttp.CookieJar(unsafe=True)  # cookies from an IP address host
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(
        url, cookie_jar=jar, connector=connector, headers={"User-Agent": AGENT}
    ) as session:
        async with session.post(
            "/newTwoLoginAPI.do",
            data={"userName": "demo", "password": growatt_password_hash("growatt-demo")},
        ) as reply:
            login = await reply.json(content_type=None)
            assert login["back"]["success"], login
        # Warm the simulator's day caches so we measure serving, not first-time physics.
        for method, path in CLASSIC:
            async with session.request(method, "/" + path) as reply:
                await reply.read()
        counts = {"ok": 0, "bad": 0}
        deadline = time.perf_counter() + seconds

        async def worker(offset: int) -> None:
            i = offset
            while time.perf_counter() < deadline:
                if i % 4 == 3:
                    method, path, form = V1[i % len(V1)]
                    kwargs = {"data": form, "headers": {"token": TOKEN}}
                else:
                    method, path = CLASSIC[i % len(CLASSIC)]
                    kwargs = {}
                async with session.request(method, "/" + path, **kwargs) as reply:
                    body = await reply.read()
                    good = reply.status == 200 and body[:1] in (b"{", b"[")
                    counts["ok" if good else "bad"] += 1
                i += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {
        "requests": counts["ok"] + counts["bad"],
        "failed": counts["bad"],
        "seconds": round(elapsed, 3),
        "requests_per_second": round((counts["ok"] + counts["bad"]) / elapsed, 1),
    }


def login_cookie(url: str) -> str:
    import requests

    from growattServer.simulator import growatt_password_hash

    with requests.Session() as session:
        session.headers["User-Agent"] = AGENT
        body = session.post(
            url + "newTwoLoginAPI.do",
            timeout=10,
            data={"userName": "demo", "password": growatt_password_hash("growatt-demo")},
        ).json()
        assert body["back"]["success"], body
        for method, path in CLASSIC:  # warm the day caches
            session.request(method, url + path, timeout=30)
        return "; ".join(f"{k}={v}" for k, v in session.cookies.items())


def lua_script(cookie: str) -> str:
    """Round-robin over the same mix as the Python generator."""
    entries = []
    for i in range(12):
        if i % 4 == 3:
            method, path, form = V1[i % len(V1)]
            body = "&".join(f"{k}={v}" for k, v in (form or {}).items())
            headers = {"token": TOKEN, "Content-Type": "application/x-www-form-urlencoded"}
        else:
            method, path = CLASSIC[i % len(CLASSIC)]
            body, headers = "", {"Cookie": cookie}
        headers["User-Agent"] = AGENT
        lua_headers = ", ".join(f'["{k}"] = "{v}"' for k, v in headers.items())
        entries.append(f'{{"{method}", "/{path}", {{{lua_headers}}}, "{body}"}}')
    return (
        "local reqs = {" + ",\n".join(entries) + "}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n  local r = reqs[(i % #reqs) + 1]\n"
        "  local body = nil\n  if r[4] ~= '' then body = r[4] end\n"
        "  return wrk.format(r[1], r[2], r[3], body)\nend\n"
    )


def run_wrk(url: str, seconds: float, concurrency: int) -> dict[str, float]:
    cookie = login_cookie(url)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(cookie))
    output = subprocess.run(
        ["wrk", "-t1", f"-c{concurrency}", f"-d{int(seconds)}s", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    elapsed = float(re.search(r"requests in ([\d.]+)s", output).group(1))  # type: ignore[union-attr]
    bad_match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    bad = int(bad_match.group(1)) if bad_match else 0
    return {
        "requests": total,
        "failed": bad,
        "seconds": elapsed,
        "requests_per_second": round(total / elapsed, 1),
        "generator": "wrk",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--python-client",
        action="store_true",
        help="use the aiohttp generator even if wrk is installed",
    )
    args = parser.parse_args()
    server, url = start_server()
    try:
        if shutil.which("wrk") and not args.python_client:
            result = run_wrk(url, args.seconds, args.concurrency)
        else:
            result = asyncio.run(load(url, args.seconds, args.concurrency))
            result["generator"] = "aiohttp (one Python core: a lower bound)"
    finally:
        server.terminate()
        server.wait(timeout=10)
    result.update(
        {
            "concurrency": args.concurrency,
            "python": platform.python_version(),
            "cpus": __import__("os").cpu_count(),
        }
    )
    print(json.dumps(result, indent=2))
    record("simulator_throughput", result, higher_is_better="requests_per_second")
    if result["failed"]:
        raise SystemExit(f"{result['failed']} requests failed")


if __name__ == "__main__":
    main()
