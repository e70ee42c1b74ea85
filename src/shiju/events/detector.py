"""A learned event detector: events of a type the rules did not code in a sentence.

The rule coder finds events through its trigger lexicon; a gold event whose wording has no trigger (表达
关切, 奉劝, 必将遭到迎头痛击) or whose trigger the guards rejected is lost. This detector looks at every
clause of the body sentences (not the title line) that hold at least one linked actor mention and scores
it for each of the 16 PLOVER types with a one-vs-rest logistic regression over general features: the
clause's words (rjieba segmentation) and word bigrams with every actor mention masked to its actor type
(Ⓢ state, Ⓟ person, Ⓞ organisation, …), the words right before and after each masked actor, the first
word after the clause's first actor (the predicate of the subject) or the clause's first word, the
clause's place in the sentence, the types the rules coded in the clause and in the sentence, the number
and kinds of actors in the sentence, its length, whether it sits in a quote. No feature names an actor.

For a type T with probability >= ``threshold`` where the rules have no event of type T in the sentence,
one event of type T (the sentence's most probable clause) is proposed at its cue, the word of the clause
with the largest weight for T. The coder (coder.detected_events) gives it the arguments the rules give a
plain directed verb there, then the argument chooser's, and a date and flags as for a rule event; a
negated or hypothetical proposal is dropped.

Weights: ``data/events/detector.yaml`` (reviewable; written by ``python -m shiju.events.train_detector``,
which records its training data and cross-validated figures). Inference is pure Python; the coder calls
the detector only when the file says ``enabled: true``.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from shiju.events.lexicon import PLOVER_TYPES

MASK = {"state": "Ⓢ", "person": "Ⓟ", "organization": "Ⓞ", "group": "Ⓖ", "location": "Ⓛ", "office": "Ⓕ"}
_PUNCT = set("，。；！？、,;!?：:（）()《》“”「」『』\"' \t\n　…—-")


class DetectorError(ValueError):
    """A detector data file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class DetectorModel:
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per type (PLOVER_TYPES order)
    bias: tuple[float, ...]
    threshold: float
    enabled: bool


@dataclass(frozen=True)
class Sentence:
    """One clause the detector scores, in its sentence: ``start``/``end`` the sentence and
    ``clause_start``/``clause_end`` the clause, offsets in ``part`` (the Simplified view's offsets equal
    the original's); ``tokens``: the clause's (word, start, end), a masked actor one token spanning its
    mention; ``rule_types``: the types the rules coded in the sentence."""

    part: str
    start: int
    end: int
    clause_start: int
    clause_end: int
    tokens: tuple[tuple[str, int, int], ...]
    rule_types: frozenset[str]
    features: tuple[str, ...]
    triggers: tuple[tuple[str, int, int], ...] = ()  # (type, start, end) of the lexicon's triggers in the clause


# ------------------------------------------------------------------------------------------ loading
def _num(path: Path, what: str, v: Any) -> float:
    try:
        x = float(v)
    except (TypeError, ValueError) as exc:
        raise DetectorError(f"{path}: {what} is not a number: {v!r}") from exc
    if math.isnan(x) or math.isinf(x):
        raise DetectorError(f"{path}: {what} is not finite: {v!r}")
    return x


def _vector(path: Path, what: str, v: Any) -> tuple[float, ...]:
    parts = str(v).split()
    if len(parts) != len(PLOVER_TYPES):
        raise DetectorError(f"{path}: {what} needs {len(PLOVER_TYPES)} numbers (one per PLOVER type), "
                            f"got {len(parts)}")
    try:  # the common case in one go; a bad number is named by the per-value check below
        vec = tuple(map(float, parts))
        if all(map(math.isfinite, vec)):
            return vec
    except ValueError:
        pass
    return tuple(_num(path, what, x) for x in parts)


