"""Statistical backoff for comment stance: what the reactions stage says about an actor that no cue judged.

The cue rules of ``shiju.reactions`` are precise but miss stance carried by open-class words
(这份克制真的难得, 谈了个寂寞, 一日比一日差). For an actor no cue, hostile name or pattern reached, a
small multinomial logistic regression decides support / oppose / neutral from:
- character unigrams and bigrams of the sentences naming the actor, with actor names masked
  (``Ⓐ`` the actor judged, ``Ⓞ`` any other), so no weight is tied to a name;
- marker groups (intensifiers, final particles, dismissive adverbs, negators, ！, ？, comparison, wishes)
  listed in the model file;
- the shape of the mention: how many actors the comment names, what precedes the actor (clause start,
  a preposition, other), the character after it, whether the comment is a reply, its length.

The weights live in ``data/stance/backoff.yaml`` (reviewable: one line per feature), trained by
``python -m shiju.stance_model train`` on our non-blind annotated comments; the file records which files
and documents were used. No external data, no sentiment library.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

LABELS = ("support", "oppose", "neutral")
_SENT_SPLIT = re.compile(r"(?<=[。！？!?\n])")
_CLAUSE_END = set("。！？!?\n，,；;：:…~～ ")
_PREPS = set("跟和与同对向给替为把让帮从在被")
TARGET, OTHER = "Ⓐ", "Ⓞ"


class StanceModelError(ValueError):
    """A backoff model file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class BackoffModel:
    weights: dict[str, tuple[float, float, float]]
    groups: dict[str, tuple[str, ...]]
    neutral_bias: float
    evidence_margin: float = 0.0
    enabled: bool = True  # whether the reactions stage uses it by default (the file's `enabled`)

    def scores(self, feats: Iterable[str], content_only: bool = False) -> tuple[float, float, float]:
        z = [0.0, 0.0, 0.0 if content_only else self.neutral_bias]
        for f in feats:
            w = self.weights.get(f)
            if w is not None and (not content_only or is_content(f)):
                z[0] += w[0]
                z[1] += w[1]
                z[2] += w[2]
        return z[0], z[1], z[2]

    def predict(self, feats: Iterable[str]) -> str:
        """The best label; a side only when the words themselves (not the shape of the mention, which
        carries the forums' prior) favour it over neutral by `evidence_margin`."""
        feats = list(feats)
        z = self.scores(feats)
        best = max(range(3), key=lambda i: z[i])
        if best != 2:
            zc = self.scores(feats, content_only=True)
            if zc[best] - zc[2] <= self.evidence_margin:
                return "neutral"
        return LABELS[best]


def is_content(feature: str) -> bool:
    """Is a feature evidence from the comment's words (n-grams, marker groups), not its shape?"""
    return (feature.startswith("s:") and feature not in ("s:" + TARGET, "s:" + OTHER)) or feature.startswith("g:")


