"""The [printing] config: defaults, USB ids, and every cross-reference problem reported at once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from kds import wire
from kds.settings import SettingsError, load_settings
from printing.config import PrintingConfig, check_catalog
from printing.decode import decode_escpos, split_jobs
from printing.render import Paper
from printing.service import PrintService
from printing.transports import TRANSPORTS
from printing.transports.network import NetworkTransport
from printing.transports.usb import UsbSettings


def _net(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "transport": "network", "host": "10.0.0.5", **extra}


def keyed(error: ValidationError) -> list[str]:
    """Each problem as "key: reason", the way `kds` prints them."""
    return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()]


def test_minimal_network_printer_gets_sensible_defaults() -> None:
    config = PrintingConfig.model_validate(
        {"printers": [_net("Kitchen")], "routes": [{"name": "all", "printers": ["Kitchen"]}]}
    )
    printer = config.printer("Kitchen")
    assert printer.port == 9100
    assert printer.codepage == "cp858"
    assert printer.line_columns == 48
    assert config.failover_after_s == 3.0
    assert config.max_order_age_h == 6
    assert config.routes[0].template == "kitchen"
    assert config.routes[0].copies == 1


def test_58mm_paper_defaults_to_32_columns_and_builds_render_options() -> None:
    config = PrintingConfig.model_validate(
        {"printers": [_net("Bar", paper_mm=58, codepage="cp437", buzzer=True, cut=False)]}
    )
    options = config.printer("Bar").printer_options()
    assert options.paper == Paper.mm58()
    assert (options.codepage, options.buzzer, options.cut) == ("cp437", True, False)


def test_usb_ids_accept_hex_strings_as_printed_by_lsusb() -> None:
    config = PrintingConfig.model_validate(
        {
            "printers": [
                {"name": "Epson", "transport": "usb", "vendor_id": "0x04b8", "product_id": 3605}
            ]
        }
    )
    printer = config.printer("Epson").settings
    assert isinstance(printer, UsbSettings)
    assert (printer.vendor_id, printer.product_id) == (0x04B8, 3605)


def test_bad_usb_id_names_the_key() -> None:
    with pytest.raises(ValidationError) as info:
        PrintingConfig.model_validate(
            {"printers": [{"name": "E", "transport": "usb", "vendor_id": "epson", "product_id": 1}]}
        )
    assert "vendor_id" in str(info.value)
    assert "not a USB id" in str(info.value)


def test_network_printer_builds_a_network_transport_with_its_status_setting() -> None:
    config = PrintingConfig.model_validate({"printers": [_net("Kitchen", port=9101, status=False)]})
    transport = config.printer("Kitchen").make_transport()
    assert isinstance(transport, NetworkTransport)
    assert (transport.host, transport.port) == ("10.0.0.5", 9101)
    assert transport.supports_status is False


@pytest.mark.parametrize(
    ("keys", "description", "settings"),
    [
        ({"transport": "network", "host": "10.0.0.5"}, "network 10.0.0.5:9100", {"port": 9100}),
        (
            {"transport": "usb", "vendor_id": "0x04b8", "product_id": "0x0202"},
            "usb 04b8:0202",
            {"vendor_id": 0x04B8, "product_id": 0x0202},
        ),
        (
            {"transport": "serial", "device": "/dev/ttyUSB0"},
            "serial /dev/ttyUSB0 9600 baud",
            {"baudrate": 9600},
        ),
        ({"transport": "file", "path": "/dev/usb/lp0"}, "file /dev/usb/lp0", {}),
    ],
)
def test_each_transport_needs_only_its_own_keys_and_has_its_defaults(
    keys: dict[str, Any], description: str, settings: dict[str, Any]
) -> None:
    config = PrintingConfig.model_validate({"printers": [{"name": "P", **keys}]})
    printer = config.printer("P")
    assert printer.settings.transport == keys["transport"]
    for key, value in settings.items():
        assert getattr(printer.settings, key) == value
    transport = printer.make_transport()
    assert transport.description == description
    assert transport.supports_status is (keys["transport"] != "file")  # a file never answers
    assert printer.line_columns == 48  # the common keys keep their defaults too


def test_a_key_of_another_transport_is_refused_with_the_transport_that_takes_it() -> None:
    usb = {"name": "Bar", "transport": "usb", "vendor_id": 1, "product_id": 2}
    with pytest.raises(ValidationError) as info:
        PrintingConfig.model_validate(
            {
                "printers": [
                    _net("Kitchen", baudrate=9600),
                    {**usb, "host": "10.0.0.6", "port": 9100},
                    {"name": "Lp", "transport": "file", "path": "/dev/usb/lp0", "vendor_id": 1},
                ],
                "routes": [{"name": "all", "printers": ["Bar", "Grill"]}],
            }
        )
    assert sorted(keyed(info.value)) == [
        "printers.0.baudrate: Extra inputs are not permitted for a network printer"
        " ('baudrate' is a key of serial printers)",
        "printers.1.host: Extra inputs are not permitted for a usb printer"
        " ('host' is a key of network printers)",
        "printers.1.port: Extra inputs are not permitted for a usb printer"
        " ('port' is a key of network printers)",
        "printers.2.vendor_id: Extra inputs are not permitted for a file printer"
        " ('vendor_id' is a key of usb printers)",
        # Beside them, and "Bar" is still a known printer though its entry is wrong.
        "routes.0.printers.1: unknown printer 'Grill'",
    ]


def test_a_missing_or_unknown_transport_is_refused_with_the_choices() -> None:
    with pytest.raises(ValidationError) as info:
        PrintingConfig.model_validate(
            {
                "printers": [
                    {"name": "Kitchen", "host": "10.0.0.5"},
                    {"name": "Bar", "transport": "bluetooth", "host": "10.0.0.6"},
                    {"transport": "network", "host": "10.0.0.7"},
                ]
            }
        )
    assert keyed(info.value) == [
        "printers.0.transport: Field required ('network', 'usb', 'serial' or 'file')",
        "printers.1.transport: Input should be 'network', 'usb', 'serial' or 'file'",
        "printers.2.name: Field required",
    ]


def test_the_json_schema_describes_the_flat_printer_tables_per_transport() -> None:
    schema = TypeAdapter(PrintingConfig).json_schema()
    printers = schema["properties"]["printers"]["items"]
    assert printers["discriminator"]["propertyName"] == "transport"
    models = {
        kind: schema["$defs"][ref.removeprefix("#/$defs/")]
        for kind, ref in printers["discriminator"]["mapping"].items()
    }
    assert set(models) == set(TRANSPORTS)
    for kind, model in models.items():
        assert model["additionalProperties"] is False
        assert model["properties"]["transport"]["const"] == kind
        assert {"name", "paper_mm", "codepage", "status", "backup"} <= set(model["properties"])
    usb = models["usb"]
    assert set(usb["required"]) == {"name", "transport", "vendor_id", "product_id"}
    assert "host" not in usb["properties"]
    assert {"type": "string"} in usb["properties"]["vendor_id"]["anyOf"]  # "0x04b8"
    assert set(models["network"]["required"]) == {"name", "transport", "host"}
    assert models["network"]["properties"]["port"]["default"] == 9100


def test_every_cross_reference_problem_is_reported_at_once() -> None:
    raw = {
        "printers": [
            _net("Kitchen", backup="Bar"),
            _net("Bar", backup="Kitchen"),
            _net("Self", backup="Self"),
            {"name": "Usb", "transport": "usb", "vendor_id": 1},
            {"name": "Serial", "transport": "serial"},
            {"name": "File", "transport": "file"},
            {"name": "NoHost", "transport": "network"},
            _net("Kitchen"),
            _net("Lonely", backup="Nowhere"),
        ],
        "routes": [
            {"name": "grill", "groups": ["grill"], "printers": ["Kitchen"]},
            {"name": "fries", "groups": ["fries"], "printers": ["Kitchen"]},
            {"name": "drinks", "groups": ["drinks"], "printers": ["Kitchen", "Grill"]},
        ],
        "documents": [{"template": "receipt", "printers": ["Counter"]}],
        "default_printer": "Expo",
    }
    with pytest.raises(ValidationError) as info:
        PrintingConfig.model_validate(raw)
    assert sorted(keyed(info.value)) == sorted(
        [
            "routes.2.printers.1: unknown printer 'Grill'",
            "documents.0.printers.0: unknown printer 'Counter'",
            "default_printer: unknown printer 'Expo'",
            "printers.8.backup: unknown printer 'Nowhere'",
            "printers.7.name: duplicate printer name 'Kitchen'",
            "printers.3.product_id: required for a usb printer",
            "printers.4.device: required for a serial printer",
            "printers.5.path: required for a file printer",
            "printers.6.host: required for a network printer",
            "printers.0.backup: backup loop Kitchen -> Bar -> Kitchen",
            "printers.2.backup: backup loop Self -> Self",
        ]
    )


def test_cross_references_are_checked_beside_other_errors_in_the_same_section() -> None:
    """A typo in one printer's port neither hides the unknown printer of a route nor makes
    the routes to that printer "unknown"."""
    raw = {
        "printers": [_net("Kitchen", port="ninety-one hundred"), _net("Bar", backup="Nowhere")],
        "routes": [
            {"name": "grill", "printers": ["Kitchen"]},
            {"name": "fries", "printers": ["Fryer"]},
            {"name": "bad", "printers": ["Bar"], "copies": 0},
        ],
        "retry_initial_s": 5,
        "retry_cap_s": 1,
        "failover_after_s": -1,
    }
    with pytest.raises(ValidationError) as info:
        PrintingConfig.model_validate(raw)
    problems = keyed(info.value)
    for expected in (
        "printers.0.port: Input should be a valid integer, unable to parse string as an integer",
        "printers.1.backup: unknown printer 'Nowhere'",
        "routes.1.printers.0: unknown printer 'Fryer'",
        "routes.2.copies: Input should be greater than or equal to 1",
        "retry_cap_s: must not be smaller than retry_initial_s",
        "failover_after_s: Input should be greater than 0",
    ):
        assert expected in problems, problems
    assert len(problems) == 6, problems


def test_unknown_keys_and_bad_values_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        PrintingConfig.model_validate(
            {
                "printers": [_net("Kitchen", paper_mm=76, colour="red")],
                "routes": [{"name": "r", "printers": [], "copies": 0}],
            }
        )
    text = str(info.value)
    for key in ("paper_mm", "colour", "routes.0.printers", "routes.0.copies"):
        assert key in text, text


def test_settings_file_reports_printing_problems_with_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "kds.toml"
    path.write_text(
        """
