"""The learned title ranking: it ships, it is read safely, and it finds a headline the hand
score missed (a page that dates its article above the headline)."""

from __future__ import annotations

import json

from core.importers import title_model
from core.importers.dispatch import import_bytes

BODY = [
    "The harbour authority said on Monday that grain shipments through the northern "
    "terminal had doubled since the spring, as new cranes were put into service.",
    "Shipping agents said the increase reflected a backlog of orders from the winter rather "
    "than a lasting recovery, and warned that storage at the quay was running short.",
    "Traders pointed to two obstacles: slow customs clearance and electricity shortages that "
    "limit the hours the terminal's cranes can operate each day.",
]


def _page(head: list[str]) -> bytes:
    menu = ["Home", "News", "Business", "Sport", "Search"]
    footer = ["Share", "Print", "© 2026 Example Gazette. All rights reserved."]
    return "\n\n".join([*menu, *head, *BODY, *footer]).encode()


def test_the_shipped_model_is_read_and_fits_the_features() -> None:
    model = title_model.shipped()
    assert model is not None and len(model.weights) == len(title_model.FEATURES)


def test_a_model_fitted_on_other_features_is_refused() -> None:
    stale = json.dumps({"features": ["words"], "weights": [1.0]})
    try:
        title_model.TitleModel.from_json(stale)
    except ValueError:
        return
    raise AssertionError("a stale model was accepted")


def test_a_headline_under_its_date_is_found() -> None:
    headline = "Grain shipments double at the northern harbour terminal"
    head = ["BUSINESS", "30 November 2026", headline, "By Jane Roe"]
    article = import_bytes(_page(head), name="p.txt", suffix=".txt")
    assert article.title == headline
    assert article.published is not None and article.published.day == 30
    assert article.text.startswith("The harbour authority said on Monday")


def test_without_a_model_the_hand_score_still_chooses() -> None:
    headline = "Grain shipments double at the northern harbour terminal"
    head = ["BUSINESS", headline, "30 November 2026"]
    with title_model.using(title_model.TitleModel((0.0,) * len(title_model.FEATURES))):
        flat = import_bytes(_page(head), name="p.txt", suffix=".txt")
    assert flat.title  # a flat model ties every candidate: the nearest one wins, no crash
    assert import_bytes(_page(head), name="p.txt", suffix=".txt").title == headline
