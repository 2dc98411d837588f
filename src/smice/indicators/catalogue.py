"""The indicator catalogue: every fact :func:`~smice.indicators.compute` produces, with its
unit, level, definition, the arena data it comes from and how it can be missing.

The catalogue is the single source of truth for indicator definitions: the fact catalogue
policy lint reads (:func:`fact_catalogue`) and the table in the documentation are derived
from it. Ids start with the family: ``A.`` arena and process, ``N.`` network, ``C.``
circularity.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

import attrs

from smice.domain import FrozenMap
from smice.policy.facts import FactSpec, unit

__all__ = ["BOUNDED", "CATALOGUE", "FAMILIES", "Indicator", "fact_catalogue", "markdown_table"]

#: Family prefix → name.
FAMILIES: Final[FrozenMap[str, str]] = FrozenMap(
    {
        "A": "arena and process",
        "N": "network",
        "C": "circularity",
        "T": "template parameters",
    }
)


@attrs.frozen(kw_only=True)
class Indicator:
    """One entry of the catalogue.

    Attributes
    ----------
    id : str
        The fact id rules read, e.g. ``N.sme_rnd_linkage_share``.
    name : str
        A short human name.
    unit : str
        A unit of :data:`smice.policy.UNITS` (``share``, ``count``, ``months``, ``bits``...).
    level : str
        What the fact describes: ``arena`` for every indicator so far.
    description : str
        The definition.
    source : str
        The arena data it is computed from (``extensions["..."]`` names documented keys).
    missing : str
        When the value is missing (``None``) rather than a number.
    about_persons : bool
        Whether the fact describes persons (their gender, their roles...). Such a fact
        counts only persons whose consent to ``network_analysis`` holds on the assessment
        date, and is missing with the reason ``"suppressed: fewer than k persons"`` when
        fewer than *k* persons are counted (the template parameter ``min_cell_size``,
        default 5).

    Examples
    --------
    >>> CATALOGUE["N.sme_rnd_linkage_share"].unit
    'share'
    >>> CATALOGUE["N.sme_rnd_linkage_share"].family
    'network'
    >>> CATALOGUE["A.female_share"].about_persons
    True

    .. versionadded:: 0.1.0
    """

    id: str
    name: str
    unit: str
    level: str = "arena"
    description: str
    source: str
    missing: str = "never: it is a count"
    about_persons: bool = False

    def label(self, language: str = "en") -> str:
        """The indicator's name in *language* (``en``, ``nb`` or ``sv``).

        Examples
        --------
        >>> CATALOGUE["A.female_share"].label("sv")
        'Andel kvinnor'
        >>> CATALOGUE["A.female_share_high"].label("nb")
        'Andel kvinner, øvre grense'

        .. versionadded:: 0.2.0
        """
        if language not in ("nb", "sv"):
            return self.name
        index = 0 if language == "nb" else 1
        if self.id in _NAMES:
            return _NAMES[self.id][index]
        for side, words in (
            ("_low", ("nedre grense", "nedre gräns")),
            ("_high", ("øvre grense", "övre gräns")),
        ):
            base = self.id.removesuffix(side)
            if base != self.id and base in _NAMES:
                return f"{_NAMES[base][index]}, {words[index]}"
        return self.name

    @property
    def family(self) -> str:
        """The family name (``arena and process``, ``network`` or ``circularity``)."""
        return FAMILIES[self.id.split(".", 1)[0]]

    def spec(self) -> FactSpec:
        """This entry as a policy :class:`~smice.policy.FactSpec`."""
        return FactSpec(
            id=self.id,
            unit=self.unit,
            level=self.level,
            description=self.description,
            source=self.source,
        )


_NO_SUBJECTS = "when there is nobody (nothing) to take the share of"
_FUNDING = (
    'arena extensions["funding"]: a list of {"kind": "core" | "project", "amount": EUR, '
    '"from": date, "until": date}'
)
_RECOMMENDATIONS = (
    'arena extensions["recommendations"]: a list of {"rule": id, "issued_on": date, '
    '"status": "issued" | "accepted" | "implemented" | "rejected", "decided_on": date}'
)
_CIRCULARITY = (
    'stakeholder extensions["circularity"]: {period: score 0-1}, periods "YYYY", '
    '"YYYY-Qn", "YYYY-MM" or "YYYY-MM-DD"'
)
_PRODUCTS = (
    'initiative extensions["products"]: a list of {"mass", "F_R", "F_U", "F_S", "C_R", '
    '"C_U", "C_C", "C_E", "E_C", "E_F", "L", "L_av", "U", "U_av"} (EMF 2019 inputs)'
)
_S3 = (
    'arena extensions["s3_domains"] (a list of domain names) or the template parameter '
    '"s3_domains" (names separated by ";")'
)


def _entries() -> tuple[Indicator, ...]:
    i = Indicator
    return (
        # --- A: arena and process --------------------------------------------------------
        i(
            id="A.months_observed",
            name="Months observed",
            unit="months",
            description="Whole calendar months from the arena's creation to the assessment "
            "date (by default the latest dated record: a tie, a phase visit, an artefact...); "
            "records older than the arena (a tie since 2004) are history, not observation.",
            source="arena created_on, every dated record",
        ),
        i(
            id="A.n_stakeholders",
            name="Stakeholders",
            unit="count",
            description="Stakeholders (organisations and persons) taking part on the "
            "assessment date.",
            source="stakeholders",
        ),
        i(
            id="A.n_smes",
            name="SMEs",
            unit="count",
            description="Stakeholders that are SMEs: of kind sme or micro_firm, or industry "
            "organisations of size class micro, small or medium.",
            source="stakeholders",
        ),
        i(
            id="A.n_firms",
            name="Firms",
            unit="count",
            description="Firms of any size: sme, micro_firm, large_firm, primary_producer, "
            "cooperative (and SMEs by size class).",
            source="stakeholders",
        ),
        i(
            id="A.n_persons_with_gender",
            name="Persons with a recorded gender",
            unit="count",
            description="Persons in the arena with a recorded gender.",
            source="stakeholders",
            about_persons=True,
        ),
        i(
            id="A.n_initiatives",
            name="Initiatives",
            unit="count",
            description="Initiatives launched by the assessment date, discontinued ones included.",
            source="initiatives",
        ),
        i(
            id="A.n_active_cycles",
            name="Active cycles",
            unit="count",
            description="Cycles with status active on the assessment date.",
            source="cycles",
        ),
        i(
            id="A.n_mature_teams",
            name="Mature progress teams",
            unit="count",
            description="Progress teams formed 24 months or more before the assessment date.",
            source="teams",
        ),
        i(
            id="A.n_actions_due",
            name="Actions due to have started",
            unit="count",
            description="Destiny actions committed 6 months or more before the assessment date.",
            source="cycles (destiny artefacts)",
        ),
        i(
            id="A.n_actions",
            name="Actions tagged with a community capital",
            unit="count",
            description="Destiny actions tagged with a community capital.",
            source="cycles (destiny artefacts)",
        ),
        i(
            id="A.n_firm_team_members",
            name="Persons in teams with firms",
            unit="count",
            description="Persons with a recorded role who work for a firm, in progress "
            "teams that have at least one firm among their members (a member who is a firm "
            "or works for one), sole traders' owner-managers left out: the subjects of "
            "A.non_manager_share.",
            source="teams, stakeholders",
            about_persons=True,
        ),
        i(
            id="A.n_discover_interviews",
            name="Discover interviews",
            unit="count",
            description="Appreciative interviews recorded in Discover phases.",
            source="cycles (discover artefacts)",
        ),
        i(
            id="A.n_closed_cycles",
            name="Closed cycles",
            unit="count",
            description="Cycles completed or abandoned by the assessment date.",
            source="cycles",
        ),
        i(
            id="A.n_recommendations",
            name="Recommendations issued",
            unit="count",
            description="Recommendations issued to the arena by the assessment date.",
            source=_RECOMMENDATIONS,
            missing='when the arena records no extensions["recommendations"]',
        ),
        i(
            id="A.min_helix_share",
            name="Smallest helix share",
            unit="share",
            description="Smallest share among the four helices (industry, academia, "
            "government, civil society) of organisational stakeholders.",
            source="stakeholders",
            missing="without organisations",
        ),
        *(
            i(
                id=f"A.{helix}_share",
                name=f"{helix.replace('_', ' ').capitalize()} share",
                unit="share",
                description=f"Share of organisational stakeholders in the "
                f"{helix.replace('_', ' ')} helix.",
                source="stakeholders",
                missing="without organisations",
            )
            for helix in ("industry", "academia", "government", "civil_society")
        ),
        i(
            id="A.private_person_share",
            name="Private-person share",
            unit="share",
            description="Share of stakeholders that are private persons.",
            source="stakeholders",
            missing="without stakeholders",
        ),
        i(
            id="A.stalled_cycle_share",
            name="Stalled cycles",
            unit="share",
            description="Share of active cycles that have spent more than the template's "
            "stall_days (90 when the template is unknown or silent) in their current phase.",
            source="cycles, template parameter stall_days",
            missing="without active cycles",
        ),
        i(
            id="A.action_start_share",
            name="Actions started",
            unit="share",
            description="Share of actions committed 6 months or more ago that have started "
            "(started on or before the assessment date; when no start date is recorded, "
            "status started or done).",
            source="cycles (destiny artefacts)",
            missing="without actions committed 6 months or more ago",
        ),
        i(
            id="A.mature_team_graduation_share",
            name="Mature teams graduated",
            unit="share",
            description="Share of progress teams formed 24 months or more ago that have "
            "graduated by the assessment date.",
            source="teams",
            missing="without teams formed 24 months or more ago",
        ),
        i(
            id="A.non_manager_share",
            name="Non-managers in teams with firms",
            unit="share",
            description="Share of non-managers (employees, union representatives) among "
            "the firms' people (persons with a role whose employer is a firm) in teams with "
            "firm members; owner-managers of firms without a recorded employee (sole "
            "traders) are left out, having nobody to involve.",
            source="teams, stakeholders",
            missing="without persons with a recorded role in teams with firm members",
            about_persons=True,
        ),
        i(
            id="A.external_interview_share",
            name="External interviews",
            unit="share",
            description="Share of Discover interviews held with non-members of the cycle's "
            "team (or core team), pooled over cycles.",
            source="cycles (discover artefacts), teams",
            missing="without interviews",
        ),
        i(
            id="A.female_share",
            name="Female share",
            unit="share",
            description="Share of women among persons with a recorded gender.",
            source="stakeholders",
            missing="without persons with a recorded gender",
            about_persons=True,
        ),
        i(
            id="A.median_support_contacts",
            name="Support contacts per firm",
            unit="rate",
            description="Median number of distinct support organisations (intermediaries, "
            "funders, state agencies) tied to a firm, over all firms (0 for a firm without "
            "any).",
            source="ties, stakeholders",
            missing="without firms",
        ),
        i(
            id="A.firm_progress_share",
            name="Firms in advanced initiatives",
            unit="share",
            description="Share of firms taking part in an initiative at pilot stage or later "
            "(pilot, market entry, market maturity).",
            source="initiatives, stakeholders",
            missing="without firms",
        ),
        i(
            id="A.core_funding_share",
            name="Core funding share",
            unit="share",
            description="Share of the arena's funding running on the assessment date that is "
            "core (non-project) funding, by amount.",
            source=_FUNDING,
            missing='without extensions["funding"], or when no funding runs on the day',
        ),
        i(
            id="A.months_of_funding_left",
            name="Months of project funding left",
            unit="months",
            description="Whole months from the assessment date until the last running "
            "project funding ends.",
            source=_FUNDING,
            missing='without extensions["funding"], when no project funding runs on the day, '
            "or when it has no end date",
        ),
        i(
            id="A.action_capital_gini",
            name="Concentration of actions on capitals",
            unit="coefficient",
            description="Gini coefficient of the Destiny actions' community-capital tags over "
            "the seven community capitals (0 even; 6/7 all on one capital).",
            source="cycles (destiny artefacts)",
            missing="without actions tagged with a community capital",
        ),
        i(
            id="A.n_closed_cycles_reviewed",
            name="Reviews of closed cycles",
            unit="count",
            description="Review records of closed (completed or abandoned) cycles.",
            source="cycles (review artefacts)",
        ),
        i(
            id="A.reviews_per_closed_cycle",
            name="Reviews per closed cycle",
            unit="rate",
            description="Review records per closed (completed or abandoned) cycle.",
            source="cycles (review artefacts)",
            missing="without closed cycles",
        ),
        i(
            id="A.months_since_first_recommendation",
            name="Months since the first recommendation",
            unit="months",
            description="Whole months from the first recommendation issued to the arena to "
            "the assessment date.",
            source=_RECOMMENDATIONS,
            missing='without extensions["recommendations"] or without any issued by the day',
        ),
        i(
            id="A.n_recommendations_taken_up",
            name="Recommendations taken up",
            unit="count",
            description="Recommendations recorded as accepted or implemented by the "
            "assessment date.",
            source=_RECOMMENDATIONS,
            missing='when the arena records no extensions["recommendations"]',
        ),
        # --- N: network --------------------------------------------------------------------
        i(
            id="N.n_ties",
            name="Ties between organisations",
            unit="count",
            description="Ties holding on the assessment date between two different "
            "organisations, persons folded into their employers (membership and employment "
            "excluded; persons without network-analysis consent left out).",
            source="ties, stakeholders",
        ),
        i(
            id="N.sme_rnd_linkage_share",
            name="SMEs linked to R&D",
            unit="share",
            description="Share of SMEs with at least one collaborates_with, knowledge_flow or "
            "co_applies tie (either direction, holding on the assessment date) to an R&D "
            "stakeholder (university, research institute, or R&D capacity); persons count "
            "for their employers.",
            source="ties, stakeholders",
            missing="without SMEs in the network",
        ),
        i(
            id="N.top_broker_betweenness_share",
            name="Largest betweenness share",
            unit="share",
            description="Largest single organisation's share of the total betweenness "
            "centrality of the undirected organisation network (seeded sampling beyond the "
            "exact-computation limit).",
            source="ties (network)",
            missing="when the organisation network has no ties",
        ),
        i(
            id="N.top_broker_is_cut_vertex",
            name="Top broker is a cut vertex",
            unit="boolean",
            description="Whether removing the organisation with the largest betweenness "
            "splits the organisation network.",
            source="ties (network)",
            missing="when the organisation network has no ties",
        ),
        i(
            id="N.cross_border_tie_share",
            name="Cross-border ties",
            unit="share",
            description="Share of the ties counted by N.n_ties whose two organisations are "
            "in different countries.",
            source="ties, stakeholders",
            missing="without ties between organisations",
        ),
        i(
            id="N.n_municipal_procurement_ties",
            name="Municipal procurement ties",
            unit="count",
            description="procures ties holding on the assessment date from municipalities "
            "(or their employees) to firms.",
            source="ties, stakeholders",
        ),
        i(
            id="N.n_co_applications",
            name="Co-applications",
            unit="count",
            description="co_applies ties begun by the assessment date between two different "
            "organisations (ended ones included).",
            source="ties",
        ),
        i(
            id="N.co_applications_per_firm_year",
            name="Co-applications per firm and year",
            unit="rate",
            description="N.n_co_applications per firm per year observed (A.months_observed / 12).",
            source="ties, stakeholders",
            missing="without firms or with less than one month observed",
        ),
        i(
            id="N.n_decided_applications",
            name="Decided co-applications",
            unit="count",
            description='Co-applications with a recorded outcome "funded" or "rejected".',
            source='tie extensions["outcome"] of co_applies ties',
        ),
        i(
            id="N.application_success_share",
            name="Application success",
            unit="share",
            description="Share of decided co-applications that were funded.",
            source='tie extensions["outcome"]: "funded", "rejected" or "pending"',
            missing="without decided co-applications",
        ),
        i(
            id="N.triple_helix_synergy",
            name="Triple-helix synergy T",
            unit="bits",
            description="Leydesdorff's mutual information in three dimensions over the "
            "initiatives launched by the assessment date, each a (university, industry, "
            "government participant present) triple; negative values mean synergy.",
            source="initiatives, stakeholders",
            missing="without initiatives that have participants",
        ),
        # --- C: circularity ----------------------------------------------------------------
        i(
            id="C.n_bio_sidestreams",
            name="Bio-based side-streams",
            unit="count",
            description="Bio-based side-streams (by_product flows that are bio-based or come "
            "from a bio-based stakeholder) identified by the assessment date, not ended, "
            "whose fate (the R-strategy the receiver applies) is recorded.",
            source="flows, stakeholders",
        ),
        i(
            id="C.bio_sidestream_energy_share",
            name="Bio side-streams to energy",
            unit="share",
            description="Share of the side-streams counted by C.n_bio_sidestreams whose fate "
            "is R9 (energy recovery).",
            source="flows",
            missing="without bio-based side-streams with a recorded fate",
        ),
        i(
            id="C.n_energy_sidestreams_with_material_use",
            name="Energy side-streams with a material use",
            unit="count",
            description="Bio-based side-streams going to energy for which a material use is "
            "recorded as possible.",
            source='flow extensions["material_use"]: true (or a text naming the use) or false',
            missing='when side-streams go to energy and none records extensions["material_use"]',
        ),
        i(
            id="C.n_potential_flows",
            name="Identified resource flows",
            unit="count",
            description="Industrial-symbiosis resource flows identified by the assessment "
            "date, whatever their status.",
            source="flows",
        ),
        i(
            id="C.realised_flow_share",
            name="Realised resource flows",
            unit="share",
            description="Share of identified resource flows that are realised, or ended "
            "(were realised before ending).",
            source="flows",
            missing="without identified flows",
        ),
        i(
            id="C.realisation_ratio",
            name="Realisation ratio of running flows",
            unit="share",
            description="Share of the resource flows not ended on the assessment date "
            "(potential, negotiating, realised) that are realised "
            "(smice.network.realisation_ratio on the flow layer).",
            source="flows",
            missing="without flows that have not ended",
        ),
        i(
            id="C.n_initiatives_blocked_waste_status",
            name="Initiatives blocked by waste status",
            unit="count",
            description="Initiatives with a barrier of kind end_of_waste_status or "
            "by_product_status open on the assessment date.",
            source="initiatives (barriers)",
        ),
        i(
            id="C.n_initiatives_with_r_strategy",
            name="Initiatives with R-strategies",
            unit="count",
            description="Initiatives launched by the assessment date tagged with at least one "
            "R-strategy: the subjects of the R-strategy mix.",
            source="initiatives",
        ),
        i(
            id="C.low_r_initiative_share",
            name="Initiatives that only recycle or recover",
            unit="share",
            description="Share of initiatives tagged with R-strategies whose R-strategies are "
            "only R8 (recycle) or R9 (recover).",
            source="initiatives",
            missing="without initiatives tagged with an R-strategy",
        ),
        i(
            id="C.r0_r2_initiative_share",
            name="Initiatives whose best strategy is R0-R2",
            unit="share",
            description="Share of initiatives tagged with R-strategies whose best (lowest) "
            "strategy is R0-R2 (smarter product use and manufacture; Potting et al. 2017).",
            source="initiatives",
            missing="without initiatives tagged with an R-strategy",
        ),
        i(
            id="C.r3_r7_initiative_share",
            name="Initiatives whose best strategy is R3-R7",
            unit="share",
            description="Share of initiatives tagged with R-strategies whose best (lowest) "
            "strategy is R3-R7 (extending the lifespan of products and parts).",
            source="initiatives",
            missing="without initiatives tagged with an R-strategy",
        ),
        i(
            id="C.n_circular_suppliers_mature",
            name="Circular suppliers at market maturity",
            unit="count",
            description="Firms taking part in an initiative at market_maturity that carries an "
            "R-strategy or a circular business-model pattern.",
            source="initiatives, stakeholders",
        ),
        i(
            id="C.max_non_s3_domain_initiatives",
            name="Initiatives in one non-S3 domain",
            unit="count",
            description="Largest number of initiatives sharing one domain that is not among "
            "the smart-specialisation priorities (case and surrounding spaces ignored).",
            source=f"initiatives; priorities from {_S3}",
            missing="when no smart-specialisation priorities are recorded",
        ),
        i(
            id="C.n_firms_with_circularity",
            name="Firms with circularity scores",
            unit="count",
            description="Firms with a circularity score recorded in each of the last two "
            "periods begun by the assessment date.",
            source=_CIRCULARITY,
        ),
        i(
            id="C.firm_circularity_change",
            name="Change of firm circularity",
            unit="index",
            description="Mean circularity score (0-1) of the firms counted by "
            "C.n_firms_with_circularity in the last period minus that in the period before.",
            source=_CIRCULARITY,
            missing="without firms scored in both of the last two periods",
        ),
        i(
            id="C.n_products_with_mci",
            name="Products with MCI data",
            unit="count",
            description="Products of initiatives launched by the assessment date with complete "
            "Material Circularity Indicator inputs.",
            source=_PRODUCTS,
        ),
        i(
            id="C.material_circularity",
            name="Material Circularity Indicator",
            unit="coefficient",
            description="Mass-weighted mean of the products' MCI = max(0, 1 - LFI * 0.9 / X) "
            "(Ellen MacArthur Foundation 2019), see material_circularity().",
            source=_PRODUCTS,
            missing="without products with complete MCI inputs (the domain has no product "
            "data of its own)",
        ),
    )


#: Share fact → the fact counting its subjects: each has ``_low`` and ``_high`` bound facts.
BOUNDED: Final = {
    "N.sme_rnd_linkage_share": "A.n_smes",
    "A.private_person_share": "A.n_stakeholders",
    "A.helix_coverage_share": "A.n_work_units",
    "A.stalled_cycle_share": "A.n_active_cycles",
    "A.action_start_share": "A.n_actions_due",
    "A.mature_team_graduation_share": "A.n_mature_teams",
    "A.non_manager_share": "A.n_firm_team_members",
    "A.external_interview_share": "A.n_discover_interviews",
    "A.female_share": "A.n_persons_with_gender",
    "A.youth_share": "A.n_persons_with_age_band",
    "N.application_success_share": "N.n_decided_applications",
    "C.realised_flow_share": "C.n_potential_flows",
    "C.low_r_initiative_share": "C.n_initiatives_with_r_strategy",
    "C.bio_sidestream_energy_share": "C.n_bio_sidestreams",
    "C.anchored_initiative_share": "C.n_advanced_initiatives",
}


def _advice_entries() -> tuple[Indicator, ...]:
    i = Indicator
    barriers = tuple(
        i(
            id=f"C.n_initiatives_blocked_{kind}",
            name=f"Initiatives blocked by {kind}",
            unit="count",
            description=f"Initiatives with an unresolved barrier of kind {kind} on the "
            "assessment date.",
            source="initiative barriers",
        )
        for kind in ("finance", "logistics", "knowledge")
    )
    return (
        i(
            id="T.min_evidence_subjects",
            name="Evidence: subjects needed",
            unit="count",
            description="The template parameter min_evidence_subjects: how many relevant "
            "subjects a rule needs before it may fire (10 when the template is unknown or "
            "silent).",
            source="template parameter min_evidence_subjects",
        ),
        i(
            id="T.min_evidence_months",
            name="Evidence: months needed",
            unit="months",
            description="The template parameter min_evidence_months: how many months observed "
            "a rule needs before it may fire (6 when the template is unknown or silent).",
            source="template parameter min_evidence_months",
            missing="never: it has a default",
        ),
        i(
            id="A.n_countries",
            name="Countries",
            unit="count",
            description="Countries of the organisations taking part on the assessment date.",
            source="stakeholders",
        ),
        i(
            id="A.n_work_units",
            name="Teams and initiatives",
            unit="count",
            description="Progress teams not closed or graduated with members on the "
            "assessment date, and initiatives not discontinued with participants.",
            source="teams, initiatives",
        ),
        i(
            id="A.helix_coverage_share",
            name="Helix coverage of the work",
            unit="share",
            description="Share of A.n_work_units with at least one participant from each of "
            "the four helices (industry, academia, government, civil society); a person counts "
            "for their own helix and their employer's.",
            source="teams, initiatives, stakeholders",
            missing="without teams or initiatives with participants",
        ),
        i(
            id="A.n_persons",
            name="Persons",
            unit="count",
            description="Persons taking part on the assessment date.",
            source="stakeholders",
        ),
        i(
            id="A.network_consent_share",
            name="Network-analysis consent",
            unit="share",
            description="Share of persons whose consent covers network analysis on the "
            "assessment date: the persons every N fact can see.",
            source="stakeholder consent",
            missing="without persons",
            about_persons=True,
        ),
        i(
            id="A.n_persons_with_age_band",
            name="Persons with an age band",
            unit="count",
            description="Persons with a recorded age band.",
            source="stakeholders",
            about_persons=True,
        ),
        i(
            id="A.youth_share",
            name="Young participants",
            unit="share",
            description="Share of persons with an age band who are under 35 (bands under_25 "
            "and 25_34).",
            source="stakeholder age_band",
            missing="without persons with an age band",
            about_persons=True,
        ),
        i(
            id="A.action_capital_top",
            name="Most-served community capital",
            unit="category",
            description="The community capital most actions are tagged with (the first in "
            "the order natural, cultural, human, social, political, financial, built on a tie).",
            source="action community_capitals",
            missing="without actions tagged with a community capital",
        ),
        i(
            id="N.top_broker_fragmentation",
            name="Dependence on the top broker",
            unit="share",
            description="Share of the pairs of other organisations that reach each other and "
            "no longer do without the organisation of largest betweenness (Borgatti 2006 "
            "key-player fragmentation, relative to the connected pairs; ties undirected).",
            source="ties",
            missing="when the organisation network has no ties",
        ),
        *barriers,
        i(
            id="C.n_advanced_initiatives",
            name="Initiatives at pilot or beyond",
            unit="count",
            description="Initiatives at maturity pilot, market_entry or market_maturity.",
            source="initiatives",
        ),
        i(
            id="C.anchored_initiative_share",
            name="Initiatives anchored in public plans",
            unit="share",
            description="Share of C.n_advanced_initiatives anchored in a municipal or "
            'regional plan (a non-empty extensions["anchored_in"]).',
            source='initiative extensions["anchored_in"]: a list of plans, e.g. '
            '[{"plan": "Kommuneplan 2020-2032", "level": "municipal"}]',
            missing='when no initiative records extensions["anchored_in"], or none is at '
            "pilot stage or beyond",
        ),
        i(
            id="C.firm_circularity_change_high",
            name="Change of firm circularity, upper bound",
            unit="index",
            description="The one-sided 95 % upper confidence bound (Student t) of the mean "
            "change in C.firm_circularity_change: below 0, firms are not improving beyond "
            "noise.",
            source=_CIRCULARITY,
            missing="with fewer than two firms scored in both of the last two periods",
        ),
    )


def _bound_entries() -> tuple[Indicator, ...]:
    found: list[Indicator] = []
    for fact, subjects in BOUNDED.items():
        for side, word in (("low", "lower"), ("high", "upper")):
            found.append(
                Indicator(
                    id=f"{fact}_{side}",
                    name=f"{fact}, {word} bound",
                    unit="share",
                    description=f"{fact} itself from 30 subjects ({subjects}) on; under 30, "
                    f"the {word} one-sided 95 % Wilson score bound of it (Wilson 1927), so "
                    "that a rule on a few subjects fires only when chance alone is unlikely "
                    "to explain the share.",
                    source=f"{fact}, {subjects}",
                    missing=f"when {fact} is missing",
                )
            )
    return tuple(found)


#: Names in Norwegian (bokmål) and Swedish, by fact id; bound facts derive theirs.
_NAMES: Final[dict[str, tuple[str, str]]] = {
    "A.months_observed": ("Måneder observert", "Månader observerade"),
    "A.n_stakeholders": ("Aktører", "Aktörer"),
    "A.n_smes": ("SMB-er", "Små och medelstora företag"),
    "A.n_firms": ("Bedrifter", "Företag"),
    "A.n_persons_with_gender": ("Personer med registrert kjønn", "Personer med registrerat kön"),
    "A.n_initiatives": ("Initiativer", "Initiativ"),
    "A.n_active_cycles": ("Aktive sykluser", "Aktiva cykler"),
    "A.n_mature_teams": ("Modne framdriftsteam", "Mogna framstegsteam"),
    "A.n_actions_due": ("Tiltak som burde ha startet", "Åtgärder som borde ha startat"),
    "A.n_actions": (
        "Tiltak knyttet til en samfunnskapital",
        "Åtgärder knutna till ett samhällskapital",
    ),
    "A.n_firm_team_members": (
        "Bedriftsfolk i team med bedrifter",
        "Företagsfolk i team med företag",
    ),
    "A.n_discover_interviews": ("Intervjuer i Discover", "Intervjuer i Discover"),
    "A.n_closed_cycles": ("Avsluttede sykluser", "Avslutade cykler"),
    "A.n_recommendations": ("Anbefalinger gitt", "Rekommendationer givna"),
    "A.min_helix_share": ("Minste aktørgruppes andel", "Minsta aktörsgruppens andel"),
    "A.industry_share": ("Andel næringsliv", "Andel näringsliv"),
    "A.academia_share": ("Andel forskning", "Andel forskning"),
    "A.government_share": ("Andel offentlig sektor", "Andel offentlig sektor"),
    "A.civil_society_share": ("Andel sivilsamfunn", "Andel civilsamhälle"),
    "A.private_person_share": ("Andel privatpersoner", "Andel privatpersoner"),
    "A.stalled_cycle_share": ("Sykluser som har stoppet opp", "Avstannade cykler"),
    "A.action_start_share": ("Tiltak i gang", "Påbörjade åtgärder"),
    "A.mature_team_graduation_share": ("Modne team skilt ut", "Mogna team avknoppade"),
    "A.non_manager_share": ("Ikke-ledere i team med bedrifter", "Icke-chefer i team med företag"),
    "A.external_interview_share": ("Eksterne intervjuer", "Externa intervjuer"),
    "A.female_share": ("Andel kvinner", "Andel kvinnor"),
    "A.median_support_contacts": ("Støttekontakter per bedrift", "Stödkontakter per företag"),
    "A.firm_progress_share": (
        "Bedrifter i langt komne initiativer",
        "Företag i långt komna initiativ",
    ),
    "A.core_funding_share": ("Andel basisfinansiering", "Andel basfinansiering"),
    "A.months_of_funding_left": (
        "Måneder igjen av prosjektmidlene",
        "Månader kvar av projektmedlen",
    ),
    "A.action_capital_gini": (
        "Tiltakenes konsentrasjon på kapitaler",
        "Åtgärdernas koncentration på kapital",
    ),
    "A.n_closed_cycles_reviewed": (
        "Evalueringer av avsluttede sykluser",
        "Utvärderingar av avslutade cykler",
    ),
    "A.reviews_per_closed_cycle": (
        "Evalueringer per avsluttet syklus",
        "Utvärderingar per avslutad cykel",
    ),
    "A.months_since_first_recommendation": (
        "Måneder siden første anbefaling",
        "Månader sedan första rekommendationen",
    ),
    "A.n_recommendations_taken_up": (
        "Anbefalinger tatt i bruk",
        "Rekommendationer som tagits till vara",
    ),
    "N.n_ties": ("Bånd mellom organisasjoner", "Band mellan organisationer"),
    "N.sme_rnd_linkage_share": (
        "SMB-er koblet til FoU",
        "Små och medelstora företag kopplade till FoU",
    ),
    "N.top_broker_betweenness_share": ("Største andel mellomhet", "Största andel mellanhet"),
    "N.top_broker_is_cut_vertex": (
        "Nettverket deles uten den største brobyggeren",
        "Nätverket delas utan den största brobyggaren",
    ),
    "N.cross_border_tie_share": ("Bånd over grensen", "Band över gränsen"),
    "N.n_municipal_procurement_ties": ("Kommunale innkjøpsbånd", "Kommunala upphandlingsband"),
    "N.n_co_applications": ("Felles søknader", "Gemensamma ansökningar"),
    "N.co_applications_per_firm_year": (
        "Felles søknader per bedrift og år",
        "Gemensamma ansökningar per företag och år",
    ),
    "N.n_decided_applications": ("Avgjorte felles søknader", "Avgjorda gemensamma ansökningar"),
    "N.application_success_share": ("Andel innvilgede søknader", "Andel beviljade ansökningar"),
    "N.triple_helix_synergy": ("Trippelheliks-synergi T", "Trippelhelix-synergi T"),
    "C.n_bio_sidestreams": ("Biobaserte sidestrømmer", "Biobaserade sidoströmmar"),
    "C.bio_sidestream_energy_share": (
        "Biobaserte sidestrømmer til energi",
        "Biobaserade sidoströmmar till energi",
    ),
    "C.n_energy_sidestreams_with_material_use": (
        "Sidestrømmer til energi med kjent materialbruk",
        "Sidoströmmar till energi med känd materialanvändning",
    ),
    "C.n_potential_flows": ("Identifiserte ressursstrømmer", "Identifierade resursflöden"),
    "C.realised_flow_share": ("Realiserte ressursstrømmer", "Förverkligade resursflöden"),
    "C.realisation_ratio": (
        "Realiseringsgrad for løpende strømmer",
        "Förverkligandegrad för löpande flöden",
    ),
    "C.n_initiatives_blocked_waste_status": (
        "Initiativer stoppet av avfallsstatus",
        "Initiativ stoppade av avfallsstatus",
    ),
    "C.n_initiatives_with_r_strategy": (
        "Initiativer med R-strategier",
        "Initiativ med R-strategier",
    ),
    "C.low_r_initiative_share": (
        "Initiativer med bare material- eller energigjenvinning",
        "Initiativ med bara material- eller energiåtervinning",
    ),
    "C.r0_r2_initiative_share": (
        "Initiativer med beste strategi R0-R2",
        "Initiativ med bästa strategi R0-R2",
    ),
    "C.r3_r7_initiative_share": (
        "Initiativer med beste strategi R3-R7",
        "Initiativ med bästa strategi R3-R7",
    ),
    "C.n_circular_suppliers_mature": (
        "Markedsmodne sirkulære leverandører",
        "Marknadsmogna cirkulära leverantörer",
    ),
    "C.max_non_s3_domain_initiatives": (
        "Initiativer i ett område utenfor S3",
        "Initiativ i ett område utanför S3",
    ),
    "C.n_firms_with_circularity": (
        "Bedrifter med sirkularitetspoeng",
        "Företag med cirkularitetspoäng",
    ),
    "C.firm_circularity_change": (
        "Endring i bedriftenes sirkularitet",
        "Förändring av företagens cirkularitet",
    ),
    "C.n_products_with_mci": ("Produkter med MCI-data", "Produkter med MCI-data"),
    "C.material_circularity": (
        "Material Circularity Indicator (MCI)",
        "Material Circularity Indicator (MCI)",
    ),
    "T.min_evidence_subjects": ("Grunnlag: antall som kreves", "Underlag: antal som krävs"),
    "T.min_evidence_months": ("Grunnlag: måneder som kreves", "Underlag: månader som krävs"),
    "A.n_countries": ("Land", "Länder"),
    "A.n_work_units": ("Team og initiativer", "Team och initiativ"),
    "A.helix_coverage_share": (
        "Team og initiativer med alle fire aktørgrupper",
        "Team och initiativ med alla fyra aktörsgrupper",
    ),
    "A.n_persons": ("Personer", "Personer"),
    "A.network_consent_share": ("Samtykke til nettverksanalyse", "Samtycke till nätverksanalys"),
    "A.n_persons_with_age_band": (
        "Personer med registrert alder",
        "Personer med registrerad ålder",
    ),
    "A.youth_share": ("Unge deltakere (under 35 år)", "Unga deltagare (under 35 år)"),
    "A.action_capital_top": ("Kapitalen flest tiltak gjelder", "Kapitalet flest åtgärder gäller"),
    "N.top_broker_fragmentation": (
        "Avhengighet av den største brobyggeren",
        "Beroende av den största brobyggaren",
    ),
    "C.n_initiatives_blocked_finance": (
        "Initiativer stoppet av finansiering",
        "Initiativ stoppade av finansiering",
    ),
    "C.n_initiatives_blocked_logistics": (
        "Initiativer stoppet av logistikk",
        "Initiativ stoppade av logistik",
    ),
    "C.n_initiatives_blocked_knowledge": (
        "Initiativer stoppet av manglende kunnskap",
        "Initiativ stoppade av saknad kunskap",
    ),
    "C.n_advanced_initiatives": (
        "Initiativer i pilotfase eller senere",
        "Initiativ i pilotfas eller senare",
    ),
    "C.anchored_initiative_share": (
        "Initiativer forankret i offentlige planer",
        "Initiativ förankrade i offentliga planer",
    ),
    "C.firm_circularity_change_high": (
        "Endring i bedriftenes sirkularitet, øvre grense",
        "Förändring av företagens cirkularitet, övre gräns",
    ),
}


def _check(entries: tuple[Indicator, ...]) -> FrozenMap[str, Indicator]:
    table: dict[str, Indicator] = {}
    for entry in entries:
        assert entry.id not in table, entry.id
        assert entry.id.split(".", 1)[0] in FAMILIES, entry.id
        assert unit(entry.unit).name == entry.unit, entry.unit
        table[entry.id] = entry
    return FrozenMap(table)


#: Every indicator smice computes, by id, in documentation order.
CATALOGUE: Final[FrozenMap[str, Indicator]] = _check(
    (*_entries(), *_advice_entries(), *_bound_entries())
)


def fact_catalogue() -> FrozenMap[str, FactSpec]:
    """The catalogue as policy fact specs, for :func:`smice.policy.lint` and
    :meth:`smice.policy.facts.Facts.from_values`.

    Examples
    --------
    >>> specs = fact_catalogue()
    >>> specs["A.female_share"].bounds
    (0, 1)

    .. versionadded:: 0.1.0
    """
    return FrozenMap({key: entry.spec() for key, entry in CATALOGUE.items()})


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table() -> str:
    """The catalogue as a Markdown table (id, unit, definition, source, missing when): the
    table of the documentation page, which a test keeps equal to this.

    Examples
    --------
    >>> markdown_table().splitlines()[0]
    '| id | unit | name and definition | source | missing |'

    .. versionadded:: 0.1.0
    """
    rows = [
        "| id | unit | name and definition | source | missing |",
        "| --- | --- | --- | --- | --- |",
    ]
    for entry in CATALOGUE.values():
        missing = entry.missing
        if entry.about_persons:
            missing += "; about persons: suppressed from fewer than k persons"
        rows.append(
            f"| `{entry.id}` | {entry.unit} | **{_cell(entry.name)}.** "
            f"{_cell(entry.description)} | {_cell(entry.source)} | {_cell(missing)} |"
        )
    return "\n".join(rows) + "\n"
