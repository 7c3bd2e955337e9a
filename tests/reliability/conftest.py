"""The reliability suite's hypothesis profile (its counters are in tests/suite_tally.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Bounded and repeatable: the same examples on every run and machine, no example database.
settings.register_profile(
    "reliability",
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    # One device session serves every example of a test: that is the point (the stream
    # must go on), so the function-scoped fixtures are meant to be shared.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("reliability")
