"""Worked examples of the channel-level attribution models (`markov`, `shapley`) and of the
cents allocation that holds both marginals (int_attribution_channel_credits_allocated.py).

Every expected number is computed by hand in the test's docstring from the reference
definitions: the absorbing-chain removal effect and the standard allocation (channel total =
removal-effect share x all converted value) of ChannelAttribution and eeghor/mta, and the
simplified Shapley value of fractribution and eeghor/mta (v(S) = value of the converted
journeys whose channel set is a subset of S).
"""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from tests.marts.test_attribution_models import load_python_model

markov = load_python_model("int_markov_removal_effects_computed")
channels = load_python_model("int_attribution_channel_credits_allocated")
Journey = channels.Journey


def removal_effects(journeys) -> dict[str, float]:
    return {
        effect.label: effect.removal_effect
        for effect in markov.removal_effects([(list(j.labels), j.is_converted) for j in journeys])
    }


def by_model(journeys, model: str) -> dict[tuple[str, str], object]:
    rows = channels.all_credits(journeys, removal_effects(journeys))
    return {(r.conversion_id, r.touch_label): r for r in rows if r.attribution_model == model}


def cells(rows) -> dict[tuple[str, str], int]:
    return {key: row.credit_cents for key, row in rows.items()}


def totals(rows) -> dict[str, int]:
    return {label: row.channel_total_cents for (_, label), row in rows.items()}


def assert_marginals(journeys, rows) -> None:
    for journey in journeys:
        if journey.is_converted:
            deal = [r for (d, _), r in rows.items() if d == journey.conversion_id]
            assert sum(r.credit_cents for r in deal) == journey.value_cents
            assert sum(r.credit_fraction for r in deal) == pytest.approx(1.0, abs=1e-12)
    for label, total in totals(rows).items():
        assert sum(r.credit_cents for (_, c), r in rows.items() if c == label) == total, label


# --- Markov: the standard allocation --------------------------------------------------------


def test_markov_standard_allocation_same_channel_sets_with_a_loop() -> None:
    """J1 A > B converts 100.00, J2 B > A converts 50.00, J3 A is lost.

    Transition matrix (rows start, A, B; columns A, B, conversion, null):
    start 2/3 1/3 0 0; A 0 1/3 1/3 1/3; B 1/2 0 1/2 0. With a, b the conversion probabilities
    from A and B: a = b/3 + 1/3, b = 1/2 + a/2, so a = 3/5, b = 4/5, P = 2/3 a + 1/3 b = 2/3.
    Without A: P = 1/3 x 1/2 = 1/6, removal effect 3/4; without B: P = 2/3 x 1/3 = 2/9,
    removal effect 2/3. Shares 9/17 and 8/17 of 15000 cents: 7941.18 and 7058.82, so 7941 and
    7058 + the leftover cent (remainder .82 > .18) = 7059. Both journeys hold A and B in the
    same proportion, so each channel's total splits 2:1 between them, in whole cents:
    J1 A 5294 + B 4706 = 10000, J2 A 2647 + B 2353 = 5000.
    """
    journeys = [
        Journey("J1", ("A", "B"), True, 10000),
        Journey("J2", ("B", "A"), True, 5000),
        Journey("J3", ("A",), False, 0),
    ]
    rows = by_model(journeys, "markov")
    assert rows["J1", "A"].channel_weight == pytest.approx(3 / 4, abs=1e-12)
    assert rows["J1", "B"].channel_weight == pytest.approx(2 / 3, abs=1e-12)
    assert rows["J1", "A"].channel_share == pytest.approx(9 / 17, abs=1e-12)
    assert totals(rows) == {"A": 7941, "B": 7059}
    assert cells(rows) == {
        ("J1", "A"): 5294,
        ("J1", "B"): 4706,
        ("J2", "A"): 2647,
        ("J2", "B"): 2353,
    }
    assert_marginals(journeys, rows)


