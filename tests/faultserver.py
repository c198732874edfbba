"""A fault-injecting OpenAI-compatible server on a real socket (127.0.0.1), scripted per request.

Each request takes the next action of the script (a valid tool call, a status, a reset, a stall,
a drip ...); the server records what it received. Every loop is bounded and ends when the
server stops, so no test can hang on it.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Action = Callable[["_Handler", dict[str, Any]], None]


@dataclass
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)  # type: ignore[no-any-return]


@dataclass
class FaultServer:
    url: str
    script: list[Action] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def play(self, *actions: Action) -> FaultServer:
        """Answer the next requests with these actions, in order (then 500 'script exhausted')."""
        self.script.extend(actions)
        return self

    @property
    def count(self) -> int:
        return len(self.seen)


# ---- actions --------------------------------------------------------------------------------


def completion(
    request: dict[str, Any], arguments: str | None, *, finish: str = "stop", content: str | None = None
) -> dict[str, Any]:
    tools = request.get("tools") or [{"function": {"name": "answer"}}]
    calls = (
        None
        if arguments is None
        else [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": tools[0]["function"]["name"], "arguments": arguments},
            }
        ]
    )
    return {
        "id": "cmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish,
                "message": {"role": "assistant", "content": content, "tool_calls": calls},
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def ok(answer: dict[str, Any] | str, *, finish: str = "stop") -> Action:
    """A tool call with these arguments (a dict as JSON, a str as is)."""
    arguments = answer if isinstance(answer, str) else json.dumps(answer)
    return lambda h, req: h.send_json(200, completion(req, arguments, finish=finish))


def text_only(content: str) -> Action:
    """A plain text answer with no tool call."""
    return lambda h, req: h.send_json(200, completion(req, None, content=content))


def body(payload: dict[str, Any]) -> Action:
    """A 200 with exactly this JSON (e.g. no choices)."""
    return lambda h, req: h.send_json(200, payload)


def status(code: int, message: str, **headers: str) -> Action:
    """An error status with an OpenAI-style error body."""
    return lambda h, req: h.send_json(
        code,
        {"error": {"message": message, "type": "fault", "code": code}},
        {k.replace("_", "-"): v for k, v in headers.items()},
    )


def echo_key(code: int = 401) -> Action:
    """A careless server that quotes the request's Authorization header in its error (for secrets tests)."""
    return lambda h, req: h.send_json(code, {"error": {"message": f"bad key: {h.headers.get('authorization')}"}})


def reset() -> Action:
    """Headers and part of the body, then a TCP reset."""

    def act(h: _Handler, req: dict[str, Any]) -> None:
        h.send_head(200, 1000)
        h.wfile.write(b'{"id": "cmpl-1", "choices": [')
        h.wfile.flush()
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()

    return act


def truncated() -> Action:
    """Headers promising 1000 bytes, 100 sent, then a clean close."""

    def act(h: _Handler, req: dict[str, Any]) -> None:
        h.send_head(200, 1000)
        h.wfile.write(json.dumps(completion(req, "{}")).encode()[:100])
        h.wfile.flush()
        h.connection.shutdown(socket.SHUT_RDWR)

    return act


def stall(seconds: float = 30.0) -> Action:
    """Nothing at all, for ``seconds`` (or until the server stops)."""
    return lambda h, req: h.server_state.stop.wait(seconds)


def drip(interval: float = 0.2, limit: int = 300) -> Action:
    """Headers, then one byte of a never-ending body every ``interval`` s (at most ``limit`` bytes)."""

    def act(h: _Handler, req: dict[str, Any]) -> None:
        h.send_head(200, 100_000)
        for _ in range(limit):
            if h.server_state.stop.wait(interval):
                return
            try:
                h.wfile.write(b" ")
                h.wfile.flush()
            except OSError:
                return

    return act


# ---- the server -----------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_state: FaultServer

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        state = self.server_state
        with state.lock:
            state.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, raw))
            action = state.script.pop(0) if state.script else status(500, "script exhausted")
        self.close_connection = True
        action(self, json.loads(raw or b"{}"))

    def send_head(self, code: int, length: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(length))
        self.send_header("connection", "close")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()

    def send_json(self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_head(code, len(data), headers)
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and closed clients are the point of these tests


@contextlib.contextmanager
def serve() -> Iterator[FaultServer]:
    """A fault server for the block; leaving it stops the server and ends every stall and drip."""
    state = FaultServer(url="")
    httpd = _Server(("127.0.0.1", 0), type("Handler", (_Handler,), {"server_state": state}))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    """A fresh fault server per test."""
    with serve() as state:
        yield state


class Clock:
    """Wall time of a block, to compare with a budget."""

    def __enter__(self) -> Clock:
        self.start = time.monotonic()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.monotonic() - self.start