[connector]
token = "secret"

[[printing.printers]]
name = "Kitchen"
transport = "network"
host = "10.0.0.5"

[[printing.routes]]
name = "grill"
groups = ["grill"]
printers = ["Grlil"]
""",
        encoding="utf-8",
    )
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    assert str(path) in str(info.value)
    assert "printing.routes.0.printers.0: unknown printer 'Grlil'" in str(info.value)


def test_settings_file_names_a_usb_printers_host_key_beside_other_problems(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kds.toml"
    path.write_text(
        """
[connector]
token = "secret"

[[printing.printers]]
name = "Kitchen"
transport = "network"

[[printing.printers]]
name = "Bar"
transport = "usb"
vendor_id = "0x04b8"
product_id = "0x0202"
host = "192.168.1.51"
""",
        encoding="utf-8",
    )
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    message = str(info.value)
    assert message.startswith(f"{path}: 2 problem(s):"), message
    assert "printing.printers.0.host: required for a network printer" in message
    assert (
        "printing.printers.1.host: Extra inputs are not permitted for a usb printer"
        " ('host' is a key of network printers)" in message
    )


def test_check_catalog_names_route_keys_the_shop_does_not_have() -> None:
    config = PrintingConfig.model_validate(
        {
            "printers": [_net("Kitchen")],
            "routes": [
                {"name": "grill", "groups": ["grill", "grlil"], "printers": ["Kitchen"]},
                {"name": "cola", "refs": ["COLA-033", "FANTA"], "printers": ["Kitchen"]},
            ],
        }
    )
    problems = check_catalog(config, groups={"grill", "drinks"}, refs={"COLA-033"})
    assert problems == [
        "route 'grill': article group 'grlil' is not in the synced catalog",
        "route 'cola': article 'FANTA' is not in the synced catalog",
    ]


_NOW = datetime.now(UTC)


def _order() -> wire.Order:
    euro = {"amount": "12.50", "currency": "EUR"}
    return wire.parse_order(
        {
            "id": "webshop:42",
            "external_id": "42",
            "display_id": "42",
            "source": "webshop",
            "revision": 1,
            "created_at": _NOW.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True},
            "items": [
                {
                    "line_id": "1",
                    "name": "Flammkuchen",
                    "group": "mains",
                    "quantity": "1",
                    "unit_price": euro,
                }
            ],
            "totals": {"currency": "EUR", "total": euro, "paid": True},
        }
    )


def _templates_config(tmp_path: Path, templates_dir: str, paper: Path) -> Path:
    path = tmp_path / "kds.toml"
    path.write_text(
        f"""
