"""Times as a person writes and reads them: when to publish (`--at`), how late is too
late (`--grace`), the computer's time zone, and "Tue 07:30 (in 3 h)".

Pure functions of their arguments (the time now and the zone are given), so the
tests inject the clock; only `local_zone` looks at the system.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from threadsmith.errors import InputError

_RELATIVE = re.compile(r"^\+\s*((?:\d+(?:\.\d+)?\s*[smhd]\s*)+)$", re.IGNORECASE)
_DURATION = re.compile(r"^((?:\d+(?:\.\d+)?\s*[smhd]\s*)+)$", re.IGNORECASE)
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_CLOCK = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
_DAY_WORDS = {"today": 0, "tomorrow": 1}
MAX_AHEAD = timedelta(days=3653)  # ten years: a time further away is refused as a typo
EXAMPLES = '"2026-12-01 07:30", "tomorrow 07:30", "07:30", "+2h" or "2026-12-01T07:30+00:00"'


def local_zone() -> tzinfo:
    """The computer's time zone with its daylight-saving rules: `TZ`, else
    /etc/localtime; a fixed offset (today's) only where neither can be read."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a POSIX rule string ("GMT0BST,M3.5.0/1,M10.5.0"): the C library knows it
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key=_localtime_key())
    except (OSError, ValueError):
        fixed = datetime.now().astimezone().tzinfo
        assert fixed is not None
        return fixed


def _localtime_key() -> str | None:
    """The zone's name ("Europe/London") from where /etc/localtime points, if it says."""
    target = str(Path("/etc/localtime").resolve())
    _, found, key = target.partition("zoneinfo/")
    return key if found and key else None


def zone_named(name: str) -> ZoneInfo:
    """The IANA time zone `name` ("Europe/London"), or an `InputError` saying so."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"unknown time zone {name!r}: give its IANA name, e.g. Europe/London or "
            "America/New_York"
        ) from None


def zone_label(zone: tzinfo, at: datetime) -> str:
    """ "Europe/London (GMT)": the zone's name and its abbreviation at `at`."""
    short = at.astimezone(zone).tzname() or ""
    key = getattr(zone, "key", None)
    return f"{key} ({short})" if key and key != short else short or "local time"


def parse_at(text: str, now: datetime, zone: tzinfo) -> datetime:
    """When `text` says, as an aware datetime: "2026-12-01 07:30" (in `zone`), an ISO
    time with an offset ("2026-12-01T07:30+01:00", "…Z"), "tomorrow 07:30", "today
    18:00", "07:30" (today), or "+2h" / "+90m" / "+1h30m" / "+45s" (from `now`).
    Raises `InputError` for anything else, for a time already past, and for one more
    than `MAX_AHEAD` away (a typo, not a plan)."""
    said = " ".join(text.split())
    if not said:
        raise InputError(f"say when: e.g. {EXAMPLES}")
    relative = _RELATIVE.match(said)
    try:
        if relative:
            seconds = _seconds(relative.group(1))
            if seconds > MAX_AHEAD.total_seconds():
                raise OverflowError
            when = now + timedelta(seconds=seconds)
        else:
            when = _absolute(said, now, zone)
        if when < now:
            raise InputError(
                f"{said!r} is in the past ({_shown(when, zone)}): give a time still to come"
            )
        if when - now > MAX_AHEAD:
            raise OverflowError
    except OverflowError:
        raise InputError(
            f"{said!r} is more than {MAX_AHEAD.days // 365} years away: give a nearer time"
        ) from None
    return when


def _shown(when: datetime, zone: tzinfo) -> str:
    try:
        return when.astimezone(zone).strftime("%a %d %b %Y %H:%M")
    except OverflowError:  # year 1 in a zone west of its offset
        return when.isoformat(" ", "minutes")


def _absolute(said: str, now: datetime, zone: tzinfo) -> datetime:
    words = said.lower().split(" ")
    if words[0] in _DAY_WORDS and len(words) == 2:
        day = now.astimezone(zone).date() + timedelta(days=_DAY_WORDS[words[0]])
        return _localise(datetime.combine(day, _clock(words[1], said)), zone)
    if len(words) == 1 and _CLOCK.match(words[0]):
        return _localise(
            datetime.combine(now.astimezone(zone).date(), _clock(words[0], said)), zone
        )
    try:
        parsed = datetime.fromisoformat(said)
    except ValueError:
        raise InputError(f"cannot read {said!r} as a time: use {EXAMPLES}") from None
    if parsed.tzinfo is not None:
        return parsed
    if len(said) <= len("2026-12-01"):
        raise InputError(f"{said!r} has no time of day: add one, e.g. '{said} 07:30'")
    return _localise(parsed, zone)


