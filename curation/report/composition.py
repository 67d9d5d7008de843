"""What the shards are made of (source, language, mix group) and, for a mixed run, target vs achieved."""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from curation.manifest.summary import mix_lines
from curation.report.blocks import Section, chart, count, number, points, share, table, text
from curation.report.data import RunData

COMPOSITION_SPEC = {"documents": ("documents", count), "doc_share": ("% documents", share), "tokens": ("tokens", count),
                    "token_share": ("% tokens", share), "mean_tokens": ("tokens / doc", number)}


def composition(groups: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Documents and tokens per ``by`` combination (summed from the run's ``groups``), with their shares
    of the run; largest first."""
    if groups.height == 0 or not groups["documents"].sum():
        return pl.DataFrame(schema={**{c: pl.String for c in by}, "documents": pl.Int64, "tokens": pl.Int64,
                                    "doc_share": pl.Float64, "token_share": pl.Float64, "mean_tokens": pl.Float64})
    return (groups.group_by(by)
            .agg(pl.col("documents").sum().cast(pl.Int64), pl.col("tokens").sum().cast(pl.Int64))
            .with_columns((pl.col("documents") / pl.col("documents").sum()).alias("doc_share"),
                          (pl.col("tokens") / pl.col("tokens").sum().clip(1)).alias("token_share"),
                          (pl.col("tokens") / pl.col("documents")).round(1).alias("mean_tokens"))
            .sort(["tokens", *by], descending=[True, *[False] * len(by)]))


def _rule_text(rule: Any) -> str | None:
    return rule if rule is None or isinstance(rule, str) else json.dumps(rule, sort_keys=True, ensure_ascii=False)


def mix_groups(mix: dict[str, Any]) -> pl.DataFrame:
    rows = [{"name": g.get("name"), "rule": g.get("rule"), "target_share": g.get("target_share"),
             "achieved_share": g.get("achieved_share"), "available_tokens": g.get("available_tokens"),
             "available_documents": g.get("available_documents"), "selected_tokens": g.get("selected_tokens"),
             "selected_documents": g.get("selected_documents"), "max_epochs": g.get("max_epochs"),
             "epochs_used": g.get("epochs_used"), "limiting": g.get("limiting")} for g in mix.get("groups", [])]
    schema = {"name": pl.String, "rule": pl.String, "target_share": pl.Float64, "achieved_share": pl.Float64,
              "available_tokens": pl.Int64, "available_documents": pl.Int64, "selected_tokens": pl.Int64,
              "selected_documents": pl.Int64, "max_epochs": pl.Float64, "epochs_used": pl.Float64, "limiting": pl.Boolean}
    df = pl.DataFrame([{k: (_rule_text(v) if k == "rule" else v) for k, v in r.items()} for r in rows],
                      schema=schema, strict=False)
    return df.with_columns((pl.col("achieved_share") - pl.col("target_share")).alias("delta"))


def mix_languages(mix: dict[str, Any]) -> pl.DataFrame:
    schema = {"group": pl.String, "language": pl.String, "available_tokens": pl.Int64, "weight": pl.Float64,
              "target_share": pl.Float64, "selected_tokens": pl.Int64, "achieved_share": pl.Float64}
    df = pl.DataFrame([{k: r.get(k) for k in schema} for r in mix.get("languages", [])], schema=schema, strict=False)
    return df.with_columns((pl.col("achieved_share") - pl.col("target_share")).alias("delta"),
                           (pl.col("group") + " / " + pl.col("language")).alias("label"))


GROUP_SPEC = {"name": ("group", text), "rule": ("rule", text), "target_share": ("target", share),
              "achieved_share": ("achieved", share), "delta": ("achieved − target", points),
              "available_tokens": ("available tokens", count), "selected_tokens": ("selected tokens", count),
              "available_documents": ("available docs", count), "selected_documents": ("selected docs", count),
              "epochs_used": ("epochs used", number), "max_epochs": ("max epochs", number), "limiting": ("limiting", text)}
LANGUAGE_SPEC = {"group": ("group", text), "language": ("language", text), "weight": ("weight", number),
                 "target_share": ("target", share), "achieved_share": ("achieved", share), "delta": ("achieved − target", points),
                 "available_tokens": ("available tokens", count), "selected_tokens": ("selected tokens", count)}


def mix_section(run: RunData) -> Section:
    """Target vs achieved from the manifest's ``mix`` section; the composition by group from the shards."""
    mix = run.mix
    if not mix:
        return Section("mix", "Mix: target vs achieved", (
            "No `mix` section in this manifest: the run was not mixed, so there are no targets. The composition "
            "below is what the filters kept.",))
    groups, langs = mix_groups(mix), mix_languages(mix)
    unassigned = mix.get("unassigned") or {}
    notes = [f"Total {count(mix.get('total_tokens'))} tokens selected against a budget of {count(mix.get('budget'))}; "
             f"limiting group: {text(mix.get('limiting_group'))}; language temperature alpha = {text(mix.get('alpha'))}; "
             f"{count(unassigned.get('documents'))} documents ({count(unassigned.get('tokens'))} tokens) matched no group."]
    for line in mix_lines(run.manifest):  # the default multilingual share; groups and languages short of target
        warning = line.startswith("warning: ")
        notes.append("Warning: " + line.removeprefix("warning: ") if warning else line[0].upper() + line[1:] + ".")
    blocks: list = [
        table(groups, GROUP_SPEC, caption="Groups", empty="the mix section lists no groups"),
        chart(groups, "Token share per group: target vs achieved", "name",
              {"target": "target_share", "achieved": "achieved_share"}, value_format=share),
        table(langs, LANGUAGE_SPEC, caption="Languages within groups", empty="the mix section lists no languages"),
    ]
    if langs.height:
        blocks.append(chart(langs, "Token share per language: target vs achieved", "label",
                            {"target": "target_share", "achieved": "achieved_share"}, value_format=share))
    if run.has("group"):
        by_group = composition(run.groups, ["group"])
        blocks.append(table(by_group, {"group": ("group (shards)", text), **COMPOSITION_SPEC},
                            caption="Group column of the shards (repeated epochs count again)"))
        if run.has("epoch"):
            blocks.append(table(composition(run.groups.with_columns(pl.col("epoch").cast(pl.String)), ["group", "epoch"]),
                                {"group": ("group", text), "epoch": ("epoch", text), **COMPOSITION_SPEC},
                                caption="Shard rows per group and epoch"))
    return Section("mix", "Mix: target vs achieved", tuple(notes), tuple(blocks))


def composition_section(run: RunData) -> Section:
    by_source, by_language = composition(run.groups, ["source"]), composition(run.groups, ["language"])
    both = composition(run.groups, ["source", "language"])
    notes = ("Counted from the shards (every row, so repeated epochs of a mixed run count again). "
             "Shares are of the run's documents and tokens.",)
    return Section("composition", "Composition by source and language", notes, (
        table(by_source, {"source": ("source", text), **COMPOSITION_SPEC}, caption="By source", empty="no documents"),
        chart(by_source, "Token share by source", "source", {"tokens": "token_share"}, value_format=share),
        table(by_language, {"language": ("language", text), **COMPOSITION_SPEC}, caption="By language", empty="no documents"),
        chart(by_language, "Token share by language", "language", {"tokens": "token_share"}, value_format=share),
        table(both, {"source": ("source", text), "language": ("language", text), **COMPOSITION_SPEC},
              caption="By source and language", empty="no documents"),
    ))


def code_section(run: RunData) -> Section | None:
    """Code documents by programming language and by licence (None when the run holds no code)."""
    g = run.groups
    if "code_language" not in g.columns or g.filter(pl.col("code_language").is_not_null()).height == 0:
        return None
    code = g.filter(pl.col("code_language").is_not_null()).with_columns(pl.col("license").fill_null("unknown"))
    notes = ("Documents with a programming language (the code reader's or code_annotate's `code_language`), counted "
             "from the shards; licences are SPDX expressions, `unknown` when none was detected.",)
    by_language, by_license = composition(code, ["code_language"]), composition(code, ["license"])
    return Section("code", "Code by language and licence", notes, (
        table(by_language, {"code_language": ("language", text), **COMPOSITION_SPEC}, caption="By programming language"),
        chart(by_language, "Token share by programming language", "code_language", {"tokens": "token_share"},
              value_format=share),
        table(by_license, {"license": ("licence", text), **COMPOSITION_SPEC}, caption="By licence"),
    ))
