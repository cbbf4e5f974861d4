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


def test_without_a_model_the_hand_score_chooses() -> None:
    """The hand score alone (no model) and the model both find a plain page's headline; a
    model that weighs only the hand score chooses as the hand score does."""
    headline = "Grain shipments double at the northern harbour terminal"
    head = ["BUSINESS", headline, "30 November 2026"]
    with title_model.using(None):
        assert title_model.current() is None
        assert import_bytes(_page(head), name="p.txt", suffix=".txt").title == headline
    hand_only = (1.0,) + (0.0,) * (len(title_model.FEATURES) - 1)
    with title_model.using(title_model.TitleModel(hand_only)):
        assert import_bytes(_page(head), name="p.txt", suffix=".txt").title == headline
    assert title_model.current() is title_model.shipped()


def test_a_model_with_too_few_weights_is_refused() -> None:
    short = json.dumps({"features": list(title_model.FEATURES), "weights": [1.0]})
    try:
        title_model.TitleModel.from_json(short)
    except ValueError:
        return
    raise AssertionError("a model with too few weights was accepted")
