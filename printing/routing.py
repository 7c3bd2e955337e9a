"""Decide which printer(s) get which lines of an order (pure: config and order in, plan out).

Precedence, per line. A rule *matches* a line when every match list it fills in contains
the line's (or order's) value; an empty list matches anything. Of the matching rules the
most specific one wins, compared in this order:

1. a rule that names the line's ``ref`` beats one that does not;
2. then a rule that names the line's ``group`` beats one that does not;
3. then the rule with more filled-in match lists (fulfillment, sources, channels, brands,
   and the ref/group lists themselves) wins;
4. then the rule written first in the config file wins.

The winning rule sends the line to *all* of its printers (its copies, template and station).
A line no rule matches goes to ``default_printer`` (template "kitchen", one copy); without
a default printer it is *unrouted*: the plan lists it so the app can show an error on the
expo screen. It is never dropped silently.

Lines are grouped into one ticket per (printer, template, station), in the order's line
order. When rules with different copy counts share a ticket, the highest count is used.
Whole-order documents (customer receipt, packing slip) come from every matching document
rule, one per printer of the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from kds.wire import Item, Order
from printing.config import DocumentRule, PrintingConfig, RouteRule

DEFAULT_RULE_NAME = "default printer"
DEFAULT_TEMPLATE = "kitchen"


@dataclass(frozen=True)
class PlannedTicket:
    """One ticket (or document) for one printer: which lines, how many copies, which layout."""

    printer: str
    template: str
    items: tuple[Item, ...]
    copies: int
    station: str | None
    rule_name: str
    loyalty: bool = True
    """A document: with the order's loyalty block (its rule's `loyalty`)."""

    @property
    def line_ids(self) -> tuple[str, ...]:
        return tuple(item.line_id for item in self.items)


@dataclass(frozen=True)
class RoutingPlan:
    tickets: tuple[PlannedTicket, ...]
    documents: tuple[PlannedTicket, ...]
    unrouted: tuple[Item, ...]

    def lines_by_printer(self) -> dict[str, tuple[str, ...]]:
        """printer -> line ids it gets on kitchen tickets (for change slips)."""
        result: dict[str, list[str]] = {}
        for ticket in self.tickets:
            lines = result.setdefault(ticket.printer, [])
            lines.extend(i for i in ticket.line_ids if i not in lines)
        return {printer: tuple(lines) for printer, lines in result.items()}


def _order_fields_match(rule: RouteRule | DocumentRule, order: Order) -> tuple[bool, int]:
    """(matches, how many order-level lists were filled in)."""
    checks = (
        (rule.fulfillment, order.fulfillment.type),
        (rule.sources, order.source),
        (rule.channels, order.channel),
        (rule.brands, order.brand),
    )
    filled = 0
    for wanted, value in checks:
        if wanted:
            if value not in wanted:
                return False, 0
            filled += 1
    return True, filled


def rule_specificity(rule: RouteRule, order: Order, item: Item) -> tuple[int, int, int] | None:
    """The rank of `rule` for this line (higher wins), or None when it does not match."""
    matches, filled = _order_fields_match(rule, order)
    if not matches:
        return None
    if rule.refs and item.ref not in rule.refs:
        return None
    if rule.groups and item.group not in rule.groups:
        return None
    by_ref = 1 if rule.refs else 0
    by_group = 1 if rule.groups else 0
    return (by_ref, by_group, filled + by_ref + by_group)


def winning_rule(config: PrintingConfig, order: Order, item: Item) -> RouteRule | None:
    """The most specific matching rule for this line (see the module docstring)."""
    best: RouteRule | None = None
    best_rank: tuple[int, int, int] | None = None
    for rule in config.routes:
        rank = rule_specificity(rule, order, item)
        # Strictly greater: among equals the rule written first stays the winner.
        if rank is not None and (best_rank is None or rank > best_rank):
            best, best_rank = rule, rank
    return best


def route_order(config: PrintingConfig, order: Order) -> RoutingPlan:
    """Which printer gets which lines, which documents print, and which lines go nowhere."""
    groups: dict[tuple[str, str, str | None], tuple[list[Item], list[int], list[str]]] = {}
    unrouted: list[Item] = []
    for item in order.items:
        rule = winning_rule(config, order, item)
        if rule is not None:
            targets = [
                (p, rule.template, rule.station, rule.copies, rule.name) for p in rule.printers
            ]
        elif config.default_printer is not None:
            targets = [(config.default_printer, DEFAULT_TEMPLATE, None, 1, DEFAULT_RULE_NAME)]
        else:
            unrouted.append(item)
            continue
        for printer, template, station, copies, rule_name in targets:
            items, copy_counts, names = groups.setdefault(
                (printer, template, station), ([], [], [])
            )
            if item not in items:
                items.append(item)
            copy_counts.append(copies)
            if rule_name not in names:
                names.append(rule_name)
    tickets = tuple(
        PlannedTicket(
            printer=printer,
            template=template,
            items=tuple(items),
            copies=max(copy_counts),
            station=station,
            rule_name=names[0],
        )
        for (printer, template, station), (items, copy_counts, names) in groups.items()
    )
    documents: list[PlannedTicket] = []
    for document in config.documents:
        matches, _ = _order_fields_match(document, order)
        if not matches:
            continue
        for printer in dict.fromkeys(document.printers):
            documents.append(
                PlannedTicket(
                    printer=printer,
                    template=document.template,
                    items=order.items,
                    copies=document.copies,
                    station=None,
                    rule_name=document.label,
                    loyalty=document.loyalty,
                )
            )
    return RoutingPlan(tickets=tickets, documents=tuple(documents), unrouted=tuple(unrouted))


def printers_for_stations(
    config: PrintingConfig, groups: frozenset[str] | None, stations: frozenset[str]
) -> frozenset[str]:
    """The printers that can get lines of these stations: what their alarms concern.

    `groups` are the article groups the stations prepare (None: every line); `stations` their
    ids and names. A route counts when it names one of the stations, matches one of the
    groups, or matches any group (no group list); the default printer counts too (lines no
    route matches go there). Whole-order documents (receipts) belong to no station.
    """
    printers: set[str] = set()
    for rule in config.routes:
        if (
            groups is None
            or not rule.groups
            or not groups.isdisjoint(rule.groups)
            or rule.station in stations
        ):
            printers.update(rule.printers)
    if config.default_printer is not None:
        printers.add(config.default_printer)
    return frozenset(printers)
