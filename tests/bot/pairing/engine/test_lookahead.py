"""The lookahead's pieces: how far it must plan, and the exact colouring of thin remainders."""

from __future__ import annotations

from itertools import combinations

from bot.pairing.engine.lookahead import Outlook, edge_colouring


def complete(n: int) -> dict[tuple[int, int], int]:
    return {(a, b): 0 for a, b in combinations(range(n), 2)}


def is_perfect_matching(pairs: list[tuple[int, int]], nodes: list[int]) -> bool:
    covered = [v for pair in pairs for v in pair]
    return sorted(covered) == sorted(nodes)


def test_colouring_a_cube_gives_three_perfect_matchings() -> None:
    cube = [(a, b) for a, b in combinations(range(8), 2) if (a ^ b).bit_count() == 1]
    classes = edge_colouring(list(range(8)), cube, 3)
    assert classes is not None
    assert sorted(e for c in classes for e in c) == sorted(cube)
    assert all(is_perfect_matching(c, list(range(8))) for c in classes)


def test_petersen_graph_cannot_be_split_into_three_perfect_matchings() -> None:
    outer = [(i, (i + 1) % 5) for i in range(5)]
    spokes = [(i, i + 5) for i in range(5)]
    inner = [(5 + i, 5 + (i + 2) % 5) for i in range(5)]
    edges = sorted(tuple(sorted(e)) for e in outer + spokes + inner)
    assert edge_colouring(list(range(10)), edges, 3) is None


def test_horizon_of_a_fresh_roster_is_a_full_round_robin_or_the_window() -> None:
    assert Outlook(nodes=list(range(20)), edges=complete(20), window=52).horizon() == 19
    assert Outlook(nodes=list(range(20)), edges=complete(20), window=12).horizon() == 12


def test_horizon_counts_pairs_that_come_back_inside_it() -> None:
    # Ring of four where 0-2 and 1-3 met; they return in two weeks' time.
    edges = {(0, 1): 0, (1, 2): 0, (2, 3): 0, (0, 3): 0}
    returning = {2: {(0, 2): 0, (1, 3): 0}}
    assert Outlook(nodes=[0, 1, 2, 3], edges=edges, window=52).horizon() == 2
    with_return = Outlook(nodes=[0, 1, 2, 3], edges=edges, returning=returning, window=52)
    assert with_return.horizon() == 3
