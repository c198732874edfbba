"""A small OpenAI-compatible server on 127.0.0.1 for tests and benchmarks: counts requests, adds latency.

It answers every chat completion with a tool call that fills the tool's required fields with the
plainest valid value (false, 0, "", [], {}), e.g. every event candidate declined, no events quoted.
"""

from __future__ import annotations

import json
import threading
import time
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
