"""Loading policy rule sets: bundled ones, files and mappings, with ``extends``.

Rule-set documents are validated against the ``ruleset`` JSON Schema here, in
:mod:`smice.io`, then turned into :class:`smice.policy.RuleSet` values; every expression and
recommendation template is parsed on load, so a rule set that loads can be evaluated.

How ``extends`` merges a rule set (the *child*) onto the one it extends (the *parent*):

1. ``smice``, ``id``, ``version`` and ``extends`` are the child's own.
2. Rules merge by ``id``: a child rule with a parent rule's id merges into it key by key
   (objects such as ``title`` or ``min_evidence`` key by key too); new rules are appended.
3. Tests merge by ``name`` the same way; other members given by the child replace the
   parent's.

A cycle of ``extends`` is an :class:`~smice.errors.InvalidDefinition`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Final

from smice.domain import FrozenMap
from smice.errors import DocumentError, DocumentInvalid, InvalidValue
from smice.io._extends import bundled_documents, read_document, read_parent, resolve_extends
from smice.io._guard import check_json_value, read_json_file
from smice.io.schemas import validate
from smice.policy import FactSpec, Rule, RuleSet, RuleSyntaxError, RuleTest, fact_specs

__all__ = [
    "RULESET_FORMAT",
    "bundled_rulesets",
    "dump_ruleset",
    "load_fact_catalogue",
    "load_ruleset",
    "merge_rulesets",
]

#: The value of the ``smice`` member that marks a rule-set document.
RULESET_FORMAT: Final = "ruleset/1"
_OWN_KEYS: Final = ("smice", "id", "version", "extends")

RulesetSource = str | os.PathLike[str] | Mapping[str, Any]


def bundled_rulesets() -> tuple[str, ...]:
    """The references of the rule sets that ship with smice, sorted.

    Examples
    --------
    >>> bundled_rulesets()
    ('smice/default',)

    .. versionadded:: 0.1.0
    """
    return tuple(sorted(bundled_documents("rulesets")))


def _merge_items(parent: list[Any], child: list[Any], key: str) -> list[Any]:
    result = [dict(item) for item in parent]
    where = {item[key]: index for index, item in enumerate(result)}
    for item in child:
        if item[key] in where:
            merged = result[where[item[key]]]
            for name, value in item.items():
                old = merged.get(name)
                if isinstance(old, Mapping) and isinstance(value, Mapping):
                    merged[name] = {**old, **value}
                else:
                    merged[name] = value
        else:
            where[item[key]] = len(result)
            result.append(dict(item))
    return result


def merge_rulesets(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Merge the rule-set document *child* onto *parent* by the rules of this module.

    Examples
    --------
    >>> parent = {"id": "p", "rules": [{"id": "P1", "when": "x < 0.2",
    ...                                 "min_evidence": {"n": 10, "months": 6}}]}
    >>> child = {"id": "c", "extends": "p", "rules": [{"id": "P1", "when": "x < 0.3",
    ...          "min_evidence": {"n": 20}}, {"id": "X1", "when": "y > 1"}]}
    >>> merge_rulesets(parent, child)["rules"]
    [{'id': 'P1', 'when': 'x < 0.3', 'min_evidence': {'n': 20, 'months': 6}},
     {'id': 'X1', 'when': 'y > 1'}]

    .. versionadded:: 0.1.0
    """
    merged: dict[str, Any] = {k: v for k, v in parent.items() if k not in _OWN_KEYS}
    for key, value in child.items():
        if key in _OWN_KEYS:
            continue
        if key == "rules":
            merged[key] = _merge_items(list(parent.get(key, [])), list(value), "id")
        elif key == "tests":
            merged[key] = _merge_items(list(parent.get(key, [])), list(value), "name")
        elif isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    for key in _OWN_KEYS:
        if key in child:
            merged[key] = child[key]
    return merged


def _read(
    source: RulesetSource, library: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Any], str | None]:
    return read_document(source, library, folder="rulesets", kind="ruleset", what="rule set")


