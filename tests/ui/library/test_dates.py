from ui.library.dates import display_date, display_datetime


def test_display_datetime_shows_time_only_when_the_source_had_one() -> None:
    assert display_datetime("2025-12-08T17:49:00") == "8 December 2025, 17:49"
    assert display_datetime("2026-03-14T00:00:00") == "14 March 2026"
    assert display_datetime("2026-03-14") == "14 March 2026"
    assert display_datetime("2026-03-14T00:00:00+02:00") == "14 March 2026, 00:00"
    assert display_datetime(None) == "" and display_datetime("garbage") == "garbage"
    assert display_date("2025-12-08T17:49:00") == "8 Dec 2025"
