"""The root of every error kds raises on purpose."""


class KdsError(Exception):
    """Base of kds errors; each package subclasses it with named errors."""
