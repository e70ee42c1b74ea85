"""Statistical stance decision: a small linear model that reads the cue rules' verdict as one feature
among others and decides support / oppose / neutral for every (comment, actor) pair.

Why: the cue rules of ``shiju.reactions`` are precise when they fire, but on unseen forum threads most
polar pairs get no cue (the stance is in a sarcastic aside, a verdict on the comment's main target, a
reply agreeing with its parent) and come out neutral. Annotators read the whole comment and the thread;
so does this model, with features that each carry a span of the comment's Simplified text:
- ``r:`` the rules' verdict on the actor (and ``r2:`` a strong one), ``o:`` their verdict on other actors;
- ``k:`` / ``s:`` / ``c:`` polarity of lexicon cues in the actor's clause / sentence / elsewhere in the
  comment, whatever the scope rules did with them; ``sar`` sarcasm markers;
- ``q:`` / ``x:`` the actor's sentence asks (？) or exclaims; ``g:`` the marker groups of the model file;
- the shape of the mention: the comment's first or only actor, subject position, repeated, its kind
  (state, person, organisation), named in the news body;
- ``p:`` the rules' verdict on the same actor in the parent comment; ``t:`` in the rest of the thread;
- ``n:`` character unigrams and bigrams of the actor's sentences, actor names masked (Ⓐ the actor judged,
  Ⓞ any other), so that no weight is tied to a name.
Weights live in ``data/stance/decider.yaml`` (one reviewable line per feature, with its training
provenance), trained by ``python -m shiju.stance_decider train``; inference is pure Python. Without the
file (or with ``enabled: false``) the rules decide alone.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from shiju.stance_model import StanceModelError, read_weights_and_groups

LABELS = ("support", "oppose", "neutral")
Span = tuple[int, int]
Feats = dict[str, Span]
_SENT_END = set("。！？!?\n")
_CLAUSE_END = _SENT_END | set("，,；;：:…~～ ")
_PREPS = set("跟和与同对向给替为把让帮从在被比")
TARGET, OTHER = "Ⓐ", "Ⓞ"


@dataclass(frozen=True)
class DeciderModel:
    weights: dict[str, tuple[float, float, float]]
    groups: dict[str, tuple[str, ...]]
    ngrams: bool = True
    enabled: bool = True

    def scores(self, feats: Iterable[str]) -> list[float]:
        z = [0.0, 0.0, 0.0]
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                z[0] += w[0]
                z[1] += w[1]
                z[2] += w[2]
        return z

    def predict(self, feats: Feats) -> tuple[str, Span]:
        """The best label and its evidence: the span of the feature that favours it most over the
        runner-up label (for neutral, the actor's first mention, which `feats['bias']` holds)."""
        z = self.scores(feats)
        k = max(range(3), key=lambda i: (z[i], -i))
        if LABELS[k] == "neutral":
            return "neutral", feats["bias"]
        o1, o2 = (j for j in range(3) if j != k)
        best, span = -math.inf, feats["bias"]
        weights = self.weights
        for f, sp in feats.items():
            w = weights.get(f)
            if w is not None and f != "bias":
                gain = w[k] - (w[o1] if w[o1] > w[o2] else w[o2])
                if gain > best:
                    best, span = gain, sp
        return LABELS[k], span


# -- features ----------------------------------------------------------------------------------------

def _bounds(text: str, pos: int, ends: set[str]) -> Span:
    s = pos
    while s > 0 and text[s - 1] not in ends:
        s -= 1
    e = pos
    while e < len(text) and text[e] not in ends:
        e += 1
    return s, min(e + 1, len(text))  # the end mark belongs to its clause (…吗？)


def totals(trace: dict[str, Any]) -> dict[str, float]:
    """The rules' summed score per actor of one comment's trace."""
    out: dict[str, float] = {}
    for _, _, score, actors in trace.get("hits", ()):
        for a in actors:
            out[a] = out.get(a, 0.0) + score
    return out


def _verdict(score: float | None) -> str:
    return "none" if score is None else "support" if score > 0 else "oppose" if score < 0 else "neutral"


def pair_features(trace: dict[str, Any], actor: str, groups: dict[str, tuple[str, ...]],
                  parent: dict[str, float] | None = None, thread: tuple[int, int] = (0, 0),
                  in_body: bool = False, ngrams: bool = True) -> Feats:
    """Features of (comment, actor), each with a span of the comment's Simplified text (`trace['text']`):
    `parent` is the rules' totals in the parent comment (None when the comment is no reply), `thread` the
    number of other comments of the document the rules judged opposing / supporting the actor."""
    text: str = trace["text"]
    ments: list[tuple[int, int, str]] = sorted(trace["mentions"])
    mine = [(s, e) for s, e, a in ments if a == actor]
    if not mine:
        raise ValueError(f"actor {actor} is not mentioned in the comment")
    first = mine[0]
    f: Feats = {"bias": first}
    tot = totals(trace)
    score = tot.get(actor, 0.0)
    best = [h for h in trace.get("hits", ()) if actor in h[3] and score and (h[2] > 0) == (score > 0)]
    hspan = (best[0][0], best[0][1]) if best else first
    f["r:" + _verdict(score)] = hspan
    if abs(score) >= 2:
        f["r2:" + _verdict(score)] = hspan
    for h in trace.get("hits", ()):
        for a in h[3]:
            if a != actor and tot.get(a):
                f.setdefault("o:" + _verdict(tot[a]), (h[0], h[1]))
    clauses = [_bounds(text, s, _CLAUSE_END) for s, _ in mine]
    sents = [_bounds(text, s, _SENT_END) for s, _ in mine]
    for s, e, pol in trace.get("cues", ()):
        sign = "+" if pol > 0 else "-"
        where = ("k" if any(a <= s < b for a, b in clauses) else "s" if any(a <= s < b for a, b in sents)
                 else "c")
        f.setdefault(f"{where}:{sign}", (s, e))
        f.setdefault(f"any:{sign}", (s, e))
    for s, e in trace.get("sarcasm", ()):
        f.setdefault("sar", (s, e))
    for a, b in sents:
        end = text[b - 1] if b > a else ""
        if end in "？?":
            f.setdefault("q:s", (b - 1, b))
        elif end in "！!":
            f.setdefault("x:s", (b - 1, b))
    if "？" in text or "?" in text:
        i = text.find("？") if "？" in text else text.find("?")
        f.setdefault("q:c", (i, i + 1))
    sent_text = "".join(text[a:b] for a, b in dict.fromkeys(sents))
    for name, words in groups.items():
        m = _group_rx(words).search(sent_text)
        if m is not None:
            j = text.find(m.group(0))
            f.setdefault("g:" + name, (j, j + len(m.group(0))))
    nact = len({a for _, _, a in ments})
    f["nact=%d" % min(nact, 3)] = first
    if ments[0][2] == actor:
        f["first"] = first
    if len(mine) > 1:
        f["repeat"] = mine[1]
    s0 = first[0]
    pre = text[s0 - 1] if s0 > 0 else ""
    f["pre:" + ("CL" if not pre or pre in _CLAUSE_END else "PREP" if pre in _PREPS else "X")] = first
    kind = ("state" if re.fullmatch(r"[A-Z]{3}", actor) else actor.split(":", 1)[0] if ":" in actor else "x")
    f["kind:" + kind] = first
    if in_body:
        f["body"] = first
    if parent is not None:
        f["reply"] = first
        f["p:" + _verdict(parent.get(actor))] = first
    opp, sup = thread
    f["t:" + ("oppose" if opp > sup else "support" if sup > opp else "none")] = first
    if ngrams:
        _ngram_features(text, ments, actor, sents, f)
    return f


@lru_cache(maxsize=64)
def _group_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words) or "(?!)")


