"""How many data requests per second the simulator answers (no injected latency).

The simulator runs in its own process (`python -m growattServer simulate`), the load
generator in this one, so each gets a core of this 2-core machine. The mix is the
read traffic a Home Assistant install produces: classic device and plant reads after one
login, and OpenAPI v1 reads (rate limit off so every call is served).

    .venv/bin/python benchmarks/simulator_throughput.py [--seconds 5] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).parent))
from _results import record  # noqa: E402

AGENT = "Dalvik/2.1.0 (Linux; U; Android 12; benchmark)"
TOKEN = "3f8c1a2b4d5e6f708192a3b4c5d6e7f8"
PASSWORD_HASH = None  # computed by the simulator module below

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
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
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
    async with aiohttp.ClientSession(url, cookie_jar=jar, connector=connector,
                                     headers={"User-Agent": AGENT}) as session:
        async with session.post("/newTwoLoginAPI.do", data={
            "userName": "demo", "password": growatt_password_hash("growatt-demo")}) as reply:
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
    return {"requests": counts["ok"] + counts["bad"], "failed": counts["bad"],
            "seconds": round(elapsed, 3),
            "requests_per_second": round((counts["ok"] + counts["bad"]) / elapsed, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    server, url = start_server()
    try:
        result = asyncio.run(load(url, args.seconds, args.concurrency))
    finally:
        server.terminate()
        server.wait(timeout=10)
    result.update({"concurrency": args.concurrency, "python": platform.python_version(),
                   "cpus": __import__("os").cpu_count()})
    print(json.dumps(result, indent=2))
    record("simulator_throughput", result, higher_is_better="requests_per_second")
    if result["failed"]:
        raise SystemExit(f"{result['failed']} requests failed")


if __name__ == "__main__":
    main()
