"""Reading experiment spec documents: validate against ``schemas/experiment.json`` and load the
rule set the spec names.

:mod:`smice.io` and :mod:`smice.experiments` are siblings and do not import each other: this
module returns the validated document and the rule set as an :class:`ExperimentDocument`;
:meth:`smice.experiments.spec.ExperimentSpec.from_document` turns that into the spec
:func:`smice.experiments.run_experiment` runs.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from smice.io._guard import check_json_value, read_json_file
from smice.io.rulesets import load_ruleset
from smice.io.schemas import validate
from smice.policy import RuleSet

__all__ = ["DEFAULT_RULESET", "ExperimentDocument", "load_experiment_document"]

#: The rule set evaluated after every step unless a spec names another (or ``null``).
DEFAULT_RULESET: Final = "smice/default"


@attrs.frozen(kw_only=True)
class ExperimentDocument:
    """An experiment spec document valid against the ``experiment`` schema, with the rule set
    its ``ruleset`` member names (``None`` when it is ``null``).

    .. versionadded:: 0.1.0
    """

    document: Mapping[str, Any]
    ruleset: RuleSet | None
    source: str | None = None


def load_experiment_document(
    source: str | os.PathLike[str] | Mapping[str, Any],
) -> ExperimentDocument:
    """Read and validate an experiment spec from a JSON file or a mapping.

    Raises
    ------
    smice.errors.DocumentInvalid
        When the document is not valid against the ``experiment`` schema (each error with its
        JSON pointer), or the rule set it names is.
    smice.errors.NotFound
        When ``ruleset`` names no bundled rule set.

    Examples
    --------
    >>> loaded = load_experiment_document({"smice": "experiment/1", "id": "x", "seed": 1})
    >>> loaded.document["id"], loaded.ruleset.id
    ('x', 'smice/default')

    .. versionadded:: 0.1.0
    """
    if isinstance(source, Mapping):
        origin = None
        check_json_value(source, "experiment")
        document: Any = source
    else:
        origin = str(Path(source))
        document = read_json_file(source, "experiment")
    validate(document, "experiment")
    reference = document.get("ruleset", DEFAULT_RULESET)
    ruleset = load_ruleset(reference) if reference is not None else None
    return ExperimentDocument(document=document, ruleset=ruleset, source=origin)