def load_model(path: str | Path) -> DetectorModel:
    """The detector's weights file; DetectorError naming the file when it is malformed."""
    import yaml

    from shiju.data import parse_yaml

    p = Path(path)
    try:
        data = parse_yaml(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DetectorError(f"{p}: cannot read the detector weights: {exc}") from exc
    if not isinstance(data, dict):
        raise DetectorError(f"{p}: expected a mapping with enabled, threshold, bias and weights")
    enabled = data.get("enabled", False)
    if not isinstance(enabled, bool):
        raise DetectorError(f"{p}: enabled must be true or false, got {enabled!r}")
    weights = data.get("weights") or {}
    if not isinstance(weights, dict):
        raise DetectorError(f"{p}: weights must be a mapping feature -> numbers")
    thr = _num(p, "threshold", data.get("threshold", 0.5))
    if not 0.0 < thr < 1.0:
        raise DetectorError(f"{p}: threshold must lie between 0 and 1, got {thr}")
    return DetectorModel(weights={str(f): _vector(p, f"weight of {f!r}", v) for f, v in weights.items()},
                         bias=_vector(p, "bias", data.get("bias", " ".join(["0"] * len(PLOVER_TYPES)))),
                         threshold=thr, enabled=enabled)


def get_model(ctx: Any) -> DetectorModel:
    """The packaged (or ``ctx.data_dir``) detector, loaded once per context."""
    def load() -> DetectorModel:
        from shiju.data import data_path

        return load_model(data_path("events", "detector.yaml", data_dir=getattr(ctx, "data_dir", None)))

    return ctx.resource("events.detector", load)


# ------------------------------------------------------------------------------------------ features
def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _tokens(text: str, ss: int, se: int, mentions: list[tuple[int, int, str]],
            actors: dict[str, Any]) -> list[tuple[str, int, int]]:
    """Words of text[ss:se] with each actor mention one mask token; offsets in the part."""
    import rjieba

    out: list[tuple[str, int, int]] = []
    pos = ss

    def words(a: int, b: int) -> None:
        if b > a:  # blanks and punctuation dropped here (a mask token is neither)
            out.extend([(w, a + s, a + e) for w, s, e in rjieba.tokenize(text[a:b])
                        if w.strip() and not punct(w)])

    punct = _PUNCT.issuperset

    for s, e, aid in mentions:
        if s < pos:
            continue  # nested / overlapping mention: the outer one masks it
        words(pos, s)
        a = actors.get(aid)
        out.append((MASK.get(getattr(a, "type", ""), "Ⓐ"), s, e))
        pos = e
    words(pos, se)
    return out


def _is_mask(w: str) -> bool:
    return w in _MASKS


_MASKS = frozenset(MASK.values()) | {"Ⓐ"}


def clause_features(tokens: list[tuple[str, int, int]], sent_tokens: list[tuple[str, int, int]],
                    text: str, ss: int, se: int, clause_no: int, n_clauses: int, clause_types: frozenset[str],
                    rule_types: frozenset[str], in_quote: bool,
                    sentence_part: list[str] | None = None) -> tuple[str, ...]:
    """The general features of one clause in its sentence (see the module doc). ``sentence_part``: the
    features that depend on the sentence only (``sentence_features``), when the caller computed them once
    for all the sentence's clauses."""
    masks = _MASKS
    words = [w for w, _, _ in tokens]
    f = ["w=" + w for w in words]
    f += [f"b={a}_{b}" for a, b in zip(words, words[1:])]
    first = None
    last = len(words) - 1
    for k, w in enumerate(words):
        if w in masks:
            if first is None:
                first = k
            if k > 0 and words[k - 1] not in masks:
                f.append("pre_act=" + words[k - 1])
            if k < last and words[k + 1] not in masks:
                f.append("post_act=" + words[k + 1])
    if first is not None:
        nxt = next((w for w in words[first + 1:] if w not in masks), None)
        if nxt:
            f.append("pred=" + nxt)
        f.append("clause_actor")
    else:
        f.append("clause_no_actor")
        if words:
            f.append("head=" + words[0])  # a clause continuing the sentence's subject: its first word
    f.append(f"clause_at={'first' if clause_no == 0 else ('last' if clause_no == n_clauses - 1 else 'mid')}")
    f += [f"rule={t}" for t in sorted(clause_types)] or ["rule=none"]
    if sentence_part is None:
        sentence_part = sentence_features(sent_tokens, text, ss, se, rule_types, in_quote)
    f += sentence_part
    return tuple(dict.fromkeys(f))


def sentence_features(sent_tokens: list[tuple[str, int, int]], text: str, ss: int, se: int,
                      rule_types: frozenset[str], in_quote: bool) -> list[str]:
    """The features of a clause that depend on its sentence only (the tail of ``clause_features``)."""
    f = [f"srule={t}" for t in sorted(rule_types)] or ["srule=none"]
    sm = [w for w, _, _ in sent_tokens if w in _MASKS]
    f.append(f"nact={_bucket(len(sm), (1, 2, 3))}")
    f.append("kinds=" + "".join(sorted(set(sm))))
    f.append("len=" + _bucket(se - ss, (20, 40, 80, 160)))
    if in_quote:
        f.append("in_quote")
    if "？" in text[ss:se] or "?" in text[ss:se]:
        f.append("question")
    return f


def sentences_of(doc: Any, events: list[Any], headline_end: int, lexicon: Any = None) -> Iterator[Sentence]:
    """Every clause of the body sentences after the title line that have a linked actor mention.
    ``lexicon``: the event lexicon, whose triggers in the clause (those the rules' guards rejected too)
    give the features ``lex=<type>``."""
    from shiju.events.arguments import clauses
    from shiju.text.sentences import sentences

    actors = {a.id: a for a in doc.actors}
    part = "body"
    try:
        text = doc.view(part).simplified
    except KeyError:
        return
    ms = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions if m.part == part)
    starts = [m[0] for m in ms]
    quotes = [q for q in doc.quotes if q.part == part]
    coded: list[tuple[int, int, str]] = []  # (sentence start, trigger position, type) of the rules' events
    for ev in events:
        if ev.part == part:
            coded.append((ev.start, ev.trigger_start if ev.trigger_start is not None else ev.start, ev.type))
            for ek in getattr(ev, "evidence", None) or []:
                if getattr(ek, "part", part) == part:
                    coded.append((ek.start, ek.start, ev.type))
    for ss, se in sentences(doc.part_text(part)):
        if ss < headline_end:
            continue
        sm = [m for m in ms[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, se)] if m[1] <= se]
        if not sm:
            continue
        rule_types = frozenset(t for s0, _, t in coded if ss <= s0 < se)
        toks = _tokens(text, ss, se, sm, actors)
        in_quote = any(q.start <= (ss + se) // 2 < q.end for q in quotes)
        cls = clauses(text, ss, se)
        sent_coded = [(p, t) for s0, p, t in coded if ss <= s0 < se]
        sent_part = sentence_features(toks, text, ss, se, rule_types, in_quote)  # once for its clauses
        tok_starts = [t[1] for t in toks]  # increasing: the clause's tokens are a slice
        for k, (cs, ce) in enumerate(cls):
            ct = toks[bisect.bisect_left(tok_starts, cs):bisect.bisect_left(tok_starts, ce)]
            if not ct:
                continue
            clause_types = frozenset(t for p, t in sent_coded if cs <= p < ce)
            feats = clause_features(ct, toks, text, ss, se, k, len(cls), clause_types, rule_types, in_quote,
                                    sent_part)
            found: tuple[tuple[str, int, int], ...] = ()
            if lexicon is not None:
                found = tuple((t.type, cs + a, cs + b) for a, b, t in lexicon.find(text[cs:ce]))
                feats += tuple(dict.fromkeys(f"lex={t}" for t, _, _ in found))
            yield Sentence(part, ss, se, cs, ce, tuple(ct), rule_types, feats, found)


# ------------------------------------------------------------------------------------------ scoring
def probabilities(model: DetectorModel, features: tuple[str, ...] | list[str]) -> list[float]:
    """p(an uncoded event of each type in the sentence), PLOVER_TYPES order."""
    return [_sigmoid(v) for v in _scores(model, features)]


def _sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, v))))


