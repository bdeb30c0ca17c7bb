"""The profile's JSON Schema (what editors complete from), and the commented profile that
`resume new` writes."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from renderer.profile.model import Profile

SCHEMA_FILE = Path(__file__).parent / "profile.schema.json"


def schema_json(ascii_only: bool = False, model: type[BaseModel] = Profile) -> str:
    """A model's JSON Schema as text: the profile's, or another file's (an application's)."""
    schema = model.model_json_schema(mode="validation")
    return json.dumps(schema, indent=2, ensure_ascii=ascii_only) + "\n"


def scaffold() -> str:
    return (Path(__file__).parent / "new-profile.yaml").read_text("utf-8")
