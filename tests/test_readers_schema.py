"""The JSON Schema of the output record matches the model, and real records validate against it."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from shiju import model  # noqa: E402
from shiju.readers import ReadError, ReadOptions, iter_documents  # noqa: E402

SCHEMA_PATH = Path(model.__file__).resolve().parent / "schema" / "document.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict:
    s = json.loads(SCHEMA_PATH.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(s)
    return s


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "cls,key",
    [(model.Document, None), (model.Comment, "comment"), (model.Reference, "reference"), (model.Actor, "actor"),
     (model.Mention, "mention"), (model.Role, "role"), (model.Event, "event"), (model.Evidence, "evidence"),
     (model.Quote, "quote"), (model.Relation, "relation"), (model.TimeExpr, "time"), (model.Stance, "stance")],
)
def test_schema_lists_exactly_the_model_fields(schema, cls, key):
    node = schema if key is None else schema["$defs"][key]
    fields = {f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")}
    assert set(node["properties"]) == fields
    assert set(node["required"]) == fields


def _records(paths, **opts):
    for item in iter_documents([str(p) for p in paths], ReadOptions(**opts)):
        if not isinstance(item, ReadError):
            yield item


def test_examples_read_and_analysed_validate(validator, repo_dir: Path):
    from shiju.context import AnalysisContext
    from shiju.pipeline import DEFAULT_STAGES, Pipeline

    docs = list(_records([repo_dir / "examples"], default_date="2024-01-01"))
    formats = {d.format for d in docs}
    assert {"pincong-md", "pincong-json", "markdown", "markdown-dated", "text", "html", "jsonl"} <= formats
    assert any(d.language == "zh-Hant" for d in docs)
    pipeline = Pipeline(list(DEFAULT_STAGES), AnalysisContext(default_date="2024-01-01"))
    for d in docs:
        validator.validate(json.loads(json.dumps(d.to_dict(), ensure_ascii=False)))
        analysed = pipeline(d)
        record = json.loads(json.dumps(analysed.to_dict(), ensure_ascii=False))
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        assert not errors, [(list(e.path), e.message) for e in errors[:5]]


def test_a_broken_record_is_rejected(validator, repo_dir: Path):
    doc = next(_records([repo_dir / "examples" / "forum_pincong.md"]))
    rec = doc.to_dict()
    rec["published"] = "18/08/2023"
    assert not validator.is_valid(rec)
    rec = doc.to_dict()
    rec["comments"][0]["deleted"] = "no"
    assert not validator.is_valid(rec)
    rec = doc.to_dict()
    rec["unexpected"] = 1
    assert not validator.is_valid(rec)


def test_seed_records_validate(validator, shared_dir: Path):
    for d in _records([shared_dir / "examples"]):
        validator.validate(d.to_dict())
