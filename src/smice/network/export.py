"""Export graphs to GraphML, GEXF (with time intervals) and node-link JSON, optionally
pseudonymised.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import tempfile
from collections.abc import Collection, Hashable
from datetime import date, datetime, timedelta
from os import PathLike
from pathlib import Path
from typing import Any, Final

import networkx as nx

from smice.errors import InvalidValue

__all__ = [
    "EDGE_ATTRIBUTES",
    "GRAPH_ATTRIBUTES",
    "ORGANISATION_ATTRIBUTES",
    "PERSON_ATTRIBUTES",
    "pseudonymise",
    "write_gexf",
    "write_graphml",
    "write_json",
]

#: Node attributes a pseudonymised export keeps for a person (its pseudonym is its ``name``):
#: the helix and country the network metrics group by, nothing that is free text, a date or
#: a quasi-identifier (role, gender, age band, employer, municipality...).
PERSON_ATTRIBUTES: Final = frozenset({"is_person", "helix", "country"})
#: Node attributes a pseudonymised export keeps for an organisation (organisations are not
#: personal data; these are the attributes :func:`~smice.network.to_graph` sets).
ORGANISATION_ATTRIBUTES: Final = frozenset(
    {
        "name",
        "helix",
        "kinds",
        "country",
        "municipality",
        "size_class",
        "bio_based",
        "rnd_capacity",
        "is_person",
        "is_sme",
        "is_rnd",
        "joined_on",
        "left_on",
        "persons",
    }
)
#: Edge attributes a pseudonymised export keeps: the kind of relation, its weight and time,
#: never an id (tie ids are rewritten to keyed hashes) or free text.
EDGE_ATTRIBUTES: Final = frozenset(
    {
        "kind",
        "kinds",
        "weight",
        "count",
        "since",
        "until",
        "phase",
        "direction",
        "pecuniary",
        "resource",
        "status",
    }
)
#: Graph attributes a pseudonymised export keeps.
GRAPH_ATTRIBUTES: Final = frozenset({"arena", "at"})
#: The shortest key accepted for the keyed hash, in bytes.
MIN_KEY_BYTES: Final = 16


def _write_text(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename (atomic on POSIX)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _pseudonym(key: bytes, node: Hashable) -> str:
    digest = hmac.new(key, str(node).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"person-{digest[:20]}"


def _tie_pseudonym(key: bytes, tie: Hashable) -> str:
    # A separate domain ("tie" and a NUL byte first), so a tie and a person with the same id
    # get unrelated pseudonyms.
    digest = hmac.new(key, b"tie\x00" + str(tie).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"tie-{digest[:20]}"


def _check_key(key: bytes | str | None) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes) or len(key) < MIN_KEY_BYTES:
        raise InvalidValue(
            "key",
            f"a secret of at least {MIN_KEY_BYTES} bytes (bytes or str)",
            "<missing>"
            if key is None
            else f"<{len(key) if isinstance(key, bytes) else '?'} bytes>",
        )
    return key


def _check_keep(keep: Collection[str]) -> frozenset[str]:
    if isinstance(keep, str) or not all(isinstance(name, str) for name in keep):
        raise InvalidValue("keep", "a collection of attribute names", keep)
    if "name" in keep:
        raise InvalidValue(
            "keep",
            "attribute names other than 'name' (a person's name never leaves a "
            "pseudonymised export)",
            sorted(keep),
        )
    return frozenset(keep)


def _exportable(G: nx.Graph[Any]) -> list[Hashable]:
    return [
        node
        for node, data in G.nodes(data=True)
        if not data.get("is_person") or "export" in data.get("consent", ())
    ]


def pseudonymise(
    G: nx.Graph[Any], key: bytes | str, *, keep: Collection[str] = ()
) -> nx.Graph[Any]:
    """A copy of *G* fit for sharing: nothing in it can be joined back to a person without
    *key*.

    Persons without consent to ``export`` are dropped with their ties. Every other person's
    id becomes a keyed hash (HMAC-SHA256 with *key*), which is also their ``name``; every
    edge key (a tie's id, which may embed a person's id or name) becomes a keyed hash too.
    Only the attributes listed in :data:`PERSON_ATTRIBUTES` (persons),
    :data:`ORGANISATION_ATTRIBUTES` (organisations), :data:`EDGE_ATTRIBUTES` (edges) and
    :data:`GRAPH_ATTRIBUTES` (the graph) are kept, together with the attributes the caller
    names in *keep*: free text, dates and quasi-identifiers about a person (role, gender, age
    band, employer, municipality, consent) leave only when named.

    The same key gives the same pseudonyms, so exports from one controller can be joined;
    without the key they cannot be reversed or recomputed from a guessed id. Keep the key
    secret and out of the export. Persons are nodes with ``is_person``; their consent is the
    ``consent`` attribute set by :func:`~smice.network.to_graph`.

    Parameters
    ----------
    G : networkx graph
        Usually from :func:`~smice.network.to_graph`; never changed.
    key : bytes or str
        The secret, at least 16 bytes.
    keep : collection of str
        More node and edge attributes to keep (for example ``("role",)``); never ``name``.

    Returns
    -------
    networkx graph
        Of the class of *G*.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("anna", name="Anna", is_person=True, consent=("export",), gender="female",
    ...            helix="academia", role="employee")
    >>> G.add_node("bo", name="Bo", is_person=True, consent=())
    >>> G.add_node("mill", name="Bergs Sågverk AB")
    >>> G.add_edges_from([("anna", "mill", "t-anna-mill"), ("bo", "mill", "t-bo-mill")])
    ['t-anna-mill', 't-bo-mill']
    >>> secret = b"a-secret-of-16-bytes-or-more"
    >>> H = pseudonymise(G, key=secret)
    >>> pseudonym = "person-" + hmac.new(secret, b"anna", hashlib.sha256).hexdigest()[:20]
    >>> sorted(H.nodes) == sorted([pseudonym, "mill"]), H.nodes[pseudonym]
    (True, {'is_person': True, 'helix': 'academia', 'name': 'person-6bdb5e6dad97de820a6b'})
    >>> tie = "tie-" + hmac.new(secret, b"tie\\x00t-anna-mill", hashlib.sha256).hexdigest()[:20]
    >>> [key for _, _, key in H.edges(keys=True)] == [tie]
    True
    >>> pseudonymise(G, key=secret, keep=("role",)).nodes[pseudonym]["role"]
    'employee'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Edge keys are rewritten, only listed attributes are kept, and *keep* names more.
    """
    secret = _check_key(key)
    extra = _check_keep(keep)
    keep_nodes = _exportable(G)
    mapping = {
        node: _pseudonym(secret, node) if G.nodes[node].get("is_person") else node
        for node in keep_nodes
    }
    H = G.__class__()
    H.graph.update({k: v for k, v in G.graph.items() if k in GRAPH_ATTRIBUTES})
    for node in keep_nodes:
        data = G.nodes[node]
        if data.get("is_person"):
            kept = {k: v for k, v in data.items() if k in PERSON_ATTRIBUTES or k in extra}
            kept["name"] = mapping[node]
        else:
            kept = {k: v for k, v in data.items() if k in ORGANISATION_ATTRIBUTES or k in extra}
        H.add_node(mapping[node], **kept)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    for edge in edges:
        u, v, data = edge[0], edge[1], edge[-1]
        if u not in mapping or v not in mapping:
            continue
        kept = {k: value for k, value in data.items() if k in EDGE_ATTRIBUTES or k in extra}
        if G.is_multigraph():
            H.add_edge(mapping[u], mapping[v], key=_tie_pseudonym(secret, edge[2]), **kept)
        else:
            H.add_edge(mapping[u], mapping[v], **kept)
    return H


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        return ",".join(str(item) for item in value)
    if value is None:
        return ""
    return value


def _prepared(
    G: nx.Graph[Any],
    pseudonymise_: bool,
    key: bytes | str | None,
    keep: Collection[str],
    *,
    intervals: bool = False,
) -> nx.Graph[Any]:
    source = (
        pseudonymise(G, _check_key(key), keep=keep)
        if pseudonymise_
        else G.subgraph(_exportable(G))
    )
    H = source.__class__()
    for node, data in source.nodes(data=True):
        H.add_node(str(node), **{k: _plain(v) for k, v in data.items()})
    edges = (
        source.edges(keys=True, data=True) if source.is_multigraph() else source.edges(data=True)
    )
    for edge in edges:
        data = dict(edge[-1])
        plain = {k: _plain(v) for k, v in data.items() if k not in ("since", "until")}
        since, until = data.get("since"), data.get("until")
        if intervals:
            if isinstance(since, date):
                plain["start"] = since.isoformat()
            if isinstance(until, date):
                plain["end"] = (until - timedelta(days=1)).isoformat()
        else:
            if since is not None:
                plain["since"] = _plain(since)
            if until is not None:
                plain["until"] = _plain(until)
        if source.is_multigraph():
            H.add_edge(str(edge[0]), str(edge[1]), key=str(edge[2]), **plain)
        else:
            H.add_edge(str(edge[0]), str(edge[1]), **plain)
    H.graph.update({k: _plain(v) for k, v in source.graph.items() if k != "offers"})
    return H


# Characters XML 1.0 cannot hold, even escaped (NUL, most C0 controls, surrogates, U+FFFE,
# U+FFFF); ESC is one of them.
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _xml_text(value: Any) -> Any:
    """*value* with each character XML cannot hold written as a visible escape (``\\x1b``), so
    every export is well-formed XML."""
    return _NOT_XML.sub(_xml_escape, value) if isinstance(value, str) else value


def _xml_ready(H: nx.Graph[Any]) -> nx.Graph[Any]:
    """A copy of *H* whose node ids, keys and attribute names and values XML can hold."""
    X = H.__class__()
    X.graph.update({_xml_text(k): _xml_text(v) for k, v in H.graph.items()})
    for node, data in H.nodes(data=True):
        X.add_node(_xml_text(node), **{_xml_text(k): _xml_text(v) for k, v in data.items()})
    edges = H.edges(keys=True, data=True) if H.is_multigraph() else H.edges(data=True)
    for edge in edges:
        data = {_xml_text(k): _xml_text(v) for k, v in edge[-1].items()}
        if H.is_multigraph():
            X.add_edge(_xml_text(edge[0]), _xml_text(edge[1]), key=_xml_text(edge[2]), **data)
        else:
            X.add_edge(_xml_text(edge[0]), _xml_text(edge[1]), **data)
    return X


def write_graphml(
    G: nx.Graph[Any],
    path: str | PathLike[str],
    *,
    pseudonymise: bool = False,
    key: bytes | str | None = None,
    keep: Collection[str] = (),
) -> None:
    """Write *G* as GraphML (tuples become comma-separated text, dates ISO 8601).

    Persons without consent to export are always left out. With ``pseudonymise=True`` the
    graph is first passed through :func:`pseudonymise` with *key* and *keep*: person ids,
    names and tie ids become keyed hashes and only listed attributes stay (*keep* names
    more); without it everything else is written as it is.

    Examples
    --------
    >>> import tempfile, os
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("mill", kinds=("sme",))
    >>> _ = G.add_edge("mill", "uni", key="t1", since=date(2019, 1, 1))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_graphml(G, os.path.join(folder, "g.graphml"))
    ...     sorted(nx.read_graphml(os.path.join(folder, "g.graphml")).nodes)
    ['mill', 'uni']

    .. versionadded:: 0.1.0
    """
    H = _xml_ready(_prepared(G, pseudonymise, key, keep))
    text = "\n".join(nx.generate_graphml(H)) + "\n"
    _write_text(Path(path), text)


def write_gexf(
    G: nx.Graph[Any],
    path: str | PathLike[str],
    *,
    pseudonymise: bool = False,
    key: bytes | str | None = None,
    keep: Collection[str] = (),
) -> None:
    """Write *G* as GEXF 1.2 with each tie's time interval, so Gephi can play the network
    over time.

    A tie's ``since`` becomes its ``start`` and the day before its ``until`` (exclusive in
    smice) its ``end`` (GEXF intervals include their end); the graph is then ``dynamic``
    with ``timeformat="date"``. Consent and pseudonymisation as in :func:`write_graphml`.

    Examples
    --------
    >>> import tempfile, os
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("mill", "uni", key="t1", since=date(2019, 1, 1), until=date(2020, 1, 1))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_gexf(G, os.path.join(folder, "g.gexf"))
    ...     with open(os.path.join(folder, "g.gexf"), encoding="utf-8") as stream:
    ...         text = stream.read()
    >>> 'start="2019-01-01"' in text and 'end="2019-12-31"' in text, 'mode="dynamic"' in text
    (True, True)

    .. versionadded:: 0.1.0
    """
    H = _xml_ready(_prepared(G, pseudonymise, key, keep, intervals=True))
    text = "\n".join(nx.generate_gexf(H, version="1.2draft")) + "\n"
    _write_text(Path(path), text)


def write_json(
    G: nx.Graph[Any],
    path: str | PathLike[str],
    *,
    pseudonymise: bool = False,
    key: bytes | str | None = None,
    keep: Collection[str] = (),
) -> None:
    """Write *G* as node-link JSON (:func:`networkx.node_link_data`, ``edges="edges"``).

    Consent and pseudonymisation as in :func:`write_graphml`.

    Examples
    --------
    >>> import tempfile, os, json
    >>> G = nx.Graph([("mill", "uni")])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_json(G, os.path.join(folder, "g.json"))
    ...     with open(os.path.join(folder, "g.json"), encoding="utf-8") as stream:
    ...         document = json.load(stream)
    >>> [node["id"] for node in document["nodes"]]
    ['mill', 'uni']

    .. versionadded:: 0.1.0
    """
    H = _prepared(G, pseudonymise, key, keep)
    document = nx.node_link_data(H, edges="edges")
    _write_text(Path(path), json.dumps(document, ensure_ascii=False, indent=1) + "\n")
