"""The local engine's workers read their own input (work units): same records, errors and order as reading
everything in the main process."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from shiju.engine import StageFailure, analyse_paths, analyse_records
from shiju.readers import ReadError, ReadOptions, iter_documents
from shiju.readers.units import WorkUnit, balanced_units, plan_units, read_unit

REPO = Path(__file__).resolve().parents[1]
STAGES = ["normalize", "actors", "time"]  # enough to tell records apart; the full pipeline is slower


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    shutil.copytree(REPO / "examples", root / "examples")
    feed = [json.loads(x) for x in (REPO / "examples" / "feed.jsonl").read_text(encoding="utf-8").splitlines()]
    # A JSON Lines file first (the main process analyses its first document, a worker the rest of it) and
    # big enough to be cut into several slices, with a bad line in the middle.
    lines = [json.dumps({**feed[i % len(feed)], "url": f"https://example.org/{i}"}, ensure_ascii=False)
             for i in range(60)]
    lines.insert(31, "{not json")
    (root / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "z_bad.json").write_text("[1, 2", encoding="utf-8")
    return root


def _key(item) -> tuple:
    if isinstance(item, ReadError):
        return ("error", item.path, item.reason)
    if isinstance(item, StageFailure):
        return ("failure", item.source, item.reason)
    return ("record", item.source, item.record)


def test_workers_reading_units_give_the_records_and_errors_of_one_reader(tmp_path):
    root = _corpus(tmp_path)
    paths = [str(root / "a.jsonl"), str(tmp_path / "missing.md"), str(root)]
    opts = ReadOptions(default_date="2024-01-02")
    serial = []
    for d in iter_documents(paths, opts):
        serial.append(("error", d.path, d.reason) if isinstance(d, ReadError) else d)
    docs = [d for d in serial if not isinstance(d, tuple)]
    analysed = iter(analyse_records(docs, STAGES, opts.default_date, workers=1, keep_docs=False))
    expected = [x if isinstance(x, tuple) else _key(next(analysed)) for x in serial]
    got = [_key(r) for r in analyse_paths(paths, opts, STAGES, workers=2, keep_docs=False)]
    assert got == expected
    assert sum(k[0] == "record" for k in got) > 60
    assert {k[1].rsplit("/", 1)[-1] for k in got if k[0] == "error"} >= {"missing.md", "a.jsonl:32", "z_bad.json"}


def test_documents_come_back_when_asked(tmp_path):
    root = _corpus(tmp_path)
    out = [r for r in analyse_paths([str(root / "examples")], ReadOptions(), STAGES, workers=2, records=False)
           if not isinstance(r, ReadError)]
    assert out and all(r.doc is not None and r.record is None for r in out)
    assert all(r.chars == sum(len(t) for _, t in r.doc.parts()) for r in out)


def test_a_small_json_lines_input_is_cut_finer_for_balance(tmp_path):
    root = _corpus(tmp_path)
    coarse = [u for u in plan_units([str(root / "a.jsonl")], ReadOptions()) if isinstance(u, WorkUnit)]
    fine = [u for u in balanced_units([str(root / "a.jsonl")], ReadOptions(), workers=2, per_worker=4)
            if isinstance(u, WorkUnit)]
    assert len(coarse) == 1 and len(fine) > 1
    # many units already: planned as they are
    many = list(balanced_units([str(root / "examples")], ReadOptions(), workers=1, per_worker=2))
    assert many == list(plan_units([str(root / "examples")], ReadOptions()))


def test_a_unit_skips_what_was_read_elsewhere(tmp_path):
    root = _corpus(tmp_path)
    unit = next(u for u in plan_units([str(root / "a.jsonl")], ReadOptions()) if isinstance(u, WorkUnit))
    full = [getattr(x, "id", None) or x.path for x in read_unit(unit, ReadOptions())]
    unit.skip = 3
    assert [getattr(x, "id", None) or x.path for x in read_unit(unit, ReadOptions())] == full[3:]