def test_markov_standard_allocation_differs_from_the_journey_split() -> None:
    """J1 A > B converts 40.00, J2 B converts 10.00, J3 A is lost.

    Transitions: start > A 2/3, start > B 1/3; A > B 1/2, A > null 1/2; B > conversion 1.
    P = 2/3 x 1/2 + 1/3 = 2/3. Without A: P = 1/3, removal effect 1/2; without B: P = 0,
    removal effect 1. Shares 1/3 and 2/3 of 5000 cents: 1666.67 and 3333.33, so A 1667 (the
    leftover cent, remainder .67) and B 3333. J2 holds only B, so it gives B all its 1000;
    J1 then gives B the rest 2333 and A its 1667. Splitting each journey by its own removal
    effects (the previous, journey-proportional method) would give A 1333.33 of J1 instead.
    """
    journeys = [
        Journey("J1", ("A", "B"), True, 4000),
        Journey("J2", ("B",), True, 1000),
        Journey("J3", ("A",), False, 0),
    ]
    rows = by_model(journeys, "markov")
    assert rows["J1", "A"].channel_weight == pytest.approx(1 / 2, abs=1e-12)
    assert rows["J1", "B"].channel_weight == pytest.approx(1.0, abs=1e-12)
    assert totals(rows) == {"A": 1667, "B": 3333}
    assert cells(rows) == {("J1", "A"): 1667, ("J1", "B"): 2333, ("J2", "B"): 1000}
    assert rows["J1", "A"].credit_fraction == pytest.approx(0.41675, abs=1e-12)
    assert_marginals(journeys, rows)


def test_markov_standard_allocation_three_channels_nearest_table() -> None:
    """J1 A > B converts 100.00, J2 B > C converts 50.00, J3 C is lost, J4 A > C converts 20.00.

    Transitions: start > A 1/2, B 1/4, C 1/4; A > B 1/2, A > C 1/2; B > conversion 1/2,
    B > C 1/2; C > conversion 2/3, C > null 1/3. Conversion probabilities: c = 2/3,
    b = 1/2 + 1/2 c = 5/6, a = 1/2 b + 1/2 c = 3/4; P = 1/2 a + 1/4 b + 1/4 c = 3/4.
    Without A: P = 1/4 b + 1/4 c = 3/8, effect 1/2. Without B: a = 1/3, P = 1/6 + 1/6 = 1/3,
    effect 5/9. Without C: b = 1/2, a = 1/4, P = 1/8 + 1/8 = 1/4, effect 2/3.
    Shares 9/31, 10/31, 12/31 of 17000 cents: 4935.48, 5483.87, 6580.65: floors 16998, the two
    leftover cents to B (.87) and C (.65): totals A 4935, B 5484, C 6581.
    Deal cents: with t = J4's A cents, both marginals force J1 A 4935 - t, J1 B 5065 + t,
    J2 B 419 - t, J2 C 4581 + t, J4 C 2000 - t. The target (each total spread over its deals
    in proportion to the journey split: J1 A 9/19, J2 B 10/22, J4 A 3/7) is J1 A 4178.99,
    J4 A 756.17, J1 B 3830.10, J2 B 1653.90, J2 C 4637.62, J4 C 1943.38. The relative
    distance sum |x - y| / (y + 1) falls with t while t < 56 (slope -1/4180 - 1/757 + 1/3831
    + 1/1655 - 1/4639 - 1/1944 < 0) and rises for t > 58 (the last two terms change sign:
    slope > 0); from 56 to 57 it falls (-6.96e-4 from the A and B cells, the C cells move
    from 0.62 to 0.38 cent off) and from 57 to 58 it rises (+6.96e-4 - 6.96e-4 + 1/4639 +
    1/1944 > 0), so t = 57.
    """
    journeys = [
        Journey("J1", ("A", "B"), True, 10000),
        Journey("J2", ("B", "C"), True, 5000),
        Journey("J3", ("C",), False, 0),
        Journey("J4", ("A", "C"), True, 2000),
    ]
    rows = by_model(journeys, "markov")
    effects = {label: rows[key].channel_weight for key in rows for label in [key[1]]}
    assert effects == pytest.approx({"A": 1 / 2, "B": 5 / 9, "C": 2 / 3}, abs=1e-12)
    assert totals(rows) == {"A": 4935, "B": 5484, "C": 6581}
    assert cells(rows) == {
        ("J1", "A"): 4878,
        ("J1", "B"): 5122,
        ("J2", "B"): 362,
        ("J2", "C"): 4638,
        ("J4", "A"): 57,
        ("J4", "C"): 1943,
    }
    assert_marginals(journeys, rows)


