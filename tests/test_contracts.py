"""The seams between packages, written down (issue 15): one atomic write, checked on the source itself."""

from __future__ import annotations

import ast
import re

import pytest

from curation.io import files
from tests.conftest import ROOT

PACKAGE = ROOT / "curation"


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return out


def _renames(tree: ast.Module) -> list[int]:
    """Lines calling ``os.replace``/``os.rename``, ``<path>.replace(x)`` with one argument, or ``fs.mv``."""
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        f = node.func
        owner = f.value.id if isinstance(f.value, ast.Name) else None
        if owner == "os" and f.attr in ("replace", "rename", "renames"):
            lines.append(node.lineno)
        elif f.attr in ("mv", "move") and owner in ("fs", "shutil"):
            lines.append(node.lineno)
        elif f.attr == "replace" and len(node.args) == 1 and not node.keywords and owner != "os":
            arg = node.args[0]
            if not isinstance(arg, ast.Constant):  # str.replace takes two; Path.replace one path
                lines.append(node.lineno)
    return lines


def test_no_file_outside_io_renames_files():
    """Every writer goes through ``io.files`` (atomic_open, atomic_path, move): fsync + rename in one place."""
    found = {name: lines for name, tree in _modules().items()
             if not name.startswith("curation.io.") and (lines := _renames(tree))}
    assert found == {}


def test_no_module_imports_private_names_of_another():
    found = []
    for name, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("curation"):
                if node.module != name and any(a.name.startswith("_") and not a.name.startswith("__") for a in node.names):
                    found.append((name, node.module, [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]))
    assert found == []


def test_atomic_open_publishes_only_a_finished_file(tmp_path):
    target = tmp_path / "sub" / "report.md"
    with files.atomic_open(str(target), "w", encoding="utf-8") as fh:
        fh.write("one")
    with pytest.raises(RuntimeError):
        with files.atomic_open(str(target), "w", encoding="utf-8") as fh:
            fh.write("half of two")
            raise RuntimeError("the writer fails mid-file")
    assert target.read_text() == "one" and list(target.parent.iterdir()) == [target]


def test_atomic_open_compresses_by_request_and_works_on_any_fsspec_storage(tmp_path):
    import gzip

    import fsspec

    with files.atomic_open(str(tmp_path / "a.jsonl.gz"), "wb", compression="gzip") as fh:
        fh.write(b'{"id": 1}\n')
    assert gzip.decompress((tmp_path / "a.jsonl.gz").read_bytes()) == b'{"id": 1}\n'
    url = "memory://contracts/run/manifest.json"
    files.write_json_atomic({"a": 1}, url)
    files.write_json_atomic({"a": 2}, url)
    fs = fsspec.filesystem("memory")
    assert files.read_json(url) == {"a": 2} and fs.ls("/contracts/run", detail=False) == ["/contracts/run/manifest.json"]
    fs.rm("/contracts", recursive=True)


@pytest.mark.parametrize("remote", [False, True])
def test_atomic_path_gives_a_file_name_to_writers_that_need_one(tmp_path, remote):
    import fsspec

    url = "memory://contracts-path/model.bin" if remote else str(tmp_path / "m" / "model.bin")
    with files.atomic_path(url) as name:
        with open(name, "wb") as fh:  # e.g. fastText's save_model(name)
            fh.write(b"weights")
    with pytest.raises(ValueError):
        with files.atomic_path(url) as name:
            with open(name, "wb") as fh:
                fh.write(b"half")
            raise ValueError("training failed")
    with fsspec.open(url, "rb") as fh:
        assert fh.read() == b"weights"
    fs, path = files.fs_and_path(url)
    assert fs.ls(path.rpartition("/")[0], detail=False) == [path]
    if remote:
        fs.rm("/contracts-path", recursive=True)


RUN_FOLDER_PATH = re.compile(r"^(_work|shards|rejected|removed|sidecars|models|indexes)(/|$)|^manifest\.json$")


