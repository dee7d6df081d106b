"""Channel totals and deal-level credits, in cents, of the channel-level models `markov` and
`shapley`, each allocated so that both marginals hold to the cent.

**Channel totals (the reference definitions).**

- `markov` (ChannelAttribution, eeghor/mta): a channel's weight is its removal effect
  (`int_markov_removal_effects_computed`); its total is its share of the summed removal
  effects times the total converted value.
- `shapley` (simplified Shapley over channel sets, as snowplow fractribution and eeghor/mta's
  `shapley_simplified`): v(S) = the value of the converted journeys whose set of channels is a
  subset of S, and a channel's total is its Shapley value in that game. v is a sum of
  unanimity games (one per converted journey K, worth its value on every S containing K), so
  the Shapley value is exactly each journey's value split evenly between its distinct
  channels, at any number of channels (`shapley_values`). `shapley_by_enumeration` computes
  the textbook formula over all 2^n coalitions; it serves as the reference the tests compare
  against and refuses more than `MAX_ENUMERATED_CHANNELS` channels.

The totals become cents by largest remainder over the total converted value in cents (ties by
label).

**Deal-level credits.** Each converted deal d and each channel c of its journey get whole
cents x[d, c] with sum over c = the deal's amount and sum over d = the channel's total:

1. the journey-proportional money p[d, c] = amount(d) x weight(c) / (weight of d's distinct
   channels) (an even split when they all weigh 0);
2. the target y[d, c] = total(c) x p[d, c] / sum over d of p[d, c]: each channel's total spread
   over the deals that contain it, in proportion to p (its column sums are the totals; its
   row sums are not the amounts in general);
3. x is the integer table with both marginals that is nearest to y in total relative
   deviation (sum of |x - y| / (y + 1)), a min-cost transportation problem solved exactly in
   integers (network simplex). When no
   table meets both marginals (a channel's total exceeds the amounts of the deals that
   contain it, e.g. a channel seen only on zero-value conversions), the amounts still hold
   and the fewest cents possible move off the channel totals; the relative deviation puts
   them where they are the smallest part of the target, rather than wiping out a channel.

`credit_fraction` is x[d, c] / amount(d); a zero-value deal, which carries no money, takes the
journey-proportional fractions.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from itertools import combinations
from math import factorial, floor
from typing import NamedTuple

import networkx as nx
import pandas as pd

MAX_ENUMERATED_CHANNELS = 20


class Journey(NamedTuple):
    conversion_id: str
    labels: tuple[str, ...]
    is_converted: bool
    value_cents: int


class ChannelCredit(NamedTuple):
    conversion_id: str
    attribution_model: str
    touch_label: str
    channel_weight: float
    channel_share: float
    channel_total_cents: int
    credit_cents: int
    credit_fraction: float


def largest_remainder(
    exact: Mapping[Hashable, Fraction], total: int, order: Sequence[Hashable]
) -> dict[Hashable, int]:
    """Whole cents of each exact amount, the `total - sum(floors)` leftover cents one each to the
    largest remainders, ties in `order`."""
    floors = {key: floor(exact[key]) for key in order}
    leftover = total - sum(floors.values())
    position = {key: rank for rank, key in enumerate(order)}
    ranked = sorted(order, key=lambda key: (-(exact[key] - floors[key]), position[key]))
    for key in ranked[: max(0, leftover)]:
        floors[key] += 1
    return floors


def converted(journeys: Iterable[Journey]) -> list[Journey]:
    return [journey for journey in journeys if journey.is_converted and journey.labels]


def shapley_values(journeys: Iterable[Journey]) -> dict[str, Fraction]:
    """Simplified Shapley value of every channel in cents: each converted journey's value split
    evenly between its distinct channels (exact for the subset-value game at any size)."""
    values: dict[str, Fraction] = {}
    for journey in converted(journeys):
        channels = set(journey.labels)
        for channel in channels:
            values[channel] = values.get(channel, Fraction(0)) + Fraction(
                journey.value_cents, len(channels)
            )
    return values


def shapley_by_enumeration(journeys: Iterable[Journey]) -> dict[str, Fraction]:
    """The Shapley formula over every coalition S of the other channels:
    phi(c) = sum |S|! (n - |S| - 1)! / n! (v(S + c) - v(S)), with v(S) the value of the converted
    journeys whose channel set is a subset of S. 2^n coalitions: refuses n > 20."""
    sets: dict[frozenset[str], int] = {}
    for journey in converted(journeys):
        key = frozenset(journey.labels)
        sets[key] = sets.get(key, 0) + journey.value_cents
    channels = sorted(set().union(*sets)) if sets else []
    n = len(channels)
    if n > MAX_ENUMERATED_CHANNELS:
        raise ValueError(
            f"Shapley enumeration over {n} channels needs 2^{n} coalitions; "
            f"it is limited to {MAX_ENUMERATED_CHANNELS} (use shapley_values, exact at any size)"
        )

    def v(coalition: frozenset[str]) -> int:
        return sum(value for key, value in sets.items() if key <= coalition)

    values: dict[str, Fraction] = {}
    for channel in channels:
        others = [other for other in channels if other != channel]
        total = Fraction(0)
        for size in range(n):
            weight = Fraction(factorial(size) * factorial(n - size - 1), factorial(n))
            for coalition in combinations(others, size):
                base = frozenset(coalition)
                total += weight * (v(base | {channel}) - v(base))
        values[channel] = total
    return values


def channel_totals(weights: Mapping[str, Fraction], total_cents: int) -> dict[str, int]:
    """Each channel's share of the summed weights times the total, in cents by largest
    remainder (ties by label)."""
    order = sorted(weights)
    summed = sum(weights.values(), Fraction(0))
    if summed == 0:
        return dict.fromkeys(order, 0)
    exact = {label: weights[label] / summed * total_cents for label in order}
    return largest_remainder(exact, total_cents, order)  # type: ignore[return-value]


def journey_shares(journey: Journey, weights: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """The journey-proportional split of a journey between its distinct channels."""
    channels = sorted(set(journey.labels))
    summed = sum((weights.get(label, Fraction(0)) for label in channels), Fraction(0))
    if summed == 0:
        return {label: Fraction(1, len(channels)) for label in channels}
    return {label: weights.get(label, Fraction(0)) / summed for label in channels}


def allocate(
    journeys: Sequence[Journey], weights: Mapping[str, Fraction], totals: Mapping[str, int]
) -> dict[tuple[str, str], int]:
    """The integer deal x channel table: rows sum to the amounts, columns to the totals
    whenever some table can, nearest to the proportional target (module docstring)."""
    shares = {journey.conversion_id: journey_shares(journey, weights) for journey in journeys}
    money = {
        (journey.conversion_id, label): share * journey.value_cents
        for journey in journeys
        for label, share in shares[journey.conversion_id].items()
    }
    column_money: dict[str, Fraction] = {}
    for (_, label), amount in money.items():
        column_money[label] = column_money.get(label, Fraction(0)) + amount
    target = {
        cell: (totals.get(cell[1], 0) * amount / column_money[cell[1]])
        if column_money[cell[1]] > 0
        else Fraction(0)
        for cell, amount in money.items()
    }
    total_cents = sum(journey.value_cents for journey in journeys)
    if total_cents == 0:
        return dict.fromkeys(target, 0)
    # sum of |x - y| / (y + 1), the deviation relative to the target, in integer weights:
    # per cent -w up to floor(y), w (1 - 2 frac(y)) for the cent up to ceil(y), +w beyond,
    # with w = scale / (y + 1); an off-total cent costs more than any closeness can
    scale = 10**12
    off_total = scale * (2 * total_cents + 2 * len(target) + 1)
    graph = nx.MultiDiGraph()
    graph.add_node("sink", demand=total_cents)
    for journey in journeys:
        graph.add_node(("deal", journey.conversion_id), demand=-journey.value_cents)
    for label in sorted(column_money):
        graph.add_node(("channel", label), demand=0)
        graph.add_edge(("channel", label), "sink", capacity=totals.get(label, 0), weight=0)
        graph.add_edge(("channel", label), "sink", weight=off_total)
    for (conversion_id, label), goal in target.items():
        source, sink = ("deal", conversion_id), ("channel", label)
        whole = floor(goal)
        weight = round(scale / (goal + 1))
        graph.add_edge(source, sink, capacity=whole, weight=-weight)
        graph.add_edge(source, sink, capacity=1, weight=round(weight * (1 - 2 * (goal - whole))))
        graph.add_edge(source, sink, weight=weight)
    _, flow = nx.network_simplex(graph)
    return {
        (conversion_id, label): sum(flow[("deal", conversion_id)][("channel", label)].values())
        for conversion_id, label in target
    }


def credits(
    journeys: Sequence[Journey],
    model_name: str,
    weights: Mapping[str, Fraction],
    journey_weights: Mapping[str, Fraction],
) -> list[ChannelCredit]:
    """A model's rows: channel totals from `weights`, the journey-proportional split (the
    target's shape and the fractions of zero-value deals) from `journey_weights`."""
    conversions = converted(journeys)
    total_cents = sum(journey.value_cents for journey in conversions)
    present = {label for journey in conversions for label in journey.labels}
    weights = {label: weights.get(label, Fraction(0)) for label in sorted(present)}
    totals = channel_totals(weights, total_cents)
    summed = sum(weights.values(), Fraction(0))
    cells = allocate(conversions, journey_weights, totals)
    rows = []
    for journey in conversions:
        shares = journey_shares(journey, journey_weights)
        for label, share in shares.items():
            cents = cells[(journey.conversion_id, label)]
            fraction = Fraction(cents, journey.value_cents) if journey.value_cents else share
            rows.append(
                ChannelCredit(
                    conversion_id=journey.conversion_id,
                    attribution_model=model_name,
                    touch_label=label,
                    channel_weight=float(weights[label]),
                    channel_share=float(weights[label] / summed) if summed else 0.0,
                    channel_total_cents=totals[label],
                    credit_cents=cents,
                    credit_fraction=float(fraction),
                )
            )
    return rows