[connector]
token = "secret"

[printing]
templates_dir = "{templates_dir}"

[[printing.printers]]
name = "Kitchen"
transport = "file"
path = "{paper}"

[[printing.routes]]
name = "all"
printers = ["Kitchen"]

[[printing.documents]]
template = "receipt"
printers = ["Kitchen"]
""",
        encoding="utf-8",
    )
    return path


async def test_templates_dir_overrides_a_shipped_template_and_the_others_stay(
    tmp_path: Path,
) -> None:
    own = tmp_path / "my-templates"
    own.mkdir()
    (own / "kitchen.j2").write_text(
        '@center @big OWN KITCHEN #{{ order.display_id }}\n{% include "_footer.j2" %}\n',
        encoding="utf-8",
    )
    paper = tmp_path / "paper.bin"
    settings = load_settings(_templates_config(tmp_path, "my-templates", paper))
    assert settings.printing is not None
    assert settings.printing.templates_dir == own  # relative to the config file
    changed = asyncio.Event()
    service = PrintService(
        settings.printing, tmp_path / "data", lambda: datetime.now(UTC), on_change=changed.set
    )
    await service.start()
    try:
        service.handle(_order(), cancelled=False, cancel_reason=None, first_seen_at=_NOW)
        async with asyncio.timeout(10):
            while not service.jobs() or any(j.state != "done" for j in service.jobs()):
                changed.clear()
                await changed.wait()
    finally:
        await service.stop()
    kitchen, receipt = sorted(
        (decode_escpos(job, "cp858").text for job in split_jobs(paper.read_bytes())),
        key=lambda text: "OWN KITCHEN" not in text,
    )
    assert kitchen.splitlines()[0].strip() == "OWN KITCHEN #42"  # the owner's kitchen.j2
    assert "Flammkuchen" not in kitchen
    # No receipt.j2 in the owner's folder: the shipped receipt, with its line and total.
    assert "Flammkuchen" in receipt
    assert "€12.50" in receipt


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_templates_dir_must_be_an_existing_folder(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "templates"
    if kind == "file":
        target.write_text("not a folder", encoding="utf-8")
    path = _templates_config(tmp_path, str(target), tmp_path / "paper.bin")
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    reason = "no such folder" if kind == "missing" else "not a folder"
    assert f"printing.templates_dir: {reason}: {target}" in str(info.value)
