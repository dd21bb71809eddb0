"""The debate format, stated once: the loader checks files against it and the JSON Schema is made
from it, so the two cannot drift apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

# Ids name claims and sources; they become node names in DOT and Mermaid, so they stay plain.
ID_PATTERN = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"
ID_RE = re.compile(ID_PATTERN)
# Speaker names are free text (`FaceDeer`, `@user@instance.social`) but not blank or padded.
NAME_PATTERN = r"\S(.*\S)?"
NAME_RE = re.compile(NAME_PATTERN)


class Shape(Enum):
    TEXT = "text"  # a non-blank string
    TIME = "time"  # an ISO 8601 date, or date and time with a time zone
    COUNT = "count"  # a whole number, possibly negative
    FRACTION = "fraction"  # a number from 0 to 1
    URL = "url"  # a string; http(s) is expected
    NAME = "name"  # a speaker's name
    REFS = "refs"  # one claim id or a list of them
    TAGS = "tags"  # one tag or a list of them
    CITES = "cites"  # one citation or a list: source id, or a mapping
    CLAIMS = "claims"  # mapping id -> claim
    SOURCES = "sources"  # mapping id -> source
    SPEAKERS = "speakers"  # mapping name -> speaker details (or nothing)
    EXPECT = "expect"  # mapping outcome -> claim ids


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    shape: Shape
    help: str
    required: bool = False


DEBATE_FIELDS = (
    Field("title", Shape.TEXT, "What the debate is about, usually as a question.", required=True),
    Field("url", Shape.URL, "Where the debate took place."),
    Field("date", Shape.TEXT, "When it took place, e.g. 2023-07-14."),
    Field("note", Shape.TEXT, "Anything a reader should know about this transcription."),
    Field("speakers", Shape.SPEAKERS, "The people taking part, by name."),
    Field("sources", Shape.SOURCES, "What the claims cite, by id."),
    Field("claims", Shape.CLAIMS, "The claims, by id; replies may be nested.", required=True),
    Field("expect", Shape.EXPECT, "Outcomes worked out by hand, which `argmap check` verifies."),
)

# Each list under `expect:` names every claim with that outcome, no more and no fewer.
EXPECT_FIELDS = (
    Field("unanswered", Shape.REFS, "The claims that nothing rebuts or undercuts."),
    Field("standing", Shape.REFS, "The claims that stand."),
    Field("defeated", Shape.REFS, "The claims defeated by a standing claim."),
    Field("undecided", Shape.REFS, "The claims caught in cycles."),
)

CLAIM_FIELDS = (
    Field("text", Shape.TEXT, "What the claim says.", required=True),
    Field("by", Shape.NAME, "Who made the claim."),
    Field("rebuts", Shape.REFS, "Claim id(s) this claim argues against."),
    Field("supports", Shape.REFS, "Claim id(s) this claim gives a reason for."),
    Field("undercuts", Shape.REFS, "Claim id(s) whose reasoning (not content) this attacks."),
    Field(
        "answers",
        Shape.REFS,
        "Claim id(s) this replies to, not yet classified: no status depends on it until it "
        "becomes rebuts, supports or undercuts (`argmap label`).",
    ),
    Field("cites", Shape.CITES, "Source id(s), or inline sources {url, title, quote, locator}."),
    Field("rebuttals", Shape.CLAIMS, "Nested claims that rebut this one."),
    Field("reasons", Shape.CLAIMS, "Nested claims that support this one."),
    Field("replies", Shape.CLAIMS, "Nested replies to this one, not yet classified."),
    Field("at", Shape.TIME, "When it was said: 2023-07-14T09:30:00Z, or a date, 2023-07-14."),
    Field("url", Shape.URL, "Where it was said: the comment's permalink."),
    Field("score", Shape.COUNT, "The votes it had where it was said (a whole number)."),
    Field(
        "weight",
        Shape.FRACTION,
        "Its base score, a number from 0 to 1 (0.5 if left out): how much it counts before "
        "anything attacks or supports it, in the strengths (docs/analysis.md).",
    ),
    Field("tags", Shape.TAGS, "Labels for grouping and filtering."),
    Field("note", Shape.TEXT, "A transcriber's remark, e.g. how an ambiguity was read."),
)

# The nested sections of a claim, and the relation each nested claim has to the one above it.
NESTED_FIELDS = (("reasons", "supports"), ("rebuttals", "rebuts"), ("replies", "answers"))

# `at:`: a date, or a date and time with seconds optional and a time zone (`Z` or an offset).
TIME_PATTERN = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2}))?"
)
TIME_RE = re.compile(TIME_PATTERN)

SOURCE_FIELDS = (
    Field("title", Shape.TEXT, "The source's title or a short description."),
    Field("url", Shape.URL, "Where to find it."),
    Field("author", Shape.TEXT, "Who wrote or made it."),
    Field("date", Shape.TEXT, "When it was published."),
    Field("note", Shape.TEXT, "Anything a reader should know about it."),
)

SPEAKER_FIELDS = (
    Field("url", Shape.URL, "The speaker's profile page."),
    Field("note", Shape.TEXT, "Anything a reader should know about the speaker."),
)

# A citation written as a mapping: either `source:` naming a listed source, or an inline source.
CITATION_FIELDS = (
    Field("source", Shape.TEXT, "The id of a source listed under `sources:`."),
    *SOURCE_FIELDS,
    Field("quote", Shape.TEXT, "The passage the claim relies on."),
    Field("locator", Shape.TEXT, "Where in the source: page, section, timestamp."),
)

# Names people reach for that mean one of our fields; they sharpen the did-you-mean hints.
SYNONYMS = {
    "author": "by",
    "speaker": "by",
    "who": "by",
    "rebut": "rebuts",
    "attacks": "rebuts",
    "refutes": "rebuts",
    "support": "supports",
    "undercut": "undercuts",
    "cite": "cites",
    "citations": "cites",
    "sources": "cites",
    "reply": "replies",
    "responses": "replies",
    "parent": "answers",
    "replies_to": "answers",
    "in_reply_to": "answers",
    "time": "at",
    "timestamp": "at",
    "posted": "at",
    "date": "at",
    "votes": "score",
    "points": "score",
    "karma": "score",
    "strength": "weight",
    "base": "weight",
    "base_score": "weight",
    "permalink": "url",
    "link": "url",
    "objections": "rebuttals",
    "reason": "reasons",
    "content": "text",
    "claim": "text",
    "notes": "note",
    "comment": "note",
    "tag": "tags",
}


def field_names(fields: tuple[Field, ...]) -> list[str]:
    return [f.name for f in fields]


# --- JSON Schema --------------------------------------------------------------------------------


def _anchored(pattern: str) -> str:
    return f"^{pattern}$"


_TEXT: dict[str, Any] = {"type": "string", "pattern": r"\S"}


def _one_or_list(item: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, {"type": "array", "items": item}]}


def _shape_schema(shape: Shape) -> dict[str, Any]:
    if shape in (Shape.TEXT, Shape.URL, Shape.NAME):
        return dict(_TEXT)
    if shape is Shape.TIME:
        return {"type": "string", "pattern": _anchored(TIME_PATTERN)}
    if shape is Shape.COUNT:
        return {"type": "integer"}
    if shape is Shape.FRACTION:
        return {"type": "number", "minimum": 0, "maximum": 1}
    if shape is Shape.REFS:
        return _one_or_list(dict(_TEXT))
    if shape is Shape.TAGS:
        return _one_or_list(dict(_TEXT))
    if shape is Shape.CITES:
        return _one_or_list({"anyOf": [dict(_TEXT), {"$ref": "#/definitions/citation"}]})
    if shape is Shape.CLAIMS:
        return {
            "type": "object",
            "propertyNames": {"pattern": _anchored(ID_PATTERN)},
            "additionalProperties": {"$ref": "#/definitions/claim"},
        }
    if shape is Shape.SOURCES:
        return {
            "type": "object",
            "propertyNames": {"pattern": _anchored(ID_PATTERN)},
            "additionalProperties": {"$ref": "#/definitions/source"},
        }
    if shape is Shape.EXPECT:
        return _object_schema(EXPECT_FIELDS, "Outcomes that `argmap check` verifies.")
    if shape is Shape.SPEAKERS:
        return {
            "type": "object",
            "propertyNames": {"pattern": _anchored(NAME_PATTERN)},
            "additionalProperties": {
                "anyOf": [{"type": "null"}, {"$ref": "#/definitions/speaker"}]
            },
        }
    raise AssertionError(shape)  # pragma: no cover - every shape is handled above


def _object_schema(fields: tuple[Field, ...], description: str) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "description": description,
        "properties": {f.name: {**_shape_schema(f.shape), "description": f.help} for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    return schema


def _needs_title_or_url() -> dict[str, Any]:
    return {"anyOf": [{"required": ["title"]}, {"required": ["url"]}]}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07, which editors' YAML language servers understand)."""
    root = _object_schema(DEBATE_FIELDS, "A debate mapped by argmap.")
    root["properties"]["claims"]["minProperties"] = 1
    citation = _object_schema(
        CITATION_FIELDS, "A source id with a quote or locator, or an inline source."
    )
    citation["if"] = {"required": ["source"]}
    citation["then"] = {"not": {"anyOf": [{"required": [f.name]} for f in SOURCE_FIELDS]}}
    citation["else"] = _needs_title_or_url()
    source = _object_schema(SOURCE_FIELDS, "Something claims cite.")
    source.update(_needs_title_or_url())
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "argmap debate",
        **root,
        "definitions": {
            "claim": _object_schema(CLAIM_FIELDS, "A claim made in the debate."),
            "source": source,
            "speaker": _object_schema(SPEAKER_FIELDS, "A person taking part."),
            "citation": citation,
        },
    }
