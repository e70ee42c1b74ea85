"""Gold files a learned component may be trained on: globs expanded in order, duplicates dropped, and any
blind file (modelcard.is_blind) refused, since blind sets exist only to measure unseen text."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from shiju.modelcard import is_blind


def gold_paths(patterns: Iterable[str], purpose: str = "training") -> list[Path]:
    """The gold files named by `patterns` (paths or globs); SystemExit naming the file if one is blind."""
    out: list[Path] = []
    for pattern in patterns:
        hits = sorted(Path().glob(pattern)) if any(ch in pattern for ch in "*?[") else [Path(pattern)]
        for hit in hits:
            if is_blind(str(hit)):
                raise SystemExit(f"{hit}: blind gold files are never used for {purpose}")
            if hit not in out:
                out.append(hit)
    return out
