"""The tuning module is the one place for the importers' chosen rules: every rule it names is
a real switch in the code, carries its out-of-fold figure, and can be turned off for the
ablation benchmark without leaking into the next import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.importers import tuning
from core.importers.dispatch import import_bytes
from tests.conftest import ROOT

IMPORTERS = ROOT / "core" / "importers"


def _switches_in_code() -> set[str]:
    found = set()
    for path in IMPORTERS.glob("*.py"):
        if path.name != "tuning.py":
            found |= set(re.findall(r'\bon\("([a-z]+\.[a-z_]+)"\)', path.read_text("utf-8")))
    # html_page lists its preparation steps by name in a table
    page = (IMPORTERS / "html_page.py").read_text("utf-8")
    found |= set(re.findall(r'\("(html\.[a-z_]+)",', page))
    return found


def test_every_rule_is_a_switch_in_the_code_and_every_switch_a_rule() -> None:
    assert _switches_in_code() == set(tuning.RULES)


def test_every_rule_says_what_it_does_and_what_kept_it() -> None:
    for name, rule in tuning.RULES.items():
        assert rule.does, name
        assert rule.figure.startswith("OOF +"), f"{name}: {rule.figure!r}"


def test_without_turns_a_rule_off_only_inside_the_block() -> None:
    assert tuning.on("title.subject")
    with tuning.without("title.subject", "text.bullets"):
        assert not tuning.on("title.subject") and not tuning.on("text.bullets")
        assert tuning.on("text.barriers")
    assert tuning.on("title.subject") and tuning.on("text.bullets")


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(KeyError), tuning.without("text.no_such_rule"):
        pass


def test_a_rule_turned_off_changes_the_import() -> None:
    """The switch is wired: bullets scored as prose keep a list of typed items in the body."""
    items = "\n\n".join(
        f"- The {what} terminal reopened on Monday"
        for what in ("north", "south", "east", "west", "grain", "coal")
    )
    intro = (
        "The port authority said several terminals reopened this week after a month of "
        "repairs, and that shipping agents expected traffic to recover before the spring."
    )
    text = f"Menu\n\nNews\n\nTerminals reopen\n\n{intro}\n\n{items}\n\n© 2026 Example Gazette\n"
    data = text.encode()
    with_bullets = import_bytes(data, name="p.txt", suffix=".txt").text
    with tuning.without("text.bullets"):
        without = import_bytes(data, name="p.txt", suffix=".txt").text
    assert "grain terminal" in with_bullets
    assert with_bullets != without


def test_weights_are_plain_numbers(tmp_path: Path) -> None:
    for name in dir(tuning):
        if name.isupper() and name != "RULES":
            value = getattr(tuning, name)
            assert isinstance(value, int | float | tuple), name
