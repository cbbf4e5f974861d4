"""Shared by the packaging tests: the repository root and packaging/freeze_rules loaded by path
(packaging/ is not a Python package: it would shadow the `packaging` library)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_freeze_rules() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "freeze_rules", ROOT / "packaging" / "freeze_rules.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def in_source_tree(module: str) -> bool:
    """Whether a first-party module exists in this checkout (as a file or a package)."""
    base = ROOT.joinpath(*module.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()
