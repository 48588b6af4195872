"""Public pages under load on loopback: the token link and a leaflet page, served by gunicorn.

    .venv/bin/python -m benchmarks.pages_load                 (make bench-pages)
    .venv/bin/python -m benchmarks.pages_load --seconds 5 --rate 200 --web-workers 2

Three measurements per page, beside the same three for a bare Django request (a 404):
- the web processes' CPU-ms per request (sequential; steady when other jobs load the machine);
- open loop at a fixed --rate (requests per second, default 200, the issue's goal): a Python
  client sends on a fixed schedule whatever the answers, so slow answers show as latency
  (p50/p95/p99), not as a slower client;
- closed loop with wrk (--connections, --seconds): the most requests per second the web
  processes serve, and wrk's latency percentiles. Without wrk this part says how to install it.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import baselines
from benchmarks.cpu import tree_cpu
from benchmarks.harness import Service, prepare, start_processes, use_django, wait_http
from benchmarks.stats import heading, line, summary_ms

WRK_HINT = "wrk not installed; install with: sudo apt-get install -y wrk"


async def _open_loop(url: str, rate: float, seconds: float) -> tuple[list[float], int]:
    """Send ``rate`` GETs a second for ``seconds``; latencies (ms) and the failed count."""
    import aiohttp

    latencies: list[float] = []
    failed = 0

    async def one(session: aiohttp.ClientSession) -> None:
        nonlocal failed
        start = time.perf_counter()
        try:
            async with session.get(url) as response:
                await response.read()
                if response.status >= 500:
                    failed += 1
        except (aiohttp.ClientError, TimeoutError):
            failed += 1
            return
        latencies.append((time.perf_counter() - start) * 1000)

    connector = aiohttp.TCPConnector(limit=200)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = []
        begin = time.perf_counter()
        for n in range(int(rate * seconds)):
            await asyncio.sleep(max(0.0, begin + n / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(one(session)))
        await asyncio.gather(*tasks)
    return latencies, failed


def _wrk(url: str, connections: int, seconds: int) -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        return WRK_HINT
    done = subprocess.run([wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                          capture_output=True, text=True, check=False)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    pcts = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", done.stdout, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if rate is None:
        return f"wrk failed: {done.stderr.strip()[:200]}"
    return (f"{float(rate.group(1)):7.1f} req/s; p50 {pcts.get('50')}, p90 {pcts.get('90')}, "
            f"p99 {pcts.get('99')}" + (f"; non-2xx {errors.group(1)}" if errors else ""))


def _cpu_ms_per_request(service: Service, url: str, count: int) -> float:
    """CPU-ms the web processes spend per request, sequential: what a page costs whatever else
    runs on the machine (latency under load is not)."""
    import requests

    with requests.Session() as session:
        session.get(url, timeout=10)
        before = tree_cpu(service, "web")
        for _ in range(count):
            session.get(url, timeout=10)
        return (tree_cpu(service, "web") - before) * 1000 / count


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages_load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--cpu-requests", type=int, default=500,
                        help="sequential requests per page for the CPU figure")
    args = parser.parse_args(argv)
    service = prepare(Path(tempfile.mkdtemp(prefix="signpost-pages-")), scaled=None,
                      web_workers=args.web_workers)
    try:
        start_processes(service, {"web"})
        web = service.url("web")
        wait_http(f"{web}/leaflet/", what="web")
        use_django(service)
        from leaflets.services import issue_leaflet
        from leaflets.statuses import IssueChannel

        token = issue_leaflet(language="en", channels=[IssueChannel.QR]).token
        pages = {"bare Django request (404, baseline)": baselines.bare_django_url(web),
                 "token link /l/<token>": f"{web}/l/{token}",
                 "leaflet page /leaflet/en/": f"{web}/leaflet/en/"}
        heading(f"CPU per request in the web processes (sequential, {args.cpu_requests} "
                "requests)")
        for label, url in pages.items():
            line(label, f"{_cpu_ms_per_request(service, url, args.cpu_requests):.2f} CPU-ms")
        heading(f"open loop, {args.rate:.0f} req/s for {args.seconds} s, gunicorn "
                f"{args.web_workers} workers x 4 threads")
        for label, url in pages.items():
            latencies, failed = asyncio.run(_open_loop(url, args.rate, args.seconds))
            line(label, f"{summary_ms(latencies)}; failed {failed}")
        heading(f"closed loop (wrk), {args.connections} connections for {args.seconds} s")
        for label, url in pages.items():
            line(label, _wrk(url, args.connections, args.seconds))
    finally:
        service.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
