"""atheris fuzz target: the html reader (shiju.readers.html), forced with --format and detected from the
content, on a file with the .html extension. See fuzz/_harness.py for the contract checked."""
from __future__ import annotations

import sys

import _harness

_harness.instrumented(["shiju.readers.detect", "shiju.readers._common", "shiju.readers._markup", "shiju.readers.html"])


def read(data: bytes) -> list:
    # the first byte picks forced or detected format, so both paths are explored
    forced = bool(data[:1]) and data[0] % 2 == 0
    return _harness.read_file_bytes(data[1:], ".html", "html" if forced else None)


if __name__ == "__main__":
    _harness.main("html", read)
