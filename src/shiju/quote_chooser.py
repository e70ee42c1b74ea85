"""A learned speaker chooser for quotes: which actor said it?

For each quote the quotes stage emits (shiju.quotes), the stage lists every candidate speaker in reach —
the actors mentioned in the quote's sentence and the two before it (outside quoted words), the recent
speakers, and the rules' own choice — and describes each by general features: inside the words the rules
took for the speaker, side of and distance to the cue and the quote in characters, clauses and sentences,
at the head of its clause or sentence, after a preposition-like word (from the lexicon's
not_subject_after), before 的, actor type, how often the actor is mentioned, first actor of the
paragraph, a recent speaker, the rules' choice and what kind of speaker the rules found (an actor, a
pronoun resolved, inherited, unnamed words, none). A softmax over the candidates and "none" (an unnamed
source) picks the speaker. No feature names an actor or a word of the text.

Weights: ``data/quotes/chooser.yaml`` (reviewable; written by ``python -m shiju.train_quote_chooser``,
which records its training data and cross-validated figures). ``enabled`` says whether the stage uses it;
``apply``: ``fill`` — only for quotes whose rules' speaker is not linked to an actor; ``all`` — every quote.
``unlinked``: ``inside`` — when the rules found speaker words they could not link (知情人士, 到场的李小姐),
the chooser may only name an actor mentioned inside those words, or nobody: a nearby actor given to an
unnamed source reads worse to a user than no speaker (session 5 on ../shared/corpus); ``any`` — no such
limit (files without the key). Inference is pure Python.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

APPLY = ("fill", "all")
UNLINKED = ("inside", "any")
NONE = None  # the "none" option's id


class ChooserError(ValueError):
    """A chooser weights file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Candidate:
    id: str | None  # None: the "none" option (an unnamed source)
    start: int | None  # its mention nearest the cue, in the part's Simplified view (None: no mention in reach)
    end: int | None
    features: tuple[str, ...]


@dataclass(frozen=True)
class ChooserModel:
    enabled: bool
    apply: str
    weights: dict[str, float]
    unlinked: str = "any"

    def scores(self, cands: Sequence[Candidate]) -> list[float]:
        """Softmax probabilities of the candidates."""
        z = [sum(self.weights.get(f, 0.0) for f in c.features) for c in cands]
        if not z:
            return []
        mx = max(z)
        e = [math.exp(v - mx) for v in z]
        s = sum(e)
        return [v / s for v in e]


def parse_model(d: Any, path: Path) -> ChooserModel:
    """A ChooserModel from the parsed YAML of ``path``; ChooserError naming the file when malformed."""
    if not isinstance(d, dict):
        raise ChooserError(f"{path}: expected a mapping with enabled/apply/weights")
    if not isinstance(d.get("enabled"), bool):
        raise ChooserError(f"{path}: `enabled` must be true or false")
    if d.get("apply") not in APPLY:
        raise ChooserError(f"{path}: `apply` must be one of {list(APPLY)}, got {d.get('apply')!r}")
    w = d.get("weights")
    if not isinstance(w, dict):
        raise ChooserError(f"{path}: `weights` must be a mapping of feature to number")
    weights = {}
    for k, v in w.items():
        if not isinstance(k, str):
            raise ChooserError(f"{path}: weight key {k!r} is not a feature name")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise ChooserError(f"{path}: weight of {k!r} must be a finite number, got {v!r}")
        weights[k] = float(v)
    unlinked = d.get("unlinked", "any")
    if unlinked not in UNLINKED:
        raise ChooserError(f"{path}: `unlinked` must be one of {list(UNLINKED)}, got {unlinked!r}")
    return ChooserModel(enabled=d["enabled"], apply=d["apply"], weights=weights, unlinked=unlinked)


def load_chooser(path: str | Path | None = None, data_dir: str | None = None) -> ChooserModel:
    """The weights file (default ``data/quotes/chooser.yaml``); a malformed one raises ChooserError."""
    import yaml

    from shiju.data import data_path

    p = Path(path) if path is not None else data_path("quotes", "chooser.yaml", data_dir=data_dir)
    try:
        d = yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ChooserError(f"{p}: cannot read quote speaker chooser weights: {exc}") from exc
    return parse_model(d, p)


def choose(model: ChooserModel | None, cands: Sequence[Candidate], rule: int | None, linked: bool,
           where: tuple[str, int, int] | None = None, words: bool = False) -> int | None:
    """Index of the chosen candidate; ``rule`` is the index of the rules' choice (None when the rules
    linked nobody). The rules' choice stands when the model is off, or under ``fill`` when the rules
    linked a speaker (``linked``). ``words``: the rules found speaker words (a span) they did not link —
    under ``unlinked: inside`` only the actors inside them (feature ``inspk``) or nobody may be chosen.
    ``where`` (part, start, end of the quote) is for training hooks."""
    if model is None or not model.enabled or not cands or (model.apply == "fill" and linked):
        return rule
    sc = model.scores(cands)
    allowed = range(len(cands))
    if model.unlinked == "inside" and words and not linked:
        allowed = [i for i, c in enumerate(cands) if c.id is None or "inspk" in c.features or i == rule]
    return max(allowed, key=lambda i: (sc[i], i == rule, -i))
