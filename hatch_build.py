"""Build hooks: the wheel's version, and the student exercise files inside the wheel.

The version is ``mnist_tutorial._version.source_version``: the base version plus a hash
of the library's and the checks' sources, so any change gives a new version.


The files are copied from ``exercises/`` (chosen by
``mnist_tutorial.exercise_files.student_files``: no solutions) into the wheel as
``mnist_tutorial/exercises_bundle/``, so ``mnist-tutorial exercises DIR`` works from an
installed wheel and nothing is kept twice in git. Editable installs read ``exercises/``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface


def _load(root: Path, name: str):
    spec = importlib.util.spec_from_file_location(
        f"_{name}", root / "mnist_tutorial" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class SourceVersionHook(MetadataHookInterface):
    PLUGIN_NAME = "custom"

    def update(self, metadata: dict) -> None:
        metadata["version"] = _load(Path(self.root), "_version").source_version(self.root)


class ExerciseFilesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        module = _load(root, "exercise_files")
        for path in module.student_files(root / "exercises"):
            target = f"mnist_tutorial/exercises_bundle/{path.name}"
            build_data["force_include"][str(path)] = target
