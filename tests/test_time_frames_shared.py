"""One list of reference frames (data/text/reference_frames.yaml) for the time stage and the event coder."""
from __future__ import annotations

import pytest

from shiju.text.sentences import load_reference_frames, reference_frame


def test_both_stages_read_the_one_list():
    from shiju.timex.lexicon import load

    frames = load_reference_frames()
    assert ("对", "的回应") in frames and ("因", "一事") in frames
    assert load().bound_frames == frames


def test_a_date_in_a_yin_yishi_frame_is_bound():
    text = "菲律宾外交部因3日撞船一事召见中国大使。"
    k = text.index("3日")
    assert reference_frame(text, k, k + 2, load_reference_frames()) is not None
    plain = "菲律宾外交部3日召见中国大使。"
    k = plain.index("3日")
    assert reference_frame(plain, k, k + 2, load_reference_frames()) is None


def test_a_malformed_frames_file_names_itself(tmp_path):
    bad = tmp_path / "frames.yaml"
    bad.write_text("frames:\n  - [, 的回应]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="frames.yaml"):
        load_reference_frames(bad)
