"""Readable summaries of analysed documents (rich tables)."""
from __future__ import annotations

from typing import Sequence

from shiju.model import Document


def print_summary(docs: Sequence[Document]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"shiju: {len(docs)} documents")
    for col in ("source", "format", "title", "published", "comments", "actors", "times", "quotes", "events", "relations"):
        table.add_column(col)
    for d in docs:
        table.add_row(
            d.source[-40:], d.format, (d.title or "")[:30], d.published or "", str(len(d.comments)),
            str(len(d.actors)), str(len(d.times)), str(len(d.quotes)), str(len(d.events)), str(len(d.relations)),
        )
    console.print(table)
    for d in docs:
        if not d.events and not d.quotes:
            continue
        console.rule(d.title or d.source)
        names = {a.id: (a.name_zh or a.name or a.id) for a in d.actors}
        for e in d.events[:15]:
            flags = "".join(f for f, on in (("¬", e.negated), ("?", e.hypothetical), ("→", e.future)) if on)
            console.print(
                f"  [bold]{e.type}[/bold]{flags} {e.date or ''} "
                f"{'+'.join(names.get(x, x) for x in e.actor)} → {'+'.join(names.get(x, x) for x in e.recipient)}"
                f"  [dim]{e.sentence[:60]}[/dim]", markup=True, highlight=False,
            )
        for q in d.quotes[:8]:
            console.print(f"  [italic]{names.get(q.speaker, q.speaker_text)}[/italic]: {q.text[:70]}", highlight=False)