def all_credits(
    journeys: Sequence[Journey], removal_effects: Mapping[str, float]
) -> list[ChannelCredit]:
    """`markov`: totals and journey split by removal effect. `shapley`: totals by Shapley value,
    journeys split evenly between their distinct channels (which the Shapley value is)."""
    effects = {label: Fraction(effect) for label, effect in removal_effects.items()}
    channels = {label for journey in journeys for label in journey.labels}
    return [
        *credits(journeys, "markov", effects, effects),
        *credits(
            journeys, "shapley", shapley_values(journeys), dict.fromkeys(channels, Fraction(1))
        ),
    ]


def credits_frame(rows: Iterable[ChannelCredit]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(ChannelCredit._fields))
    return frame.astype(
        {
            "conversion_id": "string",
            "attribution_model": "string",
            "touch_label": "string",
            "channel_weight": "float64",
            "channel_share": "float64",
            "channel_total_cents": "int64",
            "credit_cents": "int64",
            "credit_fraction": "float64",
        }
    )


def model(dbt, session) -> pd.DataFrame:
    dbt.config(materialized="table")
    paths = dbt.ref("int_attribution_paths_aggregated")
    effects = dbt.ref("int_markov_removal_effects_computed")
    journeys = [
        Journey(str(conversion_id), tuple(labels), bool(is_converted), int(value_cents))
        for conversion_id, labels, is_converted, value_cents in paths.project(
            "conversion_id, touch_labels, is_converted, conversion_value_cents"
        )
        .order("conversion_id")
        .fetchall()
    ]
    removal_effects = dict(effects.project("touch_label, removal_effect").fetchall())
    return credits_frame(all_credits(journeys, removal_effects))
