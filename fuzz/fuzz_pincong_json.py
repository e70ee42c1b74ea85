"""atheris fuzz target: the pincong-json reader (shiju.readers.pincong_json), forced with --format and detected from the
content, on a file with the .json extension. See fuzz/_harness.py for the contract checked."""
from __future__ import annotations

import sys

import _harness

_harness.instrumented(["shiju.readers.detect", "shiju.readers._common", "shiju.readers._markup", "shiju.readers.pincong_json"])


def read(data: bytes) -> list:
    # the first byte picks forced or detected format, so both paths are explored
    forced = bool(data[:1]) and data[0] % 2 == 0
    return _harness.read_file_bytes(data[1:], ".json", "pincong-json" if forced else None)


if __name__ == "__main__":
    _harness.main("pincong-json", read)
