"""Readable summaries of analysed documents (rich tables), built incrementally in bounded memory."""
from __future__ import annotations

import sys
from collections import Counter

from shiju.model import Document

SHOWN = 12  # documents whose details are printed; the rest only count


class Summary:
    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.count = 0
        self.totals: Counter[str] = Counter()
        self.event_types: Counter[str] = Counter()
        self.actor_names: Counter[str] = Counter()

    def add(self, d: Document) -> None:
        self.count += 1
        for k in ("comments", "actors", "times", "quotes", "events", "relations"):
            self.totals[k] += len(getattr(d, k))
        for e in d.events:
            if not e.negated and not e.hypothetical and e.part == "body":
                self.event_types[e.type] += 1
        for a in d.actors:
            self.actor_names[a.name_zh or a.name or a.id] += 1
        if len(self.docs) < SHOWN:
            self.docs.append(d)

    def print(self) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console(width=None if sys.stdout.isatty() else 140)
        table = Table(title=f"shiju: {self.count} documents")
        for col in ("file", "format", "published", "lang", "title"):
            table.add_column(col, no_wrap=True, overflow="ellipsis", max_width=22 if col in ("file", "title") else None)
        for col in ("comments", "actors", "times", "quotes", "events", "relations"):
            table.add_column(col, justify="right")
        for d in self.docs:
            name = d.source.replace("\\", "/").rsplit("/", 1)[-1]
            table.add_row(name, d.format, d.published or "", d.language or "", d.title or "",
                          str(len(d.comments)), str(len(d.actors)), str(len(d.times)), str(len(d.quotes)),
                          str(len(d.events)), str(len(d.relations)))
        if self.count > len(self.docs):
            table.add_row(f"… {self.count - len(self.docs)} more", "", "", "", "", "", "", "", "", "", "")
        console.print(table)
        console.print("totals: " + ", ".join(f"{k} {v}" for k, v in self.totals.items()), highlight=False)
        if self.event_types:
            console.print("event types: " + ", ".join(f"{k} {v}" for k, v in self.event_types.most_common()),
                          highlight=False)
        if self.actor_names:
            console.print("most frequent actors: " + ", ".join(
                f"{k} ({v})" for k, v in self.actor_names.most_common(12)), highlight=False)
        for d in self.docs:
            if not d.events and not d.quotes:
                continue
            console.rule(d.title or d.source)
            names = {a.id: (a.name_zh or a.name or a.id) for a in d.actors}
            for e in d.events[:12]:
                flags = "".join(f for f, on in (("¬", e.negated), ("?", e.hypothetical), ("→", e.future)) if on)
                console.print(
                    f"  [bold]{e.type}[/bold]{flags} {e.date or ''} "
                    f"{'+'.join(names.get(x, x) for x in e.actor)} → {'+'.join(names.get(x, x) for x in e.recipient)}"
                    f"  [dim]{e.sentence[:50]}[/dim]", highlight=False,
                )
            for q in d.quotes[:6]:
                console.print(f"  [italic]{names.get(q.speaker, q.speaker_text)}[/italic]: {q.text[:60]}",
                              highlight=False)
