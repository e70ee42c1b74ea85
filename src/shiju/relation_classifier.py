"""A learned decision over actor pairs in a sentence: does the sentence assert a relation of type T
between these two parties?

The relations stage (shiju.relations) matches templates; this module sees, in every sentence that holds a
relation cue word (``classifier_cues`` in data/relations/patterns.yaml) and two or more parties, each
(type, pair) candidate for which a cue of that type is present, and re-decides it with a logistic
regression over general features: the rules' verdict, where the cue lies (between the two mentions,
after both, before both) and how far from them, which cue word (a word of the lexicon, never a word of the
sentence otherwise), what lies between the two mentions (nothing: a compound 中美; a conjunction, 是, 的,
another party, a clause break), how many parties the sentence names, the parties' kinds (state, IGO,
armed group), negation/condition/question words in the clause, and whether the sentence is in a forum
comment. Candidates of the ordered types are oriented by rule: membership runs from the party that is not
an organisation to the one that is; dependence is never added, only kept or dropped.

Weights: ``data/relations/classifier.yaml`` (reviewable; written by ``python -m
shiju.train_relation_classifier``, which records its training data and the cross-validated figures).
``enabled`` says whether the stage uses it; ``apply``: ``add`` (candidates the rules did not produce,
at probability >= threshold_add) and/or ``drop`` (rule relations below threshold_drop). Inference is pure
Python.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

APPLY = ("add", "drop")


class ClassifierError(ValueError):
    """A relation classifier weights file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class RelationModel:
    enabled: bool
    apply: tuple[str, ...]
    bias: float
    threshold_add: float
    threshold_drop: float
    weights: dict[str, float]

    def probability(self, feats: tuple[str, ...]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def decide(self, feats: tuple[str, ...], rule_ok: bool) -> bool:
        """Keep (rule_ok) or add (not rule_ok) the candidate? The rules' verdict unless `apply` allows
        the model to override it."""
        if not self.enabled:
            return rule_ok
        p = self.probability(feats)
        if rule_ok:
            return not ("drop" in self.apply and p < self.threshold_drop)
        return "add" in self.apply and p >= self.threshold_add


def _number(path: Path, key: str, v: Any, lo: float | None = None, hi: float | None = None) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ClassifierError(f"{path}: `{key}` must be a finite number, got {v!r}")
    if (lo is not None and not v > lo) or (hi is not None and not v < hi):
        raise ClassifierError(f"{path}: `{key}` must lie strictly between {lo} and {hi}, got {v!r}")
    return float(v)


def parse_model(d: Any, path: Path) -> RelationModel:
    """A RelationModel from the parsed YAML of ``path``; ClassifierError naming the file when malformed."""
    if not isinstance(d, dict):
        raise ClassifierError(f"{path}: expected a mapping with enabled/apply/bias/threshold_add/threshold_drop/weights")
    if not isinstance(d.get("enabled"), bool):
        raise ClassifierError(f"{path}: `enabled` must be true or false")
    apply = d.get("apply")
    if not isinstance(apply, list) or not apply or not set(apply) <= set(APPLY):
        raise ClassifierError(f"{path}: `apply` must be a non-empty list among {list(APPLY)}, got {apply!r}")
    w = d.get("weights")
    if not isinstance(w, dict):
        raise ClassifierError(f"{path}: `weights` must be a mapping of feature to number")
    weights = {}
    for k, v in w.items():
        if not isinstance(k, str):
            raise ClassifierError(f"{path}: weight key {k!r} is not a feature name")
        weights[k] = _number(path, f"weights.{k}", v)
    return RelationModel(
        enabled=d["enabled"], apply=tuple(apply), bias=_number(path, "bias", d.get("bias")),
        threshold_add=_number(path, "threshold_add", d.get("threshold_add"), 0.0, 1.0),
        threshold_drop=_number(path, "threshold_drop", d.get("threshold_drop"), 0.0, 1.0),
        weights=weights)


def load_model(path: str | Path | None = None, data_dir: str | None = None) -> RelationModel:
    """The weights file (default ``data/relations/classifier.yaml``); a malformed one raises
    ClassifierError naming it."""
    import yaml

    from shiju.data import data_path

    p = Path(path) if path is not None else data_path("relations", "classifier.yaml", data_dir=data_dir)
    try:
        d = yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ClassifierError(f"{p}: cannot read relation classifier weights: {exc}") from exc
    return parse_model(d, p)


# -- features --------------------------------------------------------------------------------------

def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def features(text: str, i: int, ia: int, j: int, jb: int, rtype: str, cue_hits: list[tuple[int, int, str]],
             kinds: tuple[str, str], n_parties: int, rule_ok: bool, in_comment: bool, ph: str,
             flags: tuple[bool, bool, bool]) -> tuple[str, ...]:
    """Features of candidate (rtype, pair) in a masked sentence: mention runs [i, ia) and [j, jb)
    (i < j), the cue words of rtype found at (start, end, word), the parties' kinds, how many parties the
    sentence names, the rules' verdict, the part, and (negator, conditional, question) in the clause."""
    f = [f"t:{rtype}", f"rule:{rtype}:{'ok' if rule_ok else 'no'}", f"n:{min(n_parties, 4)}",
         f"kinds:{'-'.join(sorted(kinds))}", f"kinds:{rtype}:{'-'.join(sorted(kinds))}"]
    between = text[ia:j]
    gap = len(between)
    f.append(f"gap:{_bucket(gap, (0, 1, 3, 6, 12))}")
    if gap == 0:
        f.append("adj")
    elif between in ("、", "和", "与", "及", "同", "跟", "以及"):
        f.append("btw:conj")
    else:
        if ph in between:
            f.append("btw:party")
        if any(c in between for c in "，,；;：:"):
            f.append("btw:clause")
        if between[0] in "与和同跟":
            f.append("btw:with")
        if "是" in between or "为" in between:
            f.append("btw:is")
        if between.endswith("的"):
            f.append("btw:de")
    if in_comment:
        f.append("part:comment")
    neg, cond, question = flags
    if neg:
        f.append("neg")
    if cond:
        f.append("cond")
    if question:
        f.append("question")
    f.append(f"gap:{rtype}:{_bucket(gap, (0, 3, 12))}")
    if ph not in text[:i].split("，")[-1]:
        f.append("a:first")  # a opens its clause: the subject
    best = None
    for cs, ce, w in cue_hits:
        where = "between" if ia <= cs and ce <= j else ("after" if cs >= jb else ("before" if ce <= i else "in"))
        dist = (cs - jb) if where == "after" else ((i - ce) if where == "before" else 0)
        clause = text[min(cs, i):max(ce, jb)]
        same = not any(c in clause for c in "，,；;：:")
        f.append(f"w:{w}")
        f.append(f"cue:{rtype}:{where}")
        if same:
            f.append(f"cue:{rtype}:{where}:clause")
        if where == "after" and ph not in text[jb:cs]:
            # b is the last party before the cue: 美国的盟友, 中美战略竞争
            f.append(f"cue:{rtype}:after:nearest")
            if same and "的" in text[jb:cs]:
                f.append(f"cue:{rtype}:after:de")
        key = (0 if same else 1, dist)
        if best is None or key < best[0]:
            best = (key, where, dist)
    if best is not None:
        f.append(f"cuedist:{best[1]}:{_bucket(best[2], (0, 2, 5, 10))}")
        f.append(f"cuedist:{rtype}:{best[1]}:{_bucket(best[2], (0, 5))}")
    return tuple(f)