def _scores(model: DetectorModel, features: tuple[str, ...] | list[str]) -> list[float]:
    """The 16 logits: bias plus each known feature's weights, added in feature order. One column sum per
    type over (bias, w1, w2, …): Python 3.11's float sum() adds left to right from 0, so the result is
    bit-identical to a per-feature loop (tests/test_speed_session8.py) at two thirds of its cost."""
    return list(map(sum, zip(model.bias, *filter(None, map(model.weights.get, features)))))


def cue(model: DetectorModel, sent: Sentence, type_index: int) -> tuple[int, int]:
    """Offsets of the cue the event is anchored at: a lexicon trigger of the type in the clause (one the
    rules' guards rejected), else the word that speaks most for the type (the first non-actor word when
    no word has a positive weight)."""
    t = PLOVER_TYPES[type_index]
    lexical = next(((s, e) for ty, s, e in sent.triggers if ty == t), None)
    if lexical is not None:
        return lexical
    best, best_w = None, 0.0
    for w, s, e in sent.tokens:
        if _is_mask(w):
            continue
        x = model.weights.get(f"w={w}")
        if x is not None and x[type_index] > best_w:
            best, best_w = (s, e), x[type_index]
    if best is None:
        best = next(((s, e) for w, s, e in sent.tokens if not _is_mask(w)), (sent.clause_start, sent.clause_start))
    return best


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def proposals(model: DetectorModel, sent: Sentence) -> list[tuple[str, float, int, int]]:
    """(type, probability, cue start, cue end) of each type the detector adds in the sentence."""
    out = []
    # a logit well below the threshold's cannot reach it: the sigmoid only for the types that may
    floor = _logit(model.threshold) - 1e-6
    for k, v in enumerate(_scores(model, sent.features)):
        if v < floor:
            continue
        p = _sigmoid(v)
        t = PLOVER_TYPES[k]
        if p >= model.threshold and t not in sent.rule_types:
            s, e = cue(model, sent, k)
            out.append((t, p, s, e))
    return out


__all__ = ["DetectorError", "DetectorModel", "MASK", "Sentence", "cue", "get_model", "load_model",
           "probabilities", "proposals", "clause_features", "sentence_features", "sentences_of"]
