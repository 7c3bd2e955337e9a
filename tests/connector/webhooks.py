"""Hand-written platform payloads and each platform's signing, for the webhook tests.

The signatures are computed here from the platforms' documented rules, independently of
the connector's own code, so a test fails if the connector checks the wrong thing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

from kds.connector.config import ConnectorConfig, parse_connector_config

SQUARE_URL = "https://kds.example.com/webhooks/square"

SECRETS: dict[str, dict[str, Any]] = {
    "ubereats": {"client_secret": "uber-secret"},
    "deliveroo": {"webhook_secret": "roo-secret"},
    "deliverect": {"webhook_secret": "dct-secret", "currency": "EUR"},
    "hubrise": {"client_secret": "hub-secret"},
    "square": {
        "signature_key": "sq-key",
        "notification_url": SQUARE_URL,
        "access_token": "sq-token",
    },
    "woocommerce": {"webhook_secret": "woo-secret"},
    "toast": {"webhook_secret": "toast-secret", "currency": "USD"},
    "justeat": {"webhook_key": "jet-key"},
    "doordash": {"auth_token": "dd-token", "currency": "USD"},
    "gloriafood": {"master_key": "glf-key"},
}


def config(**overrides: dict[str, Any]) -> ConnectorConfig:
    platforms = {name: dict(values) for name, values in SECRETS.items()}
    for name, values in overrides.items():
        platforms[name].update(values)
    return parse_connector_config({"platforms": platforms}, "test config")


def _hex(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _b64(secret: str, message: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def _toast(body: bytes) -> dict[str, str]:
    timestamp = json.loads(body)["timestamp"]
    return {"Toast-Signature": _b64("toast-secret", body + timestamp.encode())}


SIGN: dict[str, Callable[[bytes], dict[str, str]]] = {
    "ubereats": lambda b: {"X-Uber-Signature": _hex("uber-secret", b)},
    "deliveroo": lambda b: {
        "X-Deliveroo-Sequence-Guid": "1499765769",
        "X-Deliveroo-Hmac-Sha256": _hex("roo-secret", b"1499765769 " + b),
    },
    "deliverect": lambda b: {"X-Server-Authorization-HMAC-SHA256": _hex("dct-secret", b)},
    "hubrise": lambda b: {"X-HubRise-Hmac-SHA256": _hex("hub-secret", b)},
    "square": lambda b: {"x-square-hmacsha256-signature": _b64("sq-key", SQUARE_URL.encode() + b)},
    "woocommerce": lambda b: {"X-WC-Webhook-Signature": _b64("woo-secret", b)},
    "toast": _toast,
    "justeat": lambda b: {"Authorization": "jet-key"},
    "doordash": lambda b: {"Authorization": "Bearer dd-token"},
    "gloriafood": lambda b: {"Authorization": "glf-key"},
}

SIGNATURE_HEADER = {
    "ubereats": "X-Uber-Signature",
    "deliveroo": "X-Deliveroo-Hmac-Sha256",
    "deliverect": "X-Server-Authorization-HMAC-SHA256",
    "hubrise": "X-HubRise-Hmac-SHA256",
    "square": "x-square-hmacsha256-signature",
    "woocommerce": "X-WC-Webhook-Signature",
    "toast": "Toast-Signature",
    "justeat": "Authorization",
    "doordash": "Authorization",
    "gloriafood": "Authorization",
}


def order_payload(platform: str, external_id: str = "A1", dish: str = "Flammkuchen") -> Any:
    """A small order as that platform sends it, with one line of `dish`."""
    at = "2026-11-23T19:00:00+01:00"
    if platform == "ubereats":
        return {
            "id": external_id,
            "display_id": "C0FFE",
            "type": "PICK_UP",
            "placed_at": at,
            "cart": {"items": [{"id": "FK", "title": dish, "quantity": 1}]},
        }
    if platform == "deliveroo":
        return {
            "event": "order.new",
            "body": {
                "order": {
                    "id": external_id,
                    "display_id": "4711",
                    "fulfillment_type": "customer",
                    "status": "placed",
                    "items": [{"name": dish, "pos_item_id": "FK", "quantity": 1}],
                }
            },
        }
    if platform == "deliverect":
        return {
            "channelOrderId": external_id,
            "channelOrderDisplayId": "D-12",
            "orderType": 1,
            "placedTime": "2026-11-23T18:00:00.000000Z",
            "items": [{"plu": "FK", "name": dish, "price": 950, "quantity": 1}],
        }
    if platform == "hubrise":
        return {
            "resource_type": "order",
            "event_type": "create",
            "order_id": external_id,
            "new_state": {
                "id": external_id,
                "collection_code": "HR7",
                "items": [{"product_name": dish, "sku_ref": "FK", "quantity": "1"}],
            },
        }
    if platform == "woocommerce":
        return {
            "id": external_id,
            "number": "1042",
            "status": "processing",
            "currency": "EUR",
            "date_created_gmt": "2026-11-23T18:00:00",
            "line_items": [{"id": 1, "name": dish, "sku": "FK", "quantity": 1}],
        }
    if platform == "toast":
        return {
            "timestamp": "2026-11-23T18:00:01.000+0000",
            "eventCategory": "orders",
            "eventType": "order_updated",
            "guid": f"event-{external_id}",
            "details": {
                "order": {
                    "guid": external_id,
                    "createdDate": "2026-11-23T18:00:00.000+0000",
                    "checks": [
                        {
                            "displayNumber": "31",
                            "selections": [{"guid": "s1", "displayName": dish, "quantity": 1}],
                        }
                    ],
                }
            },
        }
    if platform == "justeat":
        return {
            "OrderId": external_id,
            "FriendlyOrderReference": "J-9",
            "Fulfilment": {"Method": "Collection"},
            "Items": [{"Name": dish, "Reference": "FK", "Quantity": 1}],
        }
    if platform == "doordash":
        return {
            "event": {"type": "OrderCreate", "status": "NEW"},
            "order": {
                "id": external_id,
                "delivery_short_code": "664411",
                "is_pickup": True,
                "categories": [
                    {"items": [{"name": dish, "merchant_supplied_id": "FK", "quantity": 1}]}
                ],
            },
        }
    if platform == "gloriafood":
        return {
            "count": 1,
            "orders": [
                {
                    "id": external_id,
                    "type": "pickup",
                    "status": "accepted",
                    "items": [{"id": 1, "name": dish, "type": "item", "quantity": 1}],
                }
            ],
        }
    raise ValueError(platform)


ORDER_PLATFORMS = [p for p in SIGN if p != "square"]
"""The platforms whose webhooks carry the order itself (Square's are fetched)."""
