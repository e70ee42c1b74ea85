"""A learned decision for marked text in reported speech: the speaker's words (a partial quote) or the
author's term (a scare quote, a name)?

The quotes stage (shiju.quotes) meets marked text (“…”, 「…」) next to or under a cue verb: 称“港独”是…,
直言…是「白日做梦」, 谴责这一“危险的升级”, 认为…的“追随者”. Its rules decide with length guards and word
lists; this module re-decides with a logistic regression over general features of the marked words — their
length, punctuation inside, the words right before and after the marks (classes from the stage's own
lexicon: name markers such as 所谓, words before terms, predicate words, 的, a classifier), the distance
in characters and clauses to the cue, what kind of cue (bare, object-taking, followed by ，/：), what kind of
speaker the rules found (a linked actor, a pronoun, unnamed words, none), the part (body or comment),
whether the same words are marked elsewhere in the part, and the rules' own verdict. No feature names a
word of the marked text itself.

Weights: ``data/quotes/detector.yaml`` (reviewable; written by ``python -m shiju.train_quote_detector``,
which records its training data and cross-validated figures). ``enabled`` says whether the stage uses it;
``apply`` says whether it may only add quotes the rules rejected (``add``) or also drop ones they took
(``drop``), at the probabilities ``threshold_add`` / ``threshold_drop``. ``branches`` says which
candidates it sees: ``adj`` (marked words right after a cue), ``gov`` (inside a cue's reported speech),
and ``nocue`` (marked words with no cue verb in reach, a linked actor before them in the sentence:
宣布以色列“处于战争状态”, 对…“深感关切”, 美國國務院「嚴重關注」). A file without ``branches`` means
``[adj, gov]``, the candidates of the first detector. Inference is pure Python.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

APPLY = ("add", "drop")
BRANCHES = ("adj", "gov", "nocue")
DEFAULT_BRANCHES = ("adj", "gov")


class DetectorError(ValueError):
    """A detector weights file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class DetectorModel:
    enabled: bool
    apply: tuple[str, ...]
    bias: float
    threshold_add: float
    threshold_drop: float
    weights: dict[str, float]
    branches: tuple[str, ...] = DEFAULT_BRANCHES

    def probability(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)


def _number(path: Path, key: str, v: Any, lo: float | None = None, hi: float | None = None) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise DetectorError(f"{path}: `{key}` must be a finite number, got {v!r}")
    if (lo is not None and not v > lo) or (hi is not None and not v < hi):
        raise DetectorError(f"{path}: `{key}` must lie strictly between {lo} and {hi}, got {v!r}")
    return float(v)


def parse_model(d: Any, path: Path) -> DetectorModel:
    """A DetectorModel from the parsed YAML of ``path``; DetectorError naming the file when malformed."""
    if not isinstance(d, dict):
        raise DetectorError(f"{path}: expected a mapping with enabled/apply/bias/threshold_add/threshold_drop/weights")
    if not isinstance(d.get("enabled"), bool):
        raise DetectorError(f"{path}: `enabled` must be true or false")
    apply = d.get("apply")
    if not isinstance(apply, list) or not apply or not set(apply) <= set(APPLY):
        raise DetectorError(f"{path}: `apply` must be a non-empty list among {list(APPLY)}, got {apply!r}")
    branches = d.get("branches", list(DEFAULT_BRANCHES))
    if not isinstance(branches, list) or not branches or not set(branches) <= set(BRANCHES):
        raise DetectorError(f"{path}: `branches` must be a non-empty list among {list(BRANCHES)}, got {branches!r}")
    w = d.get("weights")
    if not isinstance(w, dict):
        raise DetectorError(f"{path}: `weights` must be a mapping of feature to number")
    weights = {}
    for k, v in w.items():
        if not isinstance(k, str):
            raise DetectorError(f"{path}: weight key {k!r} is not a feature name")
        weights[k] = _number(path, f"weights.{k}", v)
    return DetectorModel(
        enabled=d["enabled"], apply=tuple(apply), bias=_number(path, "bias", d.get("bias")),
        threshold_add=_number(path, "threshold_add", d.get("threshold_add"), 0.0, 1.0),
        threshold_drop=_number(path, "threshold_drop", d.get("threshold_drop"), 0.0, 1.0),
        weights=weights, branches=tuple(branches))


def load_detector(path: str | Path | None = None, data_dir: str | None = None) -> DetectorModel:
    """The weights file (default ``data/quotes/detector.yaml``); a malformed one raises DetectorError."""
    import yaml

    from shiju.data import data_path

    p = Path(path) if path is not None else data_path("quotes", "detector.yaml", data_dir=data_dir)
    try:
        d = yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DetectorError(f"{p}: cannot read quote detector weights: {exc}") from exc
    return parse_model(d, p)


def load_indirect(path: str | Path | None = None, data_dir: str | None = None) -> DetectorModel:
    """The weights of the learned decider of reported clauses (default ``data/quotes/indirect.yaml``):
    the same format and model as the detector, over the features of shiju.quotes._indirect_features
    (``branches`` unused). A malformed file raises DetectorError naming it."""
    from shiju.data import data_path

    p = Path(path) if path is not None else data_path("quotes", "indirect.yaml", data_dir=data_dir)
    return load_detector(p)


def decide(model: DetectorModel | None, feats: tuple[str, ...], rule_ok: bool,
           where: tuple[str, int, int] | None = None) -> bool:
    """Is the marked text a quote? The rules' verdict unless an enabled model overrides it as ``apply``
    allows. ``where`` (part, start, end of the marked words) is for training hooks, unused here."""
    if model is None or not model.enabled:
        return rule_ok
    p = model.probability(feats)
    if rule_ok:
        return not ("drop" in model.apply and p < model.threshold_drop)
    return "add" in model.apply and p >= model.threshold_add
