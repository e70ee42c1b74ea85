"""Learned mention filter: a binary logistic regression that keeps or drops each mention the linker found.

The linker's rules find candidates (gazetteer aliases, generic nouns resolved by context, titles, pattern
persons, coreference); many false positives are conventions of use rather than of name — a state named as a
place (在日本境内), a capital as a venue (在华盛顿举行), a nationality on counted people (三名中国人), a state
inside the name of a thing. The filter scores each final mention from general context features (characters
before and after with other mentions masked to their actor type, actor type, candidate source, alias kind,
part, position, how often the document names the actor) with weights learnt on our annotated gold, and drops
it when the probability that it is a gold mention is below the model's threshold.

Weights live in ``data/actors/mention_filter.yaml`` (reviewed data with a header saying how they were
trained); inference is pure Python (one dictionary lookup per feature). Training and cross-validation are a
development tool: ``python -m shiju.actors.mention_filter train|cv`` (numpy, not needed at run time).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from shiju.actors.gazetteer import GazetteerError

FILE = "mention_filter.yaml"
_DIGIT = re.compile(r"[0-9０-９]")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_PUNCT = set("，。、；：！？,.;:!?“”\"'‘’（）()《》〈〉【】[]「」『』…—-\n\r\t 　")
_DATE_AFTER = re.compile(r"\s*[0-9０-９一二三四五六七八九十]{1,3}[月日]")
_TYPE_MARK = {"state": "Ⓢ", "person": "Ⓟ", "organization": "Ⓞ", "group": "Ⓖ", "office": "Ⓕ", "local": "Ⓛ"}


@dataclass
class FilterModel:
    weights: dict[str, float]
    threshold: float = 0.5
    enabled: bool = True

    def probability(self, feats: Iterable[str]) -> float:
        w = self.weights
        z = sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_filter(data_dir: str | None = None) -> FilterModel | None:
    """The model of ``data/actors/mention_filter.yaml``; None when the file is absent (no filtering)."""
    from shiju.data import data_path, read_yaml

    if not data_path("actors", FILE, data_dir=data_dir).exists():
        return None
    raw, where = read_yaml("actors", FILE, data_dir=data_dir, error=GazetteerError, what="the mention filter")
    return parse_model(raw, str(where))


def parse_model(raw: Any, where: str) -> FilterModel:
    if not isinstance(raw, dict) or not isinstance(raw.get("weights"), dict):
        raise GazetteerError(f"{where}: the mention filter must be a mapping with `weights:` (feature: number)")
    weights: dict[str, float] = {}
    for k, v in raw["weights"].items():
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise GazetteerError(f"{where}: weight of feature {k!r} must be a number, not {v!r}")
        weights[str(k)] = float(v)
    thr = raw.get("threshold", 0.5)
    if isinstance(thr, bool) or not isinstance(thr, (int, float)) or not 0.0 <= thr <= 1.0:
        raise GazetteerError(f"{where}: threshold must be a number between 0 and 1, not {thr!r}")
    return FilterModel(weights, float(thr), bool(raw.get("enabled", True)))


# -- features ---------------------------------------------------------------------------------------------

def _actor_type(gaz: Any, aid: str | None) -> str:
    if not aid:
        return "none"
    if aid.startswith("local:"):
        return "local"
    e = gaz.entry(aid)
    return e.type if e is not None else "none"


def _unit(ch: str) -> str:
    if ch in _PUNCT:
        return "|"  # clause edge: one symbol for every punctuation mark and space
    if _DIGIT.match(ch):
        return "0"
    if _LATIN.match(ch):
        return "a"
    return ch


class _PartContext:
    """One part's text with every mention masked to a one-character mark of its actor type, so that
    context features read 在Ⓢ举行 / Ⓢ总统Ⓟ rather than the names themselves."""

    def __init__(self, gaz: Any, text: str, hits: list) -> None:
        self.text = text
        self.owner = [-1] * len(text)
        self.types = [_actor_type(gaz, h.actor) for h in hits]
        for k, h in enumerate(hits):
            for j in range(h.start, min(h.end, len(text))):
                if self.owner[j] < 0:
                    self.owner[j] = k
        self.hits = hits

    def left(self, pos: int, n: int) -> str:
        out: list[str] = []
        j = pos - 1
        while j >= 0 and len(out) < n:
            k = self.owner[j]
            if k >= 0:
                out.append(_TYPE_MARK.get(self.types[k], "Ⓧ"))
                j = min(self.hits[k].start, j) - 1
            else:
                out.append(_unit(self.text[j]))
                j -= 1
        while len(out) < n:
            out.append("^")
        return "".join(reversed(out))

    def right(self, pos: int, n: int) -> str:
        out: list[str] = []
        j = pos
        while j < len(self.text) and len(out) < n:
            k = self.owner[j]
            if k >= 0:
                out.append(_TYPE_MARK.get(self.types[k], "Ⓧ"))
                j = max(self.hits[k].end, j + 1)
            else:
                out.append(_unit(self.text[j]))
                j += 1
        while len(out) < n:
            out.append("$")
        return "".join(out)


def hit_features(gaz: Any, ctx: _PartContext, h: Any, part: str, count: int) -> list[str]:
    """General features of one mention (`h`: a linker Hit with its actor resolved)."""
    text = ctx.text
    t = _actor_type(gaz, h.actor)
    kinds = {a.kind for a in h.candidates if a.id == h.actor} or {a.kind for a in h.candidates}
    kind = sorted(kinds)[0] if kinds else "none"
    regs = {a.register for a in h.candidates if a.id == h.actor}
    l3, r3 = ctx.left(h.start, 3), ctx.right(h.end, 3)
    n = h.end - h.start
    where = "body" if part == "body" else "comment"
    f = ["bias", f"src:{h.source}", f"type:{t}", f"kind:{kind}", f"part:{where}", f"len:{min(n, 5)}",
         f"cnt:{min(count, 4)}", f"type:{t}|src:{h.source}", f"type:{t}|kind:{kind}", f"type:{t}|part:{where}",
         f"L1:{l3[-1]}", f"L2:{l3[-2:]}", f"L3:{l3}", f"R1:{r3[0]}", f"R2:{r3[:2]}", f"R3:{r3}",
         f"L1R1:{l3[-1]}{r3[0]}", f"t{t}L1:{l3[-1]}", f"t{t}R1:{r3[0]}", f"t{t}R2:{r3[:2]}", f"t{t}L2:{l3[-2:]}"]
    for r in regs:
        if r != "standard":
            f.append(f"reg:{r}")
    if h.merged:
        f.append("merged")
    if len({a.id for a in h.candidates}) > 1:
        f.append("ambiguous")
    if h.note:
        f.append("note:" + h.note.split(" ", 1)[0].split(":", 1)[0][:12])
    if part == "body" and h.start < 40:
        f.append("head")
        if _DATE_AFTER.match(text, h.end):
            f.append("head|date-after")  # 新华社北京3月1日电: a dateline's city
    if _DATE_AFTER.match(text, h.end):
        f.append(f"t{t}|date-after")
    if count == 1 and t in ("state", "local"):
        f.append(f"t{t}|once")
    return f


def part_features(gaz: Any, part: str, text: str, hits: list, counts: dict[str, int]) -> list[list[str]]:
    ctx = _PartContext(gaz, text, hits)
    return [hit_features(gaz, ctx, h, part, counts.get(h.actor or "", 0)) for h in hits]


def _counts(per_part: list) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, _, hits in per_part:
        for h in hits:
            counts[h.actor] = counts.get(h.actor, 0) + 1
    return counts


def apply_filter(model: FilterModel, gaz: Any, per_part: list) -> list:
    """per_part with the mentions the model scores below its threshold removed."""
    counts = _counts(per_part)
    out = []
    for part, view, hits in per_part:
        feats = part_features(gaz, part, view.simplified, hits, counts)
        out.append((part, view, [h for h, f in zip(hits, feats) if model.probability(f) >= model.threshold]))
    return out


# -- training (development tool; not used at run time) -------------------------------------------------------

@dataclass
class Example:
    doc: str
    source: str  # the gold file
    feats: list[str]
    label: int  # 1: the mention matches a gold mention (overlap, acceptable id); 0: a false positive
    text: str = ""


def examples(gold_files: Sequence[str], exclude: str | None = None) -> tuple[list[Example], dict[tuple[str, str], int]]:
    """One example per mention the unfiltered linker gives on the gold documents that annotate actors,
    labelled as `shiju eval` would score it; and per (file, document) the gold mentions it misses (the
    recall no filter can give back)."""
    from shiju.actors import _build, get_gazetteer, link_parts
    from shiju.context import AnalysisContext
    from shiju.evaluation import gold_document, load_gold, match_actors
    from shiju.pipeline import load_stage

    ctx = AnalysisContext()
    normalize = load_stage("normalize")
    gaz = get_gazetteer(ctx)
    rx = re.compile(exclude) if exclude else None
    out: list[Example] = []
    misses: dict[tuple[str, str], int] = {}
    for g in load_gold(gold_files):
        if "actors" not in g or (rx and rx.search(str(g.get("id")))):
            continue
        doc = normalize(gold_document(g), ctx)
        per_part = link_parts(doc, ctx)
        doc.actors = _build(gaz, per_part)
        preds, used, located = match_actors(g, doc)
        misses[(g["_file"], doc.id)] = sum(1 for _, _, k in located if k is None)
        good = {(p, s, aid) for k, (p, s, aid) in enumerate(preds) if k in used}
        counts = _counts(per_part)
        for part, view, hits in per_part:
            for h, f in zip(hits, part_features(gaz, part, view.simplified, hits, counts)):
                s, e, t = view.original_span(h.start, h.end)
                out.append(Example(doc.id, g["_file"], f, int((part, (s, e), h.actor) in good), t))
    return out, misses


def train(exs: Sequence[Example], c: float = 1.0, epochs: int = 400, rate: float = 1.0,
          min_count: int = 3) -> dict[str, float]:
    """Binary logistic regression, full-batch gradient descent with L2 (1/c), on binary features seen in at
    least `min_count` examples (always `bias`). Deterministic: zero start, no shuffling."""
    from collections import Counter

    import numpy as np

    counts = Counter(f for ex in exs for f in set(ex.feats))
    vocab = sorted(f for f, k in counts.items() if k >= min_count or f == "bias")
    index = {f: i for i, f in enumerate(vocab)}
    # Sparse binary design matrix as (row, column) pairs: x @ w by bincount over rows, x.T @ g over columns.
    rows_l: list[int] = []
    cols_l: list[int] = []
    for r, ex in enumerate(exs):
        cs = sorted({index[f] for f in ex.feats if f in index})
        rows_l.extend([r] * len(cs))
        cols_l.extend(cs)
    rows, cols = np.array(rows_l, dtype=np.int64), np.array(cols_l, dtype=np.int64)
    y = np.array([ex.label for ex in exs], dtype=float)
    n, m = max(len(exs), 1), len(vocab)
    w = np.zeros(m)
    reg = np.full(m, 1.0 / (c * n))
    reg[index["bias"]] = 0.0  # the bias is not regularised
    for _ in range(epochs):
        z = np.bincount(rows, weights=w[cols], minlength=len(exs))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = reg * w + np.bincount(cols, weights=(p - y)[rows], minlength=m) / n
        w -= rate * grad
    return {f: float(w[i]) for f, i in index.items()}


def folds_by_document(exs: Sequence[Example], k: int) -> list[int]:
    """A fold per example, whole documents together (sorted ids dealt round-robin: deterministic)."""
    docs = sorted({(ex.source, ex.doc) for ex in exs})
    fold = {d: i % k for i, d in enumerate(docs)}
    return [fold[(ex.source, ex.doc)] for ex in exs]


def cv_probabilities(exs: Sequence[Example], k: int = 5, c: float = 1.0) -> list[float]:
    """Out-of-fold probabilities of each example (document-grouped folds)."""
    fold = folds_by_document(exs, k)
    probs = [0.0] * len(exs)
    for i in range(k):
        model = FilterModel(train([ex for ex, f in zip(exs, fold) if f != i], c=c))
        for j, (ex, f) in enumerate(zip(exs, fold)):
            if f == i:
                probs[j] = model.probability(ex.feats)
    return probs


def effect(exs: Sequence[Example], probs: Sequence[float], threshold: float, fn: int) -> tuple[float, float, float]:
    """Actor P / R / F1 when the examples scored below `threshold` are dropped (`fn`: the gold mentions no
    example matches, which the filter cannot change)."""
    tp = sum(1 for ex, p in zip(exs, probs) if ex.label and p >= threshold)
    fp = sum(1 for ex, p in zip(exs, probs) if not ex.label and p >= threshold)
    gold = sum(ex.label for ex in exs) + fn
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / gold if gold else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import json
    from pathlib import Path

    import yaml

    from shiju.data import data_path
    from shiju.training_data import gold_paths

    ap = argparse.ArgumentParser(prog="python -m shiju.actors.mention_filter",
                                 description="cross-validate or train the learned mention filter "
                                 "(data/actors/mention_filter.yaml); given no gold files, the model file's "
                                 "`training:` settings say what to read")
    ap.add_argument("command", choices=["train", "cv"])
    ap.add_argument("gold", nargs="*", help="non-blind gold files or globs with actor annotations")
    ap.add_argument("--exclude", help="regular expression of document ids to leave out (held-out halves)")
    ap.add_argument("--model", help="the model file (default: the packaged one); `train` rewrites its weights")
    ap.add_argument("-c", type=float, help="inverse L2 strength")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    path = Path(args.model) if args.model else data_path("actors", FILE)
    text = path.read_text(encoding="utf-8")
    raw = yaml.safe_load(text) or {}
    spec = raw.get("training") or {}
    if not args.gold:
        if not spec.get("gold"):
            raise SystemExit(f"{path}: no gold files given and no `training: gold:` in the model file")
        args.gold = [str(g) for g in spec["gold"]]
        args.exclude = args.exclude if args.exclude is not None else spec.get("exclude")
    c = args.c if args.c is not None else float(spec.get("c", 1.0))
    files = [str(p) for p in gold_paths(args.gold, "training the mention filter")]
    exs, misses = examples(files, args.exclude)
    if args.command == "cv":
        probs = cv_probabilities(exs, args.folds, c)
        missed = sum(misses.values())
        rows = {thr: effect(exs, probs, thr, missed) for thr in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)}
        print(f"{len(exs)} mentions ({sum(e.label for e in exs)} gold matches) in "
              f"{len({(e.source, e.doc) for e in exs})} documents, {args.folds}-fold CV by document, c={c}")
        for thr, (p, r, f) in rows.items():
            print(f"  threshold {thr:.1f}: P {p:.4f} R {r:.4f} F1 {f:.4f}" + ("  (no filter)" if thr == 0 else ""))
        print(json.dumps({str(k): v for k, v in rows.items()}))
        return 0
    weights = train(exs, c=c)
    header = "".join(line for line in text.splitlines(keepends=True)
                     if line.startswith("#") and not line.startswith("# trained on"))
    lines = [header.rstrip("\n"),
             f"# trained on {len(exs)} linked mentions ({sum(e.label for e in exs)} matching gold) from "
             f"{len({(e.source, e.doc) for e in exs})} documents of {len(files)} gold files"
             + (f", leaving out ids matching {args.exclude!r}" if args.exclude else "") + f"; c={c}",
             f"enabled: {'true' if raw.get('enabled', True) else 'false'}",
             f"threshold: {float(raw.get('threshold', 0.5))}"]
    if spec:
        lines.append("training:  # what `python -m shiju.actors.mention_filter train` reads when given no gold files")
        for k, v in spec.items():
            lines.append(f"  {k}: " + (f"[{', '.join(json.dumps(str(x), ensure_ascii=False) for x in v)}]"
                                       if isinstance(v, list) else json.dumps(v, ensure_ascii=False)))
    lines.append("weights:  # feature: weight (positive keeps the mention)")
    for f, w in sorted(weights.items(), key=lambda kv: (-abs(kv[1]), kv[0])):
        if abs(w) >= 0.005 or f == "bias":
            lines.append(f"  {json.dumps(f, ensure_ascii=False)}: {w:.4f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {len(exs)} mentions, {len(weights)} features")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
