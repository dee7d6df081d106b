"""Network measures of every node of the introductions graph (`int_introduction_edges_listed`,
undirected, edge weight = introductions behind the tie):

* `betweenness_centrality`: the share of shortest paths between two other people that run
  through the node (normalised to [0, 1], unweighted paths), computed by igraph (C). Exact up
  to `EXACT_BETWEENNESS_MAX_NODES` nodes; above that, estimated from `BETWEENNESS_SAMPLE`
  source nodes picked with a fixed seed (Brandes' pivot sampling, as networkx's `k`), so
  re-runs agree.
* `burt_constraint`: Burt's constraint, the sum over a node's neighbours of the squared
  share of its ties invested, directly or through a common neighbour, in that neighbour
  (weighted). Low: the node bridges people who are not otherwise tied; 1: one single tie.
  Same definition as networkx's `constraint`, summed over common neighbours only.
"""

# no `from __future__ import annotations`: dbt loads this file outside sys.modules, where a
# dataclass cannot resolve string annotations
import random
from dataclasses import dataclass

import igraph
import pandas as pd

EXACT_BETWEENNESS_MAX_NODES = 2_000
BETWEENNESS_SAMPLE = 500
SAMPLE_SEED = 20_240_101


@dataclass(frozen=True)
class WeightedGraph:
    nodes: list[str]  # in the order they first appear in the edges
    ties: dict[str, dict[str, float]]  # node -> neighbour -> weight


def introductions_graph(edges: list[tuple[str, str, int]]) -> WeightedGraph:
    ties: dict[str, dict[str, float]] = {}
    for first, second, introductions in edges:
        ties.setdefault(first, {})[second] = float(introductions)
        ties.setdefault(second, {})[first] = float(introductions)
    return WeightedGraph(nodes=list(ties), ties=ties)


def betweenness(graph: WeightedGraph) -> list[float]:
    n = len(graph.nodes)
    if n < 3:
        return [0.0] * n
    index = {node: i for i, node in enumerate(graph.nodes)}
    edges = [
        (index[node], index[other])
        for node, neighbours in graph.ties.items()
        for other in neighbours
        if index[node] < index[other]
    ]
    network = igraph.Graph(n=n, edges=edges, directed=False)
    # igraph counts each unordered pair once; normalised: over the (n-1)(n-2)/2 pairs
    scale = 2 / ((n - 1) * (n - 2))
    if n <= EXACT_BETWEENNESS_MAX_NODES:
        raw = network.betweenness(directed=False)
    else:
        sample = min(BETWEENNESS_SAMPLE, n)
        sources = random.Random(SAMPLE_SEED).sample(range(n), sample)
        raw = network.betweenness(directed=False, sources=sources)
        scale *= n / sample
    return [value * scale for value in raw]


def burt_constraint(graph: WeightedGraph) -> list[float]:
    share = {
        node: {other: weight / sum(neighbours.values()) for other, weight in neighbours.items()}
        for node, neighbours in graph.ties.items()
    }
    constraints = []
    for node in graph.nodes:
        mine = share[node]
        total = 0.0
        for other, direct in mine.items():
            theirs = share[other]
            # through each common neighbour w: my share in w times w's share in `other`
            if len(theirs) < len(mine):
                indirect = sum(mine[w] * share[w][other] for w in theirs if w in mine)
            else:
                indirect = sum(p * share[w].get(other, 0.0) for w, p in mine.items())
            total += (direct + indirect) ** 2
        constraints.append(total)
    return constraints


def network_measures(graph: WeightedGraph) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "node_key": graph.nodes,
            "tie_count": [len(graph.ties[node]) for node in graph.nodes],
            "betweenness_centrality": betweenness(graph),
            "burt_constraint": burt_constraint(graph),
        }
    )
    frame = frame.sort_values("node_key", ignore_index=True)
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
