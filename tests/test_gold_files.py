"""Schema checks of the hand-annotated gold set (tests/gold/*.yaml, format in docs/annotation.md).

A typo in gold silently lowers every measured score, so each file is checked here: it parses, ids are
unique, event types/modes/contexts are PLOVER's (../shared/reference/PLOVER_MANUAL.tex), dates are valid,
every annotated text occurs in its part, and the event set is large and balanced enough to measure on.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

GOLD = Path(__file__).resolve().parent / "gold"
FILES = sorted(GOLD.glob("*.yaml"))

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
_REQ_REJ = {"assist", "change", "yield", "meet"}
# Modes per type, from the manual's mode tables; types without a table take no mode.
MODES: dict[str, set[str]] = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": _REQ_REJ,
    "REJECT": _REQ_REJ,
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"},
}
# The manual says "Requires recipient: Yes" for these (COOPERATE may instead be reciprocal, see below).
NEEDS_RECIPIENT = {"COOPERATE", "AID", "SANCTION"}
CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
}
RELATION_TYPES = {"alliance", "partnership", "hostility", "dependence", "membership", "rivalry"}
EVENT_KEYS = {"type", "mode", "context", "actor", "recipient", "date", "text", "negated", "hypothetical",
              "future", "historical", "part", "n", "note"}
FLAGS = ("negated", "hypothetical", "future", "historical")
ID_RE = re.compile(
    r"^(?:[A-Z]{3}|org:[a-z0-9][a-z0-9-]*|per:[a-z0-9][a-z0-9-]*|office:[a-z0-9][a-z0-9-]*|local:\S+)$"
)
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

MIN_DOCS, MIN_EVENTS, MIN_PER_TYPE = 120, 300, 8


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert isinstance(data, dict) and isinstance(data.get("documents"), list), (
        f"{path.name}: top level must be a mapping with a `documents:` list"
    )
    return data["documents"]


def _iso(value: Any) -> str:
    """YAML reads 2021-03-18 as a date and 2021 as an int; compare everything as ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _valid_date(value: Any) -> bool:
    s = _iso(value)
    if not DATE_RE.match(s):
        return False
    parts = [int(p) for p in s.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return 1900 <= parts[0] <= 2100


def _valid_time_value(value: Any) -> bool:
    s = _iso(value)
    if "/" in s:
        a, b = s.split("/", 1)
        return _valid_date(a) and _valid_date(b) and a <= b
    return _valid_date(s)


def _ids(field: Any) -> list[str]:
    """Flatten an actor list; an element may itself be a list of acceptable ids."""
    assert isinstance(field, list), f"actor/recipient must be a list, got {field!r}"
    out: list[str] = []
    for item in field:
        alts = item if isinstance(item, list) else [item]
        assert alts, "empty list of acceptable ids"
        out.extend(str(a) for a in alts)
    return out


def _key_ids(field: list[Any]) -> frozenset[str]:
    return frozenset("|".join(sorted(map(str, i))) if isinstance(i, list) else str(i) for i in field)


def _part_text(doc: dict[str, Any], part: str) -> str:
    if part == "body":
        return doc["body"]
    assert part.startswith("comment:"), f"unknown part {part!r}"
    cid = part.split(":", 1)[1]
    for c in doc.get("comments") or []:
        if str(c["id"]) == cid:
            return c["text"]
    raise AssertionError(f"part {part!r} names no comment")


def _doc_dates(doc: dict[str, Any]) -> set[str]:
    """Dates an event of this document may carry: publication date and resolved times (and their months)."""
    vals = set()
    if doc.get("published") is not None:
        vals.add(_iso(doc["published"]))
    for t in doc.get("times") or []:
        for v in _iso(t["value"]).split("/"):
            vals.add(v)
    vals |= {v[:7] for v in vals if len(v) >= 7} | {v[:4] for v in vals}
    return vals


ALL = [(p, d) for p in FILES for d in _load(p)]


def test_gold_files_exist() -> None:
    assert FILES, f"no gold files in {GOLD}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_documents_are_well_formed(path: Path) -> None:
    for doc in _load(path):
        where = f"{path.name}:{doc.get('id')}"
        assert isinstance(doc.get("id"), str), f"{where}: id missing"
        assert isinstance(doc.get("body"), str) and doc["body"].strip(), f"{where}: empty body"
        pub = doc.get("published")
        assert pub is None or (_valid_date(pub) and len(_iso(pub)) == 10), f"{where}: bad published {pub!r}"
        cids = [str(c["id"]) for c in doc.get("comments") or []]
        assert len(cids) == len(set(cids)), f"{where}: duplicate comment ids"
        for c in doc.get("comments") or []:
            assert isinstance(c.get("text"), str), f"{where}: comment {c.get('id')} has no text"
            assert c.get("reply_to") in (None, *cids), f"{where}: comment {c['id']} replies to unknown id"


def test_document_ids_unique() -> None:
    counts = Counter(d["id"] for _, d in ALL)
    dup = [i for i, n in counts.items() if n > 1]
    assert not dup, f"duplicate document ids: {dup}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_times_occur_and_resolve(path: Path) -> None:
    for doc in _load(path):
        seen: Counter[tuple[str, str]] = Counter()
        for t in doc.get("times") or []:
            where = f"{path.name}:{doc['id']}: time {t.get('text')!r}"
            part = t.get("part", "body")
            text = str(t["text"])
            seen[(part, text)] += 1
            # `n:` names the occurrence when an earlier one is part of a longer expression (1日 in 11月21日).
            nth = int(t.get("n", seen[(part, text)]))
            assert _part_text(doc, part).count(text) >= nth, f"{where} does not occur (often enough)"
            assert _valid_time_value(t["value"]), f"{where}: bad value {t['value']!r}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_events_follow_plover(path: Path) -> None:
    for doc in _load(path):
        allowed_dates = _doc_dates(doc)
        keys: set[tuple[Any, ...]] = set()
        for i, ev in enumerate(doc.get("events") or []):
            where = f"{path.name}:{doc['id']}: event {i} ({ev.get('type')} {ev.get('text')!r})"
            unknown = set(ev) - EVENT_KEYS
            assert not unknown, f"{where}: unknown keys {unknown}"
            assert ev.get("type") in TYPES, f"{where}: not a PLOVER type"
            modes = ev.get("mode")
            if modes is not None:
                modes = modes if isinstance(modes, list) else [modes]
                assert set(modes) <= MODES.get(ev["type"], set()), f"{where}: mode {modes} not defined for type"
            ctx = ev.get("context")
            assert isinstance(ctx, list) and set(ctx) <= CONTEXTS, f"{where}: bad context {ctx}"
            actors = _ids(ev.get("actor"))
            assert actors, f"{where}: no actor"
            recipients = _ids(ev.get("recipient", []))
            for a in actors + recipients:
                assert ID_RE.match(a), f"{where}: malformed actor id {a!r}"
            # A reciprocal act (joint exercise, mutual trade deal) lists every party as actor instead.
            if ev["type"] in NEEDS_RECIPIENT and not (ev["type"] == "COOPERATE" and len(ev["actor"]) > 1):
                assert recipients, f"{where}: the manual requires a recipient for {ev['type']}"
            assert _valid_date(ev.get("date")), f"{where}: bad date {ev.get('date')!r}"
            assert _iso(ev["date"]) in allowed_dates, (
                f"{where}: date {_iso(ev['date'])} is neither the publication date nor an annotated time"
            )
            part = ev.get("part", "body")
            assert str(ev.get("text", "")) and str(ev["text"]) in _part_text(doc, part), (
                f"{where}: trigger text not in {part}"
            )
            for flag in FLAGS:
                assert isinstance(ev.get(flag, False), bool), f"{where}: {flag} must be true/false"
            # One event per (type, actors, recipients, date, flags): a retelling is evidence, not a new event.
            key = (ev["type"], _key_ids(ev["actor"]), _key_ids(ev.get("recipient", [])), _iso(ev["date"]),
                   part, tuple(bool(ev.get(f)) for f in FLAGS))
            assert key not in keys, f"{where}: duplicates an earlier event of the document"
            keys.add(key)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_relations_well_formed(path: Path) -> None:
    for doc in _load(path):
        for r in doc.get("relations") or []:
            where = f"{path.name}:{doc['id']}: relation {r}"
            assert r.get("type") in RELATION_TYPES, f"{where}: bad type"
            for a in _ids([r["a"], r["b"]]):
                assert ID_RE.match(a), f"{where}: malformed id {a!r}"
            # a relation asserted in a forum comment names it (docs/annotation.md, session-10 ruling)
            _part_text(doc, str(r.get("part", "body")))


def _event_docs() -> list[dict[str, Any]]:
    return [d for _, d in ALL if "events" in d]


def test_event_set_is_large_and_balanced() -> None:
    docs = _event_docs()
    events = [e for d in docs for e in d["events"] or []]
    counted = Counter(
        e["type"] for e in events
        if not e.get("negated") and not e.get("hypothetical") and e.get("part", "body") == "body"
    )
    assert len(docs) >= MIN_DOCS, f"only {len(docs)} documents carry events annotation"
    assert len(events) >= MIN_EVENTS, f"only {len(events)} events"
    thin = {t: counted.get(t, 0) for t in TYPES if counted.get(t, 0) < MIN_PER_TYPE}
    assert not thin, f"types with fewer than {MIN_PER_TYPE} positive events: {thin}"


def test_auxiliary_modes_and_negatives_present() -> None:
    docs = _event_docs()
    events = [e for d in docs for e in d["events"] or []]
    for flag in ("negated", "hypothetical", "future"):
        assert sum(bool(e.get(flag)) for e in events) >= 5, f"fewer than 5 {flag} events"
    # Hard negatives: documents annotated as having no event at all.
    assert sum(1 for d in docs if d["events"] == []) >= 8
