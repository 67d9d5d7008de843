"""``curate``: run a recipe on Dask, verify a finished run."""

from __future__ import annotations

import signal
import sys

import click

from curation import __version__
from curation.core.interrupt import Terminated, install_handlers


def _fail(message: str, code: int = 2) -> None:
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().meta.get("curation.debug") and sys.exc_info()[0] is not None:
        import traceback

        traceback.print_exc()
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _resume_hint() -> str:
    import shlex

    args = [a for a in sys.argv[1:] if a not in ("--resume", "--overwrite")]
    return shlex.join(["curate", *args, "--resume"])


#: Exit codes (README "Exit codes"): 1 verify mismatches, 2 bad recipe/input, 3 failed work units,
#: 4 environment or I/O (a folder not writable, a file in the way, a missing optional package),
#: 5 an unexpected error (a bug: --debug shows its traceback), 6 the run wrote no document (unless the
#: recipe says output.allow_empty), 7 the run folder is taken (held by a live run, or holding a killed or
#: finished run and neither --resume nor --overwrite given), 130/143 interrupted/terminated.
EXIT_ENV, EXIT_BUG, EXIT_EMPTY, EXIT_BUSY = 4, 5, 6, 7

_OPTIONAL = {"s3fs": "s3", "gcsfs": "gcs", "aiohttp": "http", "requests": "http"}


def _one_line(exc: BaseException) -> tuple[str, int]:
    """The message and exit code a user sees for an exception no command handled."""
    if isinstance(exc, ImportError):  # fsspec: "Install s3fs to access S3"; or a plain missing module
        names = [exc.name or "", *str(exc).replace("'", " ").replace("\"", " ").split()]
        package = next((n for n in names if n.split(".")[0] in _OPTIONAL), None)
        if package:
            extra = _OPTIONAL[package.split(".")[0]]
            return f"reading these paths needs the {extra!r} extra ({package}): pip install 'curation[{extra}]'", EXIT_ENV
    if getattr(exc, "environment", False):  # e.g. a model's wheel not installed: the message says what to install
        return (str(exc).strip().splitlines() or [""])[0], EXIT_ENV
    if isinstance(exc, OSError):
        where = exc.filename or ""
        reason = exc.strerror or str(exc)
        return (f"{where}: {reason}" if where else reason), EXIT_ENV
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"unexpected {type(exc).__name__}: {first} (rerun with --debug for the traceback)", EXIT_BUG


def _forget_interrupt_seen_by_pyrun() -> None:
    """CPython flags a KeyboardInterrupt that left code it ran through its ``PyRun_*`` API and, at the end
    of ``python -m``, kills the process with SIGINT (status -2) instead of our exit code, although we
    caught the interrupt (strace of a Ctrl-C while the cluster started: SIG_IGN, then SIG_DFL and
    ``kill(self, SIGINT)`` after finalization, 1 run in 10). Running an empty string through that API
    resets the flag (CPython's ``run_eval_code_obj``)."""
    try:
        import ctypes

        ctypes.pythonapi.PyRun_SimpleStringFlags(b"", None)
    except (ImportError, AttributeError, OSError):  # no ctypes, or not CPython: no such flag either
        pass


class Curate(click.Group):
    """Turns what no command handled into one line and a documented exit code (``--debug``: traceback)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (see main)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the line below is the last word, not a second traceback
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            _forget_interrupt_seen_by_pyrun()
            name, code = ("terminated", 143) if isinstance(exc, Terminated) else ("interrupted", 130)
            if ctx.invoked_subcommand in ("run", "dedup"):
                _fail(f"{name}: finished work units are kept; resume with: {_resume_hint()}", code=code)
            if ctx.invoked_subcommand == "synth":
                _fail(f"{name}: the answers received are in the cache; rerun the same command to resume", code=code)
            _fail(name, code=code)
        except Exception as exc:
            if ctx.meta.get("curation.debug"):
                raise
            message, code = _one_line(exc)
            _fail(message, code=code)


@click.group(cls=Curate, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curate")
@click.option("--debug", is_flag=True, envvar="CURATION_DEBUG", help="Show Python tracebacks of errors (default: one line).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Curate LLM-pretraining data: recipes in pipelines/, output as parquet shards + manifest."""
    ctx.meta["curation.debug"] = debug
    install_handlers()  # SIGTERM stops as cleanly as Ctrl-C; a swallowed interrupt still stops the run


