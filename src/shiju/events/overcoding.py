"""A learned over-coding filter: is a coded event one the annotators would have coded?

The rule coder (and the argument chooser) produce events; on text by independent annotators about half
of them match no gold event (fresh5: 277 of 583; most are the gold's type with other arguments, or
another type where gold has an event). When this filter is enabled, each final event (after the merge of
retellings) is described by general features and a binary logistic regression estimates the probability
that it is right (type + actor set + recipient set); events under ``threshold`` are dropped. Dropping an
event whose probability of being right is below about half the F1 raises F1; the threshold is selected
by document-grouped cross-validation.

Features (no actor is named: actors appear as their type and sector, characters inside an actor mention
are masked): type and mode, the trigger word, how many actors and recipients and of which kinds, the
same party or country on both sides, the rules' confidence in their arguments, the future/historical flags, a quoted assertion, title or body,
how many tellings were merged, how many events of the type and of the sentence the document has, an
earlier event of the same type and actor, the characters next to the trigger, sentence length and the
trigger's position, a question mark, cue words of data/events/overcoding_features.yaml before the
trigger, and whether the event's date is the publication date.

Weights: data/events/overcoding.yaml (reviewable; written by ``python -m shiju.events.train_overcoding``,
which records its training data, cross-validated figures and decision). Inference is pure Python.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shiju.model import Document, Event


class OvercodingError(ValueError):
    """An over-coding filter data file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class OvercodingModel:
    weights: dict[str, float]
    bias: float
    threshold: float  # events whose probability of being right is below this are dropped
    enabled: bool
    cues: tuple[str, ...]


def _read_yaml(path: Path, what: str) -> Any:
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise OvercodingError(f"{path}: cannot read {what}: {exc}") from exc


def load_cues(path: str | Path) -> tuple[str, ...]:
    """The cue words of overcoding_features.yaml (`before`: a non-empty list of strings)."""
    path = Path(path)
    d = _read_yaml(path, "over-coding features")
    v = d.get("before") if isinstance(d, dict) else None
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
        raise OvercodingError(f"{path}: expected a mapping with `before`: a list of non-empty strings")
    return tuple(dict.fromkeys(v))


