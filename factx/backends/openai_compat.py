"""Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, ``python -m llama_cpp.server``) as a backend."""

from __future__ import annotations

import asyncio
import os
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from factx._errors import FactxConfigError
from factx.backends.base import InstructorBackend
from factx.backends.deadline import Deadline


class OpenAIBackend(InstructorBackend):
    """Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, ``python -m llama_cpp.server``).

    ``timeout`` bounds each request (clipped to the deadline), ``attempts`` the transient retries,
    ``total_seconds`` one request (retries included) when it has no nearer deadline. Requests go
    through ``AsyncOpenAI`` (one client per event loop); given only a sync ``http_client`` (a proxy,
    a mock transport), through the sync client in a worker thread, so that client is the one used.
    """

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        attempts: int = 4,
        total_seconds: float = 120.0,
        http_client: Any = None,
        async_http_client: Any = None,
    ) -> None:
        import openai

        key = api_key or os.environ.get("OPENAI_API_KEY")
        if not key:
            if base_url is None:
                raise FactxConfigError(f"model openai:{model} needs OPENAI_API_KEY or api_key=")
            key = "sk-no-key-needed"  # local servers ignore it; the client insists on one
        client = openai.OpenAI(api_key=key, base_url=base_url, timeout=timeout, max_retries=0, http_client=http_client)
        self._timeout = timeout
        self._async_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()

        def async_create() -> Callable[..., Awaitable[Any]]:
            loop = asyncio.get_running_loop()
            if loop not in self._async_clients:
                self._async_clients[loop] = openai.AsyncOpenAI(
                    api_key=key, base_url=base_url, timeout=timeout, max_retries=0, http_client=async_http_client
                )
            return self._async_clients[loop].chat.completions.create  # type: ignore[no-any-return]

        super().__init__(
            client.chat.completions.create,
            model_name=model,
            attempts=attempts,
            total_seconds=total_seconds,
            acreate=None if http_client is not None and async_http_client is None else async_create,
            secrets=(key,),
        )
        self.name = f"openai:{model}"

    def __repr__(self) -> str:
        return f"OpenAIBackend({self.name!r})"

    async def aclose(self) -> None:
        """Close the running loop's async client (its sockets belong to this loop and die with it)."""
        client = self._async_clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.close()

    def _prepare(self, kwargs: dict[str, Any], deadline: Deadline) -> dict[str, Any]:
        """Each request's timeout is the client's, or less: what is left until the deadline."""
        return {**kwargs, "timeout": deadline.clip(self._timeout)}


def preload() -> None:
    """Import now what the first request would (openai's chat resources and types, instructor's
    OpenAI handlers): a process that forks workers does it once for all of them. Opens no socket."""
    import openai
    import openai.types.chat

    OpenAIBackend("preload", base_url="http://127.0.0.1:9", api_key="unused")  # instructor's patch and handlers
    _ = openai.AsyncOpenAI(api_key="unused", base_url="http://127.0.0.1:9").chat.completions  # loaded on access
