"""Wheel build hook: ship the student exercise files inside the wheel.

The files are copied from ``exercises/`` (chosen by
``mnist_tutorial.exercise_files.student_files``: no solutions) into the wheel as
``mnist_tutorial/exercises_bundle/``, so ``mnist-tutorial exercises DIR`` works from an
installed wheel and nothing is kept twice in git. Editable installs read ``exercises/``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ExerciseFilesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location(
            "_exercise_files", root / "mnist_tutorial" / "exercise_files.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for path in module.student_files(root / "exercises"):
            target = f"mnist_tutorial/exercises_bundle/{path.name}"
            build_data["force_include"][str(path)] = target
