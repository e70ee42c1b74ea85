"""Quotes: the fourth round (dev set quotes_dev4.yaml, half A), each rule tested both ways."""
from __future__ import annotations

from pathlib import Path

import yaml

from shiju import quotes
from shiju.data import DATA_DIR
from shiju.model import Document


def _doc(body: str) -> Document:
    return Document(id="t", source="test", format="text", body=body, published="2024-05-01")


def _quotes_with(lex: quotes.Lexicon, body: str) -> list:
    doc = _doc(body)
    return quotes.analyse_part(doc, "body", lex, lambda part, pos: None)


def _lexicon_without_stops(tmp_path: Path) -> quotes.Lexicon:
    (tmp_path / "quotes").mkdir()
    data = yaml.safe_load((DATA_DIR / "quotes" / "cues.yaml").read_text(encoding="utf-8"))
    data["text_speaker_stops"] = []
    (tmp_path / "quotes" / "cues.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return quotes.load_lexicon(str(tmp_path))


def test_text_speaker_stops_come_from_the_data_file(tmp_path):
    lex = quotes.load_lexicon()
    assert {"是", "会", "然后", "或"} <= set(lex.text_speaker_stops)
    # 然后有关部门说: a conjunction opens the words before the cue, so they are no unnamed speaker.
    body = "然后有关部门说，这件事要慎重处理，不能操之过急。"
    assert _quotes_with(lex, body) == []
    # Without the data entry the same words are taken as an unlinked speaker: the list is what decides.
    got = _quotes_with(_lexicon_without_stops(tmp_path), body)
    assert [q.speaker_text for q in got] == ["然后有关部门"]
