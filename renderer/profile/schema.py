"""The JSON Schemas of profiles and applications, and a commented profile to start from."""

from __future__ import annotations

import json
from pathlib import Path

from renderer.profile.model import Profile

SCHEMA_FILE = Path(__file__).parent / "profile.schema.json"
APPLICATION_SCHEMA_FILE = Path(__file__).parent.parent / "inputs" / "application.schema.json"


def schema_json(ascii_only: bool = False, kind: str = "profile") -> str:
    if kind == "application":
        from renderer.inputs.application import Application

        schema = Application.model_json_schema(mode="validation")
    else:
        schema = Profile.model_json_schema(mode="validation")
    return json.dumps(schema, indent=2, ensure_ascii=ascii_only) + "\n"


def scaffold() -> str:
    return (Path(__file__).parent / "new-profile.yaml").read_text("utf-8")
