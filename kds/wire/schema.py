"""JSON Schema export of the protocol (`kds schema`), checked in under resources/schema/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from kds.wire.models import ClientMessage, Order, ServerMessage


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for the Order and both directions of messages."""
    return {
        "order.schema.json": Order.model_json_schema(),
        "server-message.schema.json": TypeAdapter(ServerMessage).json_schema(),
        "client-message.schema.json": TypeAdapter(ClientMessage).json_schema(),
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out_dir / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
