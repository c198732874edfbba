"""Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, ``python -m llama_cpp.server``) as a backend."""

from __future__ import annotations

import os
from typing import Any

from factx._errors import FactxConfigError
from factx.backends.base import InstructorBackend


class OpenAIBackend(InstructorBackend):
    """Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, ``python -m llama_cpp.server``)."""

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
    ) -> None:
        import openai

        key = api_key or os.environ.get("OPENAI_API_KEY")
        if not key:
            if base_url is None:
                raise FactxConfigError(f"model openai:{model} needs OPENAI_API_KEY or api_key=")
            key = "sk-no-key-needed"  # local servers ignore it; the client insists on one
        client = openai.OpenAI(api_key=key, base_url=base_url, timeout=timeout, max_retries=0, http_client=http_client)
        super().__init__(
            client.chat.completions.create, model_name=model, attempts=attempts, total_seconds=total_seconds
        )
        self.name = f"openai:{model}"
