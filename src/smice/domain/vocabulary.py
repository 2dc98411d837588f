"""The closed vocabularies of smice, with labels in English, Norwegian Bokmål and Swedish.

Every vocabulary is an :class:`enum.StrEnum`, so its members serialise as plain strings.
:func:`label` gives a member's label in one of the :class:`Language` s.

Examples
--------
>>> Helix("academia") is Helix.ACADEMIA
True
>>> label(Helix.ACADEMIA, "nb"), label(Helix.ACADEMIA, "sv")
('akademia (FoU)', 'akademi (FoU)')
>>> label(RStrategy.REPAIR)
'R4 repair'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from smice.errors import NotFound

__all__ = [
    "VOCABULARIES",
    "ActionStatus",
    "AgeBand",
    "BarrierKind",
    "BusinessModelPattern",
    "CommunityCapital",
    "ConsentScope",
    "Country",
    "CycleStatus",
    "CycleVariant",
    "DestinyMode",
    "FlowStatus",
    "FlowType",
    "Gender",
    "GovernmentLevel",
    "GraduationEvidence",
    "Helix",
    "InitiativeMaturity",
    "InstrumentType",
    "KnowledgeFlowDirection",
    "Language",
    "Level",
    "LoopStrategy",
    "PersonRole",
    "Phase",
    "RStrategy",
    "RecommendationStatus",
    "ReviewDecision",
    "SizeClass",
    "StakeholderKind",
    "TeamStatus",
    "TieKind",
    "label",
]


class Language(StrEnum):
    """Languages smice speaks: English, Norwegian Bokmål, Swedish."""

    EN = "en"
    NB = "nb"
    SV = "sv"


class Helix(StrEnum):
    """The quadruple helix (the natural environment, the fifth, is modelled as resources)."""

    INDUSTRY = "industry"
    ACADEMIA = "academia"
    GOVERNMENT = "government"
    CIVIL_SOCIETY = "civil_society"


class StakeholderKind(StrEnum):
    """What kind of organisation (or person) a stakeholder is."""

    SME = "sme"
    MICRO_FIRM = "micro_firm"
    LARGE_FIRM = "large_firm"
    PRIMARY_PRODUCER = "primary_producer"
    COOPERATIVE = "cooperative"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    MUNICIPALITY = "municipality"
    REGIONAL_AUTHORITY = "regional_authority"
    STATE_AGENCY = "state_agency"
    INTERMEDIARY = "intermediary"
    NGO = "ngo"
    MAKERSPACE = "makerspace"
    FUNDER = "funder"
    MEDIA = "media"
    PRIVATE_PERSON = "private_person"


class PersonRole(StrEnum):
    """A person's organisational role (employee-driven innovation needs non-managers)."""

    OWNER_MANAGER = "owner_manager"
    EMPLOYEE = "employee"
    UNION_REPRESENTATIVE = "union_representative"
    CITIZEN = "citizen"
    RESEARCHER = "researcher"
    PUBLIC_OFFICER = "public_officer"
    FACILITATOR = "facilitator"


class Country(StrEnum):
    """Countries of the Mid-Nordic region (ISO 3166 alpha-2) and everything else."""

    SE = "SE"
    NO = "NO"
    FI = "FI"
    OTHER = "other"


class SizeClass(StrEnum):
    """Enterprise size classes of the EU SME definition (Recommendation 2003/361/EC)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Gender(StrEnum):
    """Self-declared gender (optional, personal data)."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class AgeBand(StrEnum):
    """Self-declared age band (optional, personal data)."""

    UNDER_25 = "under_25"
    FROM_25_TO_34 = "25_34"
    FROM_35_TO_44 = "35_44"
    FROM_45_TO_54 = "45_54"
    FROM_55_TO_64 = "55_64"
    OVER_64 = "65_plus"


class ConsentScope(StrEnum):
    """What a person has consented to."""

    STORAGE = "storage"
    INTERVIEW_TEXT = "interview_text"
    NETWORK_ANALYSIS = "network_analysis"
    EXPORT = "export"
    PUBLICATION = "publication"
    CONTACT = "contact"


