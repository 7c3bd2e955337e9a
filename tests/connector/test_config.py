"""The connector config file: per-platform sections, strict keys, every problem at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kds import wire
from kds.__main__ import main
from kds.connector.adapters.square import SquareSettings
from kds.connector.adapters.toast import ToastSettings
from kds.connector.config import ConnectorConfigError, load_connector_config

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "connector.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sections_become_typed_settings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[platforms.square]
signature_key = "k"
notification_url = "https://kds.example.com/webhooks/square"
access_token = "t"

[platforms.toast]
webhook_secret = "s"
currency = "USD"
dining_options = { "18855a26-40d4-4a8f-b484-c6af211dd597" = "delivery" }
""",
    )
    config = load_connector_config(path)
    assert sorted(config.platforms) == ["square", "toast"]
    square = config.platforms["square"]
    assert isinstance(square, SquareSettings)
    assert square.api_base_url == "https://connect.squareup.com"
    toast = config.platforms["toast"]
    assert isinstance(toast, ToastSettings)
    assert toast.dining_options == {
        "18855a26-40d4-4a8f-b484-c6af211dd597": wire.FulfillmentType.DELIVERY
    }


def test_every_problem_is_reported_at_once_with_its_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
port = 8765

[platforms.ubereats]
client_secret = ""
clientsecret = "typo"

[platforms.grubhub]
key = "x"

[platforms.deliverect]
webhook_secret = "s"
currency = "euro"

[platforms.square]
signature_key = "k"
""",
    )
    with pytest.raises(ConnectorConfigError) as info:
        load_connector_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: 1 problem(s)")
    assert "port: Extra inputs are not permitted" in message
    path = write(tmp_path, path.read_text().replace("port = 8765\n", ""))
    with pytest.raises(ConnectorConfigError) as info:
        load_connector_config(path)
    message = str(info.value)
    for expected in (
        "platforms.ubereats.client_secret: String should have at least 1 character",
        "platforms.ubereats.clientsecret: Extra inputs are not permitted",
        "platforms.grubhub: unknown platform (known: deliverect, deliveroo, doordash,",
        "platforms.deliverect.currency: String should match pattern",
        "platforms.square.notification_url: Field required",
        "platforms.square.access_token: Field required",
    ):
        assert expected in message
    assert re.search(r": 6 problem\(s\)", message)


@pytest.mark.parametrize(
    ("text", "reason"), [(None, "config file not found"), ("[platforms", "not valid TOML")]
)
def test_a_missing_or_broken_file_says_so(tmp_path: Path, text: str | None, reason: str) -> None:
    path = tmp_path / "connector.toml" if text is None else write(tmp_path, text)
    with pytest.raises(ConnectorConfigError, match=reason):
        load_connector_config(path)


def test_kds_connector_refuses_to_start_with_a_bad_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "[platforms.justeat]\n")
    args = ["connector", "--token", "t", "--port", "0", "--data-dir", str(tmp_path / "d")]
    assert main([*args, "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "platforms.justeat.webhook_key: Field required" in err
    assert not (tmp_path / "d").exists()  # refused before anything was opened


def test_the_readme_connector_config_example_loads(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    example = next((b for b in blocks if b.lstrip().startswith("[platforms.")), None)
    assert example is not None, "README lost its connector config example"
    config = load_connector_config(write(tmp_path, example))
    assert {"ubereats", "square", "justeat"} <= set(config.platforms)
