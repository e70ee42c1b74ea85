"""A learned event typer: is a trigger candidate an event, and of which PLOVER type?

The rule coder (coder.py) finds trigger candidates with the lexicon (data/events/triggers.yaml), rejects
some with guards (topics, references, background, habits…) and types the rest by rules (complements,
arguments, refusals). When this typer is enabled, every lexicon match of a sentence — the ones the guards
reject too — is described by general features and a multinomial logistic regression over the 16 PLOVER
types and "none" decides: "none" drops the candidate, a type replaces the rules' type. The arguments,
modes, flags and dates stay the rules'.

Features (no actor is named; names are masked to their actor type): the trigger word, its lexicon entry
(type, frame, part of speech, mode, the alternative types it names), the rules' verdict (their final
type, or why they dropped it), characters and masked tokens next to the trigger, marker words of
data/events/typer_features.yaml in the clause before or right after it, what the rules' arguments found
(actor, recipient), whether it sits in a quote, a reported sentence or after a speech verb, title or body
or comment, and a few conjunctions with the trigger's lexicon type.

Weights: data/events/typer.yaml (reviewable; written by ``python -m shiju.events.train_typer``, which
records its training data and cross-validated figures). Inference is pure Python.
"""
from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from shiju.events.lexicon import PLOVER_TYPES, Trigger

NONE = "none"
LABELS: tuple[str, ...] = PLOVER_TYPES + (NONE,)
_MASK = {"state": "Ⓢ", "person": "Ⓟ", "organization": "Ⓞ", "group": "Ⓖ", "location": "Ⓛ", "office": "Ⓕ"}
_PUNCT = "，。；！？、,;!?：:"


class TyperError(ValueError):
    """A typer data file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class FeatureWords:
    before: tuple[str, ...]
    after: tuple[str, ...]
    report: tuple[str, ...]
    speech: tuple[str, ...]


@dataclass(frozen=True)
class TyperModel:
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per label (LABELS order)
    bias: tuple[float, ...]
    none_margin: float  # a type wins only when p(type) >= none_margin * p(none)
    enabled: bool
    words: FeatureWords


@dataclass(frozen=True)
class Candidate:
    """One trigger candidate as the typer saw it: ``start``/``end`` are offsets in the original text of
    ``part`` (``doc.part_text(part)[start:end] == trigger``)."""

    part: str
    start: int
    end: int
    trigger: str
    verdict: str  # the rules' verdict: their final type, or why they dropped the candidate
    features: tuple[str, ...]


# ------------------------------------------------------------------------------------------ loading
def _read_yaml(path: Path, what: str) -> Any:
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TyperError(f"{path}: cannot read {what}: {exc}") from exc


def load_words(path: str | Path) -> FeatureWords:
    """The marker lists of typer_features.yaml; a malformed file raises TyperError naming it."""
    path = Path(path)
    d = _read_yaml(path, "typer features")
    if not isinstance(d, dict):
        raise TyperError(f"{path}: expected a mapping with before/after/report/speech")
    out = {}
    for key in ("before", "after", "report", "speech"):
        v = d.get(key)
        if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
            raise TyperError(f"{path}: `{key}` must be a list of non-empty strings")
        out[key] = tuple(dict.fromkeys(v))
    return FeatureWords(**out)


def load_model(path: str | Path, words: FeatureWords) -> TyperModel:
    """The weights file; a malformed one raises TyperError with the file and the reason."""
    path = Path(path)
    d = _read_yaml(path, "typer weights")
    if not isinstance(d, dict):
        raise TyperError(f"{path}: expected a mapping with enabled/labels/bias/none_margin/weights")
    if not isinstance(d.get("enabled"), bool):
        raise TyperError(f"{path}: `enabled` must be true or false")
    if d.get("labels") != list(LABELS):
        raise TyperError(f"{path}: `labels` must be exactly {list(LABELS)}")
    n = len(LABELS)

    def vec(key: str, v: Any) -> tuple[float, ...]:
        # a weight vector is one string of numbers (YAML reads thousands of strings far faster than lists
        # of floats: the file loads in milliseconds, not seconds)
        try:
            xs = tuple(float(x) for x in v.split()) if isinstance(v, str) else ()
        except ValueError:
            xs = ()
        if len(xs) != n or not all(math.isfinite(x) for x in xs):
            raise TyperError(f"{path}: `{key}` must be a string of {n} numbers (one per label), got {v!r}")
        return xs

    bias = vec("bias", d.get("bias"))
    margin = d.get("none_margin")
    if not isinstance(margin, (int, float)) or isinstance(margin, bool) or not 0 < margin < 100:
        raise TyperError(f"{path}: `none_margin` must be a positive number, got {margin!r}")
    w = d.get("weights")
    if not isinstance(w, dict):
        raise TyperError(f"{path}: `weights` must be a mapping of feature -> [{n} numbers]")
    weights = {str(k): vec(f"weights.{k}", v) for k, v in w.items()}
    return TyperModel(weights=weights, bias=bias, none_margin=float(margin), enabled=d["enabled"], words=words)


def get_model(ctx: Any) -> TyperModel:
    """The packaged (or ``ctx.data_dir``) typer, loaded once per context."""
    def load() -> TyperModel:
        from shiju.data import data_path

        dd = getattr(ctx, "data_dir", None)
        words = load_words(data_path("events", "typer_features.yaml", data_dir=dd))
        return load_model(data_path("events", "typer.yaml", data_dir=dd), words)

    return ctx.resource("events.typer", load)


def is_enabled(ctx: Any) -> bool:
    """Whether the coder uses the typer: a model set on the context decides; else the packaged (or
    ``ctx.data_dir``) file, whose weights are not parsed when it says ``enabled: false``."""
    if "events.typer" not in ctx._resources:
        def on() -> bool:
            from shiju.data import data_path, switched_off

            return not switched_off(data_path("events", "typer.yaml", data_dir=getattr(ctx, "data_dir", None)))

        if not ctx.resource("events.typer.on", on):
            return False
    return get_model(ctx).enabled


def use_model(ctx: Any, model: TyperModel) -> None:
    """Make ``ctx`` use ``model`` (training and cross-validation try weights without writing them)."""
    ctx.provide("events.typer", model)


# ------------------------------------------------------------------------------------------ recording
_recorded: list[list[Candidate]] | None = None


@contextlib.contextmanager
def recording() -> Iterator[list[list[Candidate]]]:
    """Within the block, the coder appends each document's candidates (one list per document)."""
    global _recorded
    saved, _recorded = _recorded, []
    try:
        yield _recorded
    finally:
        _recorded = saved


