"""The corpus actor network: relations and countable events of a store aggregated into one graph.

Nodes are actors (attributes: name, name_zh, country, type); an edge joins two actors that a relation or
an event connects, carrying counts per relation type (the number of relation records, one per document
and type, see shiju.relations) and event counts per quad class (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict) with their mean intensity. Edges are undirected for
symmetric relations and directed (``source`` → ``target``) for events, dependence and membership, so
one edge is keyed by (source, target) and symmetric relations are stored once with the pair sorted.

Exports need nothing beyond the standard library: GraphML (written by hand, XML-escaped) and the
node-link JSON that ``networkx.node_link_graph`` and Gephi's JSON importer read.

    from shiju.graph import build_graph, write_graphml, write_json
    g = build_graph(store)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from shiju.store import Store

RELATION_TYPES = ("alliance", "partnership", "hostility", "rivalry", "dependence", "membership")
ORDERED = {"dependence", "membership"}
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
NODE_ATTRS = ("name", "name_zh", "country", "type")


@dataclass
class Edge:
    source: str
    target: str
    relations: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    _intensity: dict[str, list[float]] = field(default_factory=dict, repr=False)

    def attributes(self) -> dict[str, Any]:
        """Flat attributes: rel_<type>, ev_<quad>, ev_<quad>_intensity, relations, events (totals)."""
        out: dict[str, Any] = {}
        for t in RELATION_TYPES:
            out[f"rel_{t}"] = self.relations.get(t, 0)
        for q in QUADS.values():
            out[f"ev_{q}"] = self.events.get(q, 0)
            vals = self._intensity.get(q) or []
            out[f"ev_{q}_intensity"] = round(sum(vals) / len(vals), 3) if vals else None
        out["relations"] = sum(self.relations.values())
        out["events"] = sum(self.events.values())
        return out


@dataclass
class ActorGraph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)

    def node(self, actor_id: str, attrs: dict[str, Any] | None = None) -> None:
        if actor_id not in self.nodes:
            self.nodes[actor_id] = {k: None for k in NODE_ATTRS}
            if len(actor_id) == 3 and actor_id.isupper():  # an ISO3 state not in the actors table
                self.nodes[actor_id].update(country=actor_id, type="state")
        if attrs:
            self.nodes[actor_id].update({k: v for k, v in attrs.items() if k in NODE_ATTRS and v is not None})

    def edge(self, a: str, b: str) -> Edge:
        self.node(a)
        self.node(b)
        e = self.edges.get((a, b))
        if e is None:
            e = self.edges[(a, b)] = Edge(a, b)
        return e

    def add_relation(self, a: str, b: str, type_: str) -> None:
        if a == b:
            return
        if type_ not in ORDERED:
            a, b = sorted((a, b))
        e = self.edge(a, b)
        e.relations[type_] = e.relations.get(type_, 0) + 1

    def add_event(self, actor: str, recipient: str, quad: int | None, intensity: float | None) -> None:
        if actor == recipient or quad not in QUADS:
            return
        q = QUADS[quad]  # type: ignore[index]
        e = self.edge(actor, recipient)
        e.events[q] = e.events.get(q, 0) + 1
        if intensity is not None:
            e._intensity.setdefault(q, []).append(float(intensity))


def build_graph(store: "Store", include_events: bool = True, include_comments: bool = False) -> ActorGraph:
    """Aggregate a store: relations that are neither negated nor hypothetical, and countable events
    (body, not negated or hypothetical) with every actor × recipient pair."""
    g = ActorGraph()
    conn = store.conn
    part = "" if include_comments else " AND part = 'body'"
    for a, b, t in conn.execute(
        "SELECT a, b, type FROM relations WHERE COALESCE(negated, 0) = 0 AND COALESCE(hypothetical, 0) = 0"
        + part
    ):
        if a and b and t:
            g.add_relation(a, b, t)
    if include_events:
        for actor, recipient, quad, intensity in conn.execute(
            "SELECT e.actor, e.recipient, e.quad, e.intensity FROM events e WHERE e.countable = 1"
        ):
            for x in json.loads(actor or "[]"):
                for y in json.loads(recipient or "[]"):
                    g.add_event(x, y, quad, intensity)
    ids = list(g.nodes)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        q = "SELECT id, name, name_zh, country, type FROM actors WHERE id IN (" + ",".join("?" * len(chunk)) + ")"
        for aid, name, name_zh, country, type_ in conn.execute(q, chunk):
            g.node(aid, {"name": name, "name_zh": name_zh, "country": country, "type": type_})
    return g


# -- exports ---------------------------------------------------------------------------------------

def to_node_link(g: ActorGraph) -> dict[str, Any]:
    """Node-link JSON (networkx.node_link_data shape, ``edges`` key as networkx ≥ 3.4 writes it and
    ``links`` as older versions and Gephi read it)."""
    nodes = [{"id": nid, **{k: v for k, v in attrs.items()}} for nid, attrs in sorted(g.nodes.items())]
    edges = [{"source": e.source, "target": e.target, **e.attributes()}
             for _, e in sorted(g.edges.items())]
    return {"directed": True, "multigraph": False, "graph": {"generator": "shiju"}, "nodes": nodes,
            "edges": edges, "links": edges}


def write_json(g: ActorGraph, path: str | Path) -> None:
    Path(path).write_text(json.dumps(to_node_link(g), ensure_ascii=False, indent=1), encoding="utf-8")


def _gml_type(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "double"
    return "string"


def to_graphml(g: ActorGraph) -> str:
    """GraphML text; missing values (None) are left out, as the format allows."""
    edge_keys: dict[str, str] = {}
    for e in g.edges.values():
        for k, v in e.attributes().items():
            if v is not None:
                edge_keys.setdefault(k, _gml_type(v))
    for k in list(edge_keys):
        if k.endswith("_intensity"):
            edge_keys[k] = "double"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for k in NODE_ATTRS:
        lines.append(f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>')
    for k, t in edge_keys.items():
        lines.append(f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="{t}"/>')
    lines.append('  <graph id="shiju" edgedefault="directed">')
    for nid, attrs in sorted(g.nodes.items()):
        lines.append(f"    <node id={quoteattr(nid)}>")
        for k in NODE_ATTRS:
            if attrs.get(k) is not None:
                lines.append(f'      <data key="n_{k}">{escape(str(attrs[k]))}</data>')
        lines.append("    </node>")
    for i, (_, e) in enumerate(sorted(g.edges.items())):
        lines.append(f'    <edge id="e{i}" source={quoteattr(e.source)} target={quoteattr(e.target)}>')
        for k, v in e.attributes().items():
            if v is None or k not in edge_keys:
                continue
            lines.append(f'      <data key="e_{k}">{escape(str(v).lower() if isinstance(v, bool) else str(v))}</data>')
        lines.append("    </edge>")
    lines.append("  </graph>")
    lines.append("</graphml>")
    return "\n".join(lines) + "\n"


def write_graphml(g: ActorGraph, path: str | Path) -> None:
    Path(path).write_text(to_graphml(g), encoding="utf-8")
