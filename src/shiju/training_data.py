"""Gold files a learned component may be trained on: globs expanded in order, duplicates dropped, and any
blind file (modelcard.is_blind) refused, since blind sets exist only to measure unseen text."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

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


def write_weights_file(path: Path, header: str, settings: Iterable[str], meta: Mapping[str, Any],
                       weights: Mapping[str, Any], weight_text: Callable[[Any], str] = "{}".format) -> None:
    """Write a learned component's weights file: its header comment, its settings lines (`enabled: …`
    first), `_meta` (one JSON value per key) and the weights sorted by feature, each value rendered by
    `weight_text`. One writer, so every trainer's file reads the same way."""
    lines = [header.rstrip("\n"), *settings, "_meta:"]
    lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    lines.append("weights:")
    lines += [f"  {json.dumps(f, ensure_ascii=False)}: {weight_text(weights[f])}" for f in sorted(weights)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
