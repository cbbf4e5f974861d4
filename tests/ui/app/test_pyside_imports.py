"""PySide's import hook reads module files as bytes (ui.app.pyside_imports) and gives the same
answers as its own reading through inspect."""

from __future__ import annotations

import importlib
import sys

import PySide6.QtCore  # noqa: F401  (loads shibokensupport.feature)
import pytest

from ui.app.pyside_imports import read_sources_quickly

MODULES = (
    "ui.shell.main_window",  # uses PySide6
    "ui.app.pyside_imports",  # names it only in its docstring: still counts, as for PySide
    "storage.library",  # does not
    "json",  # a package of the standard library
    "sys",  # built in: no file
    "_sqlite3",  # an extension: no source
)


@pytest.fixture
def feature(monkeypatch: pytest.MonkeyPatch):
    module = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(module, "_mod_uses_pyside", module._mod_uses_pyside)  # put back after
    return module


def test_the_bytes_give_pysides_own_answers(feature) -> None:
    own = feature._mod_uses_pyside
    expected = {name: own(importlib.import_module(name)) for name in MODULES}
    assert expected["ui.shell.main_window"] and not expected["storage.library"]
    read_sources_quickly()
    assert feature._mod_uses_pyside is not own
    assert {name: feature._mod_uses_pyside(sys.modules[name]) for name in MODULES} == expected


def test_replaced_once_and_left_alone_without_pysides_function(feature, monkeypatch) -> None:
    read_sources_quickly()
    replaced = feature._mod_uses_pyside
    read_sources_quickly()
    assert feature._mod_uses_pyside is replaced
    monkeypatch.delattr(feature, "_mod_uses_pyside")
    read_sources_quickly()  # a PySide without it: nothing to do, nothing raised
    assert not hasattr(feature, "_mod_uses_pyside")
