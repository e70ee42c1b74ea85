"""A learned word-level trigger tagger: which words of a sentence are event triggers, and of which type.

The rule coder finds triggers only through its hand-grown lexicon (data/events/triggers.yaml); a gold
event whose wording the lexicon lacks (终止, 关闭领空, 承认败选) or types otherwise (抗议 by citizens, 禁止
entry) is lost before any argument rule runs. This tagger reads every word of a sentence (rjieba, as the
detector and the pipeline segment; each actor mention one token masked to its actor type: Ⓢ state,
Ⓟ person, Ⓞ organisation, …) and gives each word a probability for each PLOVER type against "no trigger"
with a multinomial logistic regression over general features: the word, its characters, its neighbours
(masked), the lexicon's own reading of the word (the type of a lexicon trigger covering it), marker words
before it in its clause (data/events/typer_features.yaml ``before``: 对/向/与/被/将/未…), where the clause's
actors stand relative to it, quote and title. No feature names an actor.

The coder (coder.py) uses its proposals beside the lexicon's matches, before the guards, the argument
finder, modality, the argument chooser and the over-coding filter, which all still apply: a word with no
lexicon trigger whose best type reaches ``add_threshold`` becomes a trigger of that type (adjacent words of
the same type one trigger; frame: the lexicon's commonest frame for the type); a lexicon trigger the tagger
types otherwise with probability >= ``retype_threshold`` takes the tagger's type (off when that threshold is
1). Weights: ``data/events/tagger.yaml`` (written by ``python -m shiju.events.train_tagger``, which records
its training data and its leave-one-annotator-set-out figures). Inference is pure Python; the coder calls
the tagger only when the file says ``enabled: true``.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from shiju.events.lexicon import PLOVER_TYPES

MASK = {"state": "Ⓢ", "person": "Ⓟ", "organization": "Ⓞ", "group": "Ⓖ", "location": "Ⓛ", "office": "Ⓕ"}
_MASKS = frozenset(MASK.values()) | {"Ⓐ"}
_PUNCT = set("，。；！？、,;!?：:（）()《》“”「」『』\"' \t\n　…—-·")
_CLAUSE_STOPS = frozenset("，。；！？,;!?：:")


class TaggerError(ValueError):
    """A tagger data file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class TaggerModel:
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per PLOVER type ("no trigger" is 0)
    bias: tuple[float, ...]
    add_threshold: float  # a word without a lexicon trigger becomes one at this probability
    retype_threshold: float  # a lexicon trigger takes the tagger's type at this probability (1: never)
    enabled: bool
    markers: tuple[str, ...] = ()  # marker words before the word in its clause (typer_features.yaml before)
    gate_margin: float = 1.5  # a word whose own features (word_features) stay this far (logit) below the add
    # threshold for every type is not scored in its sentence: context features cannot lift it that far
    memo: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)  # the gate per
    # (word, lexicon type): a pure function of the immutable weights, kept with them (bounded in passes())


@dataclass(frozen=True)
class Token:
    word: str  # the word, or the mask of an actor mention
    start: int
    end: int
    clause: int  # index of the clause the token sits in (punctuation splits clauses)


@dataclass(frozen=True)
class Proposal:
    start: int
    end: int
    type: str
    probability: float


# ------------------------------------------------------------------------------------------ loading
def _vector(path: Path, what: str, v: Any) -> tuple[float, ...]:
    parts = str(v).split()
    if len(parts) != len(PLOVER_TYPES):
        raise TaggerError(f"{path}: {what} needs {len(PLOVER_TYPES)} numbers (one per PLOVER type), got {len(parts)}")
    try:
        vec = tuple(map(float, parts))
    except ValueError as exc:
        raise TaggerError(f"{path}: {what} holds a value that is not a number: {v!r}") from exc
    if not all(map(math.isfinite, vec)):
        raise TaggerError(f"{path}: {what} holds a value that is not finite: {v!r}")
    return vec


def _threshold(path: Path, data: dict[str, Any], key: str, default: float) -> float:
    try:
        x = float(data.get(key, default))
    except (TypeError, ValueError) as exc:
        raise TaggerError(f"{path}: {key} is not a number: {data.get(key)!r}") from exc
    if not 0.0 < x <= 1.0:
        raise TaggerError(f"{path}: {key} must lie in (0, 1], got {x}")
    return x


