"""shiju.events.compare: the date-accuracy split by match (both settings / only one) and blind refusal."""
from __future__ import annotations

import pytest

from shiju.events.compare import Outcome, date_split, main, report


def _outcome(matched: dict[int, bool | None], missed: list[int], fp: dict[str, int] | None = None) -> Outcome:
    o = Outcome()
    for i, ok in matched.items():
        o.matched[("d", i)] = ok
        o.types[("d", i)] = "ACCUSE"
    for i in missed:
        o.missed.add(("d", i))
        o.types[("d", i)] = "ACCUSE"
    o.fp = dict(fp or {})
    return o


def test_date_split_separates_composition_from_changed_dates() -> None:
    # A matches 0-2; B matches the same three with the same dates plus 3-4, whose dates are wrong: B's
    # overall date accuracy falls although it dates no shared event differently
    a = _outcome({0: True, 1: True, 2: False}, [3, 4])
    b = _outcome({0: True, 1: True, 2: False, 3: False, 4: False}, [])
    ds = date_split(a, b)
    assert ds["both"] == ([True, True, False], [True, True, False])
    assert ds["only_a"][0] == [] and ds["only_b"][1] == [False, False]
    rep = report(a, b)
    assert rep["dates on events both match: A"] == rep["dates on events both match: B"] == "2/3 = 0.667"
    assert rep["dates B (all matched)"] == "2/5 = 0.400"
    assert rep["dates on events only B matches"] == "0/2 = 0.000"


def test_prf_counts_false_positives_per_type() -> None:
    o = _outcome({0: None}, [1], {"ACCUSE": 1, "SANCTION": 2})
    p, r, f, tp, fp, fn = o.prf()
    assert (tp, fp, fn) == (1, 3, 1)
    assert o.prf("ACCUSE")[3:] == (1, 1, 1)
    assert o.prf("SANCTION")[3:] == (0, 2, 0)


def test_refuses_blind_files() -> None:
    with pytest.raises(SystemExit, match="blind"):
        main(["tests/gold/blind_x.yaml", "--b-chooser", "x.yaml"])
