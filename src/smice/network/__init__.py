"""Stakeholder network analytics: arena to graph, metrics checked against published
values, comparison of snapshots, contact suggestions and export.

Functions follow networkx: the graph comes first, attribute names are parameters, inputs
are never changed, output is deterministic, and ``seed=`` appears wherever randomness
enters. Metrics use sparse algebra, so their cost grows with the number of ties.

Examples
--------
>>> import networkx as nx
>>> from smice.network import brokerage, ei_index
>>> G = nx.DiGraph([("firm", "garden"), ("garden", "uni")])
>>> nx.set_node_attributes(G, {"firm": "industry", "garden": "civil_society",
...                            "uni": "academia"}, "helix")
>>> ei_index(G, "helix"), brokerage(G, "helix").raw["garden"]["liaison"]
(1.0, 1.0)

.. versionadded:: 0.1.0
"""

from smice.network.arena_metrics import (
    LINKAGE_KINDS,
    SymbiosisKernel,
    arena_metrics,
    cross_border_share,
    helix_shares,
    realisation_ratio,
    sme_rnd_linkage_share,
    symbiosis_kernels,
)
from smice.network.brokerage import ROLES, Brokerage, brokerage
from smice.network.communities import (
    BrokerageConcentration,
    brokerage_concentration,
    communities,
)
from smice.network.compare import Comparison, MetricChange, Snapshot, compare, snapshots
from smice.network.coreperiphery import CorePeriphery, core_periphery, core_periphery_fit
from smice.network.ei import ei_index
from smice.network.export import pseudonymise, write_gexf, write_graphml, write_json
from smice.network.graphs import (
    flow_graph,
    helix_graph,
    organisation_graph,
    simple_graph,
    to_graph,
)
from smice.network.holes import constraint, effective_size
from smice.network.homophily import (
    attribute_assortativity,
    coleman_homophily,
    freeman_segregation,
    mixing_matrix,
)
from smice.network.suggest import Suggestion, suggest_contacts
from smice.network.synergy import helix_presence_counts, triple_helix_synergy

__all__ = [
    "LINKAGE_KINDS",
    "ROLES",
    "Brokerage",
    "BrokerageConcentration",
    "Comparison",
    "CorePeriphery",
    "MetricChange",
    "Snapshot",
    "Suggestion",
    "SymbiosisKernel",
    "arena_metrics",
    "attribute_assortativity",
    "brokerage",
    "brokerage_concentration",
    "coleman_homophily",
    "communities",
    "compare",
    "constraint",
    "core_periphery",
    "core_periphery_fit",
    "cross_border_share",
    "effective_size",
    "ei_index",
    "flow_graph",
    "freeman_segregation",
    "helix_graph",
    "helix_presence_counts",
    "helix_shares",
    "mixing_matrix",
    "organisation_graph",
    "pseudonymise",
    "realisation_ratio",
    "simple_graph",
    "sme_rnd_linkage_share",
    "snapshots",
    "suggest_contacts",
    "symbiosis_kernels",
    "to_graph",
    "triple_helix_synergy",
    "write_gexf",
    "write_graphml",
    "write_json",
]