def _ngram_features(text: str, ments: list[tuple[int, int, str]], actor: str, sents: list[Span], f: Feats) -> None:
    starts = {m[0]: m for m in reversed(ments) if m[1] > m[0]}  # the first mention starting at each offset
    for a, b in dict.fromkeys(sents):
        toks: list[tuple[str, int, int]] = []
        k = a
        while k < b:
            m = starts.get(k)
            if m is not None:
                toks.append((TARGET if m[2] == actor else OTHER, m[0], min(m[1], b)))
                k = m[1]
            else:
                toks.append((text[k], k, k + 1))
                k += 1
        for i, (t, s, e) in enumerate(toks):
            if t.strip():
                f.setdefault("n:" + t, (s, e))
            if i + 1 < len(toks) and (t + toks[i + 1][0]).strip():
                f.setdefault("n:" + t + toks[i + 1][0], (s, toks[i + 1][2]))


def document_features(doc: Any, traces: dict[str, dict[str, Any]], tree: dict[str, dict[str, Any]],
                      groups: dict[str, tuple[str, ...]], ngrams: bool = True) -> dict[tuple[str, str], Feats]:
    """Features of every (comment id, actor) pair the rules judged in a document."""
    tots = {cid: totals(t) for cid, t in traces.items()}
    body = {a.id for a in doc.actors for m in a.mentions if m.part == "body"}
    opp_all: dict[str, int] = {}
    sup_all: dict[str, int] = {}
    for t in tots.values():
        for aid, v in t.items():
            if v < 0:
                opp_all[aid] = opp_all.get(aid, 0) + 1
            elif v > 0:
                sup_all[aid] = sup_all.get(aid, 0) + 1
    out: dict[tuple[str, str], Feats] = {}
    for cid, trace in traces.items():
        par = tree.get(cid, {}).get("parent")
        ptot = tots.get(par, {}) if par is not None else None
        own = tots[cid]
        for aid in dict.fromkeys(a for _, _, a in trace["mentions"]):
            v = own.get(aid, 0)  # the thread is the other comments: this one's verdict taken out
            opp = opp_all.get(aid, 0) - (v < 0)
            sup = sup_all.get(aid, 0) - (v > 0)
            out[(cid, aid)] = pair_features(trace, aid, groups, ptot, (opp, sup), aid in body, ngrams)
    return out


