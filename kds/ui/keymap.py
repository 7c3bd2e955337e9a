"""A monitor's key map: which key (of a keyboard or a USB bump bar that types keys) does what."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from kds.settings import KeySettings

_ALIASES = {int(Qt.Key.Key_Enter): int(Qt.Key.Key_Return)}
"""The keypad's Enter is Return: bump bars send either."""


def qt_key(name: str) -> int:
    """The Qt key code of a key name from the settings ("R", "Return", "F5")."""
    sequence = QKeySequence.fromString(name, QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1:
        raise ValueError(f"{name!r} is not one key")
    code = int(sequence[0].key())  # type: ignore[index]  # the stubs lack __getitem__
    return _ALIASES.get(code, code)


@dataclass(frozen=True)
class KeyMap:
    """Qt key code -> what it does: "select 3", "next", "previous", "bump", "recall",
    "undo", "collected", "page", "all_day" or "scan"."""

    commands: Mapping[int, str]

    @classmethod
    def from_settings(cls, keys: KeySettings) -> KeyMap:
        return cls(MappingProxyType({qt_key(key): action for action, key in keys.bindings()}))

    def command(self, key: int) -> str | None:
        """What the key does on this monitor (None: nothing)."""
        return self.commands.get(_ALIASES.get(key, key))
