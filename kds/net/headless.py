"""A KDS device without a screen: store + client, for integration tests and diagnostics."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from kds import wire
from kds.domain.orders import Applied
from kds.errors import KdsError
from kds.net.client import KdsClient
from kds.net.state import ConnectionState
from kds.store import open_store

logger = logging.getLogger(__name__)


async def run_headless(
    url: str,
    token: str,
    data_dir: Path,
    device_name: str = "KDS",
    roles: tuple[wire.Role, ...] = (wire.Role.DISPLAY,),
) -> None:
    """Open the data dir's store and keep a KdsClient connected until cancelled."""

    def on_applied(event: wire.Event, applied: Applied) -> None:
        order = applied.state.id if applied.state is not None else "-"
        reason = f" ({applied.reason})" if applied.reason else ""
        logger.info(
            "applied seq=%d type=%s order=%s kind=%s%s",
            event.seq,
            event.type,
            order,
            applied.kind.name,
            reason,
        )

    def on_state(state: ConnectionState) -> None:
        logger.info("connection: %s", state)

    def on_welcome(welcome: wire.Welcome) -> None:
        holder = f" (held by {welcome.printing_holder})" if welcome.printing_holder else ""
        logger.info(
            "welcome from %s: connector last_seq=%d printing=%s%s",
            welcome.connector_id,
            welcome.last_seq,
            welcome.printing.value if welcome.printing else "-",
            holder,
        )

    def on_rejected(seq: int | None, reason: str) -> None:
        logger.warning("rejected seq=%s: %s", seq, reason)

    with open_store(data_dir, device_name) as store:
        if store.device_name != device_name:
            store.device_name = device_name
        client = KdsClient(
            url,
            token,
            store,
            roles,
            on_applied=on_applied,
            on_state=on_state,
            on_welcome=on_welcome,
            on_rejected=on_rejected,
        )
        try:
            await client.run()
        finally:
            await client.stop()


def _parse_roles(value: str) -> tuple[wire.Role, ...]:
    try:
        return tuple(wire.Role(part.strip()) for part in value.split(",") if part.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


async def _main_async(args: argparse.Namespace) -> None:
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, task.cancel)
    try:
        await run_headless(args.url, args.token, Path(args.data_dir), args.name, args.roles)
    except asyncio.CancelledError:
        logger.info("stopped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kds.net.headless", description=__doc__)
    parser.add_argument("--url", required=True, help="ws://HOST:PORT/kds")
    parser.add_argument("--token", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--name", default="KDS", help="device name")
    parser.add_argument(
        "--roles", type=_parse_roles, default=(wire.Role.DISPLAY,), help="display[,printing]"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stdout,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        asyncio.run(_main_async(args))
    except KdsError as exc:
        print(f"kds: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