@main.command()
@click.argument("recipe", type=click.Path(dir_okay=False))
@click.option("--input", "inputs", multiple=True, help="Replace the recipe's inputs (file, folder, glob or fsspec URL); repeatable.")
@click.option("--output", help="Run directory (default: the recipe's output.dir, else runs/<name>).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes of the embedded LocalCluster (default: CPU count).")
@click.option("--threads", type=click.IntRange(min=1), default=1, show_default=True,
              help="Tasks each embedded worker process runs at once: fewer processes hold the imports (less memory); "
                   "faster only where the work releases the GIL (polars, numpy, pyarrow; not the per-document Python stages).")
@click.option("--scheduler", help="Run on an existing Dask cluster, e.g. tcp://host:8786.")
@click.option("--memory-limit", help="Memory per embedded worker, e.g. 2GiB (as `dask worker --memory-limit`; default: Dask's auto, RAM x min(1, threads / cores) per worker).")
@click.option("--resume", is_flag=True, help="Skip work units already complete in the run directory.")
@click.option("--overwrite", is_flag=True, help="Replace the run already in the run directory (finished or killed).")
@click.option("--quiet", is_flag=True, help="No progress bars.")
@click.option("--dry-run", is_flag=True, help="Print the resolved recipe, its work units and passes; run and write nothing.")
def run(recipe: str, inputs: tuple[str, ...], output: str | None, workers: int | None, scheduler: str | None, resume: bool, quiet: bool,
        dry_run: bool = False, fields: dict[str, str] | None = None, overwrite: bool = False, memory_limit: str | None = None,
        threads: int = 1) -> None:
    """Run RECIPE: a YAML file, or a built-in recipe by name (web, phi4, dedup; see `curate stages`)."""
    from curation.builtin import builtin_recipes, find_recipe
    from curation.recipe.load import RecipeError, load_recipe
    from curation.run.driver import PrepareError, ResumeError, RunDirError, execute
    from curation.run.lock import RunFolderBusy
    from curation.run.units import InputError

    if (workers or memory_limit or threads > 1) and scheduler:
        _fail("--workers, --threads and --memory-limit size the embedded cluster; they cannot be combined with --scheduler")
    if memory_limit:
        from dask.utils import parse_bytes

        try:
            parse_bytes(memory_limit)
        except (ValueError, TypeError):
            _fail(f"--memory-limit: {memory_limit!r} is not a size (e.g. 2GiB, 1500MB)")
    if resume and overwrite:
        _fail("--resume continues the run in the folder and --overwrite replaces it: give one of them")
    if not find_recipe(recipe).is_file():
        _fail(f"{recipe}: recipe not found (a YAML file, or a built-in recipe: {', '.join(builtin_recipes())})")
    try:
        loaded = load_recipe(find_recipe(recipe), inputs=list(inputs) or None, output=output, input_fields=fields)
        if dry_run:
            from curation.run.describe import dry_run as describe
            from curation.run.driver import run_dir_of

            click.echo("\n".join(describe(loaded, run_dir_of(loaded))))
            return
        result = execute(loaded, workers=workers, scheduler=scheduler, resume=resume, progress=not quiet, overwrite=overwrite,
                         memory_limit=memory_limit, threads=threads)
    except (RecipeError, InputError, ResumeError, PrepareError) as exc:
        _fail(str(exc))
    except RunFolderBusy as exc:
        _fail(str(exc), code=EXIT_BUSY)
    except RunDirError as exc:
        _fail(exc.strerror, code=EXIT_ENV)
    from curation.run.layout import RunLayout
    from curation.manifest.summary import empty_reason, mix_lines, skipped_summary, untrained_language_line

    m = result.manifest
    t = m["totals"]
    for line in [skipped_summary(m), *mix_lines(m), untrained_language_line(m)]:
        if line:
            click.echo(line, err=True)
    click.echo(f"{t['documents']} documents, {t['tokens']} tokens in {t['shards']} shards")
    click.echo(f"content hash: {m['content_hash']}")
    click.echo(f"output: {result.run_dir}")
    click.echo(f"manifest: {RunLayout(result.run_dir).manifest}")
    if not result.ok:
        _fail(f"{len(m['failed_units'])} work unit(s) failed (listed in the manifest); rerun with --resume", code=3)
    if not t["documents"] and not loaded.output.allow_empty:
        _fail(f"no documents: {empty_reason(m)} (set output.allow_empty: true to accept an empty run)", code=EXIT_EMPTY)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", required=True, help="Run directory for the deduplicated shards.")
@click.option("--recipe", "recipe_path", default=None, help="Dedup recipe (default: the built-in pipelines/dedup.yaml).")
@click.option("--text-field", default=None, help="Text column of the inputs (default: text).")
@click.option("--id-field", default=None, help="Id column (default: id).")
@click.option("--url-field", default=None, help="URL column (default: url).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes of the embedded LocalCluster (default: CPU count).")
@click.option("--threads", type=click.IntRange(min=1), default=1, show_default=True,
              help="Tasks each embedded worker process runs at once: fewer processes hold the imports (less memory); "
                   "faster only where the work releases the GIL (polars, numpy, pyarrow; not the per-document Python stages).")
