"""`kbtool serve` benchmarks: latency over HTTP, a soak while the index is rebuilt, and the stack comparison.

    python benchmarks/serve.py                 # latency (1 and 8 clients), whole-process baseline, 5-minute soak
    python benchmarks/serve.py --soak 60       # a shorter soak
    python benchmarks/serve.py stacks          # standard library vs Starlette + uvicorn (pip install starlette uvicorn)

A seeded knowledge base of 10,000 documents is generated under
benchmarks/out/ from ../shared/corpora/officedocs-support (real support
articles) when present. The server runs as its own process, exactly as
`kbtool serve --port 0` starts it; clients are threads of this process, each
on one keep-alive connection, sending the agent query mix of
benchmarks/queries.py. Figures:

- server-side: the `Server-Timing` of each answer (time inside the server,
  waiting for the searcher included);
- end to end: from sending the request to reading the last byte;
- the baseline: `kbtool search` as a whole process on the same queries.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import DEFAULT_CORPUS, OUT, kbtool, make_kb, percentile  # noqa: E402
from benchmarks.queries import agent_queries, corpus_questions  # noqa: E402

_TIMING = re.compile(r"app;dur=([0-9.]+)")


@dataclass
class Samples:
    end_to_end: list[float] = field(default_factory=list)  # ms
    server: list[float] = field(default_factory=list)  # ms
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def line(self, label: str) -> str:
        e2e, inside = self.end_to_end, self.server
        return (
            f"{label:<34} n={len(e2e):<5} end to end p50 {statistics.median(e2e):5.1f} / p95 {percentile(e2e, 0.95):5.1f} / max {max(e2e):6.1f} ms"
            f" | server-side p50 {statistics.median(inside):5.1f} / p95 {percentile(inside, 0.95):5.1f} ms | failed {len(self.failures)}"
        )


class Client:
    """One agent's browser: one keep-alive connection, one request at a time."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def search(self, query: str, samples: Samples) -> None:
        path = "/api/search?" + urlencode({"q": query, "limit": 10, "log": 0})
        started = time.perf_counter()
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            timing = _TIMING.search(response.getheader("Server-Timing", ""))
            ok = response.status == 200 and body.startswith(b"{")
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            with samples.lock:
                samples.failures.append(f"{query!r}: {type(error).__name__}: {error}")
            return
        with samples.lock:
            if not ok:
                samples.failures.append(f"{query!r}: HTTP {response.status}: {body[:200]!r}")
            samples.end_to_end.append(elapsed)
            samples.server.append(float(timing.group(1)) if timing else elapsed)


class ServerProcess:
    """`kbtool serve --port 0` in its own process, as a person starts it."""

    def __init__(self, root: Path, *extra: str) -> None:
        self.process = subprocess.Popen(kbtool(root, "serve", "--port", "0", *extra), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        self.notices: list[str] = []
        assert self.process.stderr is not None
        for line in self.process.stderr:  # waits for the port to be open: the line is printed after binding
            self.notices.append(line.rstrip())
            if "serving" in line:
                break
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", "\n".join(self.notices))
        if not found:
            raise SystemExit("kbtool serve did not start:\n" + "\n".join(self.notices))
        self.port = int(found.group(1))
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.notices.append(line.rstrip())

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]

    def health(self) -> dict:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request("GET", "/api/health")
        data = json.loads(connection.getresponse().read())
        connection.close()
        return data

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=60)


