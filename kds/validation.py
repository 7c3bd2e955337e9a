"""Every problem of a config at once: cross-reference checks that run on the parts of the
input that are valid by themselves, their problems merged with pydantic's own errors.

pydantic runs a model's "after" validator only when every field is valid, so one typo
would hide every unknown name elsewhere in the file. A model's "wrap" validator instead
calls `checked`, which validates as usual, runs the cross-reference checks on the raw input
whatever the outcome, and raises one `ValidationError` holding both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

T = TypeVar("T")
M = TypeVar("M")

Loc = tuple[str | int, ...]


def problem(loc: Loc, message: str, value: Any = None) -> InitErrorDetails:
    """One error at `loc` (relative to the model being validated), in plain words."""
    return {"type": PydanticCustomError("reference", message), "loc": loc, "input": value}


def valid_entries(adapter: TypeAdapter[T], entries: Any) -> list[tuple[int, T]]:
    """The entries of a list from the input that are valid by themselves, with their index
    in the list (the full validation reports what is wrong with the others)."""
    if not isinstance(entries, list | tuple):
        return []
    valid: list[tuple[int, T]] = []
    for i, entry in enumerate(entries):
        try:
            valid.append((i, adapter.validate_python(entry)))
        except ValidationError:
            continue
    return valid


def valid_value(adapter: TypeAdapter[T], raw: Mapping[str, Any], key: str, default: T) -> T | None:
    """`raw[key]` validated (`default` when absent), None when invalid."""
    if key not in raw:
        return default
    try:
        return adapter.validate_python(raw[key])
    except ValidationError:
        return None


def checked(
    data: Any,
    handler: Callable[[Any], M],
    references: Callable[[Mapping[str, Any]], list[InitErrorDetails]],
    title: str,
) -> M:
    """`handler(data)` (pydantic's own validation) with the problems `references` finds in
    the raw `data` added to its errors; raises when there is any."""
    problems = references(data) if isinstance(data, Mapping) else []
    try:
        result = handler(data)
    except ValidationError as exc:
        if not problems:
            raise
        others: list[InitErrorDetails] = [
            {"type": PydanticCustomError(e["type"], e["msg"]), "loc": e["loc"], "input": e["input"]}
            for e in exc.errors()
        ]
        raise ValidationError.from_exception_data(exc.title, [*others, *problems]) from None
    if problems:
        raise ValidationError.from_exception_data(title, problems)
    return result