def decide(doc: Any, traces: dict[str, dict[str, Any]], tree: dict[str, dict[str, Any]], model: DeciderModel) -> None:
    """Replace each comment's rule stance by the model's decision (same actors, same order); the span is
    the evidence of the decisive feature, in the comment's original text."""
    from shiju.model import Stance

    feats = document_features(doc, traces, tree, model.groups, model.ngrams)
    for c in doc.comments:
        if c.id not in traces:
            continue
        view = doc.view(f"comment:{c.id}")
        out = []
        for st in c.stance:
            f = feats.get((c.id, st.actor))
            if f is None:
                out.append(st)
                continue
            label, (s, e) = model.predict(f)
            os_, oe, _ = view.original_span(s, e)
            out.append(Stance(actor=st.actor, stance=label, start=os_, end=oe))
        c.stance = out


# -- the model file ----------------------------------------------------------------------------------

def load_decider(data_dir: str | None = None) -> DeciderModel | None:
    """The model of ``data/stance/decider.yaml``; None when the file is absent (the rules decide)."""
    from shiju.data import data_path, read_yaml

    if not data_path("stance", "decider.yaml", data_dir=data_dir).exists():
        return None
    raw, where = read_yaml("stance", "decider.yaml", data_dir=data_dir, error=StanceModelError,
                           what="the stance decider model")
    if raw is None:
        return None
    weights, groups = read_weights_and_groups(raw, where, "groups and weights")
    return DeciderModel(weights, groups, bool(raw.get("ngrams", True)), bool(raw.get("enabled", True)))


# -- training (development tool; not used at run time) -------------------------------------------------

def train(examples: Sequence[tuple[Iterable[str], str]], c: float = 1.0, epochs: int = 300, rate: float = 0.5,
          min_count: int = 2) -> dict[str, tuple[float, float, float]]:
    """Multinomial logistic regression by full-batch gradient descent with L2 (1/c) on binary features
    seen in at least `min_count` examples (always `bias`). Deterministic: no shuffling, zero start."""
    from collections import Counter

    counts = Counter(f for feats, _ in examples for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= min_count or f == "bias")
    index = {f: i for i, f in enumerate(vocab)}
    rows = [(sorted({index[f] for f in feats if f in index}), LABELS.index(lab)) for feats, lab in examples]
    w = [[0.0, 0.0, 0.0] for _ in vocab]
    n = max(len(rows), 1)
    for _ in range(epochs):
        grad = [[x / (c * n) for x in wi] for wi in w]
        for idx, y in rows:
            z = [0.0, 0.0, 0.0]
            for i in idx:
                wi = w[i]
                z[0] += wi[0]
                z[1] += wi[1]
                z[2] += wi[2]
            m = max(z)
            e = [math.exp(v - m) for v in z]
            s = e[0] + e[1] + e[2]
            d = [(e[k] / s - (1.0 if k == y else 0.0)) / n for k in range(3)]
            for i in idx:
                g = grad[i]
                g[0] += d[0]
                g[1] += d[1]
                g[2] += d[2]
        for i in range(len(w)):
            wi, g = w[i], grad[i]
            wi[0] -= rate * g[0]
            wi[1] -= rate * g[1]
            wi[2] -= rate * g[2]
    return {f: (w[i][0], w[i][1], w[i][2]) for f, i in index.items()}


