"""The `kds` command: one console script, one subcommand per job (argparse: stdlib, enough)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Mapping
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kds.domain.retention import DEFAULT_DAY_STARTS_AT, DEFAULT_KEEP_DAYS
from kds.errors import KdsError

if TYPE_CHECKING:
    from kds.settings import ConfigProblem

log = logging.getLogger(__name__)

DEFAULT_CONNECTOR_PORT = 8765


def _data_dir(value: str | None) -> Path:
    """--data-dir, else $KDS_DATA_DIR, else the per-user data dir of this OS."""
    if value:
        return Path(value)
    if env := os.environ.get("KDS_DATA_DIR"):
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("kds", appauthor=False))


def _cmd_run(args: argparse.Namespace) -> int:
    if args.supervise:
        from kds.autostart import run_arguments, supervise
        from kds.config_file import config_path

        path = config_path(args.config)
        data_dir = Path(args.data_dir) if args.data_dir else None
        verbose = ["-v"] if args.verbose else []
        return supervise([sys.executable, "-m", "kds", *verbose, *run_arguments(path, data_dir)])

    from kds.gc_policy import built_without_collection

    with built_without_collection():  # the app's modules live as long as it does
        from kds.app import RESTART, run_app
        from kds.config_file import config_path
        from kds.settings import SettingsError, load_settings

    path = config_path(args.config)
    while True:  # again after the admin area saved the settings and asked for a restart
        try:
            settings = load_settings(path)
        except SettingsError as exc:
            if not _config_problem(exc.problem, _data_dir(args.data_dir)):
                return 2
            settings = load_settings(path)
        code = run_app(settings, _data_dir(args.data_dir), path)
        if code != RESTART:
            return code


def _has_display(env: Mapping[str, str] = os.environ) -> bool:
    """Whether a window can be shown: not offscreen, and on Linux an X or Wayland display."""
    if env.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    if sys.platform.startswith("linux"):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True


def _config_problem(problem: ConfigProblem, data_dir: Path) -> bool:
    """`kds run` cannot start: say why (missing, unreadable, or which section is invalid);
    with a display, the set-up wizard then opens on the broken part. True when the wizard
    saved a config (the app starts with it)."""
    from kds.settings import ProblemKind

    if problem.kind is ProblemKind.INVALID:
        where = f"[{problem.section}]" if problem.section else "the top level"
        print(
            f"kds: cannot start: the config is invalid (the first problem is in {where}).\n"
            f"{problem.message}\nCheck it again with: kds config check {problem.path}",
            file=sys.stderr,
        )
    elif problem.kind is ProblemKind.UNREADABLE:
        print(f"kds: cannot start: {problem.message}", file=sys.stderr)
    else:
        print(f"kds: {problem.message}", file=sys.stderr)
    if not _has_display():
        return False
    from kds.ui.wizard import run_setup

    print("kds: opening the set-up wizard", file=sys.stderr)
    return run_setup(problem.path, data_dir, problem)


def _cmd_setup(args: argparse.Namespace) -> int:
    from kds.config_file import config_path
    from kds.settings import SettingsError, load_settings
    from kds.ui.wizard import run_setup

    path = config_path(args.config)
    problem: ConfigProblem | None = None
    try:
        load_settings(path)
    except SettingsError as exc:
        problem = exc.problem
    saved = run_setup(path, _data_dir(args.data_dir), problem)
    print(f"{path}: saved" if saved else "set-up closed; nothing saved")
    return 0 if saved else 1


def _cmd_config_check(args: argparse.Namespace) -> int:
    from kds.config_file import config_path
    from kds.settings import ProblemKind, SettingsError, load_settings

    path = config_path(args.file)
    try:
        settings = load_settings(path)
    except SettingsError as exc:
        print(exc.problem.message)
        return 1 if exc.problem.kind is ProblemKind.INVALID else 2
    printing = settings.printing
    printers = len(printing.printers) if printing else 0
    routes = len(printing.routes) if printing else 0
    print(f"{path}: OK — {len(settings.monitors)} monitors, {printers} printers, {routes} routes")
    return 0


def _cmd_config_schema(args: argparse.Namespace) -> int:
    from kds.settings import Settings

    print(json.dumps(Settings.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def _cmd_install_autostart(args: argparse.Namespace) -> int:
    from kds.autostart import AutostartKind, install_autostart, kds_command, run_arguments
    from kds.config_file import config_path
    from kds.settings import SettingsError, load_settings

    kind = AutostartKind.SYSTEMD if args.systemd else AutostartKind.XDG
    path = config_path(args.config).absolute()
    data_dir = Path(args.data_dir) if args.data_dir else None
    installed = install_autostart(kind, kds_command(), run_arguments(path, data_dir))
    print(f"wrote {installed.path}")
    print(installed.next_step)
    try:
        load_settings(path)
    except SettingsError as exc:
        print(f"kds: note: kds will not start until the config is fixed:\n{exc}", file=sys.stderr)
    return 0


def _cmd_uninstall_autostart(args: argparse.Namespace) -> int:
    from kds.autostart import uninstall_autostart

    removed = uninstall_autostart()
    for path in removed:
        print(f"removed {path}")
    if not removed:
        print("no autostart was installed")
    elif any(path.suffix == ".service" for path in removed):
        print("to stop a kds started by systemd now: systemctl --user stop kds.service")
    return 0


def _cmd_admin_set_pin(args: argparse.Namespace) -> int:
    from kds.admin import PinError, check_pin_format, hash_pin
    from kds.config_file import config_path, save_settings
    from kds.settings import AdminSettings, load_settings

    path = config_path(args.config)
    settings = load_settings(path)
    if args.pin_stdin:
        pin = check_pin_format(sys.stdin.readline().rstrip("\r\n"))
    else:
        import getpass

        pin = check_pin_format(getpass.getpass("New admin PIN (4 to 12 digits): "))
        if getpass.getpass("The same PIN again: ") != pin:
            raise PinError("the two PINs differ; the PIN was not changed")
    updated = settings.model_copy(update={"admin": AdminSettings(pin_hash=hash_pin(pin))})
    backup = save_settings(updated, path)
    kept = f" (the previous file is kept as {backup})" if backup else ""
    print(f"{path}: admin PIN set{kept}")
    return 0


def _cmd_sync(args: argparse.Namespace) -> int:
    import asyncio

    from kds.config_file import config_path
    from kds.net.sync import sync_catalog
    from kds.settings import load_settings
    from kds.store import StoreLockedError, open_store

    settings = load_settings(config_path(args.config))
    try:
        store = open_store(_data_dir(args.data_dir), settings.device.name)
    except StoreLockedError as exc:
        raise KdsError(f"{exc}; the running app receives the catalog itself") from None
    with store:
        connector = settings.connector
        synced = asyncio.run(sync_catalog(connector.url, connector.token, store, args.timeout))
    print(synced.describe())
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from kds.demo import run_demo

    return run_demo(out_dir=Path(args.out), seconds=args.seconds, offscreen=args.offscreen)


def _cmd_connector(args: argparse.Namespace) -> int:
    from kds.connector.config import load_connector_config
    from kds.connector.server import serve
    from kds.domain.retention import Retention

    token = args.token or os.environ.get("KDS_TOKEN")
    if not token:
        raise KdsError("a token is required: --token T or $KDS_TOKEN")
    config = load_connector_config(Path(args.config)) if args.config else None
    return serve(
        host=args.host,
        port=args.port,
        token=token,
        data_dir=_data_dir(args.data_dir),
        config=config,
        retention=Retention(args.keep_days, args.day_starts_at),
        announce=not args.no_announce,
    )


def _cmd_connector_inbox(args: argparse.Namespace) -> int:
    from kds.connector.log import read_inbox

    entries = read_inbox(_data_dir(args.data_dir))
    if args.body is not None:
        entry = next((e for e in entries if e.id == args.body), None)
        if entry is None:
            raise KdsError(f"no inbox entry #{args.body}")
        sys.stdout.buffer.write(entry.body)
        sys.stdout.buffer.flush()
        return 0
    if args.json:
        rows = [
            {
                "id": e.id,
                "platform": e.platform,
                "received_at": e.received_at.isoformat(),
                "field": e.field,
                "reason": e.reason,
                "deliveries": e.deliveries,
                "body": e.body.decode("utf-8", errors="replace"),
            }
            for e in entries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        where = f"{e.field}: " if e.field else ""
        times = f", {e.deliveries} deliveries" if e.deliveries > 1 else ""
        print(
            f"#{e.id:<4} {e.received_at:%Y-%m-%d %H:%M:%S%z} {e.platform:<12} "
            f"{where}{e.reason} ({len(e.body)} bytes{times})"
        )
    if not entries:
        print("the inbox is empty")
    return 0


def _keep_days(value: str) -> int:
    days = int(value) if value.isdigit() else -1
    if not 0 <= days <= 3650:
        raise argparse.ArgumentTypeError(f"a number of days from 0 to 3650, not {value!r}")
    return days


def _time_of_day(value: str) -> time:
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or len(value) != 5 or parsed.tzinfo is not None:
        raise argparse.ArgumentTypeError(
            f"a local time of day as HH:MM (e.g. 04:00), not {value!r}"
        )
    return parsed


def _cmd_orders(args: argparse.Namespace) -> int:
    from kds.store import open_store_readonly

    with open_store_readonly(_data_dir(args.data_dir)) as store:
        rows = store.order_summaries()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            cancelled = " CANCELLED" if row["is_cancelled"] else ""
            stations = ", ".join(f"{k}={v}" for k, v in row["status"].items())
            print(
                f"#{row['display_id']:<6} {row['id']}  rev {row['revision']}{cancelled}  {stations}"
            )
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from kds.clock import utc_now
    from kds.config_file import config_path
    from kds.report import day_report, render
    from kds.settings import load_settings

    settings = load_settings(config_path(args.config))
    report = day_report(_data_dir(args.data_dir), settings, args.day, utc_now())
    sys.stdout.write(render(report, as_csv=args.csv))
    return 0


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a day as YYYY-MM-DD, not {value!r}") from None


def _cmd_schema(args: argparse.Namespace) -> int:
    from kds.wire.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(path)
    return 0


def _cmd_printer_emulator(args: argparse.Namespace) -> int:
    from printing.emulator import serve_emulator

    return serve_emulator(
        host=args.host,
        port=args.port,
        name=args.name,
        out_dir=Path(args.out),
        control_port=args.control_port,
        paper_columns=args.columns,
        codepage=args.codepage,
    )


def _printer_keys(settings: Any) -> str:
    """A found printer's config keys, as they go into a ``[[printing.printers]]`` table."""
    keys = settings.model_dump()
    for key in ("vendor_id", "product_id"):
        if key in keys:
            keys[key] = f"0x{keys[key]:04x}"
    return ", ".join(f"{key} = {json.dumps(value)}" for key, value in keys.items())


