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
from itertools import repeat
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
        z = sum(map(self.weights.get, feats, repeat(0.0)))
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


def _unit_of(ch: str) -> str:
    if ch in _PUNCT:
        return "|"  # clause edge: one symbol for every punctuation mark and space
    if _DIGIT.match(ch):
        return "0"
    if _LATIN.match(ch):
        return "a"
    return ch


class _Units(dict):
    """Character -> its context unit, computed once per character (a per-character regex was the filter's
    largest cost)."""

    def __missing__(self, ch: str) -> str:
        u = self[ch] = _unit_of(ch)
        return u


_unit = _Units().__getitem__


class _PartContext:
    """One part's Simplified text with every mention masked to a one-character mark of its actor type, so
    that context features read 在Ⓢ举行 / Ⓢ总统Ⓟ rather than the names themselves. `spans`: (start, end,
    actor type) of the part's mentions."""

    def __init__(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        self.text = text
        self.spans = spans
        self.owner: dict[int, int] = {}
        for k, (s, e, _) in enumerate(spans):
            for j in range(s, min(e, len(text))):
                self.owner.setdefault(j, k)

    def left(self, pos: int, n: int) -> str:
        out: list[str] = []
        j = pos - 1
        while j >= 0 and len(out) < n:
            k = self.owner.get(j)
            if k is not None:
                out.append(_TYPE_MARK.get(self.spans[k][2], "Ⓧ"))
                j = min(self.spans[k][0], j) - 1
            else:
                out.append(_unit(self.text[j]))
                j -= 1
        out.extend("^" * (n - len(out)))
        return "".join(reversed(out))

    def right(self, pos: int, n: int) -> str:
        out: list[str] = []
        j = pos
        while j < len(self.text) and len(out) < n:
            k = self.owner.get(j)
            if k is not None:
                out.append(_TYPE_MARK.get(self.spans[k][2], "Ⓧ"))
                j = max(self.spans[k][1], j + 1)
            else:
                out.append(_unit(self.text[j]))
                j += 1
        out.extend("$" * (n - len(out)))
        return "".join(out)


def mention_features(gaz: Any, ctx: _PartContext, s: int, e: int, aid: str, part: str, count: int) -> list[str]:
    """General features of one mention [s, e) of actor `aid` in a part (Simplified-view offsets)."""
    text = ctx.text
    t = _actor_type(gaz, aid)
    written = text[s:e].strip()  # the Simplified view is already folded as aliases are
    als = gaz.aliases.get(written, ())
    own = [a for a in als if a.id == aid]
    if own:  # the mention is exactly one of the actor's names
        form = "title" if (written in gaz.title_nouns or written in gaz.title_aliases) else own[0].kind
    elif written in gaz.title_nouns or written in gaz.title_aliases:
        form = "title"  # a bare 总统 / 外交部 resolved by context to its holder or body
    else:
        form = "other-alias" if als else "composite"  # title + name, pattern person, state + body
    l3, r3 = ctx.left(s, 3), ctx.right(e, 3)
    where = "body" if part == "body" else "comment"
    f = ["bias", f"type:{t}", f"form:{form}", f"part:{where}", f"len:{min(e - s, 5)}", f"cnt:{min(count, 4)}",
         f"type:{t}|form:{form}", f"type:{t}|part:{where}", f"form:{form}|part:{where}",
         f"L1:{l3[-1]}", f"L2:{l3[-2:]}", f"L3:{l3}", f"R1:{r3[0]}", f"R2:{r3[:2]}", f"R3:{r3}",
         f"L1R1:{l3[-1]}{r3[0]}", f"t{t}L1:{l3[-1]}", f"t{t}R1:{r3[0]}", f"t{t}R2:{r3[:2]}", f"t{t}L2:{l3[-2:]}"]
    for r in {a.register for a in own}:
        if r != "standard":
            f.append(f"reg:{r}")
    if len({a.id for a in als}) > 1:
        f.append("ambiguous")
    if part == "body" and s < 40:
        f.append("head")
        if _DATE_AFTER.match(text, e):
            f.append("head|date-after")  # 新华社北京3月1日电: a dateline's city
    if _DATE_AFTER.match(text, e):
        f.append(f"t{t}|date-after")
    if count == 1:
        f.append(f"t{t}|once")
    return f


def document_features(doc: Any, gaz: Any) -> list[tuple[Any, Any, list[str]]]:
    """(actor, mention, features) for every mention of the document's actors, in part order."""
    by_part: dict[str, list[tuple[Any, Any]]] = {}
    counts: dict[str, int] = {}
    for a in doc.actors:
        counts[a.id] = len(a.mentions)
        for m in a.mentions:
            by_part.setdefault(m.part, []).append((a, m))
    out = []
    for part, ams in by_part.items():
        ams.sort(key=lambda am: (am[1].start, -am[1].end))
        view = doc.view(part)
        sp = view.to_simplified  # mentions carry original offsets; features read the Simplified view
        spans = [(sp(m.start), sp(m.end), _actor_type(gaz, a.id)) for a, m in ams]
        ctx = _PartContext(view.simplified, spans)
        for (a, m), (s, e, _) in zip(ams, spans):
            out.append((a, m, mention_features(gaz, ctx, s, e, a.id, part, counts[a.id])))
    return out


def _referenced(doc: Any) -> set[str]:
    """Actor ids the later stages' output names (events, quotes, relations, stances)."""
    ids: set[str] = set()
    for ev in doc.events:
        ids.update(ev.actor)
        ids.update(ev.recipient)
    ids.update(q.speaker for q in doc.quotes if q.speaker)
    for r in doc.relations:
        ids.update((r.a, r.b))
    for c in doc.comments:
        ids.update(st.actor for st in c.stance)
    return ids


def apply_filter(model: FilterModel, gaz: Any, doc: Any) -> None:
    """Remove the mentions the model scores below its threshold from doc.actors; an actor left without
    mentions is removed unless a later stage's output names it (an event's argument keeps its actor)."""
    drop = {id(m) for _, m, f in document_features(doc, gaz) if model.probability(f) < model.threshold}
    if not drop:
        return
    keep_ids = _referenced(doc)
    actors = []
    for a in doc.actors:
        a.mentions = [m for m in a.mentions if id(m) not in drop]
        if a.mentions or a.id in keep_ids:
            actors.append(a)
    doc.actors = actors


def process(doc: Any, ctx: Any) -> Any:
    """Pipeline stage (last, after every stage that reads actor mentions): filter doc.actors' mentions.
    Later stages are not affected: they ran on the linker's full output."""
    from shiju.actors import get_gazetteer

    model = ctx.resource(f"actors.mention_filter:{ctx.data_dir or ''}", lambda: load_filter(ctx.data_dir))
    if model is not None and model.enabled and doc.actors:
        apply_filter(model, get_gazetteer(ctx), doc)
    if doc.actors:
        drop_exclusions(get_gazetteer(ctx), doc)
    return doc


def drop_exclusions(gaz: Any, doc: Any) -> None:
    """Leave out of the output the mentions lexicon.yaml ``output_exclusions`` names (state and organisation
    anaphors, 两岸): read by the earlier stages, not mentions by the annotation guideline."""
    from shiju.actors.gazetteer import fold

    words = gaz.output_exclude_words
    rxs = [rx for rx in (gaz.anaphor_re, gaz.org_anaphor_re) if rx is not None] if gaz.output_exclude_anaphors else []
    titles = _title_spans(gaz, doc)
    people = _people_noun_mentions(gaz, doc)
    if not words and not rxs and not titles and not people:
        return

    def excluded(m: Any) -> bool:
        t = fold(m.text)
        return t in words or any(rx.fullmatch(t) for rx in rxs) or any(
            a < m.start and m.end < b and (m.start, m.end) != (a + 1, b - 1) for a, b in titles.get(m.part, ())) or (
            id(m) in people)

    if not any(excluded(m) for a in doc.actors for m in a.mentions):
        return
    keep_ids = _referenced(doc)
    actors = []
    for a in doc.actors:
        a.mentions = [m for m in a.mentions if not excluded(m)]
        if a.mentions or a.id in keep_ids:
            actors.append(a)
    doc.actors = actors


def _people_noun_mentions(gaz: Any, doc: Any) -> set[int]:
    """id() of the mentions that are a state's name right before a people noun (叙利亚人民, 乌克兰民众; lexicon.yaml
    ``output_exclusions: people_nouns``) and no mention by the nationality-noun rule: every one in the body; in a
    comment those not at a clause start nor after a particle or comparison word (尊重叙利亚人民的选择)."""
    nouns = gaz.output_people_nouns
    if not nouns:
        return set()
    out: set[int] = set()
    views: dict[str, Any] = {}
    for a in doc.actors:
        if a.id not in gaz.state_ids:
            continue
        for m in a.mentions:
            view = views.get(m.part)
            if view is None:
                view = views[m.part] = doc.view(m.part)
            text = view.simplified
            s, e = view.to_simplified(m.start), view.to_simplified(m.end)
            noun = next((n for n in nouns if text.startswith(n, e)), None)
            if noun is None or not any(al.kind == "name" and al.id == a.id for al in gaz.aliases.get(text[s:e], ())):
                continue  # capitals (北京人民大会堂) and demonyms are not nationality nouns
            if any(gaz.segmenter.has_word(text[e:e + len(noun) + k]) for k in (1, 2, 3)
                                   if e + len(noun) + k <= len(text)):
                continue  # 中国人民大学, 人民解放军, 民众党: a longer word, not the people
            if m.part != "body":
                prev = text[s - 1] if s > 0 else ""
                if not prev or prev in _PUNCT or prev in gaz.left_particles or text.endswith(gaz.comparison_words, 0, s):
                    continue  # 缅甸人民上街抗议, 和中国人民: what a reader's opinion is about
            out.add(id(m))
    return out


def _title_spans(gaz: Any, doc: Any) -> dict[str, list[tuple[int, int]]]:
    """Per part, the (start, end) of each bracketed title (《…》) in the part's original text, brackets
    included (lexicon.yaml ``output_exclusions: inside_titles``)."""
    rx = gaz.output_title_re
    out: dict[str, list[tuple[int, int]]] = {}
    if rx is None:
        return out
    for part in {m.part for a in doc.actors for m in a.mentions}:
        text = doc.part_text(part)
        if "《" in text or "〈" in text:
            spans = [mt.span() for mt in rx.finditer(text)]
            if spans:
                out[part] = spans
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
    """One example per mention the linker gives (unfiltered) on the gold documents that annotate actors,
    labelled as `shiju eval` would score it; and per (file, document) the gold mentions it misses (the
    recall no filter can give back)."""
    from shiju.actors import get_gazetteer
    from shiju.evaluation import gold_document, load_gold, match_actors
    from shiju.pipeline import Pipeline

    pipe = Pipeline(["normalize", "actors"])
    gaz = get_gazetteer(pipe.ctx)
    rx = re.compile(exclude) if exclude else None
    out: list[Example] = []
    misses: dict[tuple[str, str], int] = {}
    for g in load_gold(gold_files):
        if "actors" not in g or (rx and rx.search(str(g.get("id")))):
            continue
        doc = pipe(gold_document(g))
        preds, used, located = match_actors(g, doc)
        misses[(g["_file"], doc.id)] = sum(1 for _, _, k in located if k is None)
        good = {(p, s, aid) for k, (p, s, aid) in enumerate(preds) if k in used}
        for a, m, f in document_features(doc, gaz):
            out.append(Example(doc.id, g["_file"], f, int((m.part, (m.start, m.end), a.id) in good), m.text))
    return out, misses


def train(exs: Sequence[Example], c: float = 1.0, epochs: int = 2000, rate: float = 2.0,
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


def source_set(source: str) -> str:
    """The annotator group of a gold file: fresh5 / fresh6 / fresh7 … (independent annotators, one group per
    session) or `own` (the team's dev sets): `shiju.training_data.source_set`, named `own` here."""
    from shiju.training_data import source_set as file_source_set

    return file_source_set(source, own="own")


def folds_by_set(exs: Sequence[Example]) -> list[int]:
    """A fold per annotator group (leave-one-set-out): selection across annotators, not only documents."""
    sets = sorted({source_set(ex.source) for ex in exs})
    index = {name: i for i, name in enumerate(sets)}
    return [index[source_set(ex.source)] for ex in exs]


def cv_probabilities(exs: Sequence[Example], k: int = 5, c: float = 1.0,
                     fold: Sequence[int] | None = None) -> list[float]:
    """Out-of-fold probabilities of each example (document-grouped folds unless `fold` is given)."""
    fold = list(fold) if fold is not None else folds_by_document(exs, k)
    k = max(fold) + 1 if fold else 0
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


def training_files(patterns: Sequence[str]) -> list[str]:
    """The gold files of `patterns`: a glob skips blind files (they only measure unseen text), a blind file
    named outright is refused with an error naming it."""
    import glob

    from shiju.modelcard import is_blind
    from shiju.training_data import gold_paths

    named: list[str] = []
    for pat in patterns:
        if any(ch in pat for ch in "*?["):
            # stance_blind.yaml too: any file named blind measures unseen text
            named.extend(f for f in sorted(glob.glob(pat)) if not is_blind(f) and "blind" not in f.rsplit("/", 1)[-1])
        elif "blind" in pat.rsplit("/", 1)[-1] and not is_blind(pat):
            raise SystemExit(f"{pat}: blind gold files are never used for training the mention filter")
        else:
            named.append(pat)
    return [str(p) for p in gold_paths(named, "training the mention filter")]


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import json
    from pathlib import Path

    import yaml

    from shiju.data import data_path

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
    ap.add_argument("--by-set", action="store_true",
                    help="`cv`: leave-one-annotator-set-out folds (own / fresh5 / fresh6 …) with figures per set")
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
    files = training_files(args.gold)
    exs, misses = examples(files, args.exclude)
    if args.command == "cv":
        fold = folds_by_set(exs) if args.by_set else None
        probs = cv_probabilities(exs, args.folds, c, fold)
        missed = sum(misses.values())
        thresholds = (0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
        rows = {thr: effect(exs, probs, thr, missed) for thr in thresholds}
        how = "leave-one-set-out CV" if args.by_set else f"{args.folds}-fold CV by document"
        print(f"{len(exs)} mentions ({sum(e.label for e in exs)} gold matches) in "
              f"{len({(e.source, e.doc) for e in exs})} documents, {how}, c={c}")
        for thr, (p, r, f) in rows.items():
            print(f"  threshold {thr:.2f}: P {p:.4f} R {r:.4f} F1 {f:.4f}" + ("  (no filter)" if thr == 0 else ""))
        out: dict[str, Any] = {"all": {str(k): v for k, v in rows.items()}}
        if args.by_set:
            for name in sorted({source_set(ex.source) for ex in exs}):
                sel = [j for j, ex in enumerate(exs) if source_set(ex.source) == name]
                miss = sum(v for (src, _), v in misses.items() if source_set(src) == name)
                sub = [exs[j] for j in sel]
                subp = [probs[j] for j in sel]
                out[name] = {str(t): effect(sub, subp, t, miss) for t in thresholds}
                print(f" held-out set {name} ({len({e.doc for e in sub})} documents):")
                for t in thresholds:
                    p, r, f = out[name][str(t)]
                    print(f"  threshold {t:.2f}: P {p:.4f} R {r:.4f} F1 {f:.4f}" + ("  (no filter)" if t == 0 else ""))
        print(json.dumps(out))
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
