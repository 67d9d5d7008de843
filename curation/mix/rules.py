"""Group rules as polars expressions: a document's group is the first rule it meets."""

from __future__ import annotations

import polars as pl

from curation.recipe.mix import MULTILINGUAL, GroupRule, MixSpec

#: Key language of groups that are not split by language.
ANY_LANGUAGE = "*"


def rule_expr(rule: GroupRule) -> pl.Expr:
    cond = pl.lit(True)
    if rule.source is not None:
        cond &= pl.col("source").is_in(rule.source).fill_null(False)
    if rule.source_not is not None:
        cond &= ~pl.col("source").is_in(rule.source_not).fill_null(False)
    if rule.language is not None:
        cond &= pl.col("language").is_in(rule.language).fill_null(False)
    if rule.language_not is not None:
        cond &= ~pl.col("language").is_in(rule.language_not).fill_null(False)
    if rule.code_language is not None:
        cond &= pl.col("metadata").str.json_path_match("$.code_language").is_in(rule.code_language).fill_null(False)
    if rule.edu_min is not None:
        cond &= (pl.col("edu_score") >= rule.edu_min).fill_null(False)
    if rule.edu_max is not None:
        cond &= (pl.col("edu_score") < rule.edu_max).fill_null(False)
    return cond


def assign_groups(df: pl.DataFrame, spec: MixSpec) -> pl.DataFrame:
    """``df`` with ``group`` (null: in no group) and ``key_language`` (the language inside the
    multilingual group, ``*`` elsewhere) columns."""
    expr = pl.lit(None, dtype=pl.String)
    for name, rule in reversed(list(spec.groups.items())):
        expr = pl.when(rule_expr(rule)).then(pl.lit(name)).otherwise(expr)
    return df.with_columns(expr.alias("group")).with_columns(
        pl.when(pl.col("group") == MULTILINGUAL)
        .then(pl.col("language").fill_null("unknown"))
        .otherwise(pl.lit(ANY_LANGUAGE))
        .alias("key_language")
    )
