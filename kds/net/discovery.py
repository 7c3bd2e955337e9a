"""Finding connectors on the local network (mDNS/DNS-SD), and the announcement they make.

The reference connector announces ``_kds-connector._tcp.local.`` with a TXT record
``id`` (its connector id), ``protocol`` (the PROTOCOL.md version) and ``path`` (``/kds``);
`txt_record` builds it, `found_from` reads it back. zeroconf is imported only when a
search starts, so the app does not load it at start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
from collections.abc import AsyncGenerator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kds import wire
from kds.errors import KdsError

if TYPE_CHECKING:
    from zeroconf import ServiceStateChange, Zeroconf

log = logging.getLogger(__name__)

SERVICE_TYPE = "_kds-connector._tcp.local."
KDS_PATH = "/kds"
RESOLVE_TIMEOUT_MS = 3000
DEFAULT_TIMEOUT = 3.0
"""Seconds `discover_connectors` listens by default: answers come within about one."""


class DiscoveryError(KdsError):
    """The local network could not be searched (no usable interface, socket refused)."""


@dataclass(frozen=True)
class Found:
    """A connector that answered on the local network."""

    name: str
    """Its announced name, e.g. "KDS connector on kitchen-pc"."""
    url: str
    """The websocket URL to put in the device's config, e.g. ws://192.168.1.10:8765/kds."""
    connector_id: str


def txt_record(connector_id: str, path: str = KDS_PATH) -> dict[str, str]:
    """The TXT properties a connector announces."""
    return {"id": connector_id, "protocol": str(wire.PROTOCOL_VERSION), "path": path}


def found_from(
    instance: str, addresses: Sequence[str], port: int | None, txt: Mapping[str, str | None]
) -> Found | None:
    """A resolved announcement as a Found, or None (logged) when it is unusable here."""
    name = instance.removesuffix("." + SERVICE_TYPE)
    connector_id = txt.get("id")
    path = txt.get("path") or KDS_PATH
    protocol = txt.get("protocol")
    if not connector_id or not addresses or not port or not path.startswith("/"):
        log.info("ignoring connector announcement %r: incomplete (%s)", instance, dict(txt))
        return None
    if protocol != str(wire.PROTOCOL_VERSION):
        log.info(
            "ignoring connector %r: it speaks protocol %s, this device %d",
            name,
            protocol,
            wire.PROTOCOL_VERSION,
        )
        return None
    # An IPv4 address first: it works without a scope, an IPv6 one needs brackets.
    ordered = sorted(addresses, key=lambda a: ipaddress.ip_address(a.split("%")[0]).version)
    host = ordered[0] if ":" not in ordered[0] else f"[{ordered[0]}]"
    return Found(name, f"ws://{host}:{port}{path}", connector_id)


async def watch_connectors(interfaces: Sequence[str] | None = None) -> AsyncGenerator[Found, None]:
    """Every connector announced on the local network, as each one is resolved (each once).

    `interfaces`: the IPv4 addresses of the interfaces to search on; None for all. Runs
    until the caller stops iterating. Raises DiscoveryError when no search can start.
    """
    from zeroconf import InterfaceChoice, ServiceStateChange
    from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

    try:
        aiozc = AsyncZeroconf(
            interfaces=list(interfaces) if interfaces is not None else InterfaceChoice.All
        )
    except (OSError, RuntimeError) as exc:
        raise DiscoveryError(f"cannot search the local network: {exc}") from exc
    found: asyncio.Queue[Found] = asyncio.Queue()
    seen: set[Found] = set()
    resolving: set[asyncio.Task[None]] = set()

    async def resolve(name: str) -> None:
        info = AsyncServiceInfo(SERVICE_TYPE, name)
        if not await info.async_request(aiozc.zeroconf, RESOLVE_TIMEOUT_MS):
            log.info("connector %r announced itself but did not answer in time", name)
            return
        result = found_from(name, info.parsed_addresses(), info.port, info.decoded_properties)
        if result is not None and result not in seen:
            seen.add(result)
            await found.put(result)

    def on_change(
        zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change in (ServiceStateChange.Added, ServiceStateChange.Updated):
            task = asyncio.get_running_loop().create_task(resolve(name))
            resolving.add(task)
            task.add_done_callback(resolving.discard)

    browser = AsyncServiceBrowser(aiozc.zeroconf, SERVICE_TYPE, handlers=[on_change])
    try:
        while True:
            yield await found.get()
    finally:
        await browser.async_cancel()
        for task in list(resolving):
            task.cancel()
        await asyncio.gather(*resolving, return_exceptions=True)
        await aiozc.async_close()


async def discover_connectors(
    timeout: float = DEFAULT_TIMEOUT, interfaces: Sequence[str] | None = None
) -> list[Found]:
    """The connectors that answered within `timeout` seconds, by name."""
    results: list[Found] = []
    async with contextlib.aclosing(watch_connectors(interfaces)) as connectors:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                async for connector in connectors:
                    results.append(connector)
    return sorted(results, key=lambda f: (f.name, f.url))
