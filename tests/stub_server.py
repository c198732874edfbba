"""A small OpenAI-compatible server on 127.0.0.1 for tests and benchmarks: counts requests, adds latency.

It answers every chat completion with a tool call that fills the tool's required fields with the
plainest valid value (false, 0, "", [], {}), e.g. every event candidate declined, no events quoted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_PLAIN = {"boolean": False, "integer": 0, "number": 0, "string": "", "array": [], "object": {}}


class StubServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, latency: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.latency = latency
        self.requests = 0
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: StubServer

    def do_GET(self) -> None:
        """``GET /stats``: the requests answered so far (for a server in another process)."""
        payload = json.dumps({"requests": self.server.requests}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        with self.server.lock:
            self.server.requests += 1
            number = self.server.requests
        time.sleep(self.server.latency)
        tool = (body.get("tools") or [{}])[0].get("function", {})
        params = tool.get("parameters", {})
        props = params.get("properties", {})
        arguments = {k: _PLAIN.get(props.get(k, {}).get("type", "object"), {}) for k in params.get("required", [])}
        payload = json.dumps(_completion(number, tool.get("name", "answer"), json.dumps(arguments))).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _completion(number: int, tool: str, arguments: str) -> dict[str, Any]:
    call = {"id": f"call_{number}", "type": "function", "function": {"name": tool, "arguments": arguments}}
    return {
        "id": f"stub-{number}",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": None, "tool_calls": [call]},
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


@contextmanager
def stub_server(latency: float = 0.0) -> Iterator[StubServer]:
    """A running stub server (stopped on exit)."""
    server = StubServer(latency)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class _Remote:
    """A stub server running in a child process: its URL, and its request count read over HTTP."""

    def __init__(self, port: int) -> None:
        self.base_url = f"http://127.0.0.1:{port}/v1"
        self._stats = f"http://127.0.0.1:{port}/stats"

    @property
    def requests(self) -> int:
        with urllib.request.urlopen(self._stats, timeout=10) as reply:
            return int(json.load(reply)["requests"])


@contextmanager
def stub_server_process(latency: float = 0.0) -> Iterator[_Remote]:
    """A stub server in its own process, so its work does not share the client's CPU and GIL."""
    child = subprocess.Popen([sys.executable, __file__, str(latency)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        yield _Remote(int(child.stdout.readline()))
    finally:
        child.terminate()
        child.wait(timeout=10)


if __name__ == "__main__":
    with stub_server(float(sys.argv[1])) as running:
        print(running.server_address[1], flush=True)
        threading.Event().wait()
