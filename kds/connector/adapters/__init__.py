"""Platform adapters: one module per platform, and the table from platform name to adapter.

Adding a platform is a new module (its settings, payload models, signature check and
translation; see `base.Adapter`) and one entry in `ADAPTERS`. The name is the webhook path
(`POST /webhooks/<name>`), the config section (`[platforms.<name>]`) and the orders'
`source`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kds.connector.adapters import (
    deliverect,
    deliveroo,
    doordash,
    gloriafood,
    hubrise,
    justeat,
    square,
    toast,
    ubereats,
    woocommerce,
)
from kds.connector.adapters.base import Adapter

ADAPTERS: Mapping[str, Adapter[Any]] = {
    adapter.name: adapter
    for adapter in (
        deliverect.ADAPTER,
        deliveroo.ADAPTER,
        doordash.ADAPTER,
        gloriafood.ADAPTER,
        hubrise.ADAPTER,
        justeat.ADAPTER,
        square.ADAPTER,
        toast.ADAPTER,
        ubereats.ADAPTER,
        woocommerce.ADAPTER,
    )
}

__all__ = ["ADAPTERS", "Adapter"]