def test_markov_unreachable_channel_total_keeps_deal_amounts() -> None:
    """The loop example (A 3/4, B 2/3) plus J4: C converts 0.01 (C: removal effect 1/3).

    Shares 9/23, 8/23, 6/23 of 15001 cents give C 3913 cents, but C is in one journey worth 1
    cent: no table meets both marginals. The deal amounts hold, C gets its 1 cent, and the
    3912 cents it cannot carry go to A and B (above their totals), the fewest cents possible.
    """
    journeys = [
        Journey("J1", ("A", "B"), True, 10000),
        Journey("J2", ("B", "A"), True, 5000),
        Journey("J3", ("A",), False, 0),
        Journey("J4", ("C",), True, 1),
    ]
    rows = by_model(journeys, "markov")
    assert totals(rows)["C"] == 3913
    assert rows["J4", "C"].credit_cents == 1
    achieved = {label: 0 for label in "ABC"}
    for (_, label), row in rows.items():
        achieved[label] += row.credit_cents
    assert sum(achieved.values()) == 15001
    assert achieved["A"] >= totals(rows)["A"] and achieved["B"] >= totals(rows)["B"]
    assert achieved["A"] + achieved["B"] - totals(rows)["A"] - totals(rows)["B"] == 3912
    for journey in journeys[:2]:
        assert sum(rows[journey.conversion_id, c].credit_cents for c in "AB") == journey.value_cents


def test_zero_value_conversion_takes_the_journey_split() -> None:
    """A won deal without amount (J0, A > B) carries no cents; its fractions are the journey
    split. The chain: start > A 3/4, B 1/4; A > B 2/3, A > null 1/3; B > conversion 1, so
    P = 3/4; without A P = 1/4 (effect 2/3), without B P = 0 (effect 1): A takes
    (2/3) / (2/3 + 1) = 2/5 of J0 under markov, 1/2 under shapley."""
    journeys = [
        Journey("J1", ("A", "B"), True, 4000),
        Journey("J2", ("B",), True, 1000),
        Journey("J3", ("A",), False, 0),
        Journey("J0", ("A", "B"), True, 0),
    ]
    rows = by_model(journeys, "markov")
    assert rows["J0", "A"].credit_cents == 0 and rows["J0", "B"].credit_cents == 0
    assert rows["J0", "A"].credit_fraction == pytest.approx(2 / 5, abs=1e-12)
    shapley = by_model(journeys, "shapley")
    assert shapley["J0", "A"].credit_fraction == 0.5


# --- Shapley ------------------------------------------------------------------------------


SUBSET_GAME = [
    Journey("s1", ("A",), True, 10),
    Journey("s2", ("B",), True, 20),
    Journey("s3", ("A", "B"), True, 30),
    Journey("s4", ("A", "B", "C"), True, 60),
    Journey("s5", ("C",), False, 0),
]


def test_shapley_on_the_subset_value_game() -> None:
    """Converted value by channel set: {A} 10, {B} 20, {A, B} 30, {A, B, C} 60.

    v(A) = 10, v(B) = 20, v(C) = 0, v(AB) = 60, v(AC) = 10, v(BC) = 20, v(ABC) = 120.
    With n = 3 the weights |S|! (n - |S| - 1)! / n! are 1/3, 1/6, 1/6, 1/3 for S = {}, one
    other, the other, both others:
    phi(A) = 1/3 (10 - 0) + 1/6 (60 - 20) + 1/6 (10 - 0) + 1/3 (120 - 20) = 45;
    phi(B) = 1/3 (20) + 1/6 (60 - 10) + 1/6 (20 - 0) + 1/3 (120 - 10) = 55;
    phi(C) = 1/3 (0) + 1/6 (10 - 10) + 1/6 (20 - 20) + 1/3 (120 - 60) = 20.
    The even split of each set's value gives the same: A 10 + 15 + 20, B 20 + 15 + 20, C 20.
    """
    expected = {"A": Fraction(45), "B": Fraction(55), "C": Fraction(20)}
    assert channels.shapley_by_enumeration(SUBSET_GAME) == expected
    assert channels.shapley_values(SUBSET_GAME) == expected
    rows = by_model(SUBSET_GAME, "shapley")
    assert totals(rows) == {"A": 45, "B": 55, "C": 20}
    assert cells(rows)["s4", "C"] == 20 and cells(rows)["s3", "A"] == 15
    assert_marginals(SUBSET_GAME, rows)