def _run_folder_literals(tree: ast.Module) -> list[tuple[int, str]]:
    """String literals (and f-string heads) that spell a run-folder path, docstrings aside."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            head = str(node.values[0].value)
            if RUN_FOLDER_PATH.match(head) and "/" in head and " " not in head:
                found.append((node.lineno, head))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            path = " " not in node.value and ("/" in node.value or node.value in ("_work", "manifest.json"))
            if path and RUN_FOLDER_PATH.match(node.value):
                found.append((node.lineno, node.value))
    return found


def test_run_folder_paths_are_spelled_only_by_the_run_layout():
    """``run/layout.py`` owns every path in a run folder; the driver, stages, manifest and report ask it."""
    found = {name: hits for name, tree in _modules().items()
             if name != "curation.run.layout" and (hits := _run_folder_literals(tree))}
    assert found == {}


#: The layers of the package, lowest first: a module imports only from its own layer or lower ones,
#: and never in a cycle. A package name stands for its modules unless a module is named itself.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("curation", "io"),
    ("core", "run.layout"),  # the run layout imports only io: every package may ask it for a path
    ("executor", "recipe"),  # recipe: the validated configuration model (recipe.load is the edge, below)
    ("academic", "code", "models", "quality", "extract", "langid", "decontam", "dedup", "shard", "mix", "readers", "filters",
     "classify", "manifest", "synth"),
    ("stages",),
    ("recipe.load", "recipe.paths", "report"),  # recipe.load checks stage parameters against the registry
    ("run",),
    ("builtin", "cli"),
)


def _layer(module: str) -> int:
    rel = module.removeprefix("curation.") if module != "curation" else "curation"
    best = None
    for i, names in enumerate(LAYERS):
        for name in names:
            if (rel == name or rel.startswith(name + ".")) and (best is None or len(name) > best[1]):
                best = (i, len(name))
    assert best is not None, f"{module}: in no layer of tests/test_contracts.py LAYERS"
    return best[0]


def _imports(modules: dict[str, ast.Module]) -> dict[str, set[str]]:
    """Module -> the package modules it imports, at module level or inside functions (lazy imports count)."""
    graph: dict[str, set[str]] = {}
    for name, tree in modules.items():
        out = set()
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                           for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            out |= {t for t in targets if t in modules and t != name and not name.startswith(t + ".")}
        graph[name] = out
    return graph


def test_imports_point_down_the_layers():
    graph = _imports(_modules())
    upward = sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets if _layer(b) > _layer(a))
    assert upward == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def test_no_import_cycle():
    assert _cycles(_imports(_modules())) == []


def test_the_layer_checks_can_fail():
    """The checks above see lazy imports and cycles (a check that cannot fail proves nothing)."""
    tree = ast.parse("def f():\n    from curation.run.driver import execute\n")
    graph = _imports({"curation.io.files": tree, "curation.run.driver": ast.parse("import curation.io.files\n")})
    assert graph == {"curation.io.files": {"curation.run.driver"}, "curation.run.driver": {"curation.io.files"}}
    assert _cycles(graph) == [["curation.io.files", "curation.run.driver", "curation.io.files"]]
    assert _layer("curation.run.driver") > _layer("curation.run.layout") == _layer("curation.core.view")
    assert _layer("curation.recipe.load") > _layer("curation.stages.registry") > _layer("curation.recipe.model")


CAPABILITIES = {"prepare", "path_params", "always_prepare", "side_records", "bad_records", "stage_name",
                "log_skip_summary", "train"}


def test_no_getattr_probing_of_stage_capabilities():
    """What a stage can do is its type (``curation.core.stage``), not an attribute the driver probes for."""
    found = []
    for name, tree in _modules().items():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr")
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value in CAPABILITIES):
                found.append((name, node.lineno, node.args[1].value))
    assert found == []


def test_every_named_stage_declares_its_contract():
    from curation.core.stage import PreparedStage, WholeRunStage
    from curation.dedup.stages import GLOBAL_STAGES
    from curation.stages.registry import STAGES, import_block

    for name, definition in STAGES.items():
        cls = import_block(definition.block)
        assert issubclass(cls, PreparedStage) == ("prepare" in vars(cls)), name
    for name, cls in GLOBAL_STAGES.items():
        assert issubclass(cls, WholeRunStage), name
        assert cls(name).params == cls.Params()


def test_read_parquet_gives_the_same_table_from_a_path_and_from_fsspec(tmp_path):
    """Local files are read by path (no Python file object for arrow's IO threads to release at exit:
    ``curate verify`` aborted 7 times in 30 under load before), other storage through fsspec."""
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    from curation.io.files import read_parquet

    table = pa.table({"id": [f"d{i}" for i in range(2_000)], "token_count": list(range(2_000))})
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=300)
    with fsspec.open("memory://contracts/t.parquet", "wb") as fh:
        pq.write_table(table, fh, row_group_size=300)
    assert read_parquet(str(tmp_path / "t.parquet")).equals(table)
    assert read_parquet("memory://contracts/t.parquet").equals(table)
    assert read_parquet(str(tmp_path / "t.parquet"), columns=["id"]).column_names == ["id"]


def test_a_built_step_is_the_block_itself_named_by_its_recipe_entry():
    """The unit runner names a stage by its recipe entry; nothing is set on the block (issue 15)."""
    from curation.recipe.model import StageSpec
    from curation.stages.registry import build_stage

    step = build_stage(StageSpec(name="c4_web", block="curation.filters.c4.C4Quality", params={"sources": ["web"]}))
    assert "stage_name" not in vars(step)