def _clock(word: str, said: str) -> time:
    match = _CLOCK.match(word)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InputError(f"cannot read the time of day in {said!r}: write it as 07:30")
    return time(int(match.group(1)), int(match.group(2)))


def _localise(naive: datetime, zone: tzinfo) -> datetime:
    """`naive` as a wall-clock time in `zone`; one that the clocks skip or show twice (a
    daylight-saving change) is refused rather than guessed."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    shown = naive.strftime("%d %b %Y %H:%M")
    name = zone_label(zone, first)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise InputError(f"{shown} does not exist in {name}: the clocks go forward then")
    offset = first.strftime("%z")
    raise InputError(
        f"{shown} happens twice in {name} (the clocks go back): give the offset, e.g. "
        f"{naive.strftime('%Y-%m-%dT%H:%M')}{offset[:3]}:{offset[3:]}"
    )


def parse_duration(text: str) -> float:
    """Seconds in "90s", "30m", "2h", "1h30m" or "1d"; a bare number is minutes."""
    said = text.strip()
    if said.isdigit():
        return int(said) * 60.0
    if not _DURATION.match(said):
        raise InputError(f"cannot read {text!r} as a length of time: e.g. 90s, 30m, 2h")
    return _seconds(said)


def _seconds(text: str) -> float:
    return sum(float(number) * _UNIT[unit.lower()] for number, unit in _PART.findall(text))


def span(seconds: float) -> str:
    """A length of time in words a glance can take: "45 s", "25 min", "3 h", "4 days"."""
    seconds = abs(seconds)
    if seconds < 120:  # "90 s" rather than a rounded "2 min"
        return f"{int(seconds)} s"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 3 * 3600:  # "2 h 5 min": close enough to care about the minutes
        hours, minutes = divmod(round(seconds / 60), 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if seconds < 48 * 3600:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400)} days"


def relative(due: float, now: float) -> str:
    """ "in 3 h", or "3 h ago"."""
    return f"in {span(due - now)}" if due >= now else f"{span(now - due)} ago"


def last_edit(stamp: float, now: float) -> str:
    """When a draft was last edited, as the library shows it: "just now", "5 min ago",
    "3 h ago", else the day ("24 Nov 2026")."""
    age = now - stamp
    if age < 60:
        return "just now"
    if age < 3600:
        return f"{int(age // 60)} min ago"
    if age < 86400:
        return f"{int(age // 3600)} h ago"
    return datetime.fromtimestamp(stamp).strftime("%d %b %Y")  # local time


def day_and_time(due: float, now: float, zone: tzinfo) -> str:
    """ "Tue 07:30": the weekday within the next six days, else "Thu 24 Dec 07:30"."""
    local = datetime.fromtimestamp(due, zone)
    today: date = datetime.fromtimestamp(now, zone).date()
    days = (local.date() - today).days
    return local.strftime("%a %H:%M") if 0 <= days < 7 else local.strftime("%a %d %b %H:%M")


def short_when(due: float, now: float, zone: tzinfo) -> str:
    """ "Tue 07:30 (in 3 h)", as the library and `thread schedule list` show it."""
    return f"{day_and_time(due, now, zone)} ({relative(due, now)})"


def zone_when(due: float, zone: tzinfo) -> str:
    """ "Tue 01 Dec 2026 07:30 GMT": the day and time in `zone`, with its abbreviation."""
    local = datetime.fromtimestamp(due, zone)
    return f"{local.strftime('%a %d %b %Y %H:%M')} {local.tzname()}"


def full_when(due: float, zone: tzinfo) -> str:
    """ "Tue 01 Dec 2026 07:30 GMT (2026-12-01 07:30 UTC)": in `zone`, then in UTC (once,
    when `zone` is UTC itself)."""
    shown = zone_when(due, zone)
    if datetime.fromtimestamp(due, zone).tzname() == "UTC":
        return shown
    return f"{shown} ({datetime.fromtimestamp(due, UTC).strftime('%Y-%m-%d %H:%M')} UTC)"
