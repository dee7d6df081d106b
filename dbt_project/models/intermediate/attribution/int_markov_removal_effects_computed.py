"""First-order Markov-chain removal effects of every touch label, computed exactly.

The journeys (`int_attribution_paths_aggregated`) define a chain: a `start` state, one state
per touch label, and two absorbing states, `conversion` and `null` (a journey that ended
without converting). Transition probabilities are the observed transition counts divided by
the counts out of each state. With Q the transient-to-transient block and N = (I - Q)^-1 the
fundamental matrix, b = N R[:, conversion] is each state's probability of ending in a
conversion, so P = b[start].

Removing label c sends every transition into c to `null`; the journeys that still convert are
exactly those that never visit c, so P_without(c) = P - h(c) b(c), where
h(c) = N[start, c] / N[c, c] is the probability of ever reaching c. The removal effect is
1 - P_without(c) / P. One matrix inverse serves every label; no simulation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

import numpy as np
import pandas as pd

START = "(start)"


class RemovalEffect(NamedTuple):
    label: str
    journeys_with_label: int
    conversion_probability: float
    conversion_probability_without_label: float
    removal_effect: float


def transition_matrices(
    journeys: Sequence[tuple[Sequence[str], bool]],
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Labels (state 0 is `start`), the transient block Q and the absorbing block R
    (column 0 conversion, column 1 null) of the chain the journeys define."""
    labels = sorted({label for path, _ in journeys for label in path})
    index = {label: position + 1 for position, label in enumerate(labels)}
    counts = np.zeros((len(labels) + 1, len(labels) + 1))
    absorbing = np.zeros((len(labels) + 1, 2))
    for path, converted in journeys:
        if not path:
            continue
        states = [0, *(index[label] for label in path)]
        for source, target in pairwise(states):
            counts[source, target] += 1
        absorbing[states[-1], 0 if converted else 1] += 1
    totals = counts.sum(axis=1) + absorbing.sum(axis=1)
    totals[totals == 0] = 1.0
    return [START, *labels], counts / totals[:, None], absorbing / totals[:, None]


def removal_effects(journeys: Sequence[tuple[Sequence[str], bool]]) -> list[RemovalEffect]:
    states, transient, absorbing = transition_matrices(journeys)
    if len(states) == 1:
        return []
    fundamental = np.linalg.inv(np.eye(len(states)) - transient)
    converts = fundamental @ absorbing[:, 0]
    baseline = float(converts[0])
    journeys_with = {label: 0 for label in states[1:]}
    for path, _ in journeys:
        for label in set(path):
            journeys_with[label] += 1
    effects = []
    for position, label in enumerate(states[1:], start=1):
        reach = fundamental[0, position] / fundamental[position, position]
        without = max(0.0, baseline - reach * float(converts[position]))
        effect = 1.0 - without / baseline if baseline > 0 else 0.0
        effects.append(
            RemovalEffect(
                label=label,
                journeys_with_label=journeys_with[label],
                conversion_probability=baseline,
                conversion_probability_without_label=without,
                removal_effect=min(1.0, max(0.0, effect)),
            )
        )
    return effects


def effects_frame(effects: Iterable[RemovalEffect]) -> pd.DataFrame:
    rows = [
        (
            e.label,
            e.journeys_with_label,
            e.conversion_probability,
            e.conversion_probability_without_label,
            e.removal_effect,
        )
        for e in effects
    ]
    columns = [
        "touch_label",
        "journeys_with_label",
        "conversion_probability",
        "conversion_probability_without_label",
        "removal_effect",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(
        {
            "touch_label": "string",
            "journeys_with_label": "int64",
            "conversion_probability": "float64",
            "conversion_probability_without_label": "float64",
            "removal_effect": "float64",
        }
    )


def model(dbt, session) -> pd.DataFrame:
    dbt.config(materialized="table")
    paths = dbt.ref("int_attribution_paths_aggregated")
    journeys = [
        (list(labels), bool(converted))
        for labels, converted in paths.project("touch_labels, is_converted").fetchall()
    ]
    return effects_frame(removal_effects(journeys))