def _num(path: Path, key: str, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise OvercodingError(f"{path}: `{key}` must be a finite number, got {v!r}")
    return float(v)


def load_model(path: str | Path, cues: tuple[str, ...]) -> OvercodingModel:
    """The weights file; a malformed one raises OvercodingError with the file and the reason."""
    path = Path(path)
    d = _read_yaml(path, "over-coding weights")
    if not isinstance(d, dict):
        raise OvercodingError(f"{path}: expected a mapping with enabled/threshold/bias/weights")
    if not isinstance(d.get("enabled"), bool):
        raise OvercodingError(f"{path}: `enabled` must be true or false")
    threshold = _num(path, "threshold", d.get("threshold"))
    if not 0.0 <= threshold < 1.0:
        raise OvercodingError(f"{path}: `threshold` must lie in [0, 1)")
    bias = _num(path, "bias", d.get("bias"))
    w = d.get("weights")
    if not isinstance(w, dict):
        raise OvercodingError(f"{path}: `weights` must be a mapping of feature -> number")
    weights = {str(k): _num(path, f"weights.{k}", v) for k, v in w.items()}
    return OvercodingModel(weights=weights, bias=bias, threshold=threshold, enabled=d["enabled"], cues=cues)


def get_model(ctx: Any) -> OvercodingModel:
    """The packaged (or ``ctx.data_dir``) filter, loaded once per context."""
    def load() -> OvercodingModel:
        from shiju.data import data_path

        dd = getattr(ctx, "data_dir", None)
        cues = load_cues(data_path("events", "overcoding_features.yaml", data_dir=dd))
        return load_model(data_path("events", "overcoding.yaml", data_dir=dd), cues)

    return ctx.resource("events.overcoding", load)


# ------------------------------------------------------------------------------------------ features
def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _kind(aid: str, actors: dict[str, Any]) -> str:
    a = actors.get(aid)
    if a is None:
        return "?"
    return f"{a.type}:{a.sector or '-'}" + (":local" if aid.startswith("local:") else "")


def _country(aid: str, actors: dict[str, Any]) -> str | None:
    a = actors.get(aid)
    return a.country if a is not None else (aid if len(aid) == 3 and aid.isupper() else None)


def document_features(doc: Document, events: list[Event], headline_end: int, cues: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The features of each event of ``events`` (a document's final events, in order)."""
    actors = {a.id: a for a in doc.actors}
    masked: dict[str, list[bool]] = {}  # part -> inside an actor mention, per character
    for a in doc.actors:
        for m in a.mentions:
            if m.part not in masked:
                masked[m.part] = [False] * len(doc.part_text(m.part))
            flags = masked[m.part]
            for i in range(max(0, m.start), min(len(flags), m.end)):
                flags[i] = True
    out = []
    for k, ev in enumerate(events):
        t = ev.type
        text = doc.view(ev.part).simplified
        ts = ev.trigger_start if ev.trigger_start is not None else ev.start
        te = ev.trigger_end if ev.trigger_end is not None else ts
        mk = masked.get(ev.part, [])

        def ch(i: int, edge: str) -> str:
            if i < ev.start or i >= ev.end or i >= len(text):
                return edge
            return "Ⓐ" if i < len(mk) and mk[i] else text[i]

        f = [f"T={t}", f"M={t}:{ev.mode or '-'}", f"trig={text[ts:te]}",
             "na=" + _bucket(len(ev.actor), (0, 1, 2)), "nr=" + _bucket(len(ev.recipient), (0, 1, 2)),
             f"nr={_bucket(len(ev.recipient), (0, 1))}|T={t}"]
        f += ["A=" + _kind(x, actors) for x in ev.actor]
        f += ["R=" + _kind(x, actors) for x in ev.recipient]
        ca = {_country(x, actors) for x in ev.actor} - {None}
        cr = {_country(x, actors) for x in ev.recipient} - {None}
        if set(ev.actor) & set(ev.recipient):
            f.append("self_id")
        elif ca & cr:
            f += ["same_country", f"same_country|T={t}"]
        for flag in ("future", "historical"):
            if getattr(ev, flag):
                f += [flag, f"{flag}|T={t}"]
        if ev.asserted_by:
            f += ["asserted", f"asserted|T={t}"]
        f.append("title" if ev.part == "body" and ev.start < headline_end else ev.part.split(":")[0])
        f.append("ev=" + _bucket(len(ev.evidence), (0, 1, 2)))
        f.append("ntype=" + _bucket(sum(1 for e in events if e.type == t), (1, 2, 4)))
        if any(e.type == t and set(e.actor) == set(ev.actor) for e in events[:k]):
            f += ["same_type_actor_earlier", f"same_type_actor_earlier|T={t}"]
        in_sent = [e for e in events if e is not ev and e.part == ev.part and e.start == ev.start]
        f.append("nsent=" + _bucket(len(in_sent), (0, 1, 2)))
        if any(e.type == t for e in in_sent):
            f.append("same_type_in_sentence")
        nxt, prv = ch(te, "$"), ch(ts - 1, "^")
        f += [f"next={nxt}", f"prev={prv}", f"next={nxt}|T={t}"]
        f.append("slen=" + _bucket(ev.end - ev.start, (20, 40, 80, 160)))
        f.append("tpos=" + _bucket(ts - ev.start, (2, 8, 20, 50)))
        sent = text[ev.start:ev.end]
        if "?" in sent or "？" in sent:
            f.append("question")
        before = text[ev.start:ts]
        f += [f"pre_{w}" for w in cues if w in before]
        f.append("conf=" + (f"{ev.confidence:.1f}" if ev.confidence is not None else "-"))  # the rules' own
        f.append("date=" + ("same" if ev.date == doc.published else ("none" if not ev.date else "other")))
        out.append(tuple(dict.fromkeys(f)))
    return out


def probability(model: OvercodingModel, feats: tuple[str, ...] | list[str]) -> float:
    z = model.bias + sum(model.weights.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def filter_events(doc: Document, ctx: Any, events: list[Event], headline_end: int = 0,
                  model: OvercodingModel | None = None) -> list[Event]:
    """The coder's hook: the events the filter keeps when the model is enabled, else the events as they
    came."""
    if model is None:
        model = get_model(ctx)
        if not model.enabled:
            return events
    if not events:
        return events
    out = []
    for ev, feats in zip(events, document_features(doc, events, headline_end, model.cues)):
        if not screened(ev):  # flagged and comment events are kept as they are (never counted)
            out.append(ev)
            continue
        if probability(model, feats) >= model.threshold:
            out.append(ev)
    return out


def screened(ev: Event) -> bool:
    """The events the filter judges (and was trained on): countable events of the body."""
    return ev.part == "body" and not ev.negated and not ev.hypothetical


__all__ = ["OvercodingError", "OvercodingModel", "document_features", "filter_events", "get_model",
           "load_cues", "load_model", "probability", "screened"]
