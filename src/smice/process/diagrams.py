"""Diagrams of a phase plan as plain text: Mermaid ``stateDiagram-v2`` and Graphviz DOT.

Phases are states, transitions are labelled with their event (and guard), and each phase's
exit criteria with their parameters appear as a note.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from smice.domain import ArenaTemplate, CriterionSpec, CycleVariant, PhasePlan

__all__ = ["to_dot", "to_mermaid"]


def _criterion(spec: CriterionSpec) -> str:
    if not spec.params:
        return spec.name
    return f"{spec.name} ({', '.join(f'{k}={v}' for k, v in spec.params.items())})"


def _plan(template: ArenaTemplate, variant: CycleVariant | str | None) -> PhasePlan:
    return template.phase_plan(variant)


def _state(phase_id: str) -> str:
    # Mermaid state ids may not contain '-' or '.'; phase ids are ids.
    return phase_id.replace("-", "_").replace(".", "_").replace(":", "_")


def to_mermaid(template: ArenaTemplate, *, variant: CycleVariant | str | None = None) -> str:
    """The phase plan of *variant* (default: the template's) as a Mermaid state diagram.

    Examples
    --------
    >>> from smice.process._bundled import bundled_template
    >>> print(to_mermaid(bundled_template("smice/base")))  # doctest: +ELLIPSIS
    stateDiagram-v2
        [*] --> define
        define --> discover : phase_advanced
    ...
        note right of define
            topics_count (min=1, max=5)
    ...

    .. versionadded:: 0.1.0
    """
    plan = _plan(template, variant)
    lines = ["stateDiagram-v2", f"    [*] --> {_state(plan.initial)}"]
    for t in plan.transitions:
        label = t.event + (f" [{t.guard}]" if t.guard else "")
        lines.append(f"    {_state(t.source)} --> {_state(t.target)} : {label}")
    for phase in plan.phases:
        if phase.terminal:
            lines.append(f"    {_state(phase.id)} --> [*]")
    for phase in plan.phases:
        label = phase.labels.get("en", phase.id)
        if _state(phase.id) != label:
            lines.append(f"    {_state(phase.id)} : {label}")
    for phase in plan.phases:
        if phase.criteria:
            lines.append(f"    note right of {_state(phase.id)}")
            lines.extend(f"        {_criterion(spec)}" for spec in phase.criteria)
            lines.append("    end note")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(template: ArenaTemplate, *, variant: CycleVariant | str | None = None) -> str:
    """The phase plan of *variant* (default: the template's) as a Graphviz digraph.

    Exit criteria are note-shaped nodes tied to their phase by dashed edges.

    Examples
    --------
    >>> from smice.process._bundled import bundled_template
    >>> print(to_dot(bundled_template("smice/base")))  # doctest: +ELLIPSIS
    digraph "smice/base 5-D" {
        rankdir=LR;
        "__start" [shape=point];
        "__start" -> "define";
        "define" [label="Define", shape=box, style=rounded];
    ...
        "define" -> "discover" [label="phase_advanced"];
    ...

    .. versionadded:: 0.1.0
    """
    plan = _plan(template, variant)
    lines = [
        f"digraph {_quote(f'{template.id} {plan.variant}')} {{",
        "    rankdir=LR;",
        '    "__start" [shape=point];',
        f'    "__start" -> {_quote(plan.initial)};',
    ]
    for phase in plan.phases:
        shape = "doublecircle" if phase.terminal else "box"
        style = "" if phase.terminal else ", style=rounded"
        label = phase.labels.get("en", phase.id)
        lines.append(f"    {_quote(phase.id)} [label={_quote(label)}, shape={shape}{style}];")
        if phase.criteria:
            note = "\\l".join(_criterion(s).replace('"', "'") for s in phase.criteria) + "\\l"
            lines.append(f'    "{phase.id}__criteria" [label="{note}", shape=note, fontsize=10];')
            lines.append(
                f'    {_quote(phase.id)} -> "{phase.id}__criteria" [style=dashed, arrowhead=none];'
            )
    for t in plan.transitions:
        label = t.event + (f" [{t.guard}]" if t.guard else "")
        lines.append(f"    {_quote(t.source)} -> {_quote(t.target)} [label={_quote(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
