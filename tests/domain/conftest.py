"""Builders for kitchen domain tests: a kitchen's stations, orders, and a connector's event log
delivered to devices that act on what they have seen (no I/O: every time is a parameter)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kds import wire
from kds.domain.acknowledge import NO_ACKNOWLEDGEMENTS
from kds.domain.kitchen import Action, Decision, Desk, UndoLog, decide, settle
from kds.domain.kitchen_settings import KitchenConfig, KitchenSettings
from kds.domain.tickets import Ticket, advance
from kds.settings import Station

T0 = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
S = wire.OrderStatus
NO_ACKS = NO_ACKNOWLEDGEMENTS
ZERO = timedelta(0)

STATIONS = (
    Station(id="grill", name="Grill", groups=("burgers", "sides")),
    Station(id="cold", name="Kalt", groups=("salads",)),
    Station(id="bar", name="Bar", groups=("drinks",)),
)


def kitchen_config(
    configured: tuple[Station, ...] = STATIONS,
    default_station: str | None = None,
    article_groups: dict[str, str] | None = None,
    **settings: Any,
) -> KitchenConfig:
    settings_ = KitchenSettings(default_station=default_station, **settings)
    return KitchenConfig.build(configured, settings_, article_groups)


def line(line_id: str, name: str, group: str | None, quantity: str = "1", **extra: Any) -> Any:
    data: dict[str, Any] = {"line_id": line_id, "name": name, "quantity": quantity, **extra}
    if group is not None:
        data["group"] = group
    return data


BURGER = line("b", "Burger", "burgers")
SALAD = line("s", "Salad", "salads")
COLA = line("c", "Cola", "drinks")


def make_order(
    order_id: str = "web:1",
    revision: int = 1,
    items: list[dict[str, Any]] | None = None,
    display_id: str = "42",
    **fulfillment: Any,
) -> wire.Order:
    return wire.parse_order(
        {
            "id": order_id,
            "external_id": order_id.rsplit(":", maxsplit=1)[-1],
            "display_id": display_id,
            "source": "webshop",
            "revision": revision,
            "created_at": T0.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True, **fulfillment},
            "items": items if items is not None else [BURGER, SALAD, COLA],
        }
    )


def ticket_of(order: wire.Order, at: datetime = T0) -> Ticket:
    """The ticket a device holds after the order's `order.created` at `at`."""
    event = wire.OrderCreated(seq=1, event_id="e1", occurred_at=at, order=order)
    ticket = advance(None, event, at)[1]
    assert ticket is not None
    return ticket


@dataclass
class Device:
    """One KDS device: the orders it has applied, its outbox, its undo log."""

    device_id: str
    tickets: dict[str, Ticket] = field(default_factory=dict)
    applied: int = 0
    """How many events of the connector's log it has applied."""
    outbox: list[wire.StatusChange] = field(default_factory=list)
    """Its changes not yet back from the connector, oldest first."""
    sent: int = 0
    """How many of the outbox the connector has (the rest wait for a connection)."""
    undo: UndoLog = field(default_factory=UndoLog)
    decisions: list[Decision] = field(default_factory=list)

    @property
    def desk(self) -> Desk:
        return Desk(self.tickets, tuple(self.outbox), self.undo)

    def ticket(self, order_id: str = "web:1") -> Ticket:
        return self.tickets[order_id]


class Kitchen:
    """A connector's event log (one order, by seq) and the devices it feeds."""

    def __init__(self, config: KitchenConfig, devices: tuple[str, ...] = ("a",)) -> None:
        self.config = config
        self.log: list[wire.Event] = []
        self.devices = {d: Device(d) for d in devices}

    def device(self, device_id: str = "a") -> Device:
        return self.devices[device_id]

    def log_event(self, event_type: type[Any], at: datetime, **fields: Any) -> None:
        seq = len(self.log) + 1
        self.log.append(event_type(seq=seq, event_id=f"e{seq}", occurred_at=at, **fields))

    def arrive(self, order: wire.Order, at: datetime = T0) -> None:
        self.log_event(wire.OrderCreated, at, order=order)
        self.sync()

    def update(self, order: wire.Order, at: datetime) -> None:
        self.log_event(wire.OrderUpdated, at, order=order)
        self.sync()

    def cancel(self, order_id: str, at: datetime) -> None:
        self.log_event(wire.OrderCancelled, at, order_id=order_id, reason="guest")
        self.sync()

    def shop_status(self, order_id: str, status: wire.OrderStatus, at: datetime) -> None:
        self.log_event(wire.OrderStatusChanged, at, order_id=order_id, status=status)
        self.sync()

    def act(
        self, action: Action, at: datetime, device_id: str = "a", deliver: bool = True
    ) -> Decision:
        """A person acts on a device; with `deliver`, the connector gets it and every device
        applies everything at once."""
        device = self.devices[device_id]
        decision = decide(action, device.desk, self.config, at)
        device.undo = decision.undo
        device.outbox.extend(decision.changes)
        device.decisions.append(decision)
        if deliver:
            self.send(device_id)
            self.sync()
        return decision

    def send(self, device_id: str) -> None:
        """The device's waiting changes reach the connector, which logs them as events."""
        device = self.devices[device_id]
        for change in device.outbox[device.sent :]:
            self.log_event(
                wire.OrderStatusChanged,
                change.at,
                order_id=change.order_id,
                status=change.status,
                station=change.station,
                line_ids=change.line_ids,
                device_id=device_id,
            )
        device.sent = len(device.outbox)

    def sync(
        self, device_id: str | None = None, upto: int | None = None, lag: timedelta = ZERO
    ) -> None:
        """Deliver the log (up to event number `upto`) to one device, or to all; each applies
        an event `lag` after the connector logged it (by its own clock)."""
        targets = [self.devices[device_id]] if device_id else list(self.devices.values())
        end = len(self.log) if upto is None else upto
        for device in targets:
            for event in self.log[device.applied : end]:
                order_id = event.order.id if hasattr(event, "order") else event.order_id
                _, ticket = advance(device.tickets.get(order_id), event, event.occurred_at + lag)
                if ticket is not None:
                    device.tickets[order_id] = ticket
                before = len(device.outbox)
                device.outbox = list(settle(device.outbox, event, device.device_id))
                if len(device.outbox) < before:
                    device.sent -= 1
            device.applied = max(device.applied, end)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)