def test_shapley_repeated_channels_and_single_touches() -> None:
    """A repeated channel counts once (A > B > A is the set {A, B}); a single-touch journey
    gives its channel everything. 100 cents on {A, B} and 30 on {A}: A 80, B 50."""
    journeys = [Journey("r1", ("A", "B", "A"), True, 100), Journey("r2", ("A",), True, 30)]
    expected = {"A": Fraction(80), "B": Fraction(50)}
    assert channels.shapley_by_enumeration(journeys) == expected
    assert channels.shapley_values(journeys) == expected
    rows = by_model(journeys, "shapley")
    assert cells(rows) == {("r1", "A"): 50, ("r1", "B"): 50, ("r2", "A"): 30}


def test_shapley_cents_on_thirds() -> None:
    """Two deals of 1.00 over {A, B, C}: each channel is worth 66.67 cents; totals A 67, B 67
    (ties broken by label), C 66; each deal gives 33 or 34 to each channel, rows 100."""
    journeys = [
        Journey("t1", ("A", "B", "C"), True, 100),
        Journey("t2", ("C", "B", "A"), True, 100),
    ]
    rows = by_model(journeys, "shapley")
    assert totals(rows) == {"A": 67, "B": 67, "C": 66}
    assert set(cells(rows).values()) <= {33, 34}
    assert_marginals(journeys, rows)


def test_shapley_without_conversions_credits_nobody() -> None:
    lost = [Journey("l1", ("A", "B"), False, 0)]
    assert channels.shapley_values(lost) == {}
    assert channels.shapley_by_enumeration(lost) == {}
    assert channels.all_credits(lost, removal_effects(lost)) == []
    assert channels.all_credits([], {}) == []


def test_shapley_enumeration_refuses_more_than_twenty_channels() -> None:
    labels = tuple(f"c{i:02d}" for i in range(21))
    journeys = [Journey("w", labels, True, 2100)]
    with pytest.raises(ValueError, match="limited to 20"):
        channels.shapley_by_enumeration(journeys)
    assert channels.shapley_values(journeys) == dict.fromkeys(labels, Fraction(100))
    small = [Journey("w", labels[:8], True, 800), Journey("v", labels[2:5], True, 30)]
    assert channels.shapley_by_enumeration(small) == channels.shapley_values(small)


# --- both marginals on random journeys ------------------------------------------------------


def max_flow_cents(journeys, rows) -> int:
    """Largest number of cents any table on the journeys' channels can give within the channel
    totals (an independent max flow): both marginals are reachable iff it is the total."""
    deals = [j for j in journeys if j.is_converted]
    labels = sorted({label for j in deals for label in j.labels})
    size = 2 + len(deals) + len(labels)
    capacity = np.zeros((size, size), dtype=np.int64)
    for d, journey in enumerate(deals, start=1):
        capacity[0, d] = journey.value_cents
        for label in set(journey.labels):
            capacity[d, 1 + len(deals) + labels.index(label)] = journey.value_cents
    for c, label in enumerate(labels):
        capacity[1 + len(deals) + c, size - 1] = totals(rows).get(label, 0)
    return maximum_flow(csr_matrix(capacity), 0, size - 1).flow_value


@pytest.mark.parametrize("seed", range(12))
def test_both_marginals_hold_whenever_some_table_can(seed: int) -> None:
    rng = random.Random(seed)
    journeys = [
        Journey(
            f"j{n}",
            tuple(rng.choice("ABCDE") for _ in range(rng.randint(1, 4))),
            rng.random() < 0.6,
            rng.randint(0, 50000),
        )
        for n in range(30)
    ]
    journeys = [j if j.is_converted else j._replace(value_cents=0) for j in journeys]
    value = sum(j.value_cents for j in journeys)
    for model in ("markov", "shapley"):
        rows = by_model(journeys, model)
        assert sum(totals(rows).values()) == value
        achieved: dict[str, int] = {}
        for journey in journeys:
            if journey.is_converted:
                deal = [r.credit_cents for (d, _), r in rows.items() if d == journey.conversion_id]
                assert sum(deal) == journey.value_cents
        for (_, label), row in rows.items():
            achieved[label] = achieved.get(label, 0) + row.credit_cents
        shortfall = sum(max(0, totals(rows)[c] - achieved[c]) for c in achieved)
        assert shortfall == value - max_flow_cents(journeys, rows), model
