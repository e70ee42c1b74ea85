"""Gates that let a regex be skipped or rejected early: first-character gates for big alternations (the
time lexicon's scanning pattern), and the literals every match of a pattern contains (required_literals).

Python's `re` tries every alternative of an alternation at every position it reaches, and an alternative
that opens with a named group gets none of the engine's quick first-character rejection. A lookahead
``(?=[chars])`` in front of each alternative, holding every character it can start with, fails those
positions in one test. The set is computed from the parsed pattern and is a superset of what can match,
so the gated pattern finds exactly the same matches (tests/test_speed_equivalence.py); where a piece is
not understood (a negated class, a category other than \\d, a flag group) no gate is added.
"""
from __future__ import annotations

import re
from typing import Any
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


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals of which every match of ``pattern`` contains at least one, or None when none is known.
    Chosen as selective as possible (longest shortest literal). Lets a caller skip, after testing the
    text for these literals, the patterns that cannot match it (the events lexicon's find(), the
    relation patterns)."""
    try:
        import re._parser as sre_parse  # Python ≥ 3.11
        from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
    except ImportError:  # pragma: no cover
        return None

    def exact(items: Any) -> set[str] | None:
        """The strings a sequence of items matches, when it is made of literals only."""
        out = {""}
        for op, av in items:
            if op == LITERAL:
                inner = {chr(av)}
            elif op == IN and all(iop == LITERAL for iop, _ in av):
                inner = {chr(c) for _, c in av}
            elif op == SUBPATTERN and not av[1] and not av[2]:
                inner = exact(av[-1])
            elif op == BRANCH:
                inner = set()
                for alt in av[1]:
                    a = exact(alt)
                    if a is None:
                        return None
                    inner |= a
            else:
                return None
            if inner is None:
                return None
            out = {x + y for x in out for y in inner}
            if len(out) > 256:
                return None
        return out

    def better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
        if not a or "" in a:
            return b
        if not b or "" in b:
            return a
        return a if (min(map(len, a)), -len(a)) > (min(map(len, b)), -len(b)) else b

    def need(items: Any) -> set[str] | None:
        """Strings one of which every match of the sequence contains."""
        items = list(items)
        best = exact(items)
        run: list[Any] = []
        for op, av in items + [(None, None)]:
            one = exact([(op, av)]) if op is not None else None
            if one is not None:
                run.append((op, av))
                best = better(best, one)
                continue
            best = better(best, exact(run) if run else None)
            run = []
            if op == SUBPATTERN:
                best = better(best, need(av[-1]))
            elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
                best = better(best, need(av[2]))  # a repeated item occurs at least once
            elif op == BRANCH:
                union: set[str] | None = set()
                for alt in av[1]:
                    a = need(alt)
                    if not a or "" in a:
                        union = None
                        break
                    union |= a
                best = better(best, union)
        return best

    try:
        parsed = sre_parse.parse(pattern)
    except Exception:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    best = need(parsed)
    return frozenset(best) if best and "" not in best else None
