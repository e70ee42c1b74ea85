"""Checks on the person gazetteer (src/shiju/data/actors/persons/*.yaml): coverage, schema, dated roles.

The facts checked here (who held an office on a date) live in tests/data/office_holders_spotcheck.tsv;
offices that several persons hold at once are listed in tests/data/multi_holder_offices.txt.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest

from shiju.data import data_path, load_yaml

PERSONS_DIR = data_path("actors", "persons")
OFFICES_FILE = data_path("actors", "offices.yaml")
STATES_FILE = data_path("actors", "states.yaml")
TEST_DATA = Path(__file__).resolve().parent / "data"

REQUIRED = ("id", "name", "name_zh", "type", "country", "sector", "wikidata", "aliases", "roles")
SECTORS = set("GOV MIL MED EDU PTY JUD LEG BUS NGO REB IGO CVL REL OPP SPY COP LAB ELI".split())
REGISTERS = {"standard", "slang", "pejorative", "misspelling"}
ALIAS_KEYS = {"text", "register", "variant", "kind", "ambiguous"}
ID_RE = re.compile(r"^per:[a-z0-9]+(-[a-z0-9]+)*$")
OFFICE_RE = re.compile(r"^office:[a-z0-9]+(-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9]\d*$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
PARTIAL_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _files() -> list[Path]:
    return sorted(PERSONS_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def persons() -> list[tuple[str, dict]]:
    out = []
    for f in _files():
        data = load_yaml("actors", "persons", f.name)
        assert isinstance(data, list), f"{f.name}: top level must be a list of entries"
        out.extend((f.name, e) for e in data)
    return out


def _bounds(value, *, where: str) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest day a (possibly month-precision) date can denote; None for null."""
    if value is None:
        return None
    if isinstance(value, dt.date):  # YAML parses full dates itself
        return value, value
    m = PARTIAL_RE.match(str(value))
    assert m, f"{where}: date {value!r} is not YYYY-MM-DD, YYYY-MM or null"
    y, mo = int(m.group(1)), int(m.group(2))
    assert 1 <= mo <= 12, f"{where}: bad month in {value!r}"
    if m.group(3):
        d = dt.date(y, mo, int(m.group(3)))  # raises on impossible days
        return d, d
    return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])


def _alias_text(a) -> str:
    return a if isinstance(a, str) else a["text"]


