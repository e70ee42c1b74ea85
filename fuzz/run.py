"""Run every reader fuzz target for a bounded time and say how many inputs each tried and whether any
crashed (a reader exception, a broken contract, a hang over --timeout seconds, or a native crash).

    python fuzz/run.py --seconds 20            # each target 20 s (atheris/libFuzzer)
    python fuzz/run.py --seconds 60 --only html,jsonl
    python fuzz/run.py --seconds 20 --fallback # without atheris: random mutations of the same seeds

Exit status 1 if any target crashed; its input is kept under .shiju/fuzz-crashes/<target>/.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRASHES = HERE.parent / ".shiju" / "fuzz-crashes"
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")


def targets() -> list[str]:
    return sorted(p.stem[len("fuzz_"):] for p in HERE.glob("fuzz_*.py"))


def have_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def run_one(name: str, seconds: int, timeout: int, fallback: bool) -> dict:
    script = HERE / f"fuzz_{name}.py"
    with tempfile.TemporaryDirectory(prefix=f"shiju-fuzz-{name}-") as tmp:
        corpus, artifacts = Path(tmp) / "corpus", Path(tmp) / "artifacts"
        artifacts.mkdir()
        subprocess.run([sys.executable, str(script), "--write-seeds", str(corpus)], check=True)
        if fallback:
            cmd = [sys.executable, str(script), "--fallback", str(seconds)]
        else:
            cmd = [sys.executable, str(script), f"-max_total_time={seconds}", f"-timeout={timeout}",
                   "-rss_limit_mb=4096", "-max_len=65536", f"-artifact_prefix={artifacts}/", "-print_final_stats=1",
                   str(corpus)]
        t0 = time.monotonic()
        # the wall-clock guard: a target that ignores max_total_time (a hang in native code) is a crash too
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, timeout=seconds + 4 * timeout + 120)
            rc, log = p.returncode, p.stdout + p.stderr
        except subprocess.TimeoutExpired as exc:
            rc, log = -9, f"{exc.stdout or ''}{exc.stderr or ''}\nkilled: no end after {exc.timeout:.0f} s"
        took = time.monotonic() - t0
        m = _DONE.findall(log)
        runs = int(m[-1][0]) if m else _stat(log, "stat::number_of_executed_units")
        saved = []
        found = [f for f in list(artifacts.iterdir()) + list(Path(tmp).glob("crash-*")) if f.is_file()]
        if found:
            dest = CRASHES / name
            dest.mkdir(parents=True, exist_ok=True)
            for f in found:
                shutil.copy(f, dest / f.name)
                saved.append(str(dest / f.name))
    crashed = rc != 0 or bool(saved)
    return {"target": name, "runs": runs, "seconds": round(took, 1), "crashed": crashed, "saved": saved,
            "log": log[-3000:] if crashed else ""}


def _stat(log: str, key: str) -> int:
    m = re.search(rf"{re.escape(key)}:\s*(\d+)", log)
    return int(m.group(1)) if m else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=20, help="time per target (default 20)")
    ap.add_argument("--timeout", type=int, default=30, help="seconds one input may take before it counts as a hang")
    ap.add_argument("--only", help="comma-separated target names (default: all)")
    ap.add_argument("--fallback", action="store_true", help="random mutation instead of atheris")
    args = ap.parse_args(argv)
    names = targets() if not args.only else [n.strip() for n in args.only.split(",")]
    unknown = set(names) - set(targets())
    if unknown:
        print(f"fuzz/run.py: unknown targets {sorted(unknown)}; known: {', '.join(targets())}", file=sys.stderr)
        return 2
    fallback = args.fallback or not have_atheris()
    if fallback and not args.fallback:
        print("fuzz/run.py: atheris is not installed; using the random-mutation fallback", file=sys.stderr)
    engine = "random mutation (fallback)" if fallback else "atheris/libFuzzer"
    print(f"fuzzing {len(names)} reader targets for {args.seconds} s each with {engine}", flush=True)
    results = []
    for name in names:
        r = run_one(name, args.seconds, args.timeout, fallback)
        results.append(r)
        status = "CRASHED" if r["crashed"] else "no crash"
        print(f"  {name:<16} {r['runs']:>9,} inputs in {r['seconds']:>5.1f} s  {status}", flush=True)
        if r["crashed"]:
            print(r["log"], file=sys.stderr)
            for s in r["saved"]:
                print(f"    crashing input saved: {s}", file=sys.stderr)
    total = sum(r["runs"] for r in results)
    crashed = [r["target"] for r in results if r["crashed"]]
    print(f"total: {total:,} inputs tried, {len(crashed)} target(s) crashed" + (f": {', '.join(crashed)}" if crashed else ""))
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
