"""Corpus graph: aggregation from a store, GraphML (xml.etree, networkx when installed) and node-link JSON."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from shiju.graph import build_graph, to_graphml, to_node_link
from shiju.model import Actor, Document, Event, Mention, Relation
from shiju.store import Store

NS = "{http://graphml.graphdrawing.org/xmlns}"


def _ev(i: int, actor: str, recipient: str, quad: int, intensity: float, negated: bool = False) -> Event:
    return Event(id=f"e{i}", type="CONSULT", mode=None, context=[], actor=[actor], recipient=[recipient],
                 date="2021-03-18", date_text=None, negated=negated, future=False, hypothetical=False,
                 historical=False, sentence="x", start=0, end=1, quad=quad, intensity=intensity)


def _rel(i: int, a: str, b: str, type_: str, **flags) -> Relation:
    return Relation(id=f"r{i}", a=a, b=b, type=type_, date="2021-03-18", sentence="x", start=0, end=1, **flags)


def _doc(i: int, relations: list[Relation], events: list[Event]) -> Document:
    actors = [Actor(id="USA", name="United States", name_zh="美国", type="state", country="USA",
                    mentions=[Mention(0, 1, "x")]),
              Actor(id="KOR", name="South Korea", name_zh="韩国", type="state", country="KOR"),
              Actor(id="local:<金&某>", name=None, name_zh='金"某', type="person", country="KOR")]
    return Document(id=f"d{i}", source=f"s{i}", format="t", body=f"文本{i}。", published="2021-03-18",
                    actors=actors, relations=relations, events=events)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "g.db")
    s.ingest_many([
        _doc(1, [_rel(1, "USA", "KOR", "alliance"), _rel(2, "KOR", "USA", "dependence")],
             [_ev(1, "USA", "KOR", 1, 3.0), _ev(2, "USA", "KOR", 1, 5.0), _ev(3, "USA", "KOR", 4, -8.0, negated=True)]),
        _doc(2, [_rel(3, "KOR", "USA", "alliance"), _rel(4, "USA", "KOR", "hostility", negated=True),
                 _rel(5, "local:<金&某>", "USA", "hostility", hypothetical=True),
                 _rel(6, "local:<金&某>", "KOR", "rivalry")], []),
    ])
    yield s
    s.close()


def test_aggregation(store: Store) -> None:
    g = build_graph(store)
    pair = g.edges[("KOR", "USA")]  # symmetric types: one edge with the pair sorted
    assert pair.relations["alliance"] == 2
    ev = g.edges[("USA", "KOR")]  # events keep their direction: actor -> recipient
    assert ev.relations == {}
    attrs = ev.attributes()
    assert attrs["ev_verbal_coop"] == 2 and attrs["ev_verbal_coop_intensity"] == 4.0
    assert attrs["ev_material_conflict"] == 0  # negated events are not counted
    assert g.edges[("KOR", "USA")].attributes()["rel_hostility"] == 0  # negated relation left out
    assert g.nodes["USA"]["name_zh"] == "美国" and g.nodes["KOR"]["type"] == "state"


def test_dependence_direction(store: Store) -> None:
    g = build_graph(store, include_events=False)
    keys = {k: e.relations for k, e in g.edges.items()}
    assert keys[("KOR", "USA")] == {"alliance": 2, "dependence": 1}
    assert ("USA", "KOR") not in keys


def test_graphml_parses_and_escapes(store: Store) -> None:
    g = build_graph(store)
    text = to_graphml(g)
    root = ET.fromstring(text.encode("utf-8"))
    graph = root.find(f"{NS}graph")
    nodes = {n.get("id"): n for n in graph.findall(f"{NS}node")}
    assert set(nodes) == set(g.nodes) and "local:<金&某>" in nodes
    keys = {k.get("id"): k.get("attr.name") for k in root.findall(f"{NS}key")}
    name_zh = [d.text for d in nodes["local:<金&某>"].findall(f"{NS}data") if keys[d.get("key")] == "name_zh"]
    assert name_zh == ['金"某']
    edges = graph.findall(f"{NS}edge")
    assert len(edges) == len(g.edges)
    assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)


def test_graphml_reads_in_networkx(store: Store, tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    from shiju.graph import write_graphml

    write_graphml(build_graph(store), tmp_path / "g.graphml")
    h = nx.read_graphml(tmp_path / "g.graphml")
    assert h.is_directed()
    assert h.edges["KOR", "USA"]["rel_alliance"] == 2
    assert h.edges["USA", "KOR"]["ev_verbal_coop_intensity"] == pytest.approx(4.0)
    assert h.nodes["USA"]["name"] == "United States"


def test_node_link_json(store: Store, tmp_path: Path) -> None:
    from shiju.graph import write_json

    write_json(build_graph(store), tmp_path / "g.json")
    d = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert d["directed"] is True and d["multigraph"] is False
    ids = {n["id"] for n in d["nodes"]}
    assert {"USA", "KOR"} <= ids
    assert d["edges"] == d["links"]
    assert all(e["source"] in ids and e["target"] in ids for e in d["edges"])
    try:
        import networkx as nx
    except ImportError:
        return
    h = nx.node_link_graph(d, edges="edges") if "edges" in nx.node_link_graph.__code__.co_varnames else \
        nx.node_link_graph(d)
    assert h.number_of_edges() == len(d["edges"])


def test_cli_graph(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from shiju.cli import main

    store.close()
    out = tmp_path / "net.json"
    assert main(["graph", "--store", str(tmp_path / "g.db"), str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["nodes"]
    assert main(["graph", "--store", str(tmp_path / "g.db"), "--format", "graphml", str(tmp_path / "n.xml")]) == 0
    ET.parse(tmp_path / "n.xml")
    assert main(["graph", "--store", str(tmp_path / "missing.db"), str(out)]) == 1
    assert "missing.db" in capsys.readouterr().err


def test_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "e.db") as s:
        g = build_graph(s)
    assert to_node_link(g)["nodes"] == [] and ET.fromstring(to_graphml(g).encode())