def load_model(path: str | Path, markers: tuple[str, ...] = ()) -> TaggerModel:
    """The tagger's weights file; TaggerError naming the file when it is malformed."""
    import yaml

    from shiju.data import parse_yaml

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
        # a switched-off tagger's weights are not parsed: the settings before `weights:` say it is off
        cut = text.find("\nweights:")
        head = parse_yaml(text[:cut]) if cut >= 0 else None
        off = isinstance(head, dict) and head.get("enabled") is False
        data = head if off else parse_yaml(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TaggerError(f"{p}: cannot read the tagger weights: {exc}") from exc
    if not isinstance(data, dict):
        raise TaggerError(f"{p}: expected a mapping with enabled, thresholds, bias and weights")
    enabled = data.get("enabled", False)
    if not isinstance(enabled, bool):
        raise TaggerError(f"{p}: enabled must be true or false, got {enabled!r}")
    weights = data.get("weights") or {}
    if not isinstance(weights, dict):
        raise TaggerError(f"{p}: weights must be a mapping feature -> numbers")
    return TaggerModel(
        weights={str(f): _vector(p, f"weight of {f!r}", v) for f, v in weights.items()},
        bias=_vector(p, "bias", data.get("bias", " ".join(["0"] * len(PLOVER_TYPES)))),
        add_threshold=_threshold(p, data, "add_threshold", 0.5),
        retype_threshold=_threshold(p, data, "retype_threshold", 1.0),
        enabled=enabled, markers=markers, gate_margin=_margin(p, data))


def _margin(path: Path, data: dict[str, Any]) -> float:
    try:
        x = float(data.get("gate_margin", 1.5))
    except (TypeError, ValueError) as exc:
        raise TaggerError(f"{path}: gate_margin is not a number: {data.get('gate_margin')!r}") from exc
    if not x >= 0.0 or not math.isfinite(x):
        raise TaggerError(f"{path}: gate_margin must be a finite number >= 0, got {x}")
    return x


_MEMO_LIMIT = 200_000


def passes(model: TaggerModel, word: str, lt: str, pieces: dict[str, tuple[str, ...]] | None) -> bool:
    """Whether a word's own features (``word_features``) leave it within ``gate_margin`` of the add
    threshold for some type (only such words are scored in their sentence)."""
    key = (word, lt)
    hit = model.memo.get(key)
    if hit is None:
        s = map(sum, zip(model.bias, *filter(None, map(model.weights.get, word_features(word, lt, pieces)))))
        hit = max(s) >= _logit(model.add_threshold) - model.gate_margin
        if len(model.memo) >= _MEMO_LIMIT:
            model.memo.clear()
        model.memo[key] = hit
    return hit


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p)) if p < 1.0 else math.inf


def marker_words(data_dir: str | None = None) -> tuple[str, ...]:
    """The marker words (typer_features.yaml ``before``), longest first."""
    from shiju.data import load_yaml

    words = load_yaml("events", "typer_features.yaml", data_dir=data_dir).get("before") or []
    return tuple(sorted({str(w) for w in words if w}, key=lambda w: (-len(w), w)))


def get_model(ctx: Any) -> TaggerModel:
    """The packaged (or ``ctx.data_dir``) tagger, loaded once per context."""
    def load() -> TaggerModel:
        from shiju.data import data_path

        data_dir = getattr(ctx, "data_dir", None)
        return load_model(data_path("events", "tagger.yaml", data_dir=data_dir), marker_words(data_dir))

    return ctx.resource("events.tagger", load)


# ------------------------------------------------------------------------------------------ features
def tokens(text: str, ss: int, se: int, mentions: list[tuple[int, int, str]], actors: dict[str, Any]) -> list[Token]:
    """The words of text[ss:se] (rjieba; punctuation dropped, it only separates clauses), each actor
    mention of ``mentions`` (sorted by start; nested ones skipped) one masked token; offsets in the part."""
    import rjieba

    out: list[Token] = []
    clause = 0
    pos = ss

    def words(a: int, b: int) -> None:
        nonlocal clause
        if b <= a:
            return
        for w, s, e in rjieba.tokenize(text[a:b]):
            if not w.strip():
                continue
            if _PUNCT.issuperset(w):
                if any(ch in _CLAUSE_STOPS for ch in w):
                    clause += 1
                continue
            out.append(Token(w, a + s, a + e, clause))

    for s, e, aid in mentions:
        if s < pos or s < ss or e > se:
            continue
        words(pos, s)
        out.append(Token(MASK.get(getattr(actors.get(aid), "type", ""), "Ⓐ"), s, e, clause))
        pos = e
    words(pos, se)
    return out


def _bucket_len(n: int) -> str:
    return str(n) if n < 4 else "4+"


def lexicon_pieces(lex: Any) -> dict[str, tuple[str, ...]]:
    """Each two-character piece of the lexicon's literal triggers -> the types of the triggers holding it:
    a word the lexicon lacks may share a piece with a longer trigger it has."""
    out: dict[str, set[str]] = {}
    for t in lex.triggers:
        if t.regex is None:
            for k in range(len(t.key) - 1):
                out.setdefault(t.key[k:k + 2], set()).add(t.type)
    return {p: tuple(sorted(ts)) for p, ts in out.items()}


