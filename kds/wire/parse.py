"""One parser per direction: text in, a typed message out, or one `WireError` with the reason."""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any, NoReturn

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from kds.errors import KdsError
from kds.wire.models import (
    MAX_FRAME_BYTES,
    MAX_INT,
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
    ClientMessage,
    Order,
    ServerMessage,
)

_DEFERRED = ConfigDict(defer_build=True)
# Built at the first frame parsed, like the models (`WireModel`): not at import.
_server_adapter: TypeAdapter[Any] = TypeAdapter(ServerMessage, config=_DEFERRED)
_client_adapter: TypeAdapter[Any] = TypeAdapter(ClientMessage, config=_DEFERRED)

_SEQ_SCAN_CHARS = 4096
# A top-level "seq" before any nested object or list, near the start of the frame (the
# connector writes it first; no nested protocol object has one), and complete: followed
# by "," or "}", so a frame cut inside the number does not give a wrong seq.
_SEQ_IN_TEXT = re.compile(r'\s*\{[^{}\[\]]*?"seq"\s*:\s*(\d{1,19})\s*[,}]')
# A JSON string with its escapes, or what is left of one in a cut-off frame.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_REASON_CHARS = 300


class WireError(KdsError, ValueError):
    """A frame that is not a valid protocol message.

    `path` names the field (``order.items.0.quantity``), `reason` says what is wrong,
    `seq` is the event's sequence number when it could still be read, so the device can
    answer with `reject` and go on. Also a ValueError: bad input, as callers have treated it.
    """

    def __init__(self, reason: str, path: str = "", seq: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.seq = seq
        super().__init__(f"{path}: {reason}" if path else reason)


def _seq_in_text(text: str | bytes) -> int | None:
    """The top-level seq of a frame read from its text, for a frame that is not valid JSON."""
    head = text[:_SEQ_SCAN_CHARS]
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    match = _SEQ_IN_TEXT.match(head)
    seq = int(match.group(1)) if match else 0
    return seq if 1 <= seq <= MAX_INT else None


def _check_nesting(text: str) -> None:
    # Counting is cheap and bounds the depth: most frames skip the scan.
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return
    # Brackets inside strings do not nest; the rest is summed in C, not in a Python loop.
    brackets = _BRACKET.findall(_STRING.sub("", text))
    if max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > MAX_NESTING:
        raise WireError(f"nesting deeper than {MAX_NESTING} levels")


def _number(literal: str) -> str:
    if len(literal) > MAX_NUMBER_DIGITS and sum(map(str.isdigit, literal)) > MAX_NUMBER_DIGITS:
        raise WireError(f"number with more than {MAX_NUMBER_DIGITS} digits")
    return literal


def _int(literal: str) -> int:
    return int(_number(literal))


def _float(literal: str) -> float:
    return float(_number(literal))


def _constant(name: str) -> NoReturn:
    raise WireError(f"not valid JSON: {name} is not a JSON value")


def _loads(text: str | bytes) -> Any:
    """The JSON value of a frame within the limits, or WireError (never anything else)."""
    size = len(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    if size > MAX_FRAME_BYTES:
        raise WireError(f"frame of {size} bytes is over the {MAX_FRAME_BYTES} byte limit")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WireError(f"not valid UTF-8: {exc.reason} at byte {exc.start}") from None
    _check_nesting(text)
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise WireError(f"not valid JSON: {exc}") from None


def loads(text: str | bytes) -> Any:
    """Read any JSON text that crosses a border (frame, HTTP body) within the same limits
    as frames (size, nesting, number length); raises WireError and nothing else."""
    try:
        return _loads(text)
    except Exception as exc:  # noqa: BLE001 - the border catches by outcome
        raise (exc if isinstance(exc, WireError) else _unexpected(exc)) from None


def _seq_of(data: Any) -> int | None:
    if isinstance(data, dict):
        seq = data.get("seq")
        if isinstance(seq, int) and not isinstance(seq, bool) and 1 <= seq <= MAX_INT:
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


def _unexpected(exc: Exception) -> WireError:
    return WireError(f"unreadable frame: {type(exc).__name__}: {exc}"[:_REASON_CHARS])


def _valid_at_once(adapter: TypeAdapter[Any], text: str | bytes) -> Any:
    """The message of a frame pydantic's own JSON reader reads and validates in one step
    (a frame within the size and nesting limits), or None for the careful way below.

    The common case, a valid frame, takes about half the time of reading the JSON in Python
    first. That reader's cost is linear in the frame's length (a million-digit number is
    refused in about a millisecond); a frame it refuses for any reason goes the careful way,
    which finds the reason and the seq.
    """
    try:
        size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_FRAME_BYTES:
            return None
        if isinstance(text, bytes):
            many = text.count(b"[") + text.count(b"{") > MAX_NESTING
        else:
            many = text.count("[") + text.count("{") > MAX_NESTING
        if many:  # then the depth is measured, as the careful way does
            _check_nesting(text if isinstance(text, str) else text.decode("utf-8"))
        return adapter.validate_json(text)
    except Exception:  # noqa: BLE001 - any refusal: the careful way says why
        return None


def _validate(adapter: TypeAdapter[Any], text: str | bytes) -> Any:
    message = _valid_at_once(adapter, text)
    if message is not None:
        return message
    read = False
    seq: int | None = None
    try:
        data = _loads(text)
        read = True
        seq = _seq_of(data)
        if not isinstance(data, dict):
            raise WireError("a frame must be a JSON object", seq=seq)
        if "type" not in data:
            raise WireError("field required", "type", seq)
        try:
            return adapter.validate_python(data)
        except ValidationError as exc:
            raise _first_error(exc, seq, data["type"]) from None
    except Exception as exc:  # noqa: BLE001 - the border catches by outcome
        # By outcome, not by type: deep nesting, huge numbers, cut-off text or a bug in a
        # validator all become one WireError, with the seq when any can be read.
        error = exc if isinstance(exc, WireError) else _unexpected(exc)
        if error.seq is None:
            error.seq = seq if read else _seq_in_text(text)
        raise error from None


def parse(text: str | bytes) -> ServerMessage:
    """Parse a connector -> device frame (`welcome`, `error` or a sequenced event).

    Raises WireError, and nothing else, for every frame that is not a valid message.
    """
    result: ServerMessage = _validate(_server_adapter, text)
    return result


def parse_client(text: str | bytes) -> ClientMessage:
    """Parse a device -> connector frame (`hello`, `ack`, `reject`, `order.status`, `sync`)."""
    result: ClientMessage = _validate(_client_adapter, text)
    return result


def parse_order(data: str | bytes | dict[str, Any]) -> Order:
    """Parse an Order in the internal format (HTTP intake, sample files)."""
    try:
        raw = _loads(data) if isinstance(data, str | bytes) else data
        if not isinstance(raw, dict):
            raise WireError("an order must be a JSON object")
        try:
            return Order.model_validate(raw)
        except ValidationError as exc:
            raise _first_error(exc, None) from None
    except WireError:
        raise
    except Exception as exc:  # noqa: BLE001 - the border catches by outcome
        raise _unexpected(exc) from None


def dump(message: BaseModel) -> str:
    """Serialise a message to one compact JSON text frame (UTF-8 verbatim, no escapes)."""
    return message.model_dump_json(exclude_none=False)
