"""One parser per direction: text in, a typed message out, or one `WireError` with the reason."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from kds.wire.models import (
    MAX_FRAME_BYTES,
    ClientMessage,
    Order,
    ServerMessage,
)

_server_adapter: TypeAdapter[Any] = TypeAdapter(ServerMessage)
_client_adapter: TypeAdapter[Any] = TypeAdapter(ClientMessage)


class WireError(ValueError):
    """A frame that is not a valid protocol message.

    `path` names the field (``order.items.0.quantity``), `reason` says what is wrong,
    `seq` is the event's sequence number when it could still be read, so the device can
    answer with `reject` and go on.
    """

    def __init__(self, reason: str, path: str = "", seq: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.seq = seq
        super().__init__(f"{path}: {reason}" if path else reason)


def _loads(text: str | bytes) -> Any:
    size = len(text.encode() if isinstance(text, str) else text)
    if size > MAX_FRAME_BYTES:
        raise WireError(f"frame of {size} bytes is over the {MAX_FRAME_BYTES} byte limit")
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise WireError(f"not valid JSON: {exc}") from None


def _seq_of(data: Any) -> int | None:
    if isinstance(data, dict):
        seq = data.get("seq")
        if isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1:
            return seq
    return None


def _first_error(exc: ValidationError, seq: int | None, tag: object = None) -> WireError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = [str(p) for p in first["loc"]]
    # A discriminated union puts the tag ("order.created") first; it is not a field.
    if tag is not None and loc and loc[0] == tag:
        loc = loc[1:]
    reason = first["msg"]
    if len(errors) > 1:
        reason += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return WireError(reason, ".".join(loc), seq)


def _validate(adapter: TypeAdapter[Any], text: str | bytes) -> Any:
    data = _loads(text)
    seq = _seq_of(data)
    if not isinstance(data, dict):
        raise WireError("a frame must be a JSON object", seq=seq)
    if "type" not in data:
        raise WireError("field required", "type", seq)
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        raise _first_error(exc, seq, data["type"]) from None


def parse(text: str | bytes) -> ServerMessage:
    """Parse a connector -> device frame (`welcome`, `error` or a sequenced event)."""
    result: ServerMessage = _validate(_server_adapter, text)
    return result


def parse_client(text: str | bytes) -> ClientMessage:
    """Parse a device -> connector frame (`hello`, `ack`, `reject`, `order.status`, `sync`)."""
    result: ClientMessage = _validate(_client_adapter, text)
    return result


def parse_order(data: str | bytes | dict[str, Any]) -> Order:
    """Parse an Order in the internal format (HTTP intake, sample files)."""
    raw = _loads(data) if isinstance(data, str | bytes) else data
    if not isinstance(raw, dict):
        raise WireError("an order must be a JSON object")
    try:
        return Order.model_validate(raw)
    except ValidationError as exc:
        raise _first_error(exc, None) from None


def dump(message: BaseModel) -> str:
    """Serialise a message to one compact JSON text frame (UTF-8 verbatim, no escapes)."""
    return message.model_dump_json(exclude_none=False)