def features(text: str, mentions: Sequence[tuple[int, int, str]], actor: str, reply: bool,
             groups: dict[str, tuple[str, ...]]) -> set[str]:
    """Features of (comment text, actor): `text` is the comment's Simplified view, `mentions` its
    (start, end, actor id) spans."""
    ments = sorted(mentions)
    masked, k, j = [], 0, 0
    while k < len(text):
        while j < len(ments) and ments[j][1] <= k:
            j += 1
        if j < len(ments) and ments[j][0] == k and ments[j][1] > k:
            masked.append(TARGET if ments[j][2] == actor else OTHER)
            k = ments[j][1]
        else:
            masked.append(text[k])
            k += 1
    out = "".join(masked)
    target = "".join(s for s in _SENT_SPLIT.split(out) if TARGET in s) or out
    f: set[str] = {"bias"}
    for n in (1, 2):
        for i in range(len(target) - n + 1):
            g = target[i:i + n]
            if g.strip():
                f.add("s:" + g)
    for name, words in groups.items():
        if any(w in target for w in words):
            f.add("g:" + name)
    f.add("nact=%d" % min(len({a for _, _, a in ments}), 3))
    i = out.find(TARGET)
    if i >= 0:
        pre = out[i - 1] if i > 0 else ""
        f.add("pre:" + ("CL" if not pre or pre in _CLAUSE_END else "PREP" if pre in _PREPS else "X"))
        f.add("post:" + (out[i + 1] if i + 1 < len(out) else "$"))
    if reply:
        f.add("reply")
    f.add("len=%d" % min(len(text) // 10, 4))
    return f


def load_model(data_dir: str | None = None) -> BackoffModel | None:
    """The backoff model from ``data/stance/backoff.yaml``; None when the file is absent."""
    from shiju.data import data_path, read_yaml

    if not data_path("stance", "backoff.yaml", data_dir=data_dir).exists():
        return None  # a data directory without a model (tests, custom lexicons): cue rules only
    raw, where = read_yaml("stance", "backoff.yaml", data_dir=data_dir, error=StanceModelError,
                           what="the stance backoff model")
    if raw is None:
        return None
    weights, groups = read_weights_and_groups(raw, where, "groups, neutral_bias and weights")
    try:
        bias, margin = float(raw.get("neutral_bias", 0.0)), float(raw.get("evidence_margin", 0.0))
    except (TypeError, ValueError) as exc:
        raise StanceModelError(f"{where}: neutral_bias and evidence_margin must be numbers") from exc
    return BackoffModel(weights, groups, bias, margin, bool(raw.get("enabled", True)))


def read_weights_and_groups(raw: Any, where: str, expected: str) -> tuple[dict[str, tuple[float, float, float]],
                                                                       dict[str, tuple[str, ...]]]:
    """The per-feature [support, oppose, neutral] weights and the named word groups of a stance model
    file (backoff.yaml, decider.yaml), checked; `expected` names the keys for the error message."""
    if not isinstance(raw, dict) or not isinstance(raw.get("weights"), dict):
        raise StanceModelError(f"{where}: expected a mapping with {expected}")
    weights: dict[str, tuple[float, float, float]] = {}
    for k, v in raw["weights"].items():
        if not (isinstance(v, list) and len(v) == 3 and all(isinstance(x, (int, float)) for x in v)):
            raise StanceModelError(f"{where}: weight of feature {k!r} must be [support, oppose, neutral] numbers")
        weights[str(k)] = (float(v[0]), float(v[1]), float(v[2]))
    groups = raw.get("groups") or {}
    if not isinstance(groups, dict) or not all(isinstance(v, list) for v in groups.values()):
        raise StanceModelError(f"{where}: groups must map a name to a list of words")
    return weights, {str(k): tuple(str(w) for w in v) for k, v in groups.items()}


# -- training (development tool; not used at run time) -----------------------------------------------

def train(examples: list[tuple[set[str], str]], c: float = 1.0, epochs: int = 300, rate: float = 0.5,
          min_count: int = 2) -> dict[str, tuple[float, float, float]]:
    """Multinomial logistic regression, full-batch gradient descent with L2 (1/c), on binary features
    seen in at least `min_count` examples. Deterministic (no shuffling, zero start)."""
    from collections import Counter

    counts = Counter(f for feats, _ in examples for f in feats)
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    rows = [([index[f] for f in feats if f in index], LABELS.index(lab)) for feats, lab in examples]
    w = [[0.0, 0.0, 0.0] for _ in vocab]
    n = len(rows)
    for _ in range(epochs):
        grad = [[x / (c * n) for x in wi] for wi in w]
        for idx, y in rows:
            z = [sum(w[i][k] for i in idx) for k in range(3)]
            m = max(z)
            e = [math.exp(v - m) for v in z]
            s = sum(e)
            for k in range(3):
                d = (e[k] / s - (1.0 if k == y else 0.0)) / n
                if d:
                    for i in idx:
                        grad[i][k] += d
        for i in range(len(w)):
            for k in range(3):
                w[i][k] -= rate * grad[i][k]
    return {f: (w[i][0], w[i][1], w[i][2]) for f, i in index.items()}


def training_examples(gold_paths: Sequence[str], exclude: str | None,
                      groups: dict[str, tuple[str, ...]]) -> tuple[list[tuple[set[str], str]], list[str]]:
    """(features, gold label) for every gold stance pair whose actor the pipeline finds in its comment,
    and the ids of the documents used; documents whose id matches `exclude` are left out."""
    from shiju.evaluation import _ids, gold_document, id_acceptable_lenient, load_gold
    from shiju.pipeline import Pipeline

    pipe = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    rx = re.compile(exclude) if exclude else None
    out: list[tuple[set[str], str]] = []
    used: list[str] = []
    for g in load_gold(gold_paths):
        if not g.get("stance") or (rx is not None and rx.search(str(g.get("id")))):
            continue
        doc = pipe(gold_document(g))
        used.append(str(g.get("id")))
        by_id = {c.id: c for c in doc.comments}
        for item in g["stance"]:
            c = by_id.get(str(item.get("comment")))
            if c is None:
                continue
            part = f"comment:{c.id}"
            view = doc.view(part)
            ments = [(view.to_simplified(m.start), view.to_simplified(m.end), a.id)
                     for a in doc.actors for m in a.mentions if m.part == part]
            found = [aid for _, _, aid in ments if id_acceptable_lenient(_ids(item.get("actor")), aid, doc)]
            if found:
                out.append((features(view.simplified, ments, found[0], bool(c.reply_to or c.parent), groups),
                            str(item.get("stance"))))
    return out, used


def report_examples(gold_paths: Sequence[str], n: int,
                    groups: dict[str, tuple[str, ...]]) -> list[tuple[set[str], str]]:
    """`n` neutral examples from news bodies: short sentences (at most 80 characters, two per document)
    naming an actor, taken as if a comment said them, with their first actor. Reporting an act is no
    stance (docs/annotation.md), and without these the model reads the forums' prior into bare reports
    (默茨出席了峰会). Shuffled with a fixed seed, so training is reproducible."""
    import random

    from shiju.evaluation import gold_document, load_gold
    from shiju.pipeline import Pipeline
    from shiju.text.sentences import sentences

    pipe = Pipeline(stages=["normalize", "actors"])
    out: list[tuple[set[str], str]] = []
    for g in load_gold(gold_paths):
        doc = pipe(gold_document(g))
        view = doc.view("body")
        text = view.simplified
        ments = sorted((view.to_simplified(m.start), view.to_simplified(m.end), a.id)
                       for a in doc.actors for m in a.mentions if m.part == "body")
        taken = 0
        for s, e in sentences(text):
            inside = [(a - s, b - s, i) for a, b, i in ments if s <= a and b <= e]
            if inside and e - s <= 80 and taken < 2:
                out.append((features(text[s:e], inside, inside[0][2], False, groups), "neutral"))
                taken += 1
    random.Random(1).shuffle(out)
    return out[:n]


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    from pathlib import Path

    import yaml

    ap = argparse.ArgumentParser(prog="python -m shiju.stance_model",
                                 description="train the stance backoff model into data/stance/backoff.yaml")
    ap.add_argument("command", choices=["train"])
    ap.add_argument("gold", nargs="+", help="non-blind gold files with stance annotations")
    ap.add_argument("--exclude", help="regular expression of document ids to leave out (a held-out half)")
    ap.add_argument("--out", required=True, help="the model file to (re)write; its header and groups are kept")
    ap.add_argument("-c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--neutral-bias", type=float, default=1.5)
    ap.add_argument("--evidence-margin", type=float, default=0.0)
    ap.add_argument("--reports", nargs="*", default=[], help="non-blind news gold files whose body sentences "
                    "give neutral examples")
    ap.add_argument("--reports-max", type=int, default=50)
    args = ap.parse_args(argv)
    out = Path(args.out)
    text = out.read_text(encoding="utf-8")
    header = ""
    for line in text.splitlines(keepends=True):  # the leading comment block, without the last run's note
        if not line.startswith("#"):
            break
        if not line.startswith("# trained on"):
            header += line
    raw = yaml.safe_load(text) or {}
    groups = {str(k): tuple(str(w) for w in v) for k, v in (raw.get("groups") or {}).items()}
    examples, used = training_examples(args.gold, args.exclude, groups)
    reports = report_examples(args.reports, args.reports_max, groups) if args.reports else []
    weights = train(examples + reports, c=args.c)
    lines = [header.rstrip("\n"),
             f"# trained on {len(examples)} (comment, actor) pairs from {len(used)} documents of "
             + ", ".join(Path(p).name for p in args.gold)
             + (f", leaving out ids matching {args.exclude!r}" if args.exclude else "")
             + (f"; plus {len(reports)} neutral news sentences from " + ", ".join(Path(p).name for p in args.reports)
                if reports else "") + f"; c={args.c}",
             "groups:"]
    for k, v in groups.items():
        lines.append(f"  {k}: [{', '.join(json_str(w) for w in v)}]")
    lines.append(f"enabled: {'true' if raw.get('enabled', True) else 'false'}")
    lines.append(f"neutral_bias: {args.neutral_bias}")
    lines.append(f"evidence_margin: {args.evidence_margin}")
    lines.append("weights:  # feature: [support, oppose, neutral]")
    for f, w in sorted(weights.items(), key=lambda kv: -max(abs(x) for x in kv[1])):
        if max(abs(x) for x in w) >= 0.01:
            lines.append(f"  {json_str(f)}: [{w[0]:.3f}, {w[1]:.3f}, {w[2]:.3f}]")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(examples)} pairs, {len(weights)} features")
    return 0


def json_str(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)


if __name__ == "__main__":
    raise SystemExit(main())