def _cmd_printers_find(args: argparse.Namespace) -> int:
    import asyncio

    from printing.discovery import find_usb_printers, parse_range, scan

    where = parse_range(args.scan) if args.scan is not None else None
    found = 0
    if args.usb or where is None:
        usb = find_usb_printers()
        print("USB:")
        for printer in usb.printers:
            print(f"  {printer.describe()}")
            print(f"    {_printer_keys(printer.settings())}")
        print(f"  {usb.summary}")
        found += len(usb.printers)
    if where is not None:
        show_progress = sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            if show_progress:
                print(f"\r  scanned {done}/{total}", end="", file=sys.stderr, flush=True)

        print(f"Network {where}, port {args.port} ({where.count} addresses):")
        result = asyncio.run(scan(where, args.port, progress=progress))
        if show_progress:
            print(file=sys.stderr)
        for answer in result.found:
            print(f"  {answer.describe()}")
            print(f"    {_printer_keys(answer.settings())}")
        print(f"  {result.summary}")
        found += len(result.found)
    return 0 if found else 1


def _cmd_printers_probe(args: argparse.Namespace) -> int:
    import asyncio

    from printing.discovery import parse_address, probe

    host, port = parse_address(args.address)
    result = asyncio.run(probe(host, port, connect_timeout=args.timeout))
    print(result.describe())
    if result.reachable:
        print(f"  {_printer_keys(result.settings())}")
    return 0 if result.reachable else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kds", description="Kitchen display and order monitor")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command")

    config_help = "the config file (default: $KDS_CONFIG, else ~/.config/kds/kds.toml on Linux)"
    run = sub.add_parser("run", help="the app, as installed in a restaurant (default)")
    run.add_argument("--config", help=config_help)
    run.add_argument("--data-dir")
    run.add_argument(
        "--supervise",
        action="store_true",
        help="run the app in a child process and start it again when it dies",
    )
    run.set_defaults(func=_cmd_run)

    setup = sub.add_parser("setup", help="the set-up wizard: device, connector, screens, printers")
    setup.add_argument("--config", help=config_help)
    setup.add_argument("--data-dir")
    setup.set_defaults(func=_cmd_setup)

    config = sub.add_parser("config", help="check the config file, or print its JSON Schema")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    check = config_sub.add_parser("check", help="list every problem of a config file")
    check.add_argument("file", nargs="?", metavar="FILE", help=config_help)
    check.set_defaults(func=_cmd_config_check)
    config_schema = config_sub.add_parser("schema", help="print the config's JSON Schema")
    config_schema.set_defaults(func=_cmd_config_schema)

    autostart = sub.add_parser(
        "install-autostart", help="start kds at login: an XDG autostart entry or a systemd unit"
    )
    how = autostart.add_mutually_exclusive_group()
    how.add_argument(
        "--xdg", action="store_true", help="~/.config/autostart/kds.desktop (the default)"
    )
    how.add_argument("--systemd", action="store_true", help="~/.config/systemd/user/kds.service")
    autostart.add_argument("--config", help=config_help)
    autostart.add_argument("--data-dir")
    autostart.set_defaults(func=_cmd_install_autostart)
    no_autostart = sub.add_parser("uninstall-autostart", help="remove what install-autostart wrote")
    no_autostart.set_defaults(func=_cmd_uninstall_autostart)

    admin = sub.add_parser("admin", help="the admin area's PIN")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    set_pin = admin_sub.add_parser("set-pin", help="set the admin PIN (asked twice)")
    set_pin.add_argument("--config", help=config_help)
    set_pin.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from one line of stdin"
    )
    set_pin.set_defaults(func=_cmd_admin_set_pin)

    sync = sub.add_parser(
        "sync", help="Sync now: ask the connector for a fresh catalog and wait for it"
    )
    sync.add_argument("--config", help=config_help)
    sync.add_argument("--data-dir")
    sync.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the catalog")
    sync.set_defaults(func=_cmd_sync)

    demo = sub.add_parser("demo", help="connector, sample orders, virtual printers, two monitors")
    demo.add_argument(
        "--seconds",
        type=float,
        default=None,
        help="exit after N seconds (default: 25 offscreen, never with a display)",
    )
    demo.add_argument("--out", default="demo-out", help="screenshots, ticket previews and log")
    demo.add_argument(
        "--offscreen", action="store_true", help="no windows even when a display is present"
    )
    demo.set_defaults(func=_cmd_demo)

    conn = sub.add_parser("connector", help="the reference connector server")
    conn.add_argument("--host", default="127.0.0.1")
    conn.add_argument("--port", type=int, default=DEFAULT_CONNECTOR_PORT)
    conn.add_argument("--token", help="sales-point token (or $KDS_TOKEN)")
    conn.add_argument("--data-dir")
    conn.add_argument(
        "--keep-days",
        type=_keep_days,
        default=DEFAULT_KEEP_DAYS,
        help="acknowledged events stay this many business days before the current one "
        f"(default {DEFAULT_KEEP_DAYS})",
    )
    conn.add_argument(
        "--day-starts-at",
        type=_time_of_day,
        default=DEFAULT_DAY_STARTS_AT,
        help="local time a business day starts, HH:MM (default 04:00)",
    )
    conn.add_argument(
        "--config", help="connector config (TOML): the platforms whose webhooks it takes"
    )
    conn.add_argument(
        "--no-announce",
        action="store_true",
        help="do not announce this connector on the local network (mDNS)",
    )
    conn.set_defaults(func=_cmd_connector)
    conn_sub = conn.add_subparsers(dest="connector_command")
    inbox = conn_sub.add_parser(
        "inbox", help="platform payloads that could not be read, kept verbatim"
    )
    inbox.add_argument("--data-dir", default=argparse.SUPPRESS)
    inbox.add_argument("--json", action="store_true", help="every entry with its body")
    inbox.add_argument("--body", type=int, metavar="ID", help="write entry ID's body verbatim")
    inbox.set_defaults(func=_cmd_connector_inbox)

    orders = sub.add_parser("orders", help="print the orders this device holds")
    orders.add_argument("--data-dir")
    orders.add_argument("--json", action="store_true")
    orders.set_defaults(func=_cmd_orders)

    report = sub.add_parser(
        "report", help="speed of service of one service day (average, 90th percentile, late)"
    )
    report.add_argument("--day", type=_day, required=True, help="the service day, YYYY-MM-DD")
    report.add_argument("--csv", action="store_true", help="CSV instead of a table")
    report.add_argument("--config", help=config_help)
    report.add_argument("--data-dir")
    report.set_defaults(func=_cmd_report)

    schema = sub.add_parser("schema", help="write the protocol's JSON Schema files")
    schema.add_argument("--out", default="resources/schema")
    schema.set_defaults(func=_cmd_schema)

    emu = sub.add_parser("printer-emulator", help="a virtual network ESC/POS printer")
    emu.add_argument("--host", default="127.0.0.1")
    emu.add_argument("--port", type=int, default=9100)
    emu.add_argument(
        "--control-port",
        type=int,
        default=None,
        help="HTTP control port for faults (default: port + 1)",
    )
    emu.add_argument("--name", default="Printer")
    emu.add_argument(
        "--columns",
        type=int,
        default=48,
        help="paper width in characters for previews (32 = 58 mm, 48 = 80 mm)",
    )
    emu.add_argument("--codepage", default="cp437", help="code page at power-on")
    emu.add_argument("--out", default="printer-out")
    emu.set_defaults(func=_cmd_printer_emulator)

    printers = sub.add_parser("printers", help="find printers and ask them for their status")
    printers_sub = printers.add_subparsers(dest="printers_command", required=True)
    find = printers_sub.add_parser(
        "find", help="list USB printers (default) and/or scan a network range"
    )
    find.add_argument("--usb", action="store_true", help="list USB printers (also with --scan)")
    find.add_argument(
        "--scan",
        metavar="RANGE",
        help="addresses to scan, e.g. 192.168.1.0/24 or 192.168.1.20-80 (at most 1024)",
    )
    find.add_argument("--port", type=int, default=9100, help="port to scan (default 9100)")
    find.set_defaults(func=_cmd_printers_find)
    probe = printers_sub.add_parser("probe", help="ask one network printer for its status")
    probe.add_argument("address", metavar="HOST[:PORT]", help="e.g. 192.168.1.50 or host:9100")
    probe.add_argument(
        "--timeout", type=float, default=2.0, help="seconds to wait for the connection"
    )
    probe.set_defaults(func=_cmd_printers_probe)
    return parser


def _escpos_cache_dir() -> None:
    """python-escpos makes a temp dir per import unless told where to cache its profiles."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        import platformdirs

        cache = Path(platformdirs.user_cache_dir("kds", appauthor=False)) / "escpos"
        cache.mkdir(parents=True, exist_ok=True)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(cache)


def main(argv: list[str] | None = None) -> int:
    _escpos_cache_dir()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["run", *(argv if argv is not None else sys.argv[1:])])
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        result: int = args.func(args)
    except KdsError as exc:  # every error kds raises on purpose, printing's included
        print(f"kds: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        log.exception("unexpected error")
        print(
            f"kds: unexpected error: {type(exc).__name__}: {exc} (traceback above)", file=sys.stderr
        )
        return 1
    return result


if __name__ == "__main__":
    sys.exit(main())
