"""The Workbench: an analyst's browser interface over the store (``shiju serve``).

``create_app(store_path, token=None)`` builds the FastAPI app; it is imported lazily so that the rest of
shiju does not need the web dependencies loaded.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI


def create_app(store_path: Any, token: str | None = None) -> "FastAPI":
    from shiju.web.app import create_app as _create

    return _create(store_path, token)


__all__ = ["create_app"]
