"""The stage data loaders share one YAML reader; each still raises its own error naming the file."""
from __future__ import annotations

import pytest

from shiju import reactions, relations
from shiju.timex import lexicon as timex_lexicon

LOADERS = [
    (timex_lexicon.load, timex_lexicon.LexiconError, ("time", "expressions.yaml"), ""),
    (relations.load_lexicon, relations.RelationDataError, ("relations", "patterns.yaml"), "relation patterns"),
    (reactions.load_lexicon, reactions.StanceDataError, ("stance", "lexicon.yaml"), "the stance lexicon"),
]


@pytest.mark.parametrize("load, error, parts, what", LOADERS)
def test_broken_yaml_names_the_file(tmp_path, load, error, parts, what):
    path = tmp_path.joinpath(*parts)
    path.parent.mkdir(parents=True)
    path.write_text("patterns: [unclosed\n  - : :\n", encoding="utf-8")
    with pytest.raises(error) as info:
        load(str(tmp_path))
    assert str(path) in str(info.value) and "cannot parse" in str(info.value)
    assert what in str(info.value)


@pytest.mark.parametrize("load, error, parts, what", LOADERS)
def test_missing_file_names_the_file(tmp_path, load, error, parts, what):
    with pytest.raises(error) as info:
        load(str(tmp_path / "nowhere"))
    assert str(tmp_path.joinpath("nowhere", *parts)) in str(info.value) and "cannot read" in str(info.value)
