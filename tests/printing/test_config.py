"""The [printing] config: defaults, USB ids, and every cross-reference problem reported at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from kds.settings import SettingsError, load_settings
from printing.config import PrintingConfig, check_catalog
from printing.render import Paper
from printing.transports.network import NetworkTransport


def _net(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "transport": "network", "host": "10.0.0.5", **extra}


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
    printer = config.printer("Epson")
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
    message = str(info.value)
    expected = [
        "routes[2].printers[1]: unknown printer 'Grill'",
        "documents[0].printers[0]: unknown printer 'Counter'",
        "default_printer: unknown printer 'Expo'",
        "printers[8].backup: unknown printer 'Nowhere'",
        "printers[7].name: duplicate printer name 'Kitchen'",
        "printers[3].product_id: required for a usb printer",
        "printers[4].device: required for a serial printer",
        "printers[5].path: required for a file printer",
        "printers[6].host: required for a network printer",
        "backup loop Kitchen -> Bar -> Kitchen",
        "backup loop Self -> Self",
    ]
    missing = [words for words in expected if words not in message]
    assert not missing, message
    assert message.count("backup loop") == 2, message


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
    assert "routes[0].printers[0]: unknown printer 'Grlil'" in str(info.value)


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
        "routes[0].groups[1]: unknown article group 'grlil'",
        "routes[1].refs[1]: unknown article ref 'FANTA'",
    ]
