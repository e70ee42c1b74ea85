"""Run benchmarks: `python -m benchmarks` (all) or `python -m benchmarks store actors` (some).

Each module `benchmarks/bench_<name>.py` exposes `run(quick: bool) -> dict` returning
{"title": str, "rows": [dict, ...], "notes": [str, ...]}; results are printed as a table and saved to
benchmarks/results/<name>.json.
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks")
    ap.add_argument("names", nargs="*", help="benchmark names (default: all)")
    ap.add_argument("--quick", action="store_true", help="smaller inputs, for a smoke run")
    args = ap.parse_args(argv)
    available = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    names = args.names or available
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    from rich.console import Console
    from rich.table import Table

    console = Console()
    status = 0
    for name in names:
        if name not in available:
            console.print(f"unknown benchmark {name!r}; available: {', '.join(available)}")
            status = 2
            continue
        mod = importlib.import_module(f"benchmarks.bench_{name}")
        t0 = time.perf_counter()
        res = mod.run(quick=args.quick)
        res["seconds"] = round(time.perf_counter() - t0, 2)
        (out_dir / f"{name}.json").write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
        rows = res.get("rows") or []
        table = Table(title=res.get("title", name))
        cols = list(dict.fromkeys(k for r in rows for k in r))
        for c in cols:
            table.add_column(c)
        for r in rows:
            table.add_row(*[str(r.get(c, "")) for c in cols])
        console.print(table)
        for n in res.get("notes") or []:
            console.print(f"  {n}", highlight=False)
    return status


if __name__ == "__main__":
    sys.exit(main())
