"""The Ray engine runs the same stages and yields records identical to the local engine's."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shiju.distributed import _jsonl_slices, plan_units, read_unit
from shiju.readers import ReadOptions, iter_documents

REPO = Path(__file__).resolve().parents[1]


def _shiju(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "shiju.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_jsonl_slices_cover_the_file_at_line_boundaries(tmp_path):
    f = tmp_path / "c.jsonl"
    lines = [json.dumps({"text": f"第{i}条新闻：" + "中美" * (i % 7)}, ensure_ascii=False) for i in range(200)]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    slices = list(_jsonl_slices(str(f), 300))
    assert len(slices) > 5
    data = f.read_bytes()
    assert slices[0][0] == 0 and slices[-1][1] == len(data)
    for (s1, e1, _), (s2, _, _) in zip(slices, slices[1:]):
        assert e1 == s2 and data[e1 - 1:e1] == b"\n"
    assert [first for _, _, first in slices] == [data[:s].count(b"\n") for s, _, _ in slices]


def test_units_read_exactly_what_the_local_reader_reads(tmp_path):
    f = tmp_path / "c.jsonl"
    rows = [{"text": f"新闻{i}：美国与日本举行会谈。", "date": "2024-05-0" + str(1 + i % 9)} for i in range(50)]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n", encoding="utf-8")
    opts = ReadOptions()
    local = [(getattr(x, "source", None) or x.path, getattr(x, "id", None)) for x in iter_documents([str(f)], opts)]
    units = list(plan_units([str(f)], opts, slice_bytes=256))
    assert len(units) > 3
    split = [(getattr(x, "source", None) or x.path, getattr(x, "id", None)) for u in units for x in read_unit(u, opts)]
    assert split == local
    assert local[-1][0].endswith(":51")  # the bad line is reported by its own line number


@pytest.mark.skipif(shutil.which("ray") is None and not Path(sys.executable).with_name("ray").exists(),
                    reason="Ray is not installed (pip install 'shiju[ray]')")
def test_ray_records_equal_local_records(tmp_path):
    pytest.importorskip("ray")
    local = tmp_path / "local.jsonl"
    onray = tmp_path / "ray.jsonl"
    r1 = _shiju("analyze", "examples", "--no-store", "--workers", "1", "--json", "-o", str(local), cwd=REPO)
    assert r1.returncode == 0, r1.stderr
    r2 = _shiju("analyze", "examples", "--no-store", "--engine", "ray", "--workers", "2", "--json", "-o", str(onray),
                "--shards", str(tmp_path / "shards"), cwd=REPO)
    assert r2.returncode == 0, r2.stderr
    a = [json.loads(x) for x in local.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in onray.read_text(encoding="utf-8").splitlines()]
    assert len(a) >= 6
    assert a == b
    assert list((tmp_path / "shards").glob("*.parquet"))