class TieKind(StrEnum):
    """Kinds of relation between two stakeholders."""

    MEMBER_OF = "member_of"
    EMPLOYED_BY = "employed_by"
    PARTICIPATES_IN = "participates_in"
    FACILITATES = "facilitates"
    INTERVIEWED = "interviewed"
    COLLABORATES_WITH = "collaborates_with"
    KNOWLEDGE_FLOW = "knowledge_flow"
    BROKERED = "brokered"
    SUPPLIES = "supplies"
    PROCURES = "procures"
    EXCHANGES_RESOURCE = "exchanges_resource"
    FUNDS = "funds"
    CO_APPLIES = "co_applies"
    REGULATES = "regulates"
    REPRESENTS = "represents"


class KnowledgeFlowDirection(StrEnum):
    """Direction of a knowledge flow in open innovation (Chesbrough 2006)."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    COUPLED = "coupled"


class FlowType(StrEnum):
    """What a resource flow (industrial symbiosis) carries."""

    MATERIAL = "material"
    BY_PRODUCT = "by_product"
    ENERGY = "energy"
    WATER = "water"
    SHARED_INFRASTRUCTURE = "shared_infrastructure"


class FlowStatus(StrEnum):
    """Where a resource flow stands: found, talked about, running, or stopped."""

    POTENTIAL = "potential"
    NEGOTIATING = "negotiating"
    REALISED = "realised"
    ENDED = "ended"


class RStrategy(StrEnum):
    """The R-ladder of circularity strategies (Potting et al. 2017); lower is usually better."""

    REFUSE = "R0"
    RETHINK = "R1"
    REDUCE = "R2"
    REUSE = "R3"
    REPAIR = "R4"
    REFURBISH = "R5"
    REMANUFACTURE = "R6"
    REPURPOSE = "R7"
    RECYCLE = "R8"
    RECOVER = "R9"

    @property
    def rank(self) -> int:
        """The strategy's place on the ladder, 0 (refuse) to 9 (recover)."""
        return int(self.value[1:])


class LoopStrategy(StrEnum):
    """Resource-loop strategies (Bocken et al. 2016)."""

    SLOW = "slow"
    CLOSE = "close"
    NARROW = "narrow"
    REGENERATE = "regenerate"


class BusinessModelPattern(StrEnum):
    """Circular business-model patterns."""

    CIRCULAR_SUPPLIES = "circular_supplies"
    RESOURCE_RECOVERY = "resource_recovery"
    PRODUCT_LIFE_EXTENSION = "product_life_extension"
    SHARING_PLATFORM = "sharing_platform"
    PRODUCT_AS_A_SERVICE = "product_as_a_service"
    INDUSTRIAL_SYMBIOSIS = "industrial_symbiosis"
    SUFFICIENCY = "sufficiency"


class CommunityCapital(StrEnum):
    """The community capitals framework (Flora, Flora & Gasteyer)."""

    NATURAL = "natural"
    CULTURAL = "cultural"
    HUMAN = "human"
    SOCIAL = "social"
    POLITICAL = "political"
    FINANCIAL = "financial"
    BUILT = "built"


class InstrumentType(StrEnum):
    """Types of policy instrument (Borrás & Edquist 2013; OECD 2011)."""

    REGULATORY = "regulatory"
    FINANCIAL = "financial"
    BROKERING = "brokering"
    INFORMATION = "information"
    PROCUREMENT = "procurement"
    TRAINING = "training"
    INFRASTRUCTURE = "infrastructure"
    GOVERNANCE = "governance"


class GovernmentLevel(StrEnum):
    """Who a recommendation is addressed to."""

    ARENA = "arena"
    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"
    CROSS_BORDER = "cross_border"
    EU = "eu"


class Level(StrEnum):
    """Levels of the SMICE template: region, local community, company or cluster."""

    REGION = "region"
    LOCAL_COMMUNITY = "local_community"
    COMPANY_CLUSTER = "company_cluster"


class Phase(StrEnum):
    """Well-known phase names of the Appreciative Inquiry variants.

    Templates may define phases of their own; these are the ones smice knows by name.
    """

    DEFINE = "define"
    DISCOVER = "discover"
    DREAM = "dream"
    DESIGN = "design"
    DESTINY = "destiny"
    REVIEW = "review"
    INITIATE = "initiate"
    INQUIRE = "inquire"
    IMAGINE = "imagine"
    INNOVATE = "innovate"
    INSPIRE = "inspire"
    SUMMIT = "summit"


