"""Write ``one-team.jsonl``: one progress team walked through a whole 5-D cycle.

The arena is fictional but shaped like a SMICE platform in Trøndelag: a business garden hosts
an open platform, and a team of three (industry, R&D, municipality) runs one Appreciative
Inquiry cycle on the side-streams of a sawmill. Run ``python make_one_team.py`` to rewrite the
file; ``python -m smice replay one-team.jsonl`` replays it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
START = datetime(2019, 3, 4, 9, 0, tzinfo=timezone(timedelta(hours=1)))
CONSENT = {"scopes": ["storage", "interview_text", "network_analysis"], "given_on": "2019-03-04"}

events: list[dict[str, Any]] = []


def add(
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    day: int,
    cycle: str | None = None,
    by: str = "fac-hilde",
) -> None:
    event: dict[str, Any] = {
        "type": kind,
        "id": f"e-{len(events) + 1:03d}",
        "at": (START + timedelta(days=day, minutes=len(events))).isoformat(),
        "recorded_by": by,
    }
    if cycle is not None:
        event["cycle"] = cycle
    if payload is not None:
        event["payload"] = payload
    events.append(event)


def org(sid: str, name: str, helix: str, kind: str, **more: Any) -> None:
    add(
        "stakeholder_joined",
        {
            "id": sid,
            "name": name,
            "helix": helix,
            "kinds": [kind],
            "country": "NO",
            "municipality": "Indre Fosen",
            **more,
        },
        day=0,
    )


def person(sid: str, name: str, helix: str, role: str, **more: Any) -> None:
    add(
        "stakeholder_joined",
        {
            "id": sid,
            "name": name,
            "helix": helix,
            "kinds": ["private_person"],
            "country": "NO",
            "role": role,
            **more,
        },
        day=0,
    )


add(
    "arena_created",
    {
        "id": "fosen-wood",
        "name": "Fosen wood and circularity",
        "template": "smice/base",
        "created_on": "2019-03-04",
        "languages": ["nb", "en"],
    },
    day=0,
)
org("org-garden", "Fosen næringshage", "civil_society", "intermediary")
org(
    "org-sawmill", "Rissa sag og høvleri AS", "industry", "sme", size_class="small", bio_based=True
)
org("org-ntnu", "NTNU", "academia", "university")
org("org-municipality", "Indre Fosen kommune", "government", "municipality")
person(
    "p-hilde", "Hilde Aune", "civil_society", "facilitator", employer="org-garden", consent=CONSENT
)
person(
    "p-ingrid", "Ingrid Lyngstad", "industry", "employee", employer="org-sawmill", consent=CONSENT
)
person("p-ola", "Ola Strand", "academia", "researcher", employer="org-ntnu")
person("p-kari", "Kari Vik", "government", "public_officer", employer="org-municipality")
person("p-lars", "Lars Hoff", "civil_society", "citizen")
person("p-erik", "Erik Moen", "industry", "owner_manager")
person("p-mari", "Mari Berg", "civil_society", "citizen")
for sid in ("p-ola", "p-kari", "p-lars", "p-erik", "p-mari"):
    add("consent_recorded", {"stakeholder": sid, "consent": CONSENT}, day=1)
add(
    "platform_opened",
    {
        "id": "pf-fosen",
        "name": "Fosen open innovation platform",
        "country": "NO",
        "municipality": "Indre Fosen",
        "host": "org-garden",
        "opened_on": "2019-03-05",
    },
    day=1,
)
add(
    "team_formed",
    {
        "id": "t-wood",
        "name": "Wood side-streams",
        "formed_on": "2019-03-06",
        "platform": "pf-fosen",
        "topic": "Using the sawmill's side-streams",
        "facilitators": ["p-hilde"],
    },
    day=2,
)
for sid in ("p-ingrid", "p-ola", "p-kari"):
    add("member_joined", {"team": "t-wood", "person": sid, "on": "2019-03-06"}, day=2)
add(
    "tie_observed",
    {
        "id": "tie-1",
        "kind": "collaborates_with",
        "source": "org-sawmill",
        "target": "org-ntnu",
        "since": "2019-03-06",
    },
    day=2,
)

C = "c-wood-1"
add("cycle_started", {"variant": "5-D", "team": "t-wood"}, day=3, cycle=C)
add("core_team_set", {"members": ["p-ingrid", "p-ola", "p-kari"]}, day=3, cycle=C)
add("topic_added", {"id": "top-bark", "title": "Bark and sawdust as resources"}, day=3, cycle=C)
add("topic_added", {"id": "top-skills", "title": "Local repair and reuse skills"}, day=3, cycle=C)
add(
    "protocol_approved",
    {
        "id": "protocol-1",
        "questions": [
            "Tell me about a time when a side-stream became something valuable.",
            "What do you value most in how we work together here?",
            "If you had three wishes for Fosen's wood industry, what would they be?",
        ],
        "approved_on": "2019-03-12",
        "approved_by": ["p-ingrid", "p-ola", "p-kari"],
    },
    day=8,
    cycle=C,
)
add("phase_advanced", day=9, cycle=C)

pairs = [
    ("p-ingrid", "p-ola"),
    ("p-ola", "p-kari"),
    ("p-kari", "p-ingrid"),
    ("p-ingrid", "p-lars"),
    ("p-ola", "p-erik"),
    ("p-kari", "p-mari"),
]
for n, (interviewer, interviewee) in enumerate(pairs, start=1):
    add(
        "interview_recorded",
        {
            "id": f"int-{n}",
            "interviewer": interviewer,
            "interviewee": interviewee,
            "on": f"2019-03-{14 + n}",
            "topics": ["top-bark"] if n % 2 else ["top-skills"],
            "unlikely_pair": interviewee in ("p-lars", "p-mari"),
        },
        day=10 + n,
        cycle=C,
    )
    add(
        "story_added",
        {"id": f"story-{n}", "title": f"Story from interview {n}", "interview": f"int-{n}"},
        day=10 + n,
        cycle=C,
    )
for n, name in enumerate(("Pride in craft", "Neighbours who help", "Nothing is waste"), 1):
    add(
        "theme_identified",
        {"id": f"theme-{n}", "name": name, "stories": [f"story-{2 * n - 1}", f"story-{2 * n}"]},
        day=18,
        cycle=C,
    )
add(
    "positive_core_mapped",
    {
        "id": "core-1",
        "on": "2019-03-25",
        "elements": ["craft pride", "neighbourliness", "thrift"],
        "themes": ["theme-1", "theme-2", "theme-3"],
    },
    day=21,
    cycle=C,
)
add("phase_advanced", day=22, cycle=C)

add(
    "dream_statement_added",
    {
        "id": "dream-bark",
        "topic": "top-bark",
        "on": "2019-04-02",
        "text": "Every tonne of bark from Fosen warms a home or grows a garden here.",
    },
    day=29,
    cycle=C,
)
add(
    "dream_statement_added",
    {
        "id": "dream-skills",
        "topic": "top-skills",
        "on": "2019-04-02",
        "text": "Anyone in Indre Fosen can learn to repair furniture from a neighbour.",
    },
    day=29,
    cycle=C,
)
for dream, people in (
    ("dream-bark", ("p-ingrid", "p-ola")),
    ("dream-skills", ("p-ingrid", "p-ola", "p-kari")),
):
    for sid in people:
        add(
            "endorsement_recorded",
            {"id": f"end-{dream}-{sid}", "dream": dream, "person": sid, "on": "2019-04-03"},
            day=30,
            cycle=C,
        )
add("phase_advanced", day=31, cycle=C)

checklist = {
    "affirmative": True,
    "present_tense": True,
    "stretching": True,
    "vivid": True,
    "grounded": True,
}
add(
    "proposition_drafted",
    {
        "id": "prop-bark",
        "topic": "top-bark",
        "on": "2019-04-20",
        "text": "Our bark heats the school and feeds the market gardens.",
        "stories": ["story-1", "story-3"],
        "checklist": checklist,
    },
    day=47,
    cycle=C,
)
add(
    "proposition_drafted",
    {
        "id": "prop-skills",
        "topic": "top-skills",
        "on": "2019-04-20",
        "text": "Our repair café is where generations meet every month.",
        "stories": ["story-2"],
        "checklist": checklist,
    },
    day=47,
    cycle=C,
)
add(
    "target_set",
    {
        "id": "target-bark",
        "description": "Bark sold locally per year",
        "value": 400,
        "unit": "t",
        "proposition": "prop-bark",
        "due": "2020-12-31",
    },
    day=48,
    cycle=C,
)
add("phase_advanced", day=49, cycle=C)

add("destiny_mode_chosen", {"mode": "improvisational"}, day=55, cycle=C)
add(
    "action_committed",
    {
        "id": "act-pilot",
        "title": "Pilot bark deliveries to the school",
        "owner": "p-ingrid",
        "committed_on": "2019-04-29",
        "due": "2019-10-01",
        "proposition": "prop-bark",
        "r_strategies": ["R7"],
    },
    day=56,
    cycle=C,
)
add(
    "action_committed",
    {
        "id": "act-cafe",
        "title": "Open a monthly repair café",
        "owner": "p-kari",
        "committed_on": "2019-04-29",
        "due": "2019-09-01",
        "proposition": "prop-skills",
        "r_strategies": ["R4"],
    },
    day=56,
    cycle=C,
)
add(
    "action_team_formed",
    {
        "id": "at-bark",
        "name": "Bark to the school",
        "members": ["p-ingrid", "p-ola"],
        "actions": ["act-pilot"],
        "self_organised": True,
    },
    day=57,
    cycle=C,
)
add(
    "action_status_changed",
    {"action": "act-pilot", "status": "started", "on": "2019-05-06"},
    day=63,
    cycle=C,
)
add(
    "initiative_launched",
    {
        "id": "ini-bark",
        "name": "Fosen bark heat",
        "launched_on": "2019-05-06",
        "maturity": "pilot",
        "r_strategies": ["R7"],
        "patterns": ["resource_recovery"],
        "participants": ["org-sawmill", "org-municipality"],
        "cycle": C,
        "team": "t-wood",
    },
    day=63,
)
add("phase_advanced", day=120, cycle=C)
add(
    "review_recorded",
    {
        "id": "review-1",
        "on": "2019-07-03",
        "decision": "renew",
        "outcomes": ["bark pilot running", "repair café planned"],
        "lessons": ["external voices changed the bark topic"],
    },
    day=121,
    cycle=C,
)

if __name__ == "__main__":
    text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    (HERE / "one-team.jsonl").write_text(text, encoding="utf-8")
    print(f"wrote {len(events)} events to one-team.jsonl")
