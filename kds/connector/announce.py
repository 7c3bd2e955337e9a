"""The connector announces itself on the local network (mDNS/DNS-SD) so set-up can find it.

It announces on the interfaces it listens on, with the addresses devices can reach it at:
a connector on 127.0.0.1 is announced only on the loopback interface (a device on the same
machine finds it), one on 0.0.0.0 on every IPv4 interface of the machine but loopback, one
on a given address on that address. An announcement that cannot be made (no multicast,
an IPv6-only listen address) is logged and the connector runs on: devices can still type
the URL.
"""

from __future__ import annotations

import ipaddress
import logging
import socket

import ifaddr
from zeroconf.asyncio import AsyncServiceInfo, AsyncZeroconf

from kds.net.discovery import KDS_PATH, SERVICE_TYPE, txt_record

log = logging.getLogger(__name__)

_WILDCARDS = ("", "0.0.0.0", "::")
_MAX_LABEL = 63


def announce_addresses(host: str) -> list[str]:
    """The IPv4 addresses to announce for a connector listening on `host`."""
    if host in _WILDCARDS:
        return sorted(
            {
                str(ip.ip)
                for adapter in ifaddr.get_adapters()
                for ip in adapter.ips
                if ip.is_IPv4 and not ipaddress.ip_address(str(ip.ip)).is_loopback
            }
        )
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, socket.AF_INET)
        except OSError:
            return []
        return sorted({str(info[4][0]) for info in infos})
    return [str(address)] if address.version == 4 else []


def instance_name(hostname: str) -> str:
    """The human name a connector on `hostname` announces (one DNS label, at most 63 bytes)."""
    name = f"KDS connector on {hostname.split('.', maxsplit=1)[0]}"
    return name.encode()[:_MAX_LABEL].decode(errors="ignore")


class Announcer:
    """Announces one connector until `stop()`; never raises for network trouble."""

    def __init__(self, connector_id: str, host: str, port: int) -> None:
        self.connector_id = connector_id
        self.host = host
        self.port = port
        self._zeroconf: AsyncZeroconf | None = None

    async def start(self) -> None:
        """Probe for a unique name and announce (a second or two, while the connector runs)."""
        addresses = announce_addresses(self.host)
        if not addresses:
            log.warning(
                "not announced on the local network: no IPv4 address to announce for host %r "
                "(devices can still type the URL)",
                self.host,
            )
            return
        info = AsyncServiceInfo(
            SERVICE_TYPE,
            f"{instance_name(socket.gethostname())}.{SERVICE_TYPE}",
            port=self.port,
            properties=txt_record(self.connector_id, KDS_PATH),
            server=f"kds-connector-{self.connector_id[:8]}.local.",
            parsed_addresses=addresses,
        )
        try:
            self._zeroconf = AsyncZeroconf(interfaces=addresses)
            announced = await self._zeroconf.async_register_service(info, allow_name_change=True)
            await announced
        except Exception as exc:
            # Whatever stopped it, the connector serves on: only the finding is lost.
            log.warning(
                "not announced on the local network (%s); devices can still type the URL",
                exc,
                exc_info=True,
            )
            await self.stop()
            return
        log.info(
            "announced on the local network as %r (%s) at %s port %d",
            info.name.removesuffix("." + SERVICE_TYPE),
            SERVICE_TYPE,
            ", ".join(addresses),
            self.port,
        )

    async def stop(self) -> None:
        """Say goodbye (the announcement disappears at once) and close the sockets."""
        zeroconf, self._zeroconf = self._zeroconf, None
        if zeroconf is not None:
            await zeroconf.async_close()
