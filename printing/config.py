"""Printer and routing configuration (placeholder: the printing issue fills this in)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class PrintingConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
