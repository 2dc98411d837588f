"""Leydesdorff's triple-helix synergy: mutual information in three dimensions.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from datetime import date

from smice.domain.arena import Arena
from smice.domain.vocabulary import Helix
from smice.errors import InvalidValue

__all__ = ["helix_presence_counts", "triple_helix_synergy"]

Triple = tuple[Hashable, Hashable, Hashable]


def _entropy(counts: Mapping[Hashable, float], total: float) -> float:
    return -sum((c / total) * math.log2(c / total) for c in counts.values() if c > 0)


def triple_helix_synergy(counts: Mapping[Triple, float]) -> float:
    """Leydesdorff's transmission ``T`` in bits from counts of ``(u, i, g)`` triples.

    ``T = H_u + H_i + H_g - H_ui - H_ug - H_ig + H_uig`` with ``H`` the Shannon entropies
    (base 2) of the marginal and joint distributions. Negative values mean synergy: the
    configuration reduces uncertainty beyond what the pairwise relations explain. Three
    independent dimensions give 0; the XOR table (``g = u xor i``, four equally likely
    triples) gives -1 bit.

    Parameters
    ----------
    counts : mapping
        ``{(u, i, g): count}``; categories can be any hashable values, e.g. booleans for
        "university / industry / government partner present".

    Examples
    --------
    >>> xor = {(0, 0, 0): 1, (0, 1, 1): 1, (1, 0, 1): 1, (1, 1, 0): 1}
    >>> triple_helix_synergy(xor)
    -1.0
    >>> independent = {(u, i, g): 1 for u in (0, 1) for i in (0, 1) for g in (0, 1)}
    >>> triple_helix_synergy(independent)
    0.0

    References
    ----------
    .. [1] Leydesdorff, L. (2003). The mutual information of university-industry-government
       relations: an indicator of the triple helix dynamics. Scientometrics 58(2), 445-467.
    .. [2] McGill, W. J. (1954). Multivariate information transmission. Psychometrika
       19(2), 97-116.

    .. versionadded:: 0.1.0
    """
    total = 0.0
    for key, value in counts.items():
        if not isinstance(key, tuple) or len(key) != 3:
            raise InvalidValue("counts key", "a (u, i, g) triple", key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise InvalidValue(f"count of {key!r}", "a non-negative number", value)
        total += value
    if total == 0:
        return float("nan")
    margins: list[dict[Hashable, float]] = [defaultdict(float) for _ in range(3)]
    pairs: list[dict[Hashable, float]] = [defaultdict(float) for _ in range(3)]
    for (u, i, g), value in counts.items():
        for axis, category in enumerate((u, i, g)):
            margins[axis][category] += value
        for axis, pair in enumerate(((u, i), (u, g), (i, g))):
            pairs[axis][pair] += value
    joint: dict[Hashable, float] = {key: float(value) for key, value in counts.items()}
    t = (
        sum(_entropy(margin, total) for margin in margins)
        - sum(_entropy(pair, total) for pair in pairs)
        + _entropy(joint, total)
    )
    return 0.0 if abs(t) < 1e-12 else t


def helix_presence_counts(
    arena: Arena,
    *,
    helices: Sequence[Helix | str] = (Helix.ACADEMIA, Helix.INDUSTRY, Helix.GOVERNMENT),
    at: date | None = None,
) -> dict[tuple[bool, bool, bool], int]:
    """Counts of the arena's collaborations by which of three helices take part.

    Each initiative (launched on or before *at*) is one collaboration; its triple says
    whether a participant of each of *helices* (academia, industry, government by default,
    Leydesdorff's u, i, g) takes part. Initiatives with no participant are skipped. Feed
    the result to :func:`triple_helix_synergy`.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> counts = helix_presence_counts(load_arena("examples/arenas/tutorial.json"))
    >>> all(len(key) == 3 for key in counts)
    True

    .. versionadded:: 0.1.0
    """
    if len(helices) != 3:
        raise InvalidValue("helices", "three helices", tuple(helices))
    wanted = tuple(Helix(helix) for helix in helices)
    counts: Counter[tuple[bool, bool, bool]] = Counter()
    for initiative in arena.initiatives:
        if at is not None and initiative.launched_on > at:
            continue
        present = {
            arena.stakeholder(sid).helix
            for sid in initiative.participants
            if arena.has_stakeholder(sid)
        }
        if not present:
            continue
        counts[(wanted[0] in present, wanted[1] in present, wanted[2] in present)] += 1
    return dict(sorted(counts.items()))
