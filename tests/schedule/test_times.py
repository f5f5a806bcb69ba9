"""When to publish, as a person writes it, with the clock and the zone given: local wall
times, zones, offsets, "tomorrow", "+2h", the past refused, daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from threadsmith.errors import InputError
from threadsmith.times import (
    full_when,
    local_zone,
    parse_at,
    parse_duration,
    relative,
    short_when,
    zone_label,
    zone_named,
)

LONDON = zone_named("Europe/London")
NEW_YORK = zone_named("America/New_York")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # a Monday; London is on GMT


@pytest.mark.parametrize(
    ("said", "zone", "expected"),
    [
        ("2026-12-01 07:30", LONDON, datetime(2026, 12, 1, 7, 30, tzinfo=UTC)),
        ("2026-12-01 07:30", NEW_YORK, datetime(2026, 12, 1, 12, 30, tzinfo=UTC)),
        ("2026-12-01T07:30:15", LONDON, datetime(2026, 12, 1, 7, 30, 15, tzinfo=UTC)),
        ("2026-12-01T07:30+01:00", NEW_YORK, datetime(2026, 12, 1, 6, 30, tzinfo=UTC)),
        ("2026-12-01T07:30Z", NEW_YORK, datetime(2026, 12, 1, 7, 30, tzinfo=UTC)),
        ("2027-07-01 07:30", LONDON, datetime(2027, 7, 1, 6, 30, tzinfo=UTC)),  # summer time
        ("tomorrow 07:30", LONDON, datetime(2026, 12, 1, 7, 30, tzinfo=UTC)),
        ("Tomorrow  7:05", NEW_YORK, datetime(2026, 12, 1, 12, 5, tzinfo=UTC)),
        ("today 18:00", LONDON, datetime(2026, 11, 30, 18, 0, tzinfo=UTC)),
        ("18:00", LONDON, datetime(2026, 11, 30, 18, 0, tzinfo=UTC)),
        ("+2h", LONDON, NOW + timedelta(hours=2)),
        ("+90m", LONDON, NOW + timedelta(minutes=90)),
        ("+1h30m", LONDON, NOW + timedelta(minutes=90)),
        ("+2s", LONDON, NOW + timedelta(seconds=2)),
        ("+1d", NEW_YORK, NOW + timedelta(days=1)),
    ],
)
def test_times_a_person_writes(said: str, zone: object, expected: datetime) -> None:
    assert parse_at(said, NOW, zone) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("said", "problem"),
    [
        ("2026-11-30 09:59", "is in the past"),
        ("09:00", "is in the past"),
        ("2026-11-29T23:00+00:00", "is in the past"),
        ("next week", "cannot read 'next week' as a time"),
        ("2026-12-01", "has no time of day"),
        ("tomorrow 25:00", "cannot read the time of day"),
        ("2026-02-30 07:30", "cannot read"),
        ("+2 weeks", "cannot read"),
        ("", "say when"),
        ("+99999999999d", "is more than 10 years away"),
        ("+3653d 1s", "is more than 10 years away"),
        ("+3654d", "is more than 10 years away"),
        ("9999-12-31 23:59", "is more than 10 years away"),
        ("9999-12-31T23:59-12:00", "is more than 10 years away"),
        ("0001-01-01T00:00+00:00", "is in the past"),
        ("0001-01-01T00:00+14:00", "is in the past"),
        ("0001-01-01 00:00", "is in the past"),
    ],
)
def test_what_cannot_be_a_time_to_come_is_one_line(said: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        parse_at(said, NOW, LONDON)
    assert "\n" not in str(caught.value)


def test_a_time_the_clocks_skip_or_show_twice_is_refused_not_guessed() -> None:
    spring = datetime(2027, 3, 1, tzinfo=UTC)
    with pytest.raises(InputError, match="does not exist in Europe/London"):
        parse_at("2027-03-28 01:30", spring, LONDON)  # the clocks go 01:00 -> 02:00
    with pytest.raises(InputError, match=r"happens twice .* 2026-10-25T01:30\+01:00"):
        parse_at("2026-10-25 01:30", datetime(2026, 10, 1, tzinfo=UTC), LONDON)


def test_an_unknown_zone_names_the_fix() -> None:
    with pytest.raises(InputError, match="unknown time zone 'Europe/Londres'"):
        zone_named("Europe/Londres")


@pytest.mark.parametrize(
    ("said", "seconds"), [("90s", 90), ("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("45", 2700)]
)
def test_grace_periods(said: str, seconds: float) -> None:
    assert parse_duration(said) == seconds


def test_a_grace_that_is_not_a_length_of_time() -> None:
    with pytest.raises(InputError, match=r"e\.g\. 90s, 30m, 2h"):
        parse_duration("half an hour")


def test_when_shown_in_the_library_and_the_list() -> None:
    now = NOW.timestamp()
    soon = datetime(2026, 11, 30, 13, 0, tzinfo=UTC).timestamp()
    assert short_when(soon, now, LONDON) == "Mon 13:00 (in 3 h)"
    tuesday = datetime(2026, 12, 1, 7, 30, tzinfo=UTC).timestamp()
    assert short_when(tuesday, now, LONDON) == "Tue 07:30 (in 22 h)"
    later = datetime(2026, 12, 24, 7, 30, tzinfo=UTC).timestamp()
    assert short_when(later, now, LONDON) == "Thu 24 Dec 07:30 (in 24 days)"
    assert relative(now - 150, now) == "2 min ago"
    assert relative(now + 7500, now) == "in 2 h 5 min"
    assert full_when(tuesday, NEW_YORK) == "Tue 01 Dec 2026 02:30 EST (2026-12-01 07:30 UTC)"
    assert zone_label(LONDON, NOW) == "Europe/London (GMT)"
    assert full_when(tuesday, zone_named("UTC")) == "Tue 01 Dec 2026 07:30 UTC"  # UTC said once


def test_the_local_zone_follows_tz_with_its_daylight_saving_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    zone = local_zone()
    assert datetime(2027, 7, 1, 12, tzinfo=zone).utcoffset() == timedelta(hours=1)
    assert datetime(2027, 1, 1, 12, tzinfo=zone).utcoffset() == timedelta(0)
    monkeypatch.delenv("TZ")
    assert local_zone().utcoffset(datetime(2027, 1, 1)) is not None  # /etc/localtime, or today's
