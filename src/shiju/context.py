"""What every stage receives besides the document: run options and a per-run resource cache.

Resources (gazetteer, lexicons, learned weights) are loaded once per context and shared by all documents.
A resource is also shared by every context of the process that asks for it with the same loader over the
same, unchanged data folder (``_Shared``): building the gazetteer and reading the weights files takes
seconds, and a process that makes many contexts (the test suite, evaluation, the Workbench) paid it each
time. Two pipelines with different data still live in one process: the data folder, its files' sizes and
modification times, the loader's code, the functions and values it refers to are all part of the key, and
a value set on one context (``ctx.provide(name, value)``) stays that context's own.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

T = TypeVar("T")


@dataclass
class AnalysisContext:
    default_date: str | None = None  # publication date for documents that carry none (YYYY-MM-DD)
    data_dir: str | None = None  # override of the packaged data folder
    _resources: dict[str, Any] = field(default_factory=dict, repr=False)
    _stamp: tuple | None = field(default=None, repr=False, compare=False)

    def resource(self, name: str, loader: Callable[[], T]) -> T:
        """Load a named resource once per context (and once per process for the same loader and data)."""
        if name not in self._resources:
            if self._stamp is None:
                self._stamp = _data_stamp(self.data_dir)
            self._resources[name] = _SHARED.get(name, loader, self._stamp)
        return self._resources[name]

    def provide(self, name: str, value: Any) -> None:
        """Use ``value`` as this context's resource ``name`` instead of loading it (a model switched off or
        replaced for a diagnosis or a test); other contexts keep the shared one."""
        self._resources[name] = value


def _data_stamp(data_dir: str | None) -> tuple:
    """The data folder and the (path, size, mtime) of every file in it and in the packaged data (which
    loaders given a folder may still read): any edit gives a new stamp."""
    from shiju.data import DATA_DIR

    roots = [str(DATA_DIR)] + ([str(data_dir)] if data_dir else [])
    files = []
    for root in roots:
        for base, _, names in os.walk(root):
            for n in names:
                p = os.path.join(base, n)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                files.append((p, st.st_size, st.st_mtime_ns))
    return (str(data_dir or ""), tuple(sorted(files)))


class _Shared:
    """Resources by (name, data stamp, loader code); each entry remembers what the loader referred to (its
    closure's values other than a context, the module globals it names) and is reused only when those are
    the same objects: a loader capturing another model, or a test that replaced a loading function, gets
    its own load. Set SHIJU_NO_SHARED_RESOURCES=1 to load per context as before."""

    def __init__(self) -> None:
        self._entries: dict[tuple, list[tuple[tuple, Any]]] = {}

    def get(self, name: str, loader: Callable[[], T], stamp: tuple) -> T:
        code = getattr(loader, "__code__", None)
        if code is None or os.environ.get("SHIJU_NO_SHARED_RESOURCES"):
            return loader()
        refs = _references(loader, code)
        if refs is None:
            return loader()
        key = (name, stamp, code)
        entries = self._entries.setdefault(key, [])
        for seen, value in entries:
            if len(seen) == len(refs) and all(_same(a, b) for a, b in zip(seen, refs)):
                return value
        value = loader()
        entries.append((refs, value))
        return value

    def clear(self) -> None:
        self._entries.clear()


def _references(loader: Callable[..., Any], code: Any) -> tuple | None:
    """What the loader's result may depend on besides the data files: its closure's values (a context
    counts by its data folder only) and the module globals its code names. None: not a plain function."""
    refs: list[Any] = []
    for cell in getattr(loader, "__closure__", None) or ():
        try:
            v = cell.cell_contents
        except ValueError:  # an empty cell
            return None
        refs.append(("ctx", v.data_dir) if isinstance(v, AnalysisContext) else v)
    g = getattr(loader, "__globals__", {})
    refs += [g.get(n) for n in code.co_names if n in g]
    return tuple(refs)


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    return isinstance(a, (str, int, float, bool, tuple, type(None))) and a == b


_SHARED = _Shared()


def clear_shared_resources() -> None:
    """Forget the resources shared between contexts (the next context loads them again)."""
    _SHARED.clear()