def _list(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    assert isinstance(value, list)
    return tuple(str(v) for v in value)


def _rule(item: Mapping[str, Any]) -> Rule:
    return Rule(
        id=item["id"],
        when=item["when"],
        title=item.get("title"),
        recommendation=item.get("recommendation"),
        rationale=item.get("rationale"),
        references=tuple(item.get("references", ())),
        min_evidence=item.get("min_evidence"),
        better=item.get("better"),
        priority=item.get("priority", 50),
        exclusive_group=item.get("exclusive_group"),
        instrument=_list(item["instrument"]),
        level=_list(item["level"]),
    )


def _build(document: Mapping[str, Any], origin: str | None, own: Mapping[str, Any]) -> RuleSet:
    rules = []
    own_ids = {item.get("id"): i for i, item in enumerate(own.get("rules", []))}
    for index, item in enumerate(document.get("rules", [])):
        try:
            rules.append(_rule(item))
        except RuleSyntaxError as error:
            at = own_ids.get(item["id"], index)
            raise error.located(f"/rules/{at}{error.pointer}", origin) from None
        except InvalidValue as error:
            problem = DocumentError(f"/rules/{index}", str(error), "value")
            raise DocumentInvalid("ruleset", [problem], origin) from None
    tests = tuple(
        RuleTest(name=t["name"], facts=t["facts"], expect_fired=t["expect_fired"])
        for t in document.get("tests", [])
    )
    return RuleSet(
        id=document["id"],
        version=document["version"],
        rules=rules,
        tests=tests,
        extends=document.get("extends"),
        title=document.get("title"),
        description=document.get("description"),
    )


def load_ruleset(
    source: RulesetSource, *, library: Mapping[str, Mapping[str, Any]] | None = None
) -> RuleSet:
    """Load a rule set from a bundled reference, a JSON file or a mapping.

    Parameters
    ----------
    source : str, path or mapping
        ``"smice/default"``, a path to a JSON file, or a rule-set document.
    library : mapping, optional
        Further rule-set documents by id, for ``extends`` (and for *source* by id).

    Raises
    ------
    smice.errors.DocumentInvalid
        When a document is not valid against the ``ruleset`` schema (after merging, too).
    smice.policy.RuleSyntaxError
        When an expression or a recommendation template cannot be read; its ``pointer``
        locates it and ``column`` says where in it.
    smice.errors.InvalidDefinition
        When ``extends`` forms a cycle.
    smice.errors.NotFound
        When a reference names no known rule set.

    Examples
    --------
    >>> default = load_ruleset("smice/default")
    >>> default.id, default.rule("P1").when.split(" and ")[0]
    ('smice/default', 'N.sme_rnd_linkage_share_high < 0.20')
    >>> stricter = load_ruleset({"smice": "ruleset/1", "id": "my/rules", "version": "1.0.0",
    ...     "extends": "smice/default",
    ...     "rules": [{"id": "P1", "when": "N.sme_rnd_linkage_share < 0.30"}]})
    >>> stricter.rule("P1").when, len(stricter.rules) == len(default.rules)
    ('N.sme_rnd_linkage_share < 0.30', True)

    .. versionadded:: 0.1.0
    """
    extra = dict(library or {})
    own, origin = _read(source, extra)
    merged = resolve_extends(
        own,
        lambda ref, where: read_parent(
            ref, where, extra, folder="rulesets", kind="ruleset", what="rule set"
        ),
        merge_rulesets,
        "rule set",
        origin,
    )
    if "extends" in own:
        validate(merged, "ruleset", source=origin)
    return _build(merged, origin, own)


def _labels(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


def dump_ruleset(ruleset: RuleSet) -> dict[str, Any]:
    """The rule set as a JSON-ready document (valid against the ``ruleset`` schema) that
    :func:`load_ruleset` reads back into an equal rule set.

    Examples
    --------
    >>> again = load_ruleset(dump_ruleset(load_ruleset("smice/default")))
    >>> again == load_ruleset("smice/default")
    True

    .. versionadded:: 0.1.0
    """
    document: dict[str, Any] = {
        "smice": RULESET_FORMAT,
        "id": ruleset.id,
        "version": ruleset.version,
    }
    if ruleset.extends:
        document["extends"] = ruleset.extends
    if ruleset.title:
        document["title"] = _labels(ruleset.title)
    if ruleset.description:
        document["description"] = _labels(ruleset.description)
    rules = []
    for rule in ruleset.rules:
        item: dict[str, Any] = {"id": rule.id, "title": _labels(rule.title), "when": rule.when}
        if rule.min_evidence:
            item["min_evidence"] = dict(rule.min_evidence)
        if rule.better:
            item["better"] = dict(rule.better)
        item["priority"] = rule.priority
        if rule.exclusive_group is not None:
            item["exclusive_group"] = rule.exclusive_group
        item["instrument"] = [str(i) for i in rule.instrument]
        item["level"] = [str(level) for level in rule.level]
        item["recommendation"] = _labels(rule.recommendation)
        if rule.rationale:
            item["rationale"] = _labels(rule.rationale)
        if rule.references:
            item["references"] = list(rule.references)
        rules.append(item)
    document["rules"] = rules
    if ruleset.tests:
        document["tests"] = [
            {"name": t.name, "facts": dict(t.facts), "expect_fired": list(t.expect_fired)}
            for t in ruleset.tests
        ]
    return document


def load_fact_catalogue(
    source: str | os.PathLike[str] | Mapping[str, Any],
) -> FrozenMap[str, FactSpec]:
    """Read a fact catalogue: a JSON object ``{"facts": [{"id", "unit", "level",
    "description", "source"}, ...]}`` (the format of ``smice/policy/default_facts.json``).

    Examples
    --------
    >>> load_fact_catalogue({"facts": [{"id": "x", "unit": "share"}]})["x"].unit
    'share'

    .. versionadded:: 0.1.0
    """
    if isinstance(source, Mapping):
        document: object = source
        origin = None
    else:
        origin = os.fspath(source)
        document = read_json_file(origin, "fact catalogue")
    check_json_value(document, "fact catalogue", origin)
    problems: list[DocumentError] = []
    items = document.get("facts") if isinstance(document, Mapping) else None
    if not isinstance(items, list):
        problems.append(DocumentError("/facts", "expected an array of facts", "type"))
        raise DocumentInvalid("fact catalogue", problems, origin)
    for index, item in enumerate(items):
        if (
            not isinstance(item, Mapping)
            or not isinstance(item.get("id"), str)
            or not isinstance(item.get("unit"), str)
        ):
            problems.append(
                DocumentError(
                    f"/facts/{index}", "expected an object with string 'id' and 'unit'", "type"
                )
            )
    if problems:
        raise DocumentInvalid("fact catalogue", problems, origin)
    return fact_specs(items)
