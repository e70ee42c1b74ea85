"""Places hit by attacks → the state or authority an attack on them is aimed at.

Places are not actor mentions (docs/annotation.md), so the argument finder cannot read 以军对加沙地带展开空袭
or 俄军对乌克兰多地的军事设施实施导弹打击 as having a target. This index answers "which state holds the place
written at this position": places from data/events/target_places.yaml, and the gazetteer's state names
when a place word follows them (乌克兰多地) — the gazetteer is read through the Actors stage's public
``get_gazetteer``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shiju.context import AnalysisContext
from shiju.data import load_yaml
from shiju.text.words import Words


@dataclass(frozen=True)
class TargetPlaces:
    places: dict[str, list[str]]  # place (Simplified) → ids, the first one coded
    states: dict[str, str]  # a state's name → its id
    suffixes: Words  # words after a state's name that make it a place
    _places: Words
    _states: Words

    def at(self, text: str, pos: int, hi: int, object_position: bool = False) -> list[str]:
        """Ids of the place written at ``pos`` and ending by ``hi`` (longest match), or []. A state's
        name counts when a place word follows it, or anywhere in the trigger's object (``object_position``)."""
        w = self._places.longest_at(text, pos)
        w = w if w and pos + len(w) <= hi else None
        s = self._states.longest_at(text, pos)
        s = s if s and pos + len(s) <= hi else None
        if s and (not w or len(s) > len(w)) and (object_position or self.suffixes.longest_at(text, pos + len(s))):
            return [self.states[s]]
        return list(self.places[w]) if w else []

    def spans(self, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """(start, end) of the places of this list written inside text[lo:hi], longest first at each
        position, without overlaps: names, whose characters are never cue words (别 in 别尔哥罗德)."""
        out: list[tuple[int, int]] = []
        k = lo
        # one search to the next position where a place starts (the longest there), not a match per
        # character: the same spans as trying every position (tests/test_speed_equivalence.py)
        while k < hi:
            hit = self._places.find_from(text, k, hi)
            if hit is None or hit[0] >= hi:
                break
            k, w = hit
            if k + len(w) <= hi:
                out.append((k, k + len(w)))
                k += len(w)
            else:
                k += 1
        return out

    def first_in(self, text: str, lo: int, hi: int, object_position: bool = False) -> list[str]:
        """Ids of the first place inside text[lo:hi], or []."""
        for k in range(lo, hi):
            ids = self.at(text, k, hi, object_position)
            if ids:
                return ids
        return []


def build_target_places(ctx: AnalysisContext) -> TargetPlaces:
    raw = load_yaml("events", "target_places.yaml", data_dir=ctx.data_dir) or {}
    places = {str(k): [str(x) for x in v] for k, v in (raw.get("places") or {}).items()}
    states: dict[str, str] = {}
    try:
        from shiju.actors import get_gazetteer

        gaz = get_gazetteer(ctx)
        for alias, rows in gaz.aliases.items():
            if len(alias) < 2:
                continue
            ids = {a.id for a in rows if a.id in gaz.state_ids and a.kind in ("name", "capital")}
            if len(ids) == 1:
                states[alias] = ids.pop()
    except Exception:  # without the Actors stage's gazetteer only the listed places are known
        states = {}
    return TargetPlaces(places, states, Words(raw.get("state_place_suffixes") or []), Words(places), Words(states))


def get_target_places(ctx: AnalysisContext) -> Any:
    return ctx.resource(f"events.target_places:{ctx.data_dir or ''}", lambda: build_target_places(ctx))