def _multi_holder_offices() -> tuple[set[str], tuple[str, ...]]:
    exact, prefixes = set(), []
    for line in (TEST_DATA / "multi_holder_offices.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("*"):
            prefixes.append(line[:-1])
        else:
            exact.add(line)
    if OFFICES_FILE.exists():
        for o in load_yaml("actors", "offices.yaml") or []:
            # offices.yaml may say that an office has several holders at once
            if (o.get("multiple") or o.get("holders") in ("multiple", "many") or o.get("single") is False
                    or "many holders" in str(o.get("name", ""))):
                exact.add(o["id"])
    return exact, tuple(prefixes)


def test_files_have_source_header():
    assert _files(), f"no person files in {PERSONS_DIR}"
    for f in _files():
        first = f.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()[0]
        assert first.startswith("#"), f"{f.name}: must start with a comment naming its sources"


def test_at_least_1500_persons(persons):
    assert len(persons) >= 1500, f"only {len(persons)} persons in {PERSONS_DIR}"


def test_schema(persons):
    states = None
    if STATES_FILE.exists():
        states = {e["id"] for e in load_yaml("actors", "states.yaml") or [] if isinstance(e, dict) and "id" in e}
    for fname, e in persons:
        where = f"{fname}: {e.get('id', e)!r}"
        for k in REQUIRED:
            assert k in e, f"{where}: missing field {k}"
        assert ID_RE.match(e["id"]), f"{where}: id must be per:<slug>"
        assert e["type"] == "person", where
        assert isinstance(e["name"], str) and e["name"].strip(), where
        assert isinstance(e["name_zh"], str) and re.search(r"[\u4e00-\u9fff]", e["name_zh"]), where
        assert e["country"] is None or ISO3_RE.match(e["country"]), f"{where}: country {e['country']!r}"
        if states and e["country"] is not None:
            assert e["country"] in states, f"{where}: country {e['country']} not in states.yaml"
        assert e["sector"] in SECTORS, f"{where}: sector {e['sector']!r}"
        assert e["wikidata"] is None or QID_RE.match(str(e["wikidata"])), f"{where}: wikidata {e['wikidata']!r}"
        assert isinstance(e["aliases"], list), where
        for a in e["aliases"]:
            if isinstance(a, dict):
                assert set(a) <= ALIAS_KEYS and "text" in a, f"{where}: alias {a}"
                assert a.get("register", "standard") in REGISTERS, f"{where}: alias {a}"
            else:
                assert isinstance(a, str), f"{where}: alias {a!r}"
            text = _alias_text(a)
            assert text.strip() == text and text, f"{where}: alias {a!r}"
            # a single character (金, 李, 朴) can never identify a person
            assert len(text) >= 2, f"{where}: one-character alias {text!r}"
        assert isinstance(e["roles"], list), where
        for r in e["roles"]:
            assert set(r) >= {"office", "title", "start", "end"}, f"{where}: role {r}"
            assert OFFICE_RE.match(r["office"]), f"{where}: office id {r['office']!r}"
            assert isinstance(r["title"], str) and r["title"], f"{where}: role {r}"
            s = _bounds(r["start"], where=where)
            t = _bounds(r["end"], where=where)
            if s and t:
                assert s[0] <= t[1], f"{where}: role {r['office']} starts after it ends"


def test_no_duplicate_ids(persons):
    seen: dict[str, str] = {}
    for fname, e in persons:
        assert e["id"] not in seen, f"{e['id']} in both {seen[e['id']]} and {fname}"
        seen[e["id"]] = fname


def test_aliases_point_to_one_person(persons):
    """A short form such as 布林肯 must not belong to two persons; only true namesakes share a name."""
    from shiju.text.view import to_simplified

    def fold(s: str) -> str:  # what the linker matches on: Simplified, no name dots
        return to_simplified(s).replace("·", "")

    owners: dict[str, set[str]] = defaultdict(set)
    full_names: dict[str, set[str]] = defaultdict(set)
    marked: dict[str, set[str]] = defaultdict(set)  # `ambiguous: true`: a surname shared on purpose
    for _, e in persons:
        full_names[fold(e["name_zh"])].add(e["id"])
        for a in e["aliases"]:
            owners[fold(_alias_text(a))].add(e["id"])
            if isinstance(a, dict) and a.get("ambiguous") is True:
                marked[fold(_alias_text(a))].add(e["id"])
    # A bare surname several office holders share (卡尼: Jay and Mark Carney) is kept when every owner marks
    # it ambiguous: the linker then chooses by the country in context and the role at the document date.
    bad = {t: ids for t, ids in owners.items()
           if len(ids) > 1 and not ids <= full_names.get(t, set()) and not ids <= marked.get(t, set())}
    assert not bad, f"aliases shared by different persons: {sorted(bad.items())[:20]}"


def _intervals(persons):
    by_office = defaultdict(list)
    for _, e in persons:
        for r in e["roles"]:
            s = _bounds(r["start"], where=e["id"])
            t = _bounds(r["end"], where=e["id"])
            by_office[r["office"]].append((e["id"], s, t, r))
    return by_office


def test_single_holder_offices_do_not_overlap(persons):
    exact, prefixes = _multi_holder_offices()
    problems = []
    for office, holders in _intervals(persons).items():
        if office in exact or office.startswith(prefixes):
            continue
        dated = sorted((h for h in holders if h[1] is not None), key=lambda h: h[1][0])
        for i, (pid, s, t, _) in enumerate(dated):
            for pid2, s2, _t2, _ in dated[i + 1:]:
                # definite overlap: the later term surely began before the earlier surely ended
                # (a hand-over on the same day is not an overlap)
                earliest_end = t[0] if t else dt.date.max
                if s2[1] < earliest_end:
                    problems.append(f"{office}: {pid} and {pid2}")
    assert not problems, "overlapping holders of single-holder offices:\n" + "\n".join(problems[:30])


def test_role_offices_exist_in_offices_file(persons):
    if not OFFICES_FILE.exists():
        pytest.skip(f"{OFFICES_FILE} does not exist yet: office ids cannot be checked")
    known = {o["id"] for o in load_yaml("actors", "offices.yaml") or [] if isinstance(o, dict) and "id" in o}
    missing = sorted({r["office"] for _, e in persons for r in e["roles"]} - known)
    assert not missing, f"{len(missing)} office ids used in roles but absent from offices.yaml: {missing}"


def _holders_on(by_office, office: str, day: dt.date) -> set[str]:
    out = set()
    for pid, s, t, _ in by_office.get(office, []):
        if s is None:
            continue
        if s[0] <= day and (t is None or day <= t[1]):
            out.add(pid)
    return out


def test_office_holder_spot_checks(persons):
    by_office = _intervals(persons)
    exact, prefixes = _multi_holder_offices()
    rows = [r for r in csv.reader((TEST_DATA / "office_holders_spotcheck.tsv").read_text(encoding="utf-8").splitlines(),
                                  delimiter="\t") if r and not r[0].startswith("#")]
    header, facts = rows[0], rows[1:]
    assert header == ["office", "date", "person"]
    assert len(facts) >= 40
    wrong = []
    for office, day, expected in facts:
        got = _holders_on(by_office, office, dt.date.fromisoformat(day))
        multi = office in exact or office.startswith(prefixes)
        ok = expected in got if multi else got == {expected}
        if not ok:
            wrong.append(f"{office} on {day}: expected {expected}, gazetteer says {sorted(got)}")
    assert not wrong, "\n".join(wrong)


def test_heads_of_state_or_government_cover_most_un_members(persons):
    """Session 5 breadth: the person files name a head of state or government (with a dated role) for at
    least 160 UN members; small states were the gap unseen text exposed."""
    import re as _re

    states = {s["id"] for s in load_yaml("actors", "states.yaml") if s.get("status", "member") == "member"}
    head = _re.compile(r"^office:([a-z]{3})-(president|prime-minister|chancellor|king|emir|sultan|head-of-state|"
                       r"supreme-leader|state-council-premier|transitional-council-president|"
                       r"sovereignty-council-chairman)$")
    covered = set()
    for _, e in persons:
        for r in e.get("roles") or []:
            m = head.match(r["office"])
            if m:
                covered.add(m.group(1).upper())
    assert len(covered & states) >= 160, sorted(states - covered)
