"""The files kds ships: ticket templates, JSON Schema, demo config and sample orders.

This folder is installed as the `kds_resources` package (see pyproject.toml); code finds
its files through `kds.resources.resource_path`, in a checkout and in an installed wheel.
"""
