"""First-character gates for big regex alternations (the time lexicon's scanning pattern).

Python's `re` tries every alternative of an alternation at every position it reaches, and an alternative
that opens with a named group gets none of the engine's quick first-character rejection. A lookahead
``(?=[chars])`` in front of each alternative, holding every character it can start with, fails those
positions in one test. The set is computed from the parsed pattern and is a superset of what can match,
so the gated pattern finds exactly the same matches (tests/test_speed_equivalence.py); where a piece is
not understood (a negated class, a category other than \\d, a flag group) no gate is added.
"""
from __future__ import annotations

import re
from re import _constants as _C  # the parser of the `re` module itself: what it parses is what runs
from re import _parser as _P


def first_chars(pattern: str, universe: set[str]) -> set[str] | None:
    """The characters of `universe` a match of `pattern` can start with; None when not known (or the
    pattern can match the empty string)."""
    fs, nullable = _sequence(_P.parse(pattern), universe)
    return None if fs is None or nullable else fs & universe


def gate_alternatives(alternatives: list[str], universe: set[str]) -> list[str]:
    """Each alternative with a ``(?=[…])`` gate of its first characters in front, when that narrows
    `universe` (the characters the whole alternation is already gated on)."""
    out = []
    for alt in alternatives:
        fs = first_chars(alt, universe)
        out.append(alt if fs is None or fs >= universe else f"(?=[{re.escape(''.join(sorted(fs)))}])" + alt)
    return out


def _sequence(items, universe: set[str]) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    for op, av in items:
        fs, nullable = _item(op, av, universe)
        if fs is None:
            return None, False
        out |= fs
        if not nullable:
            return out, False
    return out, True


def _item(op, av, universe: set[str]) -> tuple[set[str] | None, bool]:
    if op is _C.LITERAL:
        return {chr(av)}, False
    if op is _C.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is _C.LITERAL:
                chars.add(chr(iav))
            elif iop is _C.RANGE:
                chars.update(c for c in universe if iav[0] <= ord(c) <= iav[1])
            elif iop is _C.CATEGORY and iav is _C.CATEGORY_DIGIT:
                chars.update(c for c in universe if c.isdecimal())  # \d in a str pattern: Unicode decimals
            else:
                return None, False
        return chars, False
    if op is _C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return (None, False) if add_flags or del_flags else _sequence(sub, universe)
    if op is _C.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            fs, n = _sequence(alt, universe)
            if fs is None:
                return None, False
            out |= fs
            nullable = nullable or n
        return out, nullable
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        lo, _, sub = av
        fs, n = _sequence(sub, universe)
        return (None, False) if fs is None else (fs, lo == 0 or n)
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
        return set(), True  # zero-width: the first character is that of what follows
    return None, False
