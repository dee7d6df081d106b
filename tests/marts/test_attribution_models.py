"""Hand-computed cases for the attribution models written in Python (dbt Python models):
the exact Markov-chain removal effect and the introductions-graph measures.

The rule-based models, the Markov credit split, the hop decay and the cent allocation are SQL
and have dbt unit tests in dbt_project/models/*/attribution/_attribution__models.yml.
"""

from __future__ import annotations

import importlib.util
from fractions import Fraction
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

MODELS = Path(__file__).resolve().parents[2] / "dbt_project" / "models" / "intermediate"


def load_python_model(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, MODELS / "attribution" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


markov = load_python_model("int_markov_removal_effects_computed")
network = load_python_model("int_introduction_network_measured")


def effects_by_label(journeys) -> dict[str, object]:
    return {effect.label: effect for effect in markov.removal_effects(journeys)}


def test_markov_three_paths_with_a_loop_worked_by_hand() -> None:
    """Paths A > B > conversion, B > A > conversion, A > null.

    Transitions: start > A 2/3, start > B 1/3; A > B, A > conversion, A > null 1/3 each;
    B > conversion, B > A 1/2 each. With a = P(conversion | A), b = P(conversion | B):
    a = b/3 + 1/3 and b = 1/2 + a/2, so a = 3/5, b = 4/5 and P = 2/3 a + 1/3 b = 2/3.
    Without A (a = 0): b = 1/2, P = 1/3 x 1/2 = 1/6, removal effect 1 - (1/6)/(2/3) = 3/4.
    Without B (b = 0): a = 1/3, P = 2/3 x 1/3 = 2/9, removal effect 1 - (2/9)/(2/3) = 2/3.
    A journey holding A and B then credits A 3/4 / (3/4 + 2/3) = 9/17 and B 8/17.
    """
    effects = effects_by_label([(["A", "B"], True), (["B", "A"], True), (["A"], False)])
    assert effects["A"].conversion_probability == pytest.approx(2 / 3, abs=1e-12)
    assert effects["A"].conversion_probability_without_label == pytest.approx(1 / 6, abs=1e-12)
    assert effects["B"].conversion_probability_without_label == pytest.approx(2 / 9, abs=1e-12)
    assert effects["A"].removal_effect == pytest.approx(3 / 4, abs=1e-12)
    assert effects["B"].removal_effect == pytest.approx(2 / 3, abs=1e-12)
    share_a = Fraction(3, 4) / (Fraction(3, 4) + Fraction(2, 3))
    assert share_a == Fraction(9, 17)
    assert effects["A"].removal_effect / (
        effects["A"].removal_effect + effects["B"].removal_effect
    ) == pytest.approx(9 / 17, abs=1e-12)
    assert effects["A"].journeys_with_label == 3 and effects["B"].journeys_with_label == 2


def test_markov_three_paths_without_a_loop() -> None:
    """A > B > conversion, A > null, B > conversion: P = 2/3 x 1/2 + 1/3 = 2/3. Without A only
    start > B converts (1/3): effect 1/2. Every conversion passes through B: effect 1."""
    effects = effects_by_label([(["A", "B"], True), (["A"], False), (["B"], True)])
    assert effects["A"].removal_effect == pytest.approx(1 / 2, abs=1e-12)
    assert effects["B"].removal_effect == pytest.approx(1.0, abs=1e-12)


def test_markov_repeated_label_self_loop_changes_nothing() -> None:
    """A self-loop (A > A) does not change where a journey is absorbed."""
    plain = effects_by_label([(["A", "B"], True), (["A"], False), (["B"], True)])
    looped = effects_by_label([(["A", "A", "B"], True), (["A"], False), (["B"], True)])
    for label in ("A", "B"):
        assert looped[label].removal_effect == pytest.approx(plain[label].removal_effect)


def test_markov_without_conversions_credits_nobody() -> None:
    effects = effects_by_label([(["A"], False), (["B", "A"], False)])
    assert {label: e.removal_effect for label, e in effects.items()} == {"A": 0.0, "B": 0.0}
    assert markov.removal_effects([]) == []


def removal_effect_by_resolving(journeys, removed: str) -> float:
    """The textbook way: send every transition into `removed` to the null state and solve
    the chain for the conversion probability again."""
    states, transient, absorbing = markov.transition_matrices(journeys)
    identity = np.eye(len(states))
    baseline = np.linalg.solve(identity - transient, absorbing[:, 0])[0]
    index = states.index(removed)
    cut_transient, cut_absorbing = transient.copy(), absorbing.copy()
    cut_absorbing[:, 1] += cut_transient[:, index]
    cut_transient[:, index] = 0.0
    without = np.linalg.solve(identity - cut_transient, cut_absorbing[:, 0])[0]
    return 1.0 - without / baseline


def test_markov_one_inverse_shortcut_matches_resolving_the_chain_per_label() -> None:
    rng = np.random.default_rng(5)
    labels = [f"L{i}" for i in range(8)]
    journeys = [
        (
            [labels[int(k)] for k in rng.integers(0, len(labels), int(rng.integers(1, 6)))],
            bool(rng.random() < 0.4),
        )
        for _ in range(300)
    ]
    for effect in markov.removal_effects(journeys):
        assert effect.removal_effect == pytest.approx(
            removal_effect_by_resolving(journeys, effect.label), abs=1e-10
        )


def test_markov_frame_has_the_model_columns() -> None:
    frame = markov.effects_frame(markov.removal_effects([(["A"], True), (["B"], False)]))
    assert list(frame.columns) == [
        "touch_label",
        "journeys_with_label",
        "conversion_probability",
        "conversion_probability_without_label",
        "removal_effect",
    ]
    assert frame.set_index("touch_label")["removal_effect"].to_dict() == {"A": 1.0, "B": 0.0}


def test_star_broker_has_full_betweenness_and_low_constraint() -> None:
    """A connector C tied to four people who are not tied to each other: every shortest path
    between two of them runs through C (betweenness 1); each tie holds 1/4 of C's ties, so
    C's constraint is 4 x (1/4)^2 = 1/4, and each leaf's single tie constrains it fully (1)."""
    graph = network.introductions_graph([("C", leaf, 1) for leaf in "pqrs"])
    measures = network.network_measures(graph).set_index("node_key")
    assert measures.loc["C", "betweenness_centrality"] == pytest.approx(1.0)
    assert measures.loc["C", "burt_constraint"] == pytest.approx(0.25)
    assert measures.loc["p", "betweenness_centrality"] == pytest.approx(0.0)
    assert measures.loc["p", "burt_constraint"] == pytest.approx(1.0)
    assert measures.loc["C", "tie_count"] == 4


def test_closed_triangle_constrains_more_than_an_open_one() -> None:
    """X tied to Y and Z. Open (Y, Z not tied): constraint 2 x (1/2)^2 = 1/2. Closed (Y-Z
    tied): each tie is worth 1/2 + 1/2 x 1/2 = 3/4 to X, constraint 2 x (3/4)^2 = 9/8."""
    open_graph = network.introductions_graph([("X", "Y", 1), ("X", "Z", 1)])
    closed_graph = network.introductions_graph([("X", "Y", 1), ("X", "Z", 1), ("Y", "Z", 1)])
    open_x = network.network_measures(open_graph).set_index("node_key").loc["X"]
    closed_x = network.network_measures(closed_graph).set_index("node_key").loc["X"]
    assert open_x["burt_constraint"] == pytest.approx(0.5)
    assert closed_x["burt_constraint"] == pytest.approx(9 / 8)
    assert open_x["betweenness_centrality"] == pytest.approx(1.0)
    assert closed_x["betweenness_centrality"] == pytest.approx(0.0)


def test_large_graphs_estimate_betweenness_the_same_way_every_run(monkeypatch) -> None:
    """Above the exact limit betweenness is sampled with a fixed seed: two runs agree, and a
    path's middle node still stands out."""
    monkeypatch.setattr(network, "EXACT_BETWEENNESS_MAX_NODES", 10)
    monkeypatch.setattr(network, "BETWEENNESS_SAMPLE", 8)
    edges = [(f"n{i:02d}", f"n{i + 1:02d}", 1) for i in range(20)]
    first = network.network_measures(network.introductions_graph(edges))
    second = network.network_measures(network.introductions_graph(edges))
    assert first.equals(second)
    by_node = first.set_index("node_key")["betweenness_centrality"]
    assert by_node["n10"] > by_node["n00"] == 0.0
