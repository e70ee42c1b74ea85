"""The plain search events.modality's cue scan must equal (tests/test_speed_*.py): every occurrence of
each cue lying inside text[lo:hi], in cue-list order, that no exception covers."""
from __future__ import annotations


def cue_positions_by_search(text: str, lo: int, hi: int, cues: list[str], exceptions: list[str]) -> list[tuple[int, str]]:
    from shiju.events.modality import _inside_exception

    expected = []
    for w in cues:
        k = text.find(w, lo) if w else -1
        while 0 <= k <= hi - len(w):
            if not _inside_exception(text, k, k + len(w), exceptions, w):
                expected.append((k, w))
            k = text.find(w, k + 1)
    return expected