@dataclass
class Pair:
    doc: str
    feats: Feats | None  # None: the pipeline did not find the actor in the comment (always neutral)
    gold: str
    rule: str  # the rules' label for the pair, as `shiju eval` scores it


def gold_pairs(gold_paths: Sequence[str], groups: dict[str, tuple[str, ...]], exclude: str | None = None,
               ngrams: bool = True) -> list[Pair]:
    """Every gold stance pair of the files (documents whose id matches `exclude` left out), with its
    features, matched to the pipeline's actor the way `shiju eval` matches it."""
    from shiju.evaluation import _ids, gold_document, id_acceptable, id_acceptable_lenient, load_gold
    from shiju.pipeline import Pipeline
    from shiju.reactions import reply_tree, stance_traces

    pipe = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    rx = re.compile(exclude) if exclude else None
    out: list[Pair] = []
    for g in load_gold(gold_paths):
        if not g.get("stance") or (rx is not None and rx.search(str(g.get("id")))):
            continue
        doc = pipe(gold_document(g))
        traces = stance_traces(doc, pipe.ctx)
        feats = document_features(doc, traces, reply_tree(doc.comments), groups, ngrams)
        by_id = {c.id: c for c in doc.comments}
        for item in g["stance"]:
            c = by_id.get(str(item.get("comment")))
            ids = _ids(item.get("actor"))
            st = None
            if c is not None:
                st = next((s for s in c.stance if id_acceptable(ids, s.actor, doc)), None) or next(
                    (s for s in c.stance if id_acceptable_lenient(ids, s.actor, doc)), None)
            f = feats.get((c.id, st.actor)) if st is not None and c is not None else None
            out.append(Pair(str(g["id"]), f, str(item.get("stance")), st.stance if st is not None else "neutral"))
    return out


def report_pairs(gold_paths: Sequence[str], groups: dict[str, tuple[str, ...]], n: int = 60,
                 ngrams: bool = True) -> list[Pair]:
    """`n` neutral training pairs from news gold: short body sentences (at most 80 characters, two per
    document) naming an actor, posted as if a comment under the same body, judged for their first actor.
    Reporting an act is no stance (docs/annotation.md); without these the model reads the forums'
    "oppose" prior into bare reports (中国外交部今天发表声明). Deterministic: files and sentences in order."""
    from shiju.evaluation import gold_document, load_gold
    from shiju.model import Comment
    from shiju.pipeline import Pipeline
    from shiju.reactions import reply_tree, stance_traces
    from shiju.text.sentences import sentences

    pipe = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    out: list[Pair] = []
    for g in load_gold(gold_paths):
        if len(out) >= n:
            break
        body = str(g.get("body") or "")
        picked = [body[s:e].strip() for s, e in sentences(body) if 8 <= e - s <= 80][:6]
        taken = 0
        for k, sent in enumerate(picked):
            if taken == 2 or len(out) >= n:
                break
            doc = gold_document({**g, "comments": [], "stance": []})
            doc.comments = [Comment(id="r1", author="r", text=sent)]
            doc = pipe(doc)
            traces = stance_traces(doc, pipe.ctx)
            if "r1" not in traces or not traces["r1"]["mentions"]:
                continue
            feats = document_features(doc, traces, reply_tree(doc.comments), groups, ngrams)
            aid = sorted(traces["r1"]["mentions"])[0][2]
            out.append(Pair(f"report:{g.get('id')}:{k}", feats[("r1", aid)], "neutral", "neutral"))
            taken += 1
    return out


