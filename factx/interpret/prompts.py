"""Prompt stage: prompt files from ``prompts/``, validated when factx is imported, rendered per request."""

from __future__ import annotations

import string
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from factx._errors import FactxConfigError

_REQUIRED_FIELDS = {
    "choose_events": {"sentences", "candidates"},
    "extract_facts": {"passage", "events", "dates", "figures"},
    "same_event": {"report_a", "report_b"},
}


class PromptTemplate(BaseModel):
    """One prompt file: a system message and a user template with named ``{fields}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    version: int
    system: str
    user: str

    @model_validator(mode="after")
    def _fields_match(self) -> PromptTemplate:
        used = {f for _, f, _, _ in string.Formatter().parse(self.user) if f}
        required = _REQUIRED_FIELDS.get(self.name)
        if required is None:
            raise ValueError(f"unknown prompt name {self.name!r}; expected one of {sorted(_REQUIRED_FIELDS)}")
        if used != required:
            raise ValueError(f"user template fields {sorted(used)} != required {sorted(required)}")
        return self

    def messages(self, **fields: str) -> list[dict[str, Any]]:
        """The chat messages for one request."""
        return [
            {"role": "system", "content": self.system.strip()},
            {"role": "user", "content": self.user.format(**fields).strip()},
        ]


def _prompt_dir() -> Path:
    shipped = resources.files("factx") / "prompts"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / "prompts"  # a source checkout


def load_prompts(directory: Path | None = None) -> dict[str, PromptTemplate]:
    """Load and validate every prompt file; a bad file fails loudly, naming its path."""
    folder = directory or _prompt_dir()
    prompts: dict[str, PromptTemplate] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            prompt = PromptTemplate.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, ValidationError) as exc:
            raise FactxConfigError(f"invalid prompt file {path}: {exc}") from exc
        prompts[prompt.name] = prompt
    missing = set(_REQUIRED_FIELDS) - set(prompts)
    if missing:
        raise FactxConfigError(f"prompt files missing from {folder}: {sorted(missing)}")
    return prompts


PROMPTS = load_prompts()
