"""`kbtool serve` as a person runs it: a real process, its port, its warnings, Ctrl-C; and `kbtool search` never loads it."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO_ROOT


def start(kb: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """`kbtool serve --port 0 ...`, and the address it prints once it listens."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kbtool", "--root", str(kb), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},  # a hang shows every thread's stack (SIGABRT below)
        # Ctrl-C as in a terminal: a test runner started in the background (or
        # its workers) may ignore SIGINT, and an ignored signal stays ignored in children.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    lines: list[str] = []
    assert process.stderr is not None
    for line in process.stderr:  # blocks until the server speaks: no sleeping
        lines.append(line)
        if "serving" in line:
            break
    address = next((word for line in lines for word in line.split() if word.startswith("http://")), "")
    assert address, "".join(lines)
    process.lines = lines  # type: ignore[attr-defined]
    return process, address


def stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    try:
        _, rest = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        _, rest = process.communicate(timeout=60)
        raise AssertionError("kbtool serve did not stop on Ctrl-C:\n" + "".join(process.lines) + rest) from None  # type: ignore[attr-defined]
    return process.returncode, rest


def test_serve_listens_on_loopback_answers_and_stops_cleanly_on_ctrl_c(kb: Path) -> None:
    process, address = start(kb)
    try:
        assert address.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(address + "api/health", timeout=60) as answer:
            assert json.load(answer)["status"] == "ok"
        assert "warning" not in "".join(process.lines)  # type: ignore[attr-defined]
    finally:
        code, rest = stop(process)
    assert code == 0 and "stopped" in rest and "Traceback" not in rest


def test_another_host_is_served_only_with_a_warning(kb: Path) -> None:
    process, address = start(kb, "--host", "0.0.0.0")
    try:
        assert "warning: listening on 0.0.0.0" in "".join(process.lines)  # type: ignore[attr-defined]
        port = int(address.rstrip("/").rsplit(":", 1)[1])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=60) as answer:
            assert answer.status == 200
    finally:
        stop(process)


def test_a_port_in_use_is_a_clear_usage_error(kb: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "kbtool", "--root", str(kb), "serve", "--port", str(port)], capture_output=True, text=True, timeout=120)
    finally:
        taken.close()
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def test_search_start_up_imports_no_server_module(kb: Path) -> None:
    script = (
        "import sys\n"
        "from kbtool.cli import cli\n"
        f"try:\n    cli.main(['--root', {str(kb)!r}, 'search', 'vpn'], prog_name='kbtool')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(name for name in sys.modules if name.startswith('kbtool.server')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert "KB-0002" in result.stdout  # the search ran
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("args", [["--port", "70000"], ["--poll", "0"]])
def test_bad_options_are_usage_errors(kb: Path, args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "kbtool", "--root", str(kb), "serve", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2


