"""atheris fuzz target: the markdown reader (shiju.readers.frontmatter_md), forced with --format and detected from the
content, on a file with the .md extension. See fuzz/_harness.py for the contract checked."""
from __future__ import annotations

import sys

import _harness

_harness.instrumented(["shiju.readers.detect", "shiju.readers._common", "shiju.readers._markup", "shiju.readers.frontmatter_md"])


def read(data: bytes) -> list:
    # the first byte picks forced or detected format, so both paths are explored
    forced = bool(data[:1]) and data[0] % 2 == 0
    return _harness.read_file_bytes(data[1:], ".md", "markdown" if forced else None)


if __name__ == "__main__":
    _harness.main("markdown", read)