def cross_validate(pairs: Sequence[Pair], folds: int = 5, extra: Sequence[Pair] = (),
                   **kw: Any) -> tuple[int, int, int]:
    """(model right, rules right, pairs) by document-grouped `folds`-fold cross-validation: documents are
    dealt to folds in sorted order, so every run splits the same way; `extra` pairs (news reports) are
    added to every fold's training."""
    docs = sorted({p.doc for p in pairs})
    fold = {d: i % folds for i, d in enumerate(docs)}
    right = 0
    for k in range(folds):
        train_ex = [(p.feats, p.gold) for p in list(pairs) + list(extra)
                    if (p in extra or fold[p.doc] != k) and p.feats is not None]
        model = DeciderModel(train(train_ex, **kw), {})
        for p in pairs:
            if fold[p.doc] == k:
                right += (model.predict(p.feats)[0] if p.feats is not None else "neutral") == p.gold
    return right, sum(p.rule == p.gold for p in pairs), len(pairs)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    from pathlib import Path

    import yaml

    ap = argparse.ArgumentParser(prog="python -m shiju.stance_decider",
                                 description="cross-validate or train the stance decider (data/stance/decider.yaml)")
    ap.add_argument("command", choices=["train", "cv"])
    ap.add_argument("gold", nargs="+", help="non-blind gold files with stance annotations")
    ap.add_argument("--exclude", help="regular expression of document ids to leave out (a held-out half)")
    ap.add_argument("--model", required=True, help="the model file: its header, groups and settings are read, "
                    "and `train` rewrites its weights")
    ap.add_argument("-c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--reports", nargs="*", default=[], help="non-blind news gold files whose body sentences "
                    "give neutral training pairs")
    ap.add_argument("--reports-max", type=int, default=60)
    args = ap.parse_args(argv)
    path = Path(args.model)
    text = path.read_text(encoding="utf-8")
    raw = yaml.safe_load(text) or {}
    groups = {str(k): tuple(str(w) for w in v) for k, v in (raw.get("groups") or {}).items()}
    ngrams = bool(raw.get("ngrams", True))
    pairs = gold_pairs(args.gold, groups, args.exclude, ngrams)
    reports = report_pairs(args.reports, groups, args.reports_max, ngrams) if args.reports else []
    if args.command == "cv":
        m, r, n = cross_validate(pairs, args.folds, reports, c=args.c)
        print(f"{n} pairs in {len({p.doc for p in pairs})} documents: model {m / n:.3f} ({m}), rules {r / n:.3f} ({r})")
        return 0
    weights = train([(p.feats, p.gold) for p in pairs + reports if p.feats is not None], c=args.c)
    header = "".join(line for line in text.splitlines(keepends=True)
                     if line.startswith("#") and not line.startswith("# trained on"))
    used = sorted({p.doc for p in pairs})
    lines = [header.rstrip("\n"),
             f"# trained on {sum(p.feats is not None for p in pairs)} (comment, actor) pairs from {len(used)} "
             "documents of " + ", ".join(Path(p).name for p in args.gold)
             + (f", leaving out ids matching {args.exclude!r}" if args.exclude else "")
             + (f"; plus {len(reports)} neutral news sentences from " + ", ".join(Path(p).name for p in args.reports)
                if reports else "") + f"; c={args.c}",
             "groups:"]
    for k, v in groups.items():
        lines.append(f"  {k}: [{', '.join(_json(w) for w in v)}]")
    lines.append(f"enabled: {'true' if raw.get('enabled', True) else 'false'}")
    lines.append(f"ngrams: {'true' if ngrams else 'false'}")
    lines.append("weights:  # feature: [support, oppose, neutral]")
    for f, w in sorted(weights.items(), key=lambda kv: (-max(abs(x) for x in kv[1]), kv[0])):
        if max(abs(x) for x in w) >= 0.01 or f == "bias":
            lines.append(f"  {_json(f)}: [{w[0]:.3f}, {w[1]:.3f}, {w[2]:.3f}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {len(used)} documents, {len(weights)} features")
    return 0


def _json(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)


if __name__ == "__main__":
    raise SystemExit(main())
