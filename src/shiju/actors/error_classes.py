"""Sort actor errors (false positives and misses on gold) into classes, with counts (development tool).

    python -m shiju.actors.error_classes tests/gold/fresh5_news_*.yaml [--only REGEX] [--examples 3]

Classes follow the conventions of docs/annotation.md ("What is an actor mention"): a state or city used as
a place or venue, a dateline, a nationality adjective on counted people, a name inside the name of a thing
or event, a wrong id on the right span, a boundary (the span found but split or merged), a comment author, a
title-only mention, and for misses: a known alias not linked, an alias missing (slang, variant), an unknown
person or organisation. The cue words are data (``data/actors/error_classes.yaml``). Blind gold files are
refused: their errors are never read.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Sequence

FP_CLASSES = ("comment author", "wrong id", "boundary", "boundary (part of a longer gold mention)", "dateline", "adjective on counted people",
              "inside a name of a thing/event", "place/venue use", "title-only mention", "other")
FN_CLASSES = ("wrong id", "boundary", "place/venue use", "adjective on counted people", "title-only mention",
              "known alias not linked", "alias missing (slang/variant)", "unknown person/org missed", "other")


@dataclass
class Cues:
    place_before: tuple[str, ...]
    place_after: tuple[str, ...]
    people_after: tuple[str, ...]
    counters: tuple[str, ...]
    thing_heads: tuple[str, ...]
    dateline_after: tuple[str, ...]


def load_cues(data_dir: str | None = None) -> Cues:
    from shiju.actors.gazetteer import GazetteerError
    from shiju.data import read_yaml

    raw, where = read_yaml("actors", "error_classes.yaml", data_dir=data_dir, error=GazetteerError,
                           what="the actor error classes' cue words")
    fields = Cues.__dataclass_fields__
    if not isinstance(raw, dict) or any(not isinstance(raw.get(k), list) for k in fields):
        raise GazetteerError(f"{where}: expected lists {', '.join(fields)}")
    return Cues(**{k: tuple(sorted((str(w) for w in raw[k]), key=len, reverse=True)) for k in fields})


@dataclass
class Error:
    kind: str  # FP / FN
    cls: str
    doc: str
    source: str
    text: str
    ids: str
    context: str


_NUM = re.compile(r"[0-9０-９一二三四五六七八九十百千万两几数]+$")


def _is_place(cues: Cues, before: str, after: str) -> bool:
    return before.endswith(cues.place_before) or after.startswith(cues.place_after)


def _is_people(cues: Cues, before: str, after: str) -> bool:
    if after.startswith(cues.people_after):
        return True
    b = before.rstrip()
    for c in cues.counters:
        if b.endswith(c) and _NUM.search(b[:-len(c)]):
            return True
    return False


def classify_fp(cues: Cues, gaz: Any, text: str, s: int, e: int, aid: str, part: str, authors: set[str],
                gold_overlap: list[tuple[list[str], bool]]) -> str:
    """The class of a predicted mention that matches no gold mention (`gold_overlap`: the id lists of the
    gold mentions overlapping it, and whether another prediction matched each)."""
    span = text[s:e]
    before, after = text[max(0, s - 4):s], text[e:e + 6]
    typ = (gaz.entry(aid).type if gaz.entry(aid) else "local") if aid else "none"
    if part != "body" and any(span in a or a in span for a in authors if a):
        return "comment author"
    if gold_overlap:
        if any(aid in ids for ids, _ in gold_overlap):
            return "boundary"
        if all(found for _, found in gold_overlap):
            return "boundary (part of a longer gold mention)"  # 国民党|候选人韩国瑜 = one person mention
        return "wrong id"
    if part == "body" and s < 40 and (re.match(r"\s*[0-9０-９一二三四五六七八九十]{1,3}[月日]", after)
                                      or after.startswith(cues.dateline_after)):
        return "dateline"
    if typ == "state" and _is_people(cues, before, after):
        return "adjective on counted people"
    if after.startswith(cues.thing_heads):
        return "inside a name of a thing/event"
    if typ in ("state", "location") and (_is_place(cues, before, after) or any(
            a.kind == "capital" and a.id == aid for a in gaz.aliases.get(span, ()))):
        return "place/venue use"  # a capital FP is a city named as a place (空袭德黑兰), not its government
    if aid.startswith("office:") or span in gaz.title_nouns or span in gaz.title_aliases:
        return "title-only mention"
    return "other"


def classify_fn(cues: Cues, gaz: Any, text: str, span: tuple[int, int] | None, ids: list[str],
                overlapping: list[tuple[tuple[int, int], str]], matched_other: bool) -> str:
    """The class of a gold mention no prediction matches (`overlapping`: predicted (span, id) overlapping
    it; `matched_other`: one of them matched another gold mention)."""
    from shiju.actors.gazetteer import fold

    if span is None:
        return "other"
    s, e = span
    g = fold(text[s:e])
    before, after = text[max(0, s - 4):s], text[e:e + 6]
    if overlapping:
        return "boundary" if matched_other or any(aid in ids for _, aid in overlapping) else "wrong id"
    known = [i for i in ids if not i.startswith("local:") and gaz.entry(i) is not None]
    typ = gaz.entry(known[0]).type if known else None
    if typ == "state" and _is_people(cues, before, after):
        return "adjective on counted people"
    if typ == "state" and _is_place(cues, before, after):
        return "place/venue use"
    if g in gaz.aliases:
        return "title-only mention" if (g in gaz.title_nouns or g in gaz.title_aliases) else "known alias not linked"
    if not known:
        return "unknown person/org missed"
    if any(g.endswith(t) for t in gaz.title_nouns if len(t) >= 2):
        return "title-only mention"
    return "alias missing (slang/variant)"


def sort_errors(gold_files: Sequence[str], only: str | None = None, exclude: str | None = None) -> list[Error]:
    from shiju.actors import get_gazetteer
    from shiju.evaluation import gold_document, load_gold, match_actors
    from shiju.pipeline import Pipeline

    pipe = Pipeline(["normalize", "actors"])
    gaz = get_gazetteer(pipe.ctx)
    cues = load_cues()
    rx_only = re.compile(only) if only else None
    rx_ex = re.compile(exclude) if exclude else None
    out: list[Error] = []
    for g in load_gold(gold_files):
        did = str(g.get("id"))
        if "actors" not in g or (rx_only and not rx_only.search(did)) or (rx_ex and rx_ex.search(did)):
            continue
        doc = pipe(gold_document(g))
        preds, used, located = match_actors(g, doc)
        authors = {c.author for c in doc.comments if c.author}
        gold_by_part: dict[str, list[tuple[tuple[int, int], list[str], int | None]]] = defaultdict(list)
        for item, span, hit in located:
            if span is not None:
                ids = item.get("id")
                gold_by_part[_part(item)].append(
                    (span, [str(x) for x in (ids if isinstance(ids, list) else [ids])], hit))
        for k, (part, (s, e), aid) in enumerate(preds):
            if k in used:
                continue
            text = doc.part_text(part)
            over = [(ids, m is not None) for (gs, ge), ids, m in gold_by_part[part] if gs < e and s < ge]
            cls = classify_fp(cues, gaz, text, s, e, aid, part, authors, over)
            out.append(Error("FP", cls, did, g["_file"], text[s:e], aid, text[max(0, s - 8):e + 8]))
        for item, span, hit in located:
            if hit is not None:
                continue
            part = _part(item)
            text = doc.part_text(part) if span is not None else ""
            ids = item.get("id")
            ids = [str(x) for x in (ids if isinstance(ids, list) else [ids])]
            over = [] if span is None else [(ps, aid) for pp, ps, aid in preds
                                            if pp == part and ps[0] < span[1] and span[0] < ps[1]]
            other = span is not None and any(
                k in used for k, (pp, ps, _) in enumerate(preds) if pp == part and ps[0] < span[1] and span[0] < ps[1])
            cls = classify_fn(cues, gaz, text, span, ids, over, other)
            ctx = text[max(0, span[0] - 8):span[1] + 8] if span else ""
            out.append(Error("FN", cls, did, g["_file"], str(item["text"]), ",".join(ids), ctx))
    return out


def _part(item: dict) -> str:
    """The part a gold mention is in (as docs/annotation.md: `part:` or `comment:`)."""
    part = str(item.get("part") or "body")
    if item.get("comment") is not None and part == "body":
        part = f"comment:{item['comment']}"
    return part


def table(errors: Sequence[Error]) -> str:
    fp = Counter(e.cls for e in errors if e.kind == "FP")
    fn = Counter(e.cls for e in errors if e.kind == "FN")
    lines = ["| class | FP | FN |", "|---|---|---|"]
    for c in dict.fromkeys(FP_CLASSES + FN_CLASSES):
        if fp[c] or fn[c]:
            lines.append(f"| {c} | {fp[c]} | {fn[c]} |")
    lines.append(f"| total | {sum(fp.values())} | {sum(fn.values())} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from shiju.training_data import gold_paths

    ap = argparse.ArgumentParser(prog="python -m shiju.actors.error_classes",
                                 description="sort actor false positives and misses on non-blind gold into classes")
    ap.add_argument("gold", nargs="+", help="non-blind gold files or globs")
    ap.add_argument("--only", help="regular expression of document ids to keep (a dev half: ^g-ad5-a-)")
    ap.add_argument("--exclude", help="regular expression of document ids to leave out")
    ap.add_argument("--examples", type=int, default=0, help="print up to N errors of each class")
    args = ap.parse_args(argv)
    files = [str(p) for p in gold_paths(args.gold, "error sorting")]
    errors = sort_errors(files, args.only, args.exclude)
    print(table(errors))
    if args.examples:
        by: dict[tuple[str, str], list[Error]] = defaultdict(list)
        for e in errors:
            by[(e.kind, e.cls)].append(e)
        for (kind, cls), es in sorted(by.items()):
            print(f"\n{kind} {cls} ({len(es)})")
            for e in es[:args.examples]:
                print(f"  {e.doc}: {e.text} -> {e.ids}   …{e.context.replace(chr(10), ' ')}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