class CycleVariant(StrEnum):
    """Variants of the AI cycle."""

    FIVE_D = "5-D"
    FOUR_D = "4-D"
    FOUR_I = "4-I"
    SOAR = "SOAR"
    SUMMIT = "summit"


class CycleStatus(StrEnum):
    """Where a cycle stands as a whole."""

    ACTIVE = "active"
    PAUSED = "paused"
    ABANDONED = "abandoned"
    COMPLETED = "completed"


class DestinyMode(StrEnum):
    """How Destiny is run (Bushe & Kassam 2005)."""

    IMPROVISATIONAL = "improvisational"
    IMPLEMENTATION = "implementation"


class ActionStatus(StrEnum):
    """Where an inspired action stands."""

    COMMITTED = "committed"
    STARTED = "started"
    DONE = "done"
    DROPPED = "dropped"


class RecommendationStatus(StrEnum):
    """Where a recommendation issued to the arena stands (its uptake).

    ``proposed`` → ``accepted`` | ``rejected``; ``accepted`` → ``implemented`` | ``rejected``.
    """

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"


class ReviewDecision(StrEnum):
    """What a review decides for the cycle."""

    RENEW = "renew"
    GRADUATE = "graduate"
    CONTINUE = "continue"
    CLOSE = "close"


class TeamStatus(StrEnum):
    """Where a progress team stands."""

    FORMING = "forming"
    ACTIVE = "active"
    PAUSED = "paused"
    GRADUATED = "graduated"
    CLOSED = "closed"


class GraduationEvidence(StrEnum):
    """What shows that a team has graduated."""

    NEW_ORGANISATION = "new_organisation"
    NEW_BUSINESS = "new_business"
    FUNDED_PROJECT = "funded_project"
    MAINSTREAMED = "mainstreamed"


class InitiativeMaturity(StrEnum):
    """How far an initiative has come."""

    IDEA = "idea"
    EXPLORATION = "exploration"
    PILOT = "pilot"
    MARKET_ENTRY = "market_entry"
    MARKET_MATURITY = "market_maturity"
    DISCONTINUED = "discontinued"


class BarrierKind(StrEnum):
    """What blocks an initiative."""

    END_OF_WASTE_STATUS = "end_of_waste_status"
    BY_PRODUCT_STATUS = "by_product_status"
    OTHER_REGULATION = "other_regulation"
    FINANCE = "finance"
    KNOWLEDGE = "knowledge"
    MARKET = "market"
    LOGISTICS = "logistics"
    INFRASTRUCTURE = "infrastructure"
    ORGANISATION = "organisation"


