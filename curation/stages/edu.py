"""Score every document's educational value with a fastText classifier; optionally keep the best.

``classifier`` is a classifier folder (``classifiers/<name>`` with ``model.bin``) or a model file;
``classifiers`` maps languages to folders (key ``default`` for the rest). With ``train: true`` the run
first trains each folder's ``recipe.yaml`` into ``RUN_DIR/models/<name>/`` (same seed, same model:
never a hard-coded score) and scores with that model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.classify.model import load_model


class EduScore(BaseFilter):
    """Sets ``edu_score`` (float) and ``edu_label`` (int); drops documents below the threshold
    (the classifier card's unless ``threshold`` is given) when ``drop`` is true."""

    name = "edu"
    type = "🔻 - FILTER"
    path_params = ("classifier", "classifiers")

    def __init__(
        self,
        classifier: str | None = None,
        classifiers: dict[str, str] | None = None,
        threshold: float | None = None,
        drop: bool = True,
        train: bool = False,
        batch_size: int = 512,
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
            model = load_model(path)
            scores, labels = model.score([batch[i].text for i in idx])
            keep = model.keep(scores, labels, self.threshold)
            for i, s, lab, k in zip(idx, scores, labels, keep):
                batch[i].metadata["edu_score"] = round(float(s), 6)
                batch[i].metadata["edu_label"] = int(lab)
                if self.drop and not k:
                    results[i] = (False, "edu_below_threshold")
        return results

    @staticmethod
    def prepare(params: dict[str, Any], run_dir: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Train the classifiers named by ``params`` into ``run_dir/models`` when ``train`` is set.

        Returns the parameters to score with (pointing at the trained models) and what was trained."""
        if not params.get("train"):
            return params, []
        from curation.classify.recipe import load_classifier_recipe
        from curation.classify.train import train

        folders = {k: v for k, v in (params.get("classifiers") or {}).items()}
        if params.get("classifier"):
            folders.setdefault("default", params["classifier"])
        trained: dict[str, str] = {}
        models = []
        for lang, folder in sorted(folders.items()):
            if folder not in trained:
                recipe = load_classifier_recipe(Path(folder) / "recipe.yaml")
                out = Path(run_dir) / "models" / recipe.name
                card = train(recipe, out)
                trained[folder] = str(out / "model.bin")
                models.append({"name": recipe.name, "path": f"models/{recipe.name}/model.bin", "card": card})
            folders[lang] = trained[folder]
        new = {k: v for k, v in params.items() if k not in ("classifier", "classifiers", "train")}
        new["classifiers"] = folders
        return new, models
