"""The text summary of an arena counts what the arena holds."""

from datetime import UTC, date, datetime

from smice.domain import (
    Arena,
    Country,
    Cycle,
    CycleVariant,
    Helix,
    Membership,
    PhaseVisit,
    ProgressTeam,
    Stakeholder,
    StakeholderKind,
)
from smice.report import summarize
from smice.report.summary import table


def _org(sid: str, helix: Helix, country: Country) -> Stakeholder:
    return Stakeholder(
        id=sid,
        name=sid.upper(),
        helix=helix,
        kinds=frozenset({StakeholderKind.SME}),
        country=country,
    )


def test_table_right_aligns_numeric_columns_only() -> None:
    text = table(["name", "n"], [["a", 5], ["bbb", 100]])
    assert text.splitlines() == ["name    n", "----  ---", "a       5", "bbb   100"]


def test_summary_counts_stakeholders_by_helix_and_country() -> None:
    person = Stakeholder(
        id="p1",
        name="Person One",
        helix=Helix.CIVIL_SOCIETY,
        kinds=frozenset({StakeholderKind.PRIVATE_PERSON}),
        country=Country.SE,
    )
    arena = Arena(
        id="a",
        name="Arena",
        template="smice/base",
        created_on=date(2018, 1, 1),
        stakeholders=(
            _org("s1", Helix.INDUSTRY, Country.SE),
            _org("s2", Helix.INDUSTRY, Country.NO),
            _org("s3", Helix.INDUSTRY, Country.NO),
            person,
        ),
        teams=(
            ProgressTeam(
                id="t1",
                name="Team One",
                formed_on=date(2018, 2, 1),
                memberships=(Membership(person="p1", joined_on=date(2018, 2, 1)),),
            ),
        ),
        cycles=(
            Cycle(
                id="c1",
                team="t1",
                variant=CycleVariant.FIVE_D,
                history=(
                    PhaseVisit(
                        phase="define",
                        entered_at=datetime(2018, 2, 1, tzinfo=UTC),
                        left_at=datetime(2018, 3, 1, tzinfo=UTC),
                    ),
                    PhaseVisit(phase="discover", entered_at=datetime(2018, 3, 1, tzinfo=UTC)),
                ),
            ),
        ),
    )
    lines = summarize(arena, today=date(2018, 3, 31)).splitlines()
    assert "4 stakeholders (3 organisations, 1 persons); helices count organisations" in lines
    industry = next(line for line in lines if line.startswith("industry"))
    assert industry.split()[1:] == ["1", "2", "3"]  # SE, NO, all
    civil = next(line for line in lines if line.startswith("civil"))
    assert civil.split()[-3:] == ["0", "0", "0"]  # the person is not an organisation
    cycle = next(line for line in lines if line.startswith("c1"))
    assert "Discover" in cycle.split()
    # Days in phase and without activity, to the end of 31 March (the assessment's
    # convention): 1 March 00:00 to 1 April 00:00 UTC.
    assert cycle.split()[-2:] == ["31", "31"]


def test_summary_labels_follow_the_language() -> None:
    arena = Arena(
        id="a",
        name="Arena",
        template="smice/base",
        created_on=date(2018, 1, 1),
        stakeholders=(_org("s1", Helix.INDUSTRY, Country.SE),),
    )
    assert any(
        line.startswith("næringsliv") for line in summarize(arena, language="nb").splitlines()
    )
