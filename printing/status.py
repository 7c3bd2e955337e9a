"""Decode ESC/POS real-time status answers (DLE EOT n) into a printer state people understand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kds.words import N_, Words

DLE = 0x10
EOT = 0x04

#: DLE EOT n: the n each query asks about (Epson ESC/POS "transmit real-time status").
PRINTER_STATUS = 1
OFFLINE_CAUSE = 2
ERROR_CAUSE = 3
PAPER_SENSOR = 4

QUERY_PRINTER_STATUS = bytes((DLE, EOT, PRINTER_STATUS))
QUERY_OFFLINE_CAUSE = bytes((DLE, EOT, OFFLINE_CAUSE))
QUERY_ERROR_CAUSE = bytes((DLE, EOT, ERROR_CAUSE))
QUERY_PAPER_SENSOR = bytes((DLE, EOT, PAPER_SENSOR))

#: What the transports ask, in this order: enough to tell paper out, cover open and offline.
STANDARD_QUERIES: tuple[int, ...] = (PRINTER_STATUS, OFFLINE_CAUSE, PAPER_SENSOR)

# Every answer byte has bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0.
_FIXED_MASK = 0b1001_0011
_FIXED_VALUE = 0b0001_0010

# DLE EOT 1 (printer status)
_OFFLINE = 0x08
# DLE EOT 2 (offline cause)
_COVER_OPEN = 0x04
_FEED_BUTTON = 0x08
_PAPER_END_STOP = 0x20
_ERROR_OCCURRED = 0x40
# DLE EOT 3 (error cause)
_AUTOCUTTER_ERROR = 0x08
_UNRECOVERABLE_ERROR = 0x20
_AUTO_RECOVERABLE_ERROR = 0x40
# DLE EOT 4 (paper roll sensor): two bits each, either set means the condition
_NEAR_END = 0x0C
_ROLL_END = 0x60

NOT_CONFIRMED_DETAIL = "sent, not confirmed"


def query(n: int) -> bytes:
    """The DLE EOT n bytes asking for status n (1-4)."""
    if n not in (PRINTER_STATUS, OFFLINE_CAUSE, ERROR_CAUSE, PAPER_SENSOR):
        raise ValueError(f"DLE EOT n must be 1-4, got {n}")
    return bytes((DLE, EOT, n))


def is_status_byte(value: int) -> bool:
    """True if a byte has the fixed bits every DLE EOT answer carries."""
    return 0 <= value <= 0xFF and (value & _FIXED_MASK) == _FIXED_VALUE


@dataclass(frozen=True)
class PrinterStatus:
    """What a printer said about itself; `problem` is the word shown to staff."""

    answered: bool
    online: bool
    cover_open: bool
    paper_end: bool
    paper_near_end: bool
    error: bool
    detail: str
    """Everything the printer said, in English (for the log)."""
    notes: tuple[Words, ...] = ()
    """The same, each note as words a screen says in its language ("Deckel offen")."""
    #: False when the printer is configured without status (file transport, status disabled):
    #: nothing is known, so nothing is reported as a problem, but nothing is confirmed either.
    status_supported: bool = True

    @classmethod
    def NOT_SUPPORTED(cls, detail: str = NOT_CONFIRMED_DETAIL) -> PrinterStatus:
        """A printer that cannot report status: jobs are sent, never confirmed."""
        return cls(
            answered=False,
            online=True,
            cover_open=False,
            paper_end=False,
            paper_near_end=False,
            error=False,
            detail=detail,
            status_supported=False,
        )

    @classmethod
    def NO_ANSWER(cls, detail: str = "no answer") -> PrinterStatus:
        """A reachable printer that did not answer the status query in time."""
        return cls(
            answered=False,
            online=False,
            cover_open=False,
            paper_end=False,
            paper_near_end=False,
            error=False,
            detail=detail,
        )

    @property
    def healthy(self) -> bool:
        """Confirmed ready to print (paper low is a warning, still healthy)."""
        return (
            self.answered
            and self.online
            and not self.cover_open
            and not self.paper_end
            and not self.error
        )

    @property
    def ok_to_send(self) -> bool:
        """Healthy, or a printer that cannot tell (send and hope: "sent, not confirmed")."""
        return self.healthy or not self.status_supported

    @property
    def problem(self) -> str | None:
        """The most important problem in words staff understand, or None."""
        if not self.status_supported:
            return None
        if not self.answered:
            return N_("no answer")
        if self.paper_end:
            return N_("paper out")
        if self.cover_open:
            return N_("cover open")
        if self.error:
            return N_("error")
        if not self.online:
            return N_("offline")
        if self.paper_near_end:
            return N_("paper low")
        return None


def decode(responses: Mapping[int, int]) -> PrinterStatus:
    """Build a PrinterStatus from DLE EOT answers, keyed by n (1-4), each one byte.

    Missing queries simply add nothing; no answers at all is NO_ANSWER. A byte without the
    fixed bits (a garbled line, the wrong baud rate, a non-ESC/POS device) is an error.
    """
    if not responses:
        return PrinterStatus.NO_ANSWER()
    garbled = {n: b for n, b in responses.items() if not is_status_byte(b)}
    if garbled:
        shown = ", ".join(f"DLE EOT {n} -> 0x{b:02x}" for n, b in sorted(garbled.items()))
        return PrinterStatus(
            answered=True,
            online=False,
            cover_open=False,
            paper_end=False,
            paper_near_end=False,
            error=True,
            detail=f"garbled status ({shown})",
            notes=(Words(N_("garbled status ({answers})"), answers=shown),),
        )

    notes: list[Words] = []
    offline_flag: bool | None = None
    cover_open = paper_end = near_end = error = False

    if (b := responses.get(PRINTER_STATUS)) is not None:
        offline_flag = bool(b & _OFFLINE)
    if (b := responses.get(OFFLINE_CAUSE)) is not None:
        if b & _COVER_OPEN:
            cover_open = True
            notes.append(Words(N_("cover open")))
        if b & _FEED_BUTTON:
            notes.append(Words(N_("paper being fed by the feed button")))
        if b & _PAPER_END_STOP:
            paper_end = True
            notes.append(Words(N_("stopped at paper end")))
        if b & _ERROR_OCCURRED:
            error = True
            notes.append(Words(N_("error occurred")))
    if (b := responses.get(ERROR_CAUSE)) is not None:
        if b & _AUTOCUTTER_ERROR:
            error = True
            notes.append(Words(N_("autocutter error")))
        if b & _UNRECOVERABLE_ERROR:
            error = True
            notes.append(Words(N_("unrecoverable error")))
        if b & _AUTO_RECOVERABLE_ERROR:
            error = True
            notes.append(Words(N_("auto-recoverable error")))
    if (b := responses.get(PAPER_SENSOR)) is not None:
        if b & _ROLL_END:
            paper_end = True
            notes.append(Words(N_("paper roll end")))
        if b & _NEAR_END:
            near_end = True
            notes.append(Words(N_("paper near end")))

    if offline_flag is None:
        online = not (cover_open or paper_end or error)
    else:
        online = not offline_flag
    if not online and "offline" not in notes:
        notes.insert(0, Words(N_("offline")))
    unique = tuple(dict.fromkeys(notes))
    detail = ", ".join(unique) if unique else "online"
    return PrinterStatus(
        answered=True,
        online=online,
        cover_open=cover_open,
        paper_end=paper_end,
        paper_near_end=near_end,
        error=error,
        detail=detail,
        notes=unique,
    )