def is_recording() -> bool:
    return _recorded is not None


def record(cands: list[Candidate]) -> None:
    if _recorded is not None:
        _recorded.append(cands)


# ------------------------------------------------------------------------------------------ features
def _masked(text: str, lo: int, hi: int, mentions: list[tuple[int, int, str]]) -> str:
    """``text[lo:hi]`` with every actor mention inside it replaced by one symbol of its actor type."""
    out: list[str] = []
    k = lo
    for s, e, kind in mentions:
        if e <= lo or s >= hi or s < k:
            continue
        out.append(text[k:s])
        out.append(_MASK.get(kind, "Ⓧ"))
        k = min(e, hi)
    out.append(text[k:hi])
    return "".join(out)


def features(text: str, sent: tuple[int, int], clause: tuple[int, int], ts: int, te: int, trig: Trigger,
             verdict: str, args: Any, part_kind: str, mentions: list[tuple[int, int, str]],
             in_quote: bool, words: FeatureWords) -> list[str]:
    """The features of the trigger ``text[ts:te]`` (``mentions``: (start, end, actor type) of the
    sentence's mentions, sorted; ``part_kind``: title / body / comment)."""
    ss, se = sent
    cs, ce = clause
    w = text[ts:te]
    lt = trig.type
    f = ["b", f"w={w}", f"lt={lt}", f"fr={trig.frame}", f"pos={trig.pos}", f"lm={trig.mode or '-'}",
         f"v={verdict}", f"v={verdict}|lt={lt}", f"w={w}|v={verdict}", f"part={part_kind}", f"pos={trig.pos}|lt={lt}"]
    if verdict == lt:
        f.append("v=lexicon")
    for alt in ("civil_type", "targeted_type", "foreign_type", "single_type", "own_act_type"):
        t = getattr(trig, alt)
        if t:
            f.append(f"alt={t}")
    if trig.complement:
        f.append(f"comp={trig.complement}")
    if trig.regex is not None:
        f.append("regex")
    before = _masked(text, max(cs, ts - 6), ts, mentions)
    after = _masked(text, te, min(ce, te + 6), mentions)
    b1, b2 = before[-1:] or "^", before[-2:] if len(before) >= 2 else "^" + before
    a1, a2 = after[:1] or "$", after[:2] if len(after) >= 2 else after + "$"
    f += [f"b1={b1}", f"b2={b2}", f"a1={a1}", f"a2={a2}", f"b1={b1}|lt={lt}", f"a1={a1}|lt={lt}"]
    for ch in set(before):
        f.append(f"bc={ch}")
    for ch in set(after):
        f.append(f"ac={ch}")
    pre = text[cs:ts]
    for m in words.before:
        if m in pre:
            f.append(f"pre={m}")
            if pre.endswith(m):
                f.append(f"pre1={m}")
    post = text[te:min(ce, te + 4)]
    for m in words.after:
        if post.startswith(m):
            f.append(f"post={m}")
    sentence_pre = text[ss:ts]
    if any(m in sentence_pre for m in words.report):
        f.append("report")
    if any(m in pre for m in words.speech):
        f.append("speech_before")
    if in_quote:
        f.append("in_quote")
    if ts - cs <= 1:
        f.append("clause_head")
    n_before = sum(1 for s, e, _ in mentions if cs <= s and e <= ts)
    n_after = sum(1 for s, e, _ in mentions if te <= s and e <= ce)
    f += [f"mb={min(n_before, 2)}", f"ma={min(n_after, 2)}", f"mb={min(n_before, 2)}|ma={min(n_after, 2)}|lt={lt}"]
    nxt = next((kind for s, e, kind in mentions if s >= te), None)
    if nxt is not None and any(s == te or (te <= s <= te + 1) for s, _, _ in mentions):
        f.append(f"obj={_MASK.get(nxt, 'Ⓧ')}")
    if args is None:
        f.append("args=none")
    else:
        f.append("rec=yes" if args.recipient else "rec=no")
        f.append(f"nact={min(len(args.actor), 3)}")
        if args.type:
            f.append(f"argtype={args.type}")
    return f


def probabilities(model: TyperModel, feats: list[str] | tuple[str, ...]) -> list[float]:
    """p(label | features) in LABELS order."""
    z = list(model.bias)
    n = len(z)
    ws = model.weights
    for ft in feats:
        v = ws.get(ft)
        if v is not None:
            for k in range(n):
                z[k] += v[k]
    m = max(z)
    e = [math.exp(x - m) for x in z]
    s = sum(e)
    return [x / s for x in e]


def decide(model: TyperModel, feats: list[str] | tuple[str, ...]) -> str:
    """The label: the most probable type if it beats ``none`` by the model's margin, else ``none``."""
    p = probabilities(model, feats)
    best = max(range(len(PLOVER_TYPES)), key=lambda k: p[k])
    return PLOVER_TYPES[best] if p[best] >= model.none_margin * p[-1] else NONE
