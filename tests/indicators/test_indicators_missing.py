"""Missing values are explicit (None with a reason), never 0; evidence counts are 0."""

from __future__ import annotations

from datetime import date

from smice.domain import Arena
from smice.indicators import CATALOGUE, compute


def _empty() -> Arena:
    return Arena(id="empty", name="Empty", template="smice/base", created_on=date(2018, 1, 1))


def test_an_empty_arena_has_counts_of_zero_and_every_ratio_missing() -> None:
    """With nothing in the arena every count is 0 and every share, rate, coefficient,
    index, boolean and bits value is missing with a reason."""
    facts = compute(_empty())
    for key, entry in CATALOGUE.items():
        fact = facts[key]
        if key.startswith("T."):  # template parameters: smice/base's, or the defaults
            assert fact.value in (10, 6), key
        elif entry.about_persons:  # counts of persons too: 0 persons is a small cell
            assert fact.missing, key
            assert fact.reason, key
        elif entry.unit == "count" and key not in (
            "A.n_recommendations",
            "A.n_recommendations_taken_up",
            "C.max_non_s3_domain_initiatives",  # needs recorded S3 priorities
        ):
            assert fact.value == 0, key
        elif key in ("A.months_observed",):
            assert fact.value == 0
        else:
            assert fact.missing, key
            assert fact.reason, key


def test_malformed_extensions_make_the_fact_missing_with_the_reason() -> None:
    """A documented extension key holding something else is reported, not guessed."""
    import attrs

    from smice.domain._frozen import freeze_json

    arena = attrs.evolve(
        _empty(),
        extensions=freeze_json({"funding": [{"kind": "gift", "amount": 5}]}),
    )
    facts = compute(arena)
    assert facts["A.core_funding_share"].missing
    assert '"core" or "project"' in facts["A.core_funding_share"].reason
