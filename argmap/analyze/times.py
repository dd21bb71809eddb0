"""When each claim was made: its `at:` as a moment in UTC, the rule for claims without one, the
order in which the claims arrived, and the debate as it stood at a moment (docs/analysis.md).

A claim with `at:` was made then (a date alone: that day's 00:00 UTC). A claim without one counts
as made as soon as it could have been: when the latest of the claims it answers was made (so a
rebuttal added by hand appears with what it rebuts); one that answers nothing counts as there from
the start. Claims made at the same moment come in the order of the file, except that a claim with
no time of its own comes after the claims whose moment it takes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from argmap.errors import ArgmapError
from argmap.fileformat import TIME_RE
from argmap.model import Debate

# A date alone: in `at:`, that day (`is_date`); as `--as-of` reads it, the end of that day.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
END_OF_DAY = timedelta(days=1, microseconds=-1)


def moment(at: str) -> datetime:
    """The moment an `at:` names, in UTC; a date alone is that day's 00:00 UTC. `ValueError`
    for text that is not one (the loader lets no such `at:` through).

    >>> moment("2023-07-14T11:30+02:00"), moment("2023-07-14")
    (datetime.datetime(2023, 7, 14, 9, 30, tzinfo=datetime.timezone.utc), \
datetime.datetime(2023, 7, 14, 0, 0, tzinfo=datetime.timezone.utc))
    """
    if TIME_RE.fullmatch(at) is None:
        raise ValueError(f"{at!r} is not a date or a date and time with a time zone")
    found = datetime.fromisoformat(at.upper())
    if found.tzinfo is None:  # a date alone
        found = found.replace(tzinfo=UTC)
    return found.astimezone(UTC)


def is_date(at: str) -> bool:
    """Whether an `at:` (one the loader lets through) is a date alone, with no time of day.

    >>> is_date("2023-07-14"), is_date("2023-07-14T11:30Z")
    (True, False)
    """
    return _DATE.fullmatch(at) is not None


def parse_as_of(text: str) -> datetime:
    """The moment `--as-of TIME` names: ISO 8601 with a time zone, in UTC; a date alone is the
    end of that day, UTC (everything said that day). `ValueError` with a message otherwise.

    >>> parse_as_of("2023-07-14").isoformat()
    '2023-07-14T23:59:59.999999+00:00'
    """
    text = text.strip()
    if TIME_RE.fullmatch(text) is None:
        raise ValueError(
            f"{text!r} is not a time: give a date (2023-07-14, the end of that day, UTC) or a "
            "date and time with its time zone (2023-07-14T09:30:00Z, 2023-07-14T11:30+02:00)"
        )
    try:
        found = moment(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date that exists") from None
    return found + END_OF_DAY if _DATE.fullmatch(text) else found


def iso(when: datetime) -> str:
    """A moment in ISO 8601, in UTC, with `Z`: how argmap writes the moments it works out.

    >>> iso(moment("2023-07-14T11:30+02:00"))
    '2023-07-14T09:30:00Z'
    """
    when = when.astimezone(UTC)
    fraction = f".{when.microsecond:06d}" if when.microsecond else ""
    return when.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def shown(when: datetime) -> str:
    """The moment of `--as-of` as argmap says it: `iso`, but the end of a day as that date.

    >>> shown(parse_as_of("2023-07-14")), shown(parse_as_of("2023-07-14T11:30+02:00"))
    ('2023-07-14, end of day UTC', '2023-07-14T09:30:00Z')
    """
    when = when.astimezone(UTC)
    if when.time() == (datetime.min + END_OF_DAY).time():
        return f"{when.date().isoformat()}, end of day UTC"
    return iso(when)


class NoTimesError(ArgmapError):
    """A debate in which no claim has a time: there is nothing to go back to or replay."""

    def __init__(self, debate: Debate) -> None:
        self.hint: str | None = (
            "a thread imported from its site's JSON (`argmap import reddit|lemmy|hn|discourse|"
            "mastodon`) gives each claim the time it was posted; or write `at:` on the claims"
        )
        super().__init__(f"no claim in {debate.file} has a time (`at:`), so it has no history")


@dataclass(frozen=True, slots=True)
class Arrival:
    """When a claim counts as made: `at` (None: from the start), whether that is its own
    `at:` (`timed`) or the rule for claims without one, and whether it is a date alone (`day`:
    the day is known, not the hour; `at` is then that day's 00:00 UTC)."""

    at: datetime | None
    timed: bool
    day: bool = False


def arrivals(debate: Debate) -> dict[str, Arrival]:
    """When each claim counts as made, in the order the claims arrived (see the module).

    >>> from argmap import loads
    >>> d = loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, at: 2023-07-14}\\n"
    ...           "  c: {text: C, rebuts: b}\\n  d: {text: D, at: '2023-07-13T10:00Z'}\\n")
    >>> [(c, a.at and a.at.isoformat(), a.timed, a.day) for c, a in arrivals(d).items()]
    [('a', None, False, False), ('d', '2023-07-13T10:00:00+00:00', True, False), \
('b', '2023-07-14T00:00:00+00:00', True, True), ('c', '2023-07-14T00:00:00+00:00', False, True)]
    """
    claims = debate.claims
    own = {c.id: moment(c.at) for c in claims.values() if c.at is not None}
    days = {c.id for c in claims.values() if c.at is not None and is_date(c.at)}
    taken: dict[str, datetime] = {}
    taken_from: dict[str, str] = {}
    answered_by: dict[str, list[str]] = {c: [] for c in claims}
    for r in debate.relations:
        if r.target in answered_by and r.source in claims:
            answered_by[r.target].append(r.source)
    # Latest first: an untimed claim takes the moment of the first timed claim it reaches
    # through untimed claims, which is then the latest it reaches. Each is reached once.
    for start in sorted(own, key=own.__getitem__, reverse=True):
        stack = [start]
        while stack:
            for c in answered_by[stack.pop()]:
                if c not in own and c not in taken:
                    taken[c] = own[start]
                    taken_from[c] = start
                    stack.append(c)
    order = {c: i for i, c in enumerate(claims)}
    never = datetime.min.replace(tzinfo=UTC)

    def key(c: str) -> tuple[datetime, bool, int]:
        return (own.get(c) or taken.get(c) or never, c not in own, order[c])

    return {
        c: Arrival(own.get(c) or taken.get(c), c in own, taken_from.get(c, c) in days)
        for c in sorted(claims, key=key)
    }


def untimed(debate: Debate) -> int:
    """How many claims have no `at:`."""
    return sum(c.at is None for c in debate.claims.values())


def as_of(debate: Debate, when: datetime, made: Mapping[str, Arrival] | None = None) -> Debate:
    """The debate as it stood at `when`: the claims made by then (see `arrivals`), the relations
    among them, the sources and speakers they name (and those no claim names), without its
    `expect:` (which is about the whole debate); its title says the moment. `NoTimesError` when
    no claim has a time.

    >>> from argmap import loads
    >>> d = loads("title: T\\nclaims:\\n  a: {text: A, at: 2023-07-14}\\n"
    ...           "  b: {text: B, rebuts: a, at: 2023-07-15}\\n")
    >>> past = as_of(d, parse_as_of("2023-07-14"))
    >>> past.title, list(past.claims), past.relations
    ('T (as of 2023-07-14, end of day UTC)', ['a'], ())
    """
    if untimed(debate) == len(debate.claims):
        raise NoTimesError(debate)
    made = arrivals(debate) if made is None else made
    kept = {c for c, a in made.items() if a.at is None or a.at <= when}
    claims = {
        c.id: c if c.parent is None or c.parent in kept else replace(c, parent=None)
        for c in debate.claims.values()
        if c.id in kept
    }
    cited = {cite.source for c in debate.claims.values() for cite in c.cites}
    cited_now = {cite.source for c in claims.values() for cite in c.cites}
    speaking = {c.by for c in debate.claims.values()}
    speaking_now = {c.by for c in claims.values()}
    return Debate(
        title=f"{debate.title} (as of {shown(when)})",
        claims=claims,
        relations=tuple(r for r in debate.relations if r.source in kept and r.target in kept),
        sources={k: s for k, s in debate.sources.items() if k in cited_now or k not in cited},
        speakers={
            k: s for k, s in debate.speakers.items() if k in speaking_now or k not in speaking
        },
        url=debate.url,
        date=debate.date,
        note=debate.note,
        file=debate.file,
        diagnostics=debate.diagnostics,
    )
