"""Score every document's educational value with a classifier; optionally keep the best.

``classifier`` is a classifier folder (``classifiers/<name>`` with ``model.json``, a linear head on
wordllama embeddings, or ``model.bin``, fastText) or a model file; ``classifiers`` maps languages to
folders (key ``default`` for the rest). At run start each model is copied with its card into
``RUN_DIR/models/<name>/`` (listed in the manifest) and checked against the card: a model that is not
the one its card describes is refused there, before any document is read. With ``train: true`` the
run instead trains each folder's ``recipe.yaml`` into ``RUN_DIR/models/<name>/`` (same seed, same
model: never a hard-coded score) and scores with that model. ``RUN_DIR`` may be any fsspec URL
(``s3://bucket/run``): models are written there through ``io.files`` and read back from there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.core.stage import Prepared, PreparedStage
from curation.classify.model import load_model
from curation.io.files import copy, file_digest, is_remote, join
from curation.run.layout import model_rel


class EduScore(BaseFilter, PreparedStage):
    """Sets ``edu_score`` (float) and ``edu_label`` (int); drops documents below the threshold
    (the classifier card's unless ``threshold`` is given) when ``drop`` is true.

    ``trained_languages`` (model path -> languages) and ``model_sha256`` (model path -> its sha256, so
    that a worker fetches a model in a remote run folder once) are filled at run start; a recipe need
    not give them."""

    name = "edu"
    type = "🔻 - FILTER"
    path_params = ("classifier", "classifiers")
    always_prepare = True  # check (and copy) the committed model at run start

    def __init__(
        self,
        classifier: str | None = None,
        classifiers: dict[str, str] | None = None,
        threshold: float | None = None,
        drop: bool = True,
        train: bool = False,
        batch_size: int = 512,
        trained_languages: dict[str, list[str]] | None = None,
        model_sha256: dict[str, str] | None = None,
    ) -> None:
        super().__init__(batch_size=batch_size)
        if not classifier and not classifiers:
            raise ValueError("edu: give `classifier` (a classifier folder or model file) or `classifiers` per language")
        self.by_language = dict(classifiers or {})
        if classifier:
            self.by_language.setdefault("default", classifier)
        self.threshold = threshold
        self.drop = drop
        self.train = train
        # model path -> its training languages; set at run start by ``prepare``, else read lazily
        self.trained_languages = {k: set(v) for k, v in (trained_languages or {}).items()}
        self.model_sha256 = dict(model_sha256 or {})  # model path -> sha256, set at run start

    def _languages_of(self, path: str) -> set[str]:
        if path not in self.trained_languages:
            from curation.classify.model import model_file, read_card
            from curation.classify.recipe import trained_languages

            model = path if is_remote(path) else str(model_file(path))  # Path() would fold "s3://" to "s3:/"
            self.trained_languages[path] = set(trained_languages(model, read_card(model)))
        return self.trained_languages[path]

    def _model_path(self, language: str | None) -> str | None:
        return self.by_language.get(language or "") or self.by_language.get("default")

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        results: list[bool | tuple[bool, str]] = [True] * len(batch)
        groups: dict[str, list[int]] = {}
        for i, doc in enumerate(batch):
            path = self._model_path(doc.metadata.get("language"))
            if path is None:
                self.stat_update("no_classifier_for_language")
                continue
            groups.setdefault(path, []).append(i)
        for path, idx in groups.items():
            known = self._languages_of(path)
            for i in idx:
                language = batch[i].metadata.get("language") or "unknown"
                if language not in known:
                    self.stat_update("scored_untrained_language", f"scored_untrained_language:{language}")
            model = load_model(path, self.model_sha256.get(path))
            scores, labels = model.score([batch[i].text for i in idx])
            keep = model.keep(scores, labels, self.threshold)
            for i, s, lab, k in zip(idx, scores, labels, keep):
                batch[i].metadata["edu_score"] = round(float(s), 6)
                batch[i].metadata["edu_label"] = int(lab)
                if self.drop and not k:
                    results[i] = (False, "edu_below_threshold")
        return results

    @staticmethod
    def prepare(params: dict[str, Any], run_dir: str) -> Prepared:
        """Train (``train: true``) or copy and check the classifiers named by ``params`` into
        ``run_dir/models`` (local or any fsspec URL). Returns the parameters to score with (pointing
        there, with each model's sha256 so that a worker fetches a remote model once) and the models."""
        folders = {k: v for k, v in (params.get("classifiers") or {}).items()}
        if params.get("classifier"):
            folders.setdefault("default", params["classifier"])
        done: dict[str, str] = {}
        models, languages, digests = [], {}, {}
        for lang, folder in sorted(folders.items()):
            if folder not in done:
                name, file, card, trained_on, sha = (_train if params.get("train") else _copy_checked)(folder, run_dir)
                done[folder] = join(run_dir, model_rel(name, file))
                models.append({"name": name, "path": model_rel(name, file), "card": card, "languages": trained_on})
                languages[done[folder]] = trained_on
                digests[done[folder]] = sha
            folders[lang] = done[folder]
        new = {k: v for k, v in params.items() if k not in ("classifier", "classifiers", "train")}
        new["classifiers"] = folders
        new["trained_languages"] = languages
        new["model_sha256"] = digests
        return Prepared(new, models)


def _train(folder: str, run_dir: str) -> tuple[str, str, dict[str, Any], list[str], str]:
    from curation.classify.recipe import load_classifier_recipe
    from curation.classify.train import train

    recipe = load_classifier_recipe(Path(folder) / "recipe.yaml")
    card = train(recipe, join(run_dir, model_rel(recipe.name)))
    return recipe.name, card["model"]["file"], card, list(recipe.languages), card["model"]["sha256"]


def _copy_checked(folder: str, run_dir: str) -> tuple[str, str, dict[str, Any], list[str], str]:
    """Check a committed model against its card, then copy both into the run (local or any fsspec URL)."""
    from curation.classify.model import model_file, read_card
    from curation.classify.recipe import trained_languages

    src = model_file(folder)
    if not src.is_file():
        raise FileNotFoundError(f"{src}: classifier model not found (train it: curate classifier train {src.parent})")
    load_model(src)  # refuses a model that is not the one its card describes, naming both files
    card = read_card(src) or {}
    name = card.get("name") or src.parent.name
    out = join(run_dir, model_rel(name))
    copy(str(src), join(out, src.name))
    if src.with_name("card.json").is_file():
        copy(str(src.with_name("card.json")), join(out, "card.json"))
    return name, src.name, card, trained_languages(src, card), file_digest(join(out, src.name))[1]