def word_features(w: str, lt: str, pieces: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The features of a word by itself and the lexicon's reading of it (``lt``: its type or "-"): the
    part of ``features`` that does not depend on the sentence."""
    f = ["w=" + w, "lex=" + lt, f"lexw={lt}_{w}", "len=" + _bucket_len(len(w)), "c0=" + w[0], "cl=" + w[-1]]
    if len(w) > 1:
        f += ["c=" + ch for ch in dict.fromkeys(w)]
        if len(w) > 2:
            f += ["h2=" + w[:2], "t2=" + w[-2:]]
        if pieces:
            f += ["piece=" + ty for ty in dict.fromkeys(ty for k in range(len(w) - 1) for ty in pieces.get(w[k:k + 2], ()))]
    return f


def features(toks: list[Token], i: int, lex_types: list[str], markers: tuple[str, ...], in_quote: bool,
             title: bool, pieces: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The general features of word ``i`` (see the module doc). ``lex_types``: per token, the type of the
    lexicon trigger covering it ("" when none); ``pieces``: ``lexicon_pieces``."""
    t = toks[i]
    w = t.word
    n = len(toks)
    prev1 = toks[i - 1].word if i > 0 else "<s>"
    prev2 = toks[i - 2].word if i > 1 else "<s>"
    next1 = toks[i + 1].word if i + 1 < n else "</s>"
    next2 = toks[i + 2].word if i + 2 < n else "</s>"
    lt = lex_types[i] or "-"
    f = word_features(w, lt, pieces)
    f += ["p1=" + prev1, "n1=" + next1, "p2=" + prev2, "n2=" + next2, f"pw={prev1}_{w}", f"wn={w}_{next1}"]
    if i > 0 and lex_types[i - 1]:
        f.append("lex_prev=" + lex_types[i - 1])
    if i + 1 < n and lex_types[i + 1]:
        f.append("lex_next=" + lex_types[i + 1])
    # the clause: actors before / after the word, marker words before it
    k = i
    while k > 0 and toks[k - 1].clause == t.clause:
        k -= 1
    m = i
    while m + 1 < n and toks[m + 1].clause == t.clause:
        m += 1
    before = [x.word for x in toks[k:i]]
    after = [x.word for x in toks[i + 1:m + 1]]
    acts_before = [x for x in before if x in _MASKS]
    acts_after = [x for x in after if x in _MASKS]
    f.append("ab=" + (acts_before[-1] if acts_before else "0"))
    f.append("aa=" + (acts_after[0] if acts_after else "0"))
    if prev1 in _MASKS:
        f.append("p1act")
    if next1 in _MASKS:
        f.append("n1act")
    f.append(f"clause={'first' if t.clause == 0 else 'later'}")
    if before:
        joined = "".join(x for x in before[-6:] if x not in _MASKS)
        for mk in markers:
            if mk in joined:
                f.append("mk=" + mk)
    if lt != "-":
        f.append(f"lex_{lt}_ab={'1' if acts_before else '0'}_aa={'1' if acts_after else '0'}")
    if in_quote:
        f.append("quote")
    if title:
        f.append("title")
    return f


def sentence_features(text: str, ss: int, se: int, mentions: list[tuple[int, int, str]], actors: dict[str, Any],
                      lex_found: list[tuple[int, int, Any]], quotes: list[tuple[int, int]], title: bool,
                      markers: tuple[str, ...], lex: Any = None, unlexed_only: bool = False,
                      gate: Callable[[str, str], bool] | None = None
                      ) -> tuple[list[Token], list[list[str] | None], list[str]]:
    """The tokens of a sentence, the features of each (None for a masked actor, a number or a Latin word,
    which are never triggers; with ``unlexed_only``, also for a word under a lexicon trigger) and the
    lexicon's type per token. ``lex_found``: the lexicon's (start, end, trigger) matches in the sentence
    (part offsets); ``lex``: the lexicon (for the pieces of its triggers); ``gate(word, lexicon type)``:
    False leaves a word out (None) before its sentence features are built."""
    pieces = lex.derived("tagger_pieces", lexicon_pieces) if lex is not None else None
    toks = tokens(text, ss, se, mentions, actors)
    lex_types = []
    for t in toks:
        lt = ""
        if t.word not in _MASKS:
            for a, b, trig in lex_found:
                if a < t.end and t.start < b:
                    lt = trig.type
                    break
        lex_types.append(lt)
    feats: list[list[str] | None] = []
    for i, t in enumerate(toks):
        if t.word in _MASKS or t.word.isascii() or (unlexed_only and lex_types[i]) or (
                gate is not None and not gate(t.word, lex_types[i] or "-")):
            feats.append(None)
            continue
        in_q = any(a <= t.start < b for a, b in quotes)
        feats.append(features(toks, i, lex_types, markers, in_q, title, pieces))
    return toks, feats, lex_types


# ------------------------------------------------------------------------------------------ scoring
def probabilities(model: TaggerModel, feats: list[str]) -> list[float]:
    """p(the word is a trigger of each type), PLOVER_TYPES order (the rest is "no trigger")."""
    s = list(map(sum, zip(model.bias, *filter(None, map(model.weights.get, feats)))))
    top = max(0.0, max(s))
    ex = [math.exp(v - top) for v in s]
    z = math.exp(-top) + sum(ex)
    return [v / z for v in ex]


def propose(model: TaggerModel, toks: list[Token], feats: list[list[str] | None], lex_types: list[str]
            ) -> tuple[list[Proposal], list[Proposal]]:
    """(additions, retypings): words without a lexicon trigger whose best type reaches ``add_threshold``
    (adjacent words of one type merged into one span), and words under a lexicon trigger the tagger types
    otherwise at ``retype_threshold`` or more."""
    adds: list[Proposal] = []
    retypes: list[Proposal] = []
    for i, (t, fs) in enumerate(zip(toks, feats)):
        if fs is None:
            continue
        ps = probabilities(model, fs)
        k = max(range(len(ps)), key=ps.__getitem__)
        p, ty = ps[k], PLOVER_TYPES[k]
        if not lex_types[i]:
            if p >= model.add_threshold:
                last = adds[-1] if adds else None
                if last is not None and last.type == ty and i > 0 and toks[i - 1].end == last.end \
                        and toks[i - 1].clause == t.clause:
                    adds[-1] = Proposal(last.start, t.end, ty, max(p, last.probability))
                else:
                    adds.append(Proposal(t.start, t.end, ty, p))
        elif ty != lex_types[i] and p >= model.retype_threshold:
            retypes.append(Proposal(t.start, t.end, ty, p))
    return adds, retypes


def _commonest_frames(lex: Any) -> dict[str, str]:
    """Per type, the frame most of the lexicon's triggers of that type use (ties: the first listed)."""
    counts: dict[str, dict[str, int]] = {}
    for t in lex.triggers:
        c = counts.setdefault(t.type, {})
        c[t.frame] = c.get(t.frame, 0) + 1
    return {ty: max(c, key=lambda fr: c[fr]) for ty, c in counts.items()}


def with_proposals(model: TaggerModel, found: list[tuple[int, int, Any]], text: str, ss: int, se: int,
                   mentions: list[tuple[int, int, str]], actors: dict[str, Any], quotes: list[tuple[int, int]],
                   title: bool, lex: Any) -> list[tuple[int, int, Any]]:
    """The lexicon's matches of a sentence (``found``: (start, end, trigger), part offsets) with the tagger's
    proposals: new triggers where the lexicon has none, and lexicon triggers retyped (those that govern a
    complement keep their type: the complement rules type them). Sorted by start, without overlaps.
    ``mentions``: the part's actor mentions sorted by start; a sentence naming no actor is left as it is."""
    from dataclasses import replace

    from shiju.events.lexicon import Trigger

    k = bisect.bisect_left(mentions, (ss,))
    if k == len(mentions) or mentions[k][0] >= se:
        return found  # no actor named in the sentence: the detector's and the rules' view of where events are
    pieces = lex.derived("tagger_pieces", lexicon_pieces)
    # only additions: a word far from the add threshold is not scored
    gate = None if model.retype_threshold < 1.0 else (lambda word, lt: passes(model, word, lt, pieces))
    toks, feats, lex_types = sentence_features(text, ss, se, mentions, actors, found, quotes, title, model.markers,
                                               lex, unlexed_only=model.retype_threshold >= 1.0, gate=gate)
    adds, retypes = propose(model, toks, feats, lex_types)
    if not adds and not retypes:
        return found
    out = list(found)
    for r in retypes:
        for k, (a, b, trig) in enumerate(out):
            if a < r.end and r.start < b and trig.type != r.type and not trig.complement:
                mode = trig.mode if trig.mode in lex.types[r.type].modes else None
                out[k] = (a, b, replace(trig, type=r.type, mode=mode, civil_type=None, single_type=None,
                                        targeted_type=None, foreign_type=None, own_act_type=None))
                break
    if adds:
        frames = lex.derived("tagger_frames", _commonest_frames)
        for p in adds:
            if any(a < p.end and p.start < b for a, b, _ in found):
                continue
            out.append((p.start, p.end, Trigger(key="tagger:" + text[p.start:p.end], type=p.type,
                                                frame=frames.get(p.type, "directed"))))
        out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    return out


__all__ = ["with_proposals", "MASK", "Proposal", "TaggerError", "TaggerModel", "Token", "features", "get_model", "load_model",
           "marker_words", "probabilities", "propose", "sentence_features", "tokens"]