# Labels: member -> (en, nb, sv). A test checks that every member of every vocabulary has one.
_LABEL_ROWS: Final[tuple[tuple[StrEnum, tuple[str, str, str]], ...]] = (
    (Language.EN, ("English", "engelsk", "engelska")),
    (Language.NB, ("Norwegian Bokmål", "norsk bokmål", "norska (bokmål)")),
    (Language.SV, ("Swedish", "svensk", "svenska")),
    (Helix.INDUSTRY, ("industry", "næringsliv", "näringsliv")),
    (Helix.ACADEMIA, ("academia (R&D)", "akademia (FoU)", "akademi (FoU)")),
    (Helix.GOVERNMENT, ("government", "offentlig sektor", "offentlig sektor")),
    (Helix.CIVIL_SOCIETY, ("civil society", "sivilsamfunn", "civilsamhälle")),
    (StakeholderKind.SME, ("SME", "SMB", "SMF")),
    (StakeholderKind.MICRO_FIRM, ("micro firm", "mikrobedrift", "mikroföretag")),
    (StakeholderKind.LARGE_FIRM, ("large firm", "storbedrift", "storföretag")),
    (StakeholderKind.PRIMARY_PRODUCER, ("primary producer", "primærprodusent", "primärproducent")),
    (StakeholderKind.COOPERATIVE, ("cooperative", "samvirke", "kooperativ")),
    (StakeholderKind.UNIVERSITY, ("university", "universitet", "universitet")),
    (
        StakeholderKind.RESEARCH_INSTITUTE,
        (
            "research institute",
            "forskningsinstitutt",
            "forskningsinstitut",
        ),
    ),
    (StakeholderKind.MUNICIPALITY, ("municipality", "kommune", "kommun")),
    (StakeholderKind.REGIONAL_AUTHORITY, ("regional authority", "fylkeskommune", "region")),
    (StakeholderKind.STATE_AGENCY, ("state agency", "statlig etat", "statlig myndighet")),
    (
        StakeholderKind.INTERMEDIARY,
        (
            "intermediary",
            "mellomledd (næringshage, inkubator)",
            "mellanhand (inkubator, klusterorganisation)",
        ),
    ),
    (
        StakeholderKind.NGO,
        (
            "NGO / study association",
            "frivillig organisasjon / studieforbund",
            "ideell organisation / studieförbund",
        ),
    ),
    (
        StakeholderKind.MAKERSPACE,
        (
            "makerspace / repair network",
            "makerspace / reparasjonsnettverk",
            "makerspace / reparationsnätverk",
        ),
    ),
    (StakeholderKind.FUNDER, ("funder", "finansiør", "finansiär")),
    (StakeholderKind.MEDIA, ("media", "medier", "media")),
    (StakeholderKind.PRIVATE_PERSON, ("private person", "privatperson", "privatperson")),
    (PersonRole.OWNER_MANAGER, ("owner-manager", "eier og leder", "ägarledare")),
    (PersonRole.EMPLOYEE, ("employee", "ansatt", "anställd")),
    (
        PersonRole.UNION_REPRESENTATIVE,
        (
            "union representative",
            "tillitsvalgt",
            "facklig förtroendevald",
        ),
    ),
    (PersonRole.CITIZEN, ("citizen", "innbygger", "invånare")),
    (PersonRole.RESEARCHER, ("researcher", "forsker", "forskare")),
    (PersonRole.PUBLIC_OFFICER, ("public officer", "offentlig ansatt", "tjänsteperson")),
    (PersonRole.FACILITATOR, ("facilitator", "prosessleder", "processledare")),
    (Country.SE, ("Sweden", "Sverige", "Sverige")),
    (Country.NO, ("Norway", "Norge", "Norge")),
    (Country.FI, ("Finland", "Finland", "Finland")),
    (Country.OTHER, ("other country", "annet land", "annat land")),
    (SizeClass.MICRO, ("micro (< 10 staff)", "mikro (< 10 ansatte)", "mikro (< 10 anställda)")),
    (SizeClass.SMALL, ("small (< 50 staff)", "liten (< 50 ansatte)", "liten (< 50 anställda)")),
    (
        SizeClass.MEDIUM,
        (
            "medium (< 250 staff)",
            "mellomstor (< 250 ansatte)",
            "medelstor (< 250 anställda)",
        ),
    ),
    (SizeClass.LARGE, ("large (250+ staff)", "stor (250+ ansatte)", "stor (250+ anställda)")),
    (Gender.FEMALE, ("female", "kvinne", "kvinna")),
    (Gender.MALE, ("male", "mann", "man")),
    (Gender.OTHER, ("other", "annet", "annat")),
    (AgeBand.UNDER_25, ("under 25", "under 25", "under 25")),
    (AgeBand.FROM_25_TO_34, ("25–34", "25–34", "25–34")),
    (AgeBand.FROM_35_TO_44, ("35–44", "35–44", "35–44")),
    (AgeBand.FROM_45_TO_54, ("45–54", "45–54", "45–54")),
    (AgeBand.FROM_55_TO_64, ("55–64", "55–64", "55–64")),
    (AgeBand.OVER_64, ("65 and over", "65 og eldre", "65 och äldre")),
    (
        ConsentScope.STORAGE,
        (
            "storage of personal data",
            "lagring av personopplysninger",
            "lagring av personuppgifter",
        ),
    ),
    (ConsentScope.INTERVIEW_TEXT, ("interview texts", "intervjutekster", "intervjutexter")),
    (ConsentScope.NETWORK_ANALYSIS, ("network analysis", "nettverksanalyse", "nätverksanalys")),
    (
        ConsentScope.EXPORT,
        (
            "export to other tools",
            "eksport til andre verktøy",
            "export till andra verktyg",
        ),
    ),
    (ConsentScope.PUBLICATION, ("publication", "publisering", "publicering")),
    (ConsentScope.CONTACT, ("being contacted", "å bli kontaktet", "att bli kontaktad")),
    (TieKind.MEMBER_OF, ("member of", "medlem av", "medlem i")),
    (TieKind.EMPLOYED_BY, ("employed by", "ansatt i", "anställd hos")),
    (TieKind.PARTICIPATES_IN, ("participates in", "deltar i", "deltar i")),
    (TieKind.FACILITATES, ("facilitates", "leder prosessen for", "processleder för")),
    (TieKind.INTERVIEWED, ("interviewed", "intervjuet", "intervjuade")),
    (TieKind.COLLABORATES_WITH, ("collaborates with", "samarbeider med", "samarbetar med")),
    (TieKind.KNOWLEDGE_FLOW, ("knowledge flow", "kunnskapsflyt", "kunskapsflöde")),
    (TieKind.BROKERED, ("brokered an introduction", "formidlet kontakt", "förmedlade kontakt")),
    (TieKind.SUPPLIES, ("supplies", "leverer til", "levererar till")),
    (TieKind.PROCURES, ("procures from", "kjøper fra", "upphandlar från")),
    (
        TieKind.EXCHANGES_RESOURCE,
        (
            "exchanges resources with",
            "utveksler ressurser med",
            "utbyter resurser med",
        ),
    ),
    (TieKind.FUNDS, ("funds", "finansierer", "finansierar")),
    (TieKind.CO_APPLIES, ("co-applies with", "søker sammen med", "söker tillsammans med")),
    (TieKind.REGULATES, ("regulates", "regulerer", "reglerar")),
    (TieKind.REPRESENTS, ("represents", "representerer", "representerar")),
    (KnowledgeFlowDirection.INBOUND, ("inbound", "innadrettet", "inåt")),
    (KnowledgeFlowDirection.OUTBOUND, ("outbound", "utadrettet", "utåt")),
    (KnowledgeFlowDirection.COUPLED, ("coupled", "koblet", "kopplat")),
    (FlowType.MATERIAL, ("material", "materiale", "material")),
    (FlowType.BY_PRODUCT, ("by-product", "biprodukt", "biprodukt")),
    (FlowType.ENERGY, ("energy", "energi", "energi")),
    (FlowType.WATER, ("water", "vann", "vatten")),
    (
        FlowType.SHARED_INFRASTRUCTURE,
        (
            "shared infrastructure",
            "delt infrastruktur",
            "delad infrastruktur",
        ),
    ),
    (FlowStatus.POTENTIAL, ("potential", "potensiell", "potentiell")),
    (FlowStatus.NEGOTIATING, ("negotiating", "under forhandling", "under förhandling")),
    (FlowStatus.REALISED, ("realised", "realisert", "realiserad")),
    (FlowStatus.ENDED, ("ended", "avsluttet", "avslutad")),
    (RStrategy.REFUSE, ("R0 refuse", "R0 avstå", "R0 avstå")),
    (RStrategy.RETHINK, ("R1 rethink", "R1 tenke nytt", "R1 tänka om")),
    (RStrategy.REDUCE, ("R2 reduce", "R2 redusere", "R2 minska")),
    (RStrategy.REUSE, ("R3 reuse", "R3 gjenbruke", "R3 återanvända")),
    (RStrategy.REPAIR, ("R4 repair", "R4 reparere", "R4 reparera")),
    (RStrategy.REFURBISH, ("R5 refurbish", "R5 oppgradere/overhale", "R5 renovera")),
    (RStrategy.REMANUFACTURE, ("R6 remanufacture", "R6 refabrikere", "R6 återtillverka")),
    (RStrategy.REPURPOSE, ("R7 repurpose", "R7 ny anvendelse", "R7 ändra användning")),
    (RStrategy.RECYCLE, ("R8 recycle", "R8 materialgjenvinne", "R8 materialåtervinna")),
    (RStrategy.RECOVER, ("R9 recover energy", "R9 energigjenvinne", "R9 energiåtervinna")),
    (LoopStrategy.SLOW, ("slow the loop", "bremse kretsløpet", "sakta ned kretsloppet")),
    (LoopStrategy.CLOSE, ("close the loop", "lukke kretsløpet", "sluta kretsloppet")),
    (LoopStrategy.NARROW, ("narrow the loop", "snevre inn kretsløpet", "smalna av kretsloppet")),
    (LoopStrategy.REGENERATE, ("regenerate", "regenerere", "regenerera")),
    (
        BusinessModelPattern.CIRCULAR_SUPPLIES,
        (
            "circular supplies",
            "sirkulære innsatsfaktorer",
            "cirkulära insatsvaror",
        ),
    ),
    (
        BusinessModelPattern.RESOURCE_RECOVERY,
        (
            "resource recovery",
            "ressursgjenvinning",
            "resursåtervinning",
        ),
    ),
    (
        BusinessModelPattern.PRODUCT_LIFE_EXTENSION,
        (
            "product-life extension",
            "forlenget produktlevetid",
            "förlängd produktlivslängd",
        ),
    ),
    (
        BusinessModelPattern.SHARING_PLATFORM,
        (
            "sharing platform",
            "delingsplattform",
            "delningsplattform",
        ),
    ),
    (
        BusinessModelPattern.PRODUCT_AS_A_SERVICE,
        (
            "product as a service",
            "produkt som tjeneste",
            "produkt som tjänst",
        ),
    ),
    (
        BusinessModelPattern.INDUSTRIAL_SYMBIOSIS,
        (
            "industrial symbiosis",
            "industriell symbiose",
            "industriell symbios",
        ),
    ),
    (BusinessModelPattern.SUFFICIENCY, ("sufficiency", "tilstrekkelighet", "tillräcklighet")),
    (CommunityCapital.NATURAL, ("natural capital", "naturkapital", "naturkapital")),
    (CommunityCapital.CULTURAL, ("cultural capital", "kulturell kapital", "kulturellt kapital")),
    (CommunityCapital.HUMAN, ("human capital", "humankapital", "humankapital")),
    (CommunityCapital.SOCIAL, ("social capital", "sosial kapital", "socialt kapital")),
    (CommunityCapital.POLITICAL, ("political capital", "politisk kapital", "politiskt kapital")),
    (
        CommunityCapital.FINANCIAL,
        ("financial capital", "finansiell kapital", "finansiellt kapital"),
    ),
    (CommunityCapital.BUILT, ("built capital", "fysisk kapital", "byggt kapital")),
    (InstrumentType.REGULATORY, ("regulatory", "regulatorisk", "regulatoriskt")),
    (InstrumentType.FINANCIAL, ("economic / financial", "økonomisk", "ekonomiskt")),
    (
        InstrumentType.BROKERING,
        (
            "soft: brokering",
            "myk: kontaktformidling",
            "mjukt: kontaktförmedling",
        ),
    ),
    (InstrumentType.INFORMATION, ("soft: information", "myk: informasjon", "mjukt: information")),
    (
        InstrumentType.PROCUREMENT,
        (
            "demand: procurement",
            "etterspørsel: innkjøp",
            "efterfrågan: upphandling",
        ),
    ),
    (
        InstrumentType.TRAINING,
        (
            "training / skills",
            "opplæring / kompetanse",
            "utbildning / kompetens",
        ),
    ),
    (InstrumentType.INFRASTRUCTURE, ("infrastructure", "infrastruktur", "infrastruktur")),
    (
        InstrumentType.GOVERNANCE,
        (
            "governance / coordination",
            "styring / koordinering",
            "styrning / samordning",
        ),
    ),
    (GovernmentLevel.ARENA, ("arena", "arena", "arena")),
    (GovernmentLevel.LOCAL, ("local", "lokal", "lokal")),
    (GovernmentLevel.REGIONAL, ("regional", "regional", "regional")),
    (GovernmentLevel.NATIONAL, ("national", "nasjonal", "nationell")),
    (GovernmentLevel.CROSS_BORDER, ("cross-border", "grenseoverskridende", "gränsöverskridande")),
    (GovernmentLevel.EU, ("EU", "EU", "EU")),
    (Level.REGION, ("region", "region", "region")),
    (Level.LOCAL_COMMUNITY, ("local community", "lokalsamfunn", "lokalsamhälle")),
    (Level.COMPANY_CLUSTER, ("company / cluster", "bedrift / klynge", "företag / kluster")),
    (Phase.DEFINE, ("Define", "Define", "Define")),
    (Phase.DISCOVER, ("Discover", "Discover", "Discover")),
    (Phase.DREAM, ("Dream", "Dream", "Dream")),
    (Phase.DESIGN, ("Design", "Design", "Design")),
    (Phase.DESTINY, ("Destiny", "Destiny", "Destiny")),
    (Phase.REVIEW, ("Review", "Review", "Review")),
    (Phase.INITIATE, ("Initiate", "Initiere", "Initiera")),
    (Phase.INQUIRE, ("Inquire", "Undersøke", "Undersöka")),
    (Phase.IMAGINE, ("Imagine", "Forestille seg", "Föreställa sig")),
    (Phase.INNOVATE, ("Innovate", "Fornye", "Förnya")),
    (Phase.INSPIRE, ("Inspire to implement", "Inspirere til handling", "Inspirera till handling")),
    (Phase.SUMMIT, ("Summit", "Toppmøte", "Toppmöte")),
    (CycleVariant.FIVE_D, ("5-D cycle", "5-D-syklus", "5-D-cykel")),
    (CycleVariant.FOUR_D, ("4-D cycle", "4-D-syklus", "4-D-cykel")),
    (CycleVariant.FOUR_I, ("4-I cycle", "4-I-syklus", "4-I-cykel")),
    (CycleVariant.SOAR, ("SOAR", "SOAR", "SOAR")),
    (CycleVariant.SUMMIT, ("AI summit", "AI-toppmøte", "AI-toppmöte")),
    (CycleStatus.ACTIVE, ("active", "aktiv", "aktiv")),
    (CycleStatus.PAUSED, ("paused", "satt på pause", "pausad")),
    (CycleStatus.ABANDONED, ("abandoned", "avbrutt", "avbruten")),
    (CycleStatus.COMPLETED, ("completed", "fullført", "slutförd")),
    (DestinyMode.IMPROVISATIONAL, ("improvisational", "improvisatorisk", "improvisatorisk")),
    (
        DestinyMode.IMPLEMENTATION,
        (
            "implementation-led",
            "implementeringsstyrt",
            "implementeringsstyrd",
        ),
    ),
    (ActionStatus.COMMITTED, ("committed", "avtalt", "utlovad")),
    (ActionStatus.STARTED, ("started", "startet", "påbörjad")),
    (ActionStatus.DONE, ("done", "gjennomført", "genomförd")),
    (ActionStatus.DROPPED, ("dropped", "skrinlagt", "avbruten")),
    (RecommendationStatus.PROPOSED, ("proposed", "foreslått", "föreslagen")),
    (RecommendationStatus.ACCEPTED, ("accepted", "godtatt", "antagen")),
    (RecommendationStatus.REJECTED, ("rejected", "avvist", "avvisad")),
    (RecommendationStatus.IMPLEMENTED, ("implemented", "iverksatt", "införd")),
    (ReviewDecision.RENEW, ("renew", "fornye", "förnya")),
    (ReviewDecision.GRADUATE, ("graduate", "skille ut som selvstendig", "knoppa av")),
    (ReviewDecision.CONTINUE, ("continue", "fortsette", "fortsätta")),
    (ReviewDecision.CLOSE, ("close", "avslutte", "avsluta")),
    (TeamStatus.FORMING, ("forming", "under etablering", "under bildande")),
    (TeamStatus.ACTIVE, ("active", "aktivt", "aktivt")),
    (TeamStatus.PAUSED, ("paused", "satt på pause", "pausat")),
    (TeamStatus.GRADUATED, ("graduated", "skilt ut / selvstendig", "avknoppat")),
    (TeamStatus.CLOSED, ("closed", "avsluttet", "avslutat")),
    (
        GraduationEvidence.NEW_ORGANISATION,
        (
            "new organisation",
            "ny organisasjon",
            "ny organisation",
        ),
    ),
    (GraduationEvidence.NEW_BUSINESS, ("new business", "ny bedrift", "nytt företag")),
    (
        GraduationEvidence.FUNDED_PROJECT,
        (
            "funded project",
            "finansiert prosjekt",
            "finansierat projekt",
        ),
    ),
    (
        GraduationEvidence.MAINSTREAMED,
        (
            "mainstreamed",
            "satt i ordinær drift",
            "överfört till ordinarie verksamhet",
        ),
    ),
    (InitiativeMaturity.IDEA, ("idea", "idé", "idé")),
    (InitiativeMaturity.EXPLORATION, ("exploration", "utforsking", "utforskning")),
    (InitiativeMaturity.PILOT, ("pilot", "pilot", "pilot")),
    (
        InitiativeMaturity.MARKET_ENTRY,
        (
            "market entry",
            "markedsintroduksjon",
            "marknadsintroduktion",
        ),
    ),
    (
        InitiativeMaturity.MARKET_MATURITY,
        (
            "market maturity",
            "moden i markedet",
            "mogen på marknaden",
        ),
    ),
    (InitiativeMaturity.DISCONTINUED, ("discontinued", "avviklet", "avvecklad")),
    (
        BarrierKind.END_OF_WASTE_STATUS,
        (
            "end-of-waste status",
            "opphør av avfallsstatus",
            "upphörande av avfallsstatus",
        ),
    ),
    (BarrierKind.BY_PRODUCT_STATUS, ("by-product status", "biproduktstatus", "biproduktstatus")),
    (BarrierKind.OTHER_REGULATION, ("other regulation", "annen regulering", "annan reglering")),
    (BarrierKind.FINANCE, ("finance", "finansiering", "finansiering")),
    (BarrierKind.KNOWLEDGE, ("knowledge", "kunnskap", "kunskap")),
    (BarrierKind.MARKET, ("market", "marked", "marknad")),
    (BarrierKind.LOGISTICS, ("logistics", "logistikk", "logistik")),
    (BarrierKind.INFRASTRUCTURE, ("infrastructure", "infrastruktur", "infrastruktur")),
    (BarrierKind.ORGANISATION, ("organisation", "organisering", "organisering")),
)

