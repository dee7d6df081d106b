"""Network measures of every node of the introductions graph (`int_introduction_edges_listed`,
undirected, edge weight = introductions behind the tie), with networkx:

* `betweenness_centrality`: the share of shortest paths between two other people that run
  through the node (normalised to [0, 1], unweighted paths). Exact up to
  `EXACT_BETWEENNESS_MAX_NODES` nodes; above that, estimated from `BETWEENNESS_SAMPLE` source
  nodes picked with a fixed seed, so re-runs agree.
* `burt_constraint`: Burt's constraint, the sum over a node's neighbours of the squared
  share of its ties invested, directly or through a common neighbour, in that neighbour
  (weighted). Low: the node bridges people who are not otherwise tied; 1: one single tie.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

EXACT_BETWEENNESS_MAX_NODES = 2_000
BETWEENNESS_SAMPLE = 500
SAMPLE_SEED = 20_240_101


def introductions_graph(edges: list[tuple[str, str, int]]) -> nx.Graph:
    graph = nx.Graph()
    for first, second, introductions in edges:
        graph.add_edge(first, second, weight=float(introductions))
    return graph


def network_measures(graph: nx.Graph) -> pd.DataFrame:
    sample = None
    if graph.number_of_nodes() > EXACT_BETWEENNESS_MAX_NODES:
        sample = BETWEENNESS_SAMPLE
    betweenness = nx.betweenness_centrality(graph, k=sample, normalized=True, seed=SAMPLE_SEED)
    constraint = nx.constraint(graph, weight="weight")
    rows = [
        (node, graph.degree(node), float(betweenness[node]), float(constraint[node]))
        for node in sorted(graph.nodes)
    ]
    frame = pd.DataFrame(
        rows, columns=["node_key", "tie_count", "betweenness_centrality", "burt_constraint"]
    )
    return frame.astype(
        {
            "node_key": "string",
            "tie_count": "int64",
            "betweenness_centrality": "float64",
            "burt_constraint": "float64",
        }
    )


def model(dbt, session) -> pd.DataFrame:
    dbt.config(materialized="table")
    edges = dbt.ref("int_introduction_edges_listed")
    rows = edges.project("first_node, second_node, introductions").fetchall()
    return network_measures(introductions_graph(rows))
