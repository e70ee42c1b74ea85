"""Actors placed by a fixed surface table, for tests of the stages after the linker (events), so those
tests do not depend on the gazetteer: every occurrence of a surface becomes a mention, longest surfaces
first, never overlapping one already placed."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from shiju.context import AnalysisContext
from shiju.events import is_countable, process
from shiju.model import Actor, Document, Mention

# surface → the actors sharing that occurrence: (id, type, country) or (id, type, country, sector)
Table = Mapping[str, Sequence[tuple]]


def stub_actors(doc: Document, table: Table) -> Document:
    """Fill doc.actors from `table` in every part of the document (body and comments)."""
    by_id: dict[str, Actor] = {}
    for part, text in doc.parts():
        taken: list[tuple[int, int]] = []
        for surface in sorted(table, key=len, reverse=True):
            for m in re.finditer(re.escape(surface), text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                for aid, typ, country, *sector in table[surface]:
                    a = by_id.setdefault(aid, Actor(id=aid, type=typ, country=country,
                                                    sector=sector[0] if sector else None))
                    a.mentions.append(Mention(m.start(), m.end(), surface, part))
    doc.actors = list(by_id.values())
    return doc


def countable_events(body: str, table: Table, published: str | None) -> list:
    """The countable events the events stage codes in `body`, with actors placed from `table`."""
    doc = stub_actors(Document(id="t", source="test", format="test", body=body, published=published), table)
    process(doc, AnalysisContext())
    return [e for e in doc.events if is_countable(e)]