# Keyed by vocabulary and value: members of different vocabularies may share a value (a StrEnum
# member equals its string), as CommunityCapital.FINANCIAL and InstrumentType.FINANCIAL do.
_LABELS: Final[dict[tuple[type[StrEnum], str], tuple[str, str, str]]] = {
    (type(member), member.value): texts for member, texts in _LABEL_ROWS
}

#: Every vocabulary, by the name documents and schemas use for it.
VOCABULARIES: Final[dict[str, type[StrEnum]]] = {
    "action_status": ActionStatus,
    "age_band": AgeBand,
    "barrier_kind": BarrierKind,
    "business_model_pattern": BusinessModelPattern,
    "community_capital": CommunityCapital,
    "consent_scope": ConsentScope,
    "country": Country,
    "cycle_status": CycleStatus,
    "cycle_variant": CycleVariant,
    "destiny_mode": DestinyMode,
    "flow_status": FlowStatus,
    "flow_type": FlowType,
    "gender": Gender,
    "government_level": GovernmentLevel,
    "graduation_evidence": GraduationEvidence,
    "helix": Helix,
    "initiative_maturity": InitiativeMaturity,
    "instrument_type": InstrumentType,
    "knowledge_flow_direction": KnowledgeFlowDirection,
    "language": Language,
    "level": Level,
    "loop_strategy": LoopStrategy,
    "person_role": PersonRole,
    "phase": Phase,
    "r_strategy": RStrategy,
    "recommendation_status": RecommendationStatus,
    "review_decision": ReviewDecision,
    "size_class": SizeClass,
    "stakeholder_kind": StakeholderKind,
    "team_status": TeamStatus,
    "tie_kind": TieKind,
}

_LANGUAGE_INDEX: Final = {Language.EN: 0, Language.NB: 1, Language.SV: 2}


def label(member: StrEnum, language: Language | str = Language.EN) -> str:
    """The label of a vocabulary member in *language* (``"en"``, ``"nb"`` or ``"sv"``).

    Raises
    ------
    smice.errors.NotFound
        If *language* is not one smice speaks.

    Examples
    --------
    >>> label(TieKind.KNOWLEDGE_FLOW, "sv")
    'kunskapsflöde'
    """
    try:
        index = _LANGUAGE_INDEX[Language(language)]
    except ValueError:
        raise NotFound("language", str(language), [str(lang) for lang in Language]) from None
    return _LABELS[type(member), member.value][index]
