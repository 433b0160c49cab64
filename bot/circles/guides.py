"""Who guides which circle: a maximum-weight matching of circles to eligible guides.

Every circle keeps a guide at least ``gap`` levels above each of its peers (hard); among
those, the matching prefers a guide who is at work during the circle's shared hours, then
one who is no colleague of a peer, then a nearby clock, then a guide close to the required
level, which leaves the most senior guides free for the circles only they can lead.
"""

from __future__ import annotations

from collections.abc import Sequence

import rustworkx as rx

from bot.circles.grouping_search import Roster, clock_gap
from bot.circles.hours import shared_run

GUIDE_TRIES = 24  # candidate guides per circle in the matching (plus the planned one)


def match_guides(
    r: Roster,
    circles: Sequence[Sequence[int]],
    planned: Sequence[int],
    guides: Sequence[int],
    gap: int,
) -> list[int]:
    """A guide per circle: any guide at least ``gap`` above every peer, chosen for fit.

    ``planned[c]`` is a guide known to be eligible for circle ``c`` (all distinct), so a
    matching covering every circle exists and the maximum-cardinality matching finds one.
    """
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(range(len(circles) + len(guides)))
    slot = {g: len(circles) + k for k, g in enumerate(guides)}
    edges: list[tuple[int, int, int]] = []
    for c, members in enumerate(circles):
        need = max(r.level[m] for m in members) + gap
        fits = [(guide_weight(r, g, members, need), g) for g in guides if r.level[g] >= need]
        fits.sort(key=lambda wg: (-wg[0], slot[wg[1]]))
        chosen = {g: w for w, g in fits[:GUIDE_TRIES]}
        chosen.setdefault(planned[c], guide_weight(r, planned[c], members, need))
        edges.extend((c, slot[g], w) for g, w in chosen.items())
    graph.add_edges_from(edges)
    found = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=lambda w: w)
    lead = list(planned)
    by_node = {v: g for g, v in slot.items()}
    matched = {min(a, b): by_node[max(a, b)] for a, b in found}
    if len(matched) == len(circles):
        lead = [matched[c] for c in range(len(circles))]
    return lead


def guide_weight(r: Roster, g: int, members: Sequence[int], need: int) -> int:
    """How well guide ``g`` suits a circle (higher is better, always positive).

    Being at work when the peers are comes first (600), then not leading a colleague of a
    peer (300), then the clock gap to the furthest peer (10 per hour), then a guide close
    to the required level (20 per level above it).
    """
    apart = shared_run(r.together([g, *members])) < r.need
    colleague = r.company[g] >= 0 and any(r.company[m] == r.company[g] for m in members)
    zones = [z for m in members if (z := r.zone[m]) is not None]
    zg = r.zone[g]
    hours = 6.0 if zg is None or not zones else max(clock_gap(zg, z) for z in zones)
    above = r.level[g] - need
    return round(1600 - 600 * apart - 300 * colleague - 10 * hours - 20 * above)
