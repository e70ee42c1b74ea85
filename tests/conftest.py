from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"real documents not available: {SHARED} is absent (they are never copied into the repo)")
    return SHARED


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def gold_sentence_sample() -> list[str]:
    """Up to 3,000 sentences of the bodies in the first 40 non-blind gold files: our own text, for tests
    that compare a fast path with the plain code it replaced (held-out sets are never read)."""
    import yaml

    from shiju.text.sentences import sentences

    texts = []
    for f in sorted((REPO / "tests" / "gold").glob("*.yaml"))[:40]:
        if f.name.startswith("blind"):
            continue
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        texts += [str(g.get("body") or "") for g in data.get("documents") or []]
    return [t[a:b] for t in texts if t for a, b in sentences(t)][:3000]


# Tests of the event coder's rules pin the rules' behaviour on hand-written sentences; the learned argument
# chooser, over-coding filter and event detector (switched on by their data files, measured on gold in
# tests/test_events_gold.py and docs/model-card.md) are switched off for them. The learned components'
# own tests and the gold floors run with the shipped configuration.
_LEARNED_EVENT_TESTS = {"test_events_chooser", "test_events_overcoding", "test_events_typer", "test_events_gold",
                        "test_events_diagnose", "test_events_detector"}


@pytest.fixture(scope="module", autouse=True)
def _event_rules_only(request):
    name = request.module.__name__.rsplit(".", 1)[-1]
    if not name.startswith("test_events") or name in _LEARNED_EVENT_TESTS:
        yield
        return
    import dataclasses

    from shiju.events import chooser, detector, overcoding

    real_chooser, real_filter, real_detector = chooser.get_model, overcoding.get_model, detector.get_model
    mp = pytest.MonkeyPatch()
    mp.setattr(chooser, "get_model", lambda ctx: dataclasses.replace(real_chooser(ctx), enabled=False))
    mp.setattr(overcoding, "get_model", lambda ctx: dataclasses.replace(real_filter(ctx), enabled=False))
    mp.setattr(detector, "get_model", lambda ctx: dataclasses.replace(real_detector(ctx), enabled=False))
    try:
        yield
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def events_pipe(_event_rules_only):
    """normalize → events, built after `_event_rules_only` has set the module's learned event components."""
    from shiju.pipeline import Pipeline

    return Pipeline(("normalize", "actors", "time", "quotes", "events"))