@click.option("--scheduler", help="Run on an existing Dask cluster, e.g. tcp://host:8786.")
@click.option("--memory-limit", help="Memory per embedded worker, e.g. 2GiB (as `dask worker --memory-limit`; default: Dask's auto, RAM x min(1, threads / cores) per worker).")
@click.option("--resume", is_flag=True, help="Skip work units already complete in the run directory.")
@click.option("--overwrite", is_flag=True, help="Replace the run already in the run directory (finished or killed).")
@click.option("--quiet", is_flag=True, help="No progress bars.")
@click.pass_context
def dedup(ctx: click.Context, inputs: tuple[str, ...], output: str, recipe_path: str | None, text_field: str | None,
          id_field: str | None, url_field: str | None, workers: int | None, scheduler: str | None, resume: bool, quiet: bool,
          overwrite: bool, memory_limit: str | None, threads: int = 1) -> None:
    """Deduplicate existing parquet shards (INPUTS: files, folders, globs): exact, URL, fuzzy."""
    from curation.builtin import find_recipe

    recipe_path = recipe_path or str(find_recipe("dedup"))
    fields = {"text_field": text_field, "id_field": id_field, "url_field": url_field}
    ctx.invoke(run, recipe=recipe_path, inputs=inputs, output=output, workers=workers, scheduler=scheduler,
               resume=resume, quiet=quiet, fields={k: v for k, v in fields.items() if v}, overwrite=overwrite,
               memory_limit=memory_limit, threads=threads)


@main.command()
def stages() -> None:
    """List every stage a recipe can name, with its parameters and their defaults."""
    from curation.run.describe import stage_table

    click.echo("\n".join(stage_table()))


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


@main.command()
@click.argument("run_dir")
@click.argument("run_dir_b", required=False)
@click.option("--output", help="Folder for the report (default: RUN_DIR, or RUN_DIR_B when comparing).")
def report(run_dir: str, run_dir_b: str | None, output: str | None) -> None:
    """Write report.html and report.md for RUN_DIR; with RUN_DIR_B, compare.html/.md: what changed from A to B and why."""
    from curation.io.files import local_or_url
    from curation.report import ReportInputError, write_comparison, write_report

    out = local_or_url(output) if output else None
    try:
        if run_dir_b:
            paths = write_comparison(local_or_url(run_dir), local_or_url(run_dir_b), out)
        else:
            paths = write_report(local_or_url(run_dir), out)
    except ReportInputError as exc:
        _fail(str(exc))
    for path in paths:
        click.echo(path)


@main.command()
@click.argument("run_dir")
@click.option("--recipe", "recipe_path", default=None, help="Seeds recipe: a YAML file with a 'seeds:' section (default: the built-in settings).")
@click.option("--output", required=True, help="Seeds parquet file; the coverage report is written next to it (<name>.coverage.json).")
def seeds(run_dir: str, recipe_path: str | None, output: str) -> None:
    """Pick seeds for synthetic data from the finished run RUN_DIR: high edu_score, spread over topic clusters."""
    from curation.io.files import local_or_url
    from curation.synth.seeds import coverage_path, run_seeds
    from curation.synth.seeds_config import SeedsError, load_seeds_config
    from curation.synth.seeds_coverage import summary_lines

    try:
        report = run_seeds(local_or_url(run_dir), load_seeds_config(recipe_path), local_or_url(output))
    except SeedsError as exc:
        _fail(str(exc))
    click.echo("\n".join(summary_lines(report)))
    click.echo(f"seeds: {report['output']}")
    click.echo(f"coverage: {coverage_path(report['output'])}")


@main.group()
def classifier() -> None:
    """Educational-quality classifiers: annotate with an LLM, train, evaluate (see classifiers/)."""


@classifier.command("train")
@click.argument("recipe", type=click.Path(exists=True))
@click.option("--output", help="Folder for the model (model.bin or model.json) and its card (default: the recipe's folder).")
def classifier_train(recipe: str, output: str | None) -> None:
    """Train the classifier of RECIPE (a classifiers/<name>/recipe.yaml or its folder)."""
    from pathlib import Path

    from curation.classify.data import ClassifierDataError
    from curation.classify.recipe import ClassifierRecipeError, load_classifier_recipe
    from curation.classify.train import train

    path = Path(recipe)
    if path.is_dir():
        path = path / "recipe.yaml"
    try:
        loaded = load_classifier_recipe(path)
        card = train(loaded, output or path.parent)
    except (ClassifierRecipeError, ClassifierDataError, FileNotFoundError, RuntimeError) as exc:
        _fail(str(exc).splitlines()[0])
    out = Path(output or path.parent)
    click.echo(f"model: {out / card['model']['file']}")
    click.echo(f"card: {out / 'card.md'}")
    held = (card.get("metrics") or {}).get("holdout") or {}
    if "accuracy" in held:
        corr = (held.get("correlation") or {}).get("spearman")
        click.echo(f"held-out ({held['n']} rows): accuracy {held['accuracy']:.3f}, macro-F1 {held['macro_f1']:.3f}"
                   + (f", Spearman {corr:.3f}" if corr is not None else ""))


