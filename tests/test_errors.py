"""One error hierarchy: what kds raises on purpose is a `KdsError` and `kds` prints it as one
line; anything else is an unexpected error, logged with its traceback."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import kds
import printing
from kds.__main__ import main
from kds.errors import KdsError

NOT_KDS_ERRORS = {
    # Raised and caught inside the layout engine, which turns it into a RenderError.
    "printing.render.layout.LayoutError",
}


def _public_errors() -> set[type[BaseException]]:
    errors: set[type[BaseException]] = set()
    for package in (kds, printing):
        for module_info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if module_info.name.endswith("__main__"):
                continue
            module = importlib.import_module(module_info.name)
            for name, value in vars(module).items():
                if (
                    inspect.isclass(value)
                    and issubclass(value, BaseException)
                    and value.__module__ == module.__name__
                    and not name.startswith("_")
                ):
                    errors.add(value)
    return errors


def test_every_error_kds_and_printing_raise_on_purpose_is_a_kds_error() -> None:
    outside = {
        f"{e.__module__}.{e.__qualname__}" for e in _public_errors() if not issubclass(e, KdsError)
    }
    assert outside <= NOT_KDS_ERRORS
    assert "printing.errors.PrintingError" not in outside
    assert "kds.wire.parse.WireError" not in outside


def test_an_unexpected_error_is_logged_with_its_traceback_and_named_in_one_line(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    assert main(["schema", "--out", "/dev/null/schema"]) == 1
    err = capsys.readouterr().err
    assert "kds: unexpected error: NotADirectoryError:" in err
    assert "/dev/null/schema" in err
    (record,) = [r for r in caplog.records if r.getMessage() == "unexpected error"]
    assert record.exc_info is not None and record.exc_info[0] is NotADirectoryError
