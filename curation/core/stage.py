"""The stage contracts: what a recipe stage can declare, written as types the driver checks with
``isinstance``/``issubclass`` instead of probing attributes.

- A per-document stage is a datatrove ``PipelineStep`` (any datatrove block works as it is).
- ``PreparedStage``: a per-document stage with work to do once per run, before any unit (check or
  copy a model, build an index): it names the parameters that are files (``path_params``, made
  absolute against the recipe's root) and ``prepare`` returns a ``Prepared``: the parameters to
  run with and the files it put in the run folder (listed in the manifest). The driver keeps it
  beside the recipe (``run/prepare.PreparedRun``); the recipe's parameters are never rewritten.
- ``SideRecordStage``: a per-document stage that keeps records beside the documents
  (``side_records``: e.g. what decontamination cut), written per unit under ``sidecars/<stage>/``.
- ``WholeRunStage``: a stage that sees every document of the run at once (dedup): validated
  ``Params``, built as ``cls(name, **params)``, and ``run(ctx)`` on a ``GlobalContext``.
- ``ShardWritingStage``: a whole-run stage that ends the run by writing its shards itself (the mix);
  no documents pass follows it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from pydantic import BaseModel

from curation.core.view import GlobalContext

if TYPE_CHECKING:  # the driver imports these contracts, never datatrove
    import pyarrow as pa
    from datatrove.pipeline.base import PipelineStep


class Prepared(NamedTuple):
    """What a preparation returns: the stage's parameters for the units, and the files it made."""

    params: dict[str, Any]
    files: list[dict[str, Any]]  # manifest ``models`` entries: name, kind, path, card


class PreparedStage(ABC):
    """Mixin for a per-document stage prepared once per run, on the cluster, before any unit."""

    #: Parameters that name files or folders (a path, ``{lang: path}`` or ``[{name, paths}]``).
    path_params: ClassVar[tuple[str, ...]] = ()
    #: Prepared at every run start (a missing model stops the run before any unit).
    always_prepare: ClassVar[bool] = True

    @classmethod
    def wants_preparation(cls, params: dict[str, Any]) -> bool:
        """Whether this run must prepare the stage, given its recipe parameters."""
        return cls.always_prepare

    @staticmethod
    @abstractmethod
    def prepare(params: dict[str, Any], run_dir: str) -> Prepared:
        """Check or build what the stage needs (raising one line naming the file when it cannot)."""


class SideRecordStage:
    """Mixin for a per-document stage that keeps records beside the documents of a unit: its
    ``side_records`` (one parquet row each) are the unit's so far, ``side_schema`` their columns
    (string and numeric ones: written without pandas, the same types in every unit)."""

    side_records: list[dict[str, Any]]
    side_schema: pa.Schema


class WholeRunStage(ABC):
    """A stage over every document of the run (a global stage): ``Params``, ``__init__``, ``run``."""

    Params: ClassVar[type[BaseModel]]

    def __init__(self, name: str, **params: Any) -> None:
        self.name, self.params = name, self.Params(**params)

    @abstractmethod
    def run(self, ctx: GlobalContext) -> dict[str, Any]:
        """Run on the executor in ``ctx``; write removal files; return the stage's manifest summary."""


def path_params_of(cls: type) -> tuple[str, ...]:
    """The file parameters a stage class declares (none for a plain datatrove block)."""
    return cls.path_params if issubclass(cls, PreparedStage) else ()


def side_records_of(step: PipelineStep) -> list[dict[str, Any]]:
    return list(step.side_records) if isinstance(step, SideRecordStage) else []


def side_schema_of(step: PipelineStep) -> pa.Schema:
    schema = getattr(step, "side_schema", None) if isinstance(step, SideRecordStage) else None
    if schema is None:
        raise TypeError(f"{type(step).__name__} keeps side records but declares no side_schema")
    return schema


class ShardWritingStage(WholeRunStage):
    """A whole-run stage that writes the run's shards (the mix): ``run`` writes shard ``k`` to
    ``RunLayout.staged_shard(k)`` and returns ``{"shards": [stats or None per k], "summary": {...}}``,
    the summary being its manifest section."""
