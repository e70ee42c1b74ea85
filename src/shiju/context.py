"""What every stage receives besides the document: run options and a per-run resource cache.

Resources (gazetteer, lexicons) are loaded once per context and shared by all documents; there is no
module-level mutable state, so two pipelines with different data can live in one process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

T = TypeVar("T")


@dataclass
class AnalysisContext:
    default_date: str | None = None  # publication date for documents that carry none (YYYY-MM-DD)
    data_dir: str | None = None  # override of the packaged data folder
    _resources: dict[str, Any] = field(default_factory=dict, repr=False)

    def resource(self, name: str, loader: Callable[[], T]) -> T:
        """Load a named resource once per context."""
        if name not in self._resources:
            self._resources[name] = loader()
        return self._resources[name]