@classifier.command("eval")
@click.argument("model")
@click.argument("data", nargs=-1, required=True)
@click.option("--text-field", default="text", show_default=True, help="Text column of DATA.")
@click.option("--label-field", default=None, help="Default: score (graded models) or label (reference models).")
@click.option("--threshold", type=float, default=None, help="Keep threshold (default: the model card's).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def classifier_eval(model: str, data: tuple[str, ...], text_field: str, label_field: str | None, threshold: float | None, as_json: bool) -> None:
    """Evaluate MODEL (model.bin or its folder) on labelled DATA files (JSONL/parquet)."""
    import json as _json

    from curation.classify.data import ClassifierDataError
    from curation.classify.evaluate import evaluate, format_report

    try:
        result = evaluate(model, list(data), text_field=text_field, label_field=label_field, threshold=threshold)
    except (ClassifierDataError, FileNotFoundError) as exc:
        _fail(str(exc).splitlines()[0])
    click.echo(_json.dumps(result, indent=2, sort_keys=True) if as_json else format_report(result))


@classifier.command("annotate")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", required=True, help="Annotated {id, text, score} file (.jsonl, .jsonl.gz or .parquet).")
@click.option("--endpoint", required=True, help="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
@click.option("--model", "model_name", required=True, help="Model name the endpoint serves.")
@click.option("--api-key-env", default="OPENAI_API_KEY", show_default=True, help="Environment variable holding the API key (if any).")
@click.option("--cache", default=None, help="Resumable cache (default: <output>.cache.jsonl).")
@click.option("--text-field", default="text", show_default=True, help="Text field of INPUTS.")
@click.option("--id-field", default="id", show_default=True, help="Id field of INPUTS.")
@click.option("--concurrency", type=click.IntRange(1, 512), default=8, show_default=True, help="Requests in flight.")
@click.option("--max-retries", type=click.IntRange(0, 50), default=4, show_default=True, help="Retries per document.")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds per request.")
def classifier_annotate(inputs: tuple[str, ...], output: str, endpoint: str, model_name: str, api_key_env: str, cache: str | None,
                        text_field: str, id_field: str, concurrency: int, max_retries: int, timeout: float) -> None:
    """Grade INPUTS 0-5 for educational value with an LLM; resumes from its cache if interrupted."""
    import json as _json
    import os

    from curation.classify.annotate import annotate_file

    counts = annotate_file(list(inputs) if len(inputs) > 1 else inputs[0], output, endpoint=endpoint, model=model_name,
                           api_key=os.environ.get(api_key_env), cache_path=cache, text_field=text_field, id_field=id_field,
                           concurrency=concurrency, max_retries=max_retries, timeout=timeout)
    click.echo(_json.dumps({k: counts[k] for k in ("documents", "annotated", "failed", "from_cache", "failed_by_reason") if k in counts}, sort_keys=True))
    click.echo(f"output: {output}")


@main.command()
@click.argument("recipe", type=click.Path(dir_okay=False))
@click.option("--seeds", required=True, help="Seeds parquet (seed_id, text, kind, question, answer, ...; `curate seeds` writes one).")
@click.option("--output", required=True, help="Folder for <group>.parquet, rejected.parquet and synth_manifest.json.")
@click.option("--cache", default=None, help="Resumable request cache (default: OUTPUT/cache.jsonl).")
def synth(recipe: str, seeds: str, output: str, cache: str | None) -> None:
    """Generate synthetic documents from SEEDS with the templates of RECIPE; verified ones are written.

    Rerun the same command to resume a killed job: answers already in the cache are not asked again.
    """
    from curation.recipe.errors import RecipeError
    from curation.synth.job import SeedsError, run_job, summary_json
    from curation.synth.templates import MissingFieldError

    try:
        result = run_job(recipe, seeds, output, cache_path=cache)
    except (RecipeError, SeedsError, MissingFieldError) as exc:
        _fail(str(exc))
    click.echo(summary_json(result))
    click.echo(f"output: {output}")


if __name__ == "__main__":
    main()
