"""``curate``: run a recipe on Dask, verify a finished run."""

from __future__ import annotations

import sys

import click

from curation import __version__


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curate")
def main() -> None:
    """Curate LLM-pretraining data: recipes in pipelines/, output as parquet shards + manifest."""


@main.command()
@click.argument("recipe", type=click.Path(dir_okay=False))
@click.option("--input", "inputs", multiple=True, help="Replace the recipe's inputs (file, folder, glob or fsspec URL); repeatable.")
@click.option("--output", help="Run directory (default: the recipe's output.dir, else runs/<name>).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes of the embedded LocalCluster (default: CPU count).")
@click.option("--scheduler", help="Run on an existing Dask cluster, e.g. tcp://host:8786.")
@click.option("--resume", is_flag=True, help="Skip work units already complete in the run directory.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def run(recipe: str, inputs: tuple[str, ...], output: str | None, workers: int | None, scheduler: str | None, resume: bool, quiet: bool,
        fields: dict[str, str] | None = None) -> None:
    """Run RECIPE (a YAML file from pipelines/)."""
    from curation.recipe.load import RecipeError, load_recipe
    from curation.run.driver import ResumeError, execute
    from curation.run.units import InputError

    if workers and scheduler:
        _fail("--workers sizes the embedded cluster; it cannot be combined with --scheduler")
    try:
        loaded = load_recipe(recipe, inputs=list(inputs) or None, output=output, input_fields=fields)
        result = execute(loaded, workers=workers, scheduler=scheduler, resume=resume, progress=not quiet)
    except (RecipeError, InputError, ResumeError) as exc:
        _fail(str(exc))
    m = result.manifest
    t = m["totals"]
    click.echo(f"{t['documents']} documents, {t['tokens']} tokens in {t['shards']} shards")
    click.echo(f"content hash: {m['content_hash']}")
    click.echo(f"output: {result.run_dir}")
    click.echo(f"manifest: {result.run_dir}/manifest.json")
    if not result.ok:
        _fail(f"{len(m['failed_units'])} work unit(s) failed (listed in the manifest); rerun with --resume", code=3)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", required=True, help="Run directory for the deduplicated shards.")
@click.option("--recipe", "recipe_path", default=None, help="Dedup recipe (default: pipelines/dedup.yaml beside the package).")
@click.option("--text-field", default=None, help="Text column of the inputs (default: text).")
@click.option("--id-field", default=None, help="Id column (default: id).")
@click.option("--url-field", default=None, help="URL column (default: url).")
@click.option("--workers", type=click.IntRange(min=1))
@click.option("--scheduler")
@click.option("--resume", is_flag=True)
@click.option("--quiet", is_flag=True)
@click.pass_context
def dedup(ctx: click.Context, inputs: tuple[str, ...], output: str, recipe_path: str | None, text_field: str | None,
          id_field: str | None, url_field: str | None, workers: int | None, scheduler: str | None, resume: bool, quiet: bool) -> None:
    """Deduplicate existing parquet shards (INPUTS: files, folders, globs): exact, URL, fuzzy."""
    from pathlib import Path

    recipe_path = recipe_path or str(Path(__file__).resolve().parents[1] / "pipelines" / "dedup.yaml")
    fields = {"text_field": text_field, "id_field": id_field, "url_field": url_field}
    ctx.invoke(run, recipe=recipe_path, inputs=inputs, output=output, workers=workers, scheduler=scheduler,
               resume=resume, quiet=quiet, fields={k: v for k, v in fields.items() if v})


@main.command()
@click.argument("run_dir")
def verify(run_dir: str) -> None:
    """Re-check RUN_DIR against its manifest; exit 1 naming every mismatch."""
    from curation.manifest.verify import verify_run

    problems = verify_run(run_dir)
    for p in problems:
        click.echo(p, err=True)
    if problems:
        _fail(f"{run_dir}: {len(problems)} mismatch(es) with its manifest", code=1)
    click.echo(f"{run_dir}: verified against its manifest")


if __name__ == "__main__":
    main()