def run_agents(port: int, queries: list[str], clients: int, pause: float = 0.0, share: float = 1.0) -> Samples:
    """`clients` agents at once, each sending the queries in its own order (the first `share` of them).

    Without `pause` they send back to back (a saturating load); with it, each
    rests a random while after every search (mean `pause` seconds), as an
    agent typing and reading does.
    """
    samples = Samples()

    def agent(seed: int) -> None:
        rng = random.Random(seed)
        client = Client(port)
        order = queries[:]
        rng.shuffle(order)
        for query in order[: int(len(order) * share)]:
            client.search(query, samples)
            if pause:
                time.sleep(rng.expovariate(1 / pause))

    threads = [threading.Thread(target=agent, args=(seed,)) for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def in_process(root: Path, queries: list[str]) -> Samples:
    """The baseline: the same searches in this process, no HTTP (what the searcher itself costs)."""
    from kbtool import api

    samples = Samples()
    with api.open_searcher(root) as searcher:
        for query in queries:
            api.search(root, query, limit=10, log=False, refresh_index=False, searcher=searcher)
        for query in queries:
            started = time.perf_counter()
            api.search(root, query, limit=10, log=False, refresh_index=False, searcher=searcher)
            elapsed = (time.perf_counter() - started) * 1000
            samples.end_to_end.append(elapsed)
            samples.server.append(elapsed)
    return samples


def query_mix(root: Path, corpus: Path | None) -> list[str]:
    kinds = agent_queries(root, questions=corpus_questions() if corpus else None)
    return [query for values in kinds.values() for query in values]


def bench_latency(root: Path, queries: list[str]) -> None:
    print(in_process(root, queries).line("in-process api.search (baseline)"))
    server = ServerProcess(root)
    try:
        run_agents(server.port, queries, 1)  # warm-up: every query once
        print(run_agents(server.port, queries, 1).line("1 client"))
        print(run_agents(server.port, queries, 8, pause=0.25, share=0.5).line("8 agents typing (0.25 s pauses)"))
        print(run_agents(server.port, queries, 8).line("8 clients back to back (saturated)"))
    finally:
        server.stop()
    sample = queries[:: max(1, len(queries) // 30)][:30]
    whole = []
    for query in sample:
        started = time.perf_counter()
        subprocess.run(kbtool(root, "search", "--limit", "10", *query.split()), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        whole.append((time.perf_counter() - started) * 1000)
    print(f"{'kbtool search, whole process':<34} n={len(whole):<5} p50 {statistics.median(whole):5.0f} / p95 {percentile(whole, 0.95):5.0f} ms (same queries)")


def bench_soak(root: Path, queries: list[str], seconds: float, clients: int) -> None:
    """Clients search without pause while `kbtool index --full` rebuilds the index twice; RSS sampled every 5 s."""
    server = ServerProcess(root)
    stop = threading.Event()
    samples = Samples()
    rss: list[tuple[float, float]] = []
    rebuilds: list[str] = []
    try:
        run_agents(server.port, queries, 1)  # warm-up
        started = time.monotonic()

        def agent(seed: int) -> None:
            rng = random.Random(seed)
            client = Client(server.port)
            while not stop.is_set():
                client.search(rng.choice(queries), samples)

        def sampler() -> None:
            while not stop.wait(5):
                rss.append((time.monotonic() - started, server.rss_mb()))

        threads = [threading.Thread(target=agent, args=(seed,)) for seed in range(clients)] + [threading.Thread(target=sampler)]
        rss.append((0.0, server.rss_mb()))
        for thread in threads:
            thread.start()
        for share in (1 / 3, 2 / 3):
            stop.wait(max(0.0, started + seconds * share - time.monotonic()))
            before = server.health()["index"]["generation"]
            build_started = time.monotonic()
            subprocess.run(kbtool(root, "index", "--full"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            built = time.monotonic() - build_started
            while server.health()["index"]["generation"] == before and time.monotonic() - build_started < 600:
                time.sleep(0.2)  # the watcher polls every 2 s: wait for the server to follow
            rebuilds.append(f"rebuilt in {built:.0f} s, followed {time.monotonic() - build_started - built:.1f} s later")
        stop.wait(max(0.0, started + seconds - time.monotonic()))  # at least `seconds`; longer when rebuilds are slow
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        health = server.health()
    finally:
        stop.set()
        server.stop()
    memory = [value for _, value in rss]
    fifth = max(1, len(memory) // 5)
    print(samples.line(f"soak {elapsed:.0f} s, {clients} clients"))
    print(f"  index rebuilds: {'; '.join(rebuilds)}; searcher reopened {health['index']['reopened']} time(s)")
    print(
        f"  RSS over {len(memory)} samples: first fifth median {statistics.median(memory[:fifth]):.0f} MB, last fifth median "
        f"{statistics.median(memory[-fifth:]):.0f} MB, min {min(memory):.0f}, max {max(memory):.0f} MB"
    )
    for failure in samples.failures[:10]:
        print(f"  failed: {failure}")


# --- the stack comparison ------------------------------------------------------------
def _starlette_server(root: Path) -> None:
    """Starlette + uvicorn around the same state and handler as `kbtool serve` (run as a child process)."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import Response
    from starlette.routing import Route

    from kbtool import api
    from kbtool.server import handlers
    from kbtool.server.protocol import Request
    from kbtool.server.state import ServerState

    config = api.config_of(root)
    state = ServerState(config, api.open_searcher(config))

    def answer(query: dict[str, list[str]]) -> bytes:
        started = time.perf_counter()
        body = handlers.search(state, Request("GET", "/api/search", query, b"", "")).body
        return body, (time.perf_counter() - started) * 1000  # type: ignore[return-value]

    async def search(request):  # type: ignore[no-untyped-def]
        query: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            query.setdefault(key, []).append(value)
        body, spent = await run_in_threadpool(answer, query)
        return Response(body, media_type="application/json", headers={"Server-Timing": f"app;dur={spent:.2f}"})

    app = Starlette(routes=[Route("/api/search", search)])
    print(f"kbtool: serving at http://127.0.0.1:{os.environ['KBTOOL_BENCH_PORT']}/", file=sys.stderr, flush=True)
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ["KBTOOL_BENCH_PORT"]), log_level="warning", access_log=False)


def bench_stacks(root: Path, queries: list[str]) -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise SystemExit("the comparison needs Starlette and uvicorn: pip install starlette uvicorn") from None
    import socket

    for round_number in (1, 2):  # twice, interleaved: the machine is noisy
        for label in ("standard library (kbtool serve)", "Starlette + uvicorn"):
            started = time.perf_counter()
            if label.startswith("standard"):
                server: ServerProcess | subprocess.Popen[str] = ServerProcess(root)
                port = server.port  # type: ignore[union-attr]
            else:
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", 0))
                    port = probe.getsockname()[1]
                server = subprocess.Popen(
                    [sys.executable, __file__, "starlette-child", "--root", str(root)],
                    env={**os.environ, "KBTOOL_BENCH_PORT": str(port)}, stderr=subprocess.PIPE, text=True,
                )
                assert server.stderr is not None
                server.stderr.readline()
                _wait_for_port(port)
            ready = time.perf_counter() - started
            try:
                run_agents(port, queries, 1)
                one = run_agents(port, queries, 1)
                eight = run_agents(port, queries, 8)
            finally:
                if isinstance(server, ServerProcess):
                    server.stop()
                else:
                    server.send_signal(signal.SIGINT)
                    server.wait(timeout=60)
            print(f"round {round_number}, {label}: ready in {ready:.2f} s (index open included)")
            print("  " + one.line("1 client"))
            print("  " + eight.line("8 clients"))


def _wait_for_port(port: int, timeout: float = 120.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="?", default="all", choices=["all", "latency", "soak", "stacks", "starlette-child"])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else None, help="folder of Markdown to draw sentences from")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--soak", type=float, default=300.0, help="soak duration in seconds (default: 5 minutes)")
    parser.add_argument("--soak-clients", type=int, default=8)
    parser.add_argument("--reuse", action="store_true", help="reuse the knowledge base and index generated by an earlier run")
    parser.add_argument("--root", type=Path, help="(internal) the knowledge base for starlette-child")
    args = parser.parse_args()
    if args.what == "starlette-child":
        _starlette_server(args.root)
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}")
    print(f"sentences from: {args.corpus or 'the starter knowledge base'}")
    root = OUT / f"kb-{args.documents}"
    if not (args.reuse and (root / ".kbtool").is_dir()):
        root = make_kb(args.documents, args.corpus)
        started = time.perf_counter()
        subprocess.run(kbtool(root, "index", "--full"), stdout=subprocess.DEVNULL, check=True)
        print(f"index built in {time.perf_counter() - started:.1f} s")
    queries = query_mix(root, args.corpus)
    print(f"queries: {len(queries)} (agent mix: words, fragments, typos, error codes, phrases, questions)")
    if args.what in ("all", "latency"):
        bench_latency(root, queries)
    if args.what in ("all", "soak"):
        bench_soak(root, queries, args.soak, args.soak_clients)
    if args.what == "stacks":
        bench_stacks(root, queries)


if __name__ == "__main__":
    main()
