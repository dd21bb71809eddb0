"""The JSON Schema and the loader are two views of one format; these tests keep them agreeing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from argmap import check
from argmap.fileformat import json_schema
from argmap.yamlnodes import to_data

from .conftest import ROOT

# Codes for mistakes in the shape of the data, which the schema can see too.
SHAPE_CODES = {
    "wrong-type",
    "empty-value",
    "missing-field",
    "unknown-field",
    "invalid-id",
    "bad-citation",
    "empty-debate",
    "bad-time",
    "bad-weight",
}
# A pattern cannot tell a real date from 30 February: for these files only the loader speaks.
NOT_A_PATTERN = {"bad-time-date.yaml"}
# Codes for what YAML allows but JSON cannot hold (or cannot be read at all): the schema never
# sees these files, so only the loader speaks for them.
YAML_CODES = {
    "yaml-syntax",
    "yaml-tag",
    "yaml-alias",
    "duplicate-key",
    "empty-file",
    "not-utf8",
    "nesting-too-deep",
}

FILES = sorted(
    [*ROOT.glob("debates/*.yaml"), *ROOT.glob("tests/data/**/*.yaml"), ROOT / "argmap/starter.yaml"]
)
VALIDATOR = jsonschema.Draft7Validator(json_schema())


def _json_keys_only(data: Any) -> bool:
    if isinstance(data, dict):
        return all(isinstance(k, str) and _json_keys_only(v) for k, v in data.items())
    if isinstance(data, list):
        return all(_json_keys_only(v) for v in data)
    return True


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = json.loads((ROOT / "schema/debate.schema.json").read_text())
    assert committed == json_schema()


def test_the_schema_is_valid_draft_7() -> None:
    jsonschema.Draft7Validator.check_schema(json_schema())


def test_there_are_files_to_compare() -> None:
    assert len(FILES) >= 4


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_schema_and_loader_agree(path: Path) -> None:
    codes = {d.code for d in check(path).diagnostics}
    if codes & YAML_CODES:
        return  # nothing JSON-shaped for the schema to judge
    data = to_data(path.read_text(encoding="utf-8-sig"))
    if not _json_keys_only(data):
        # A number or true/false as a key: JSON has no such thing; the loader must object.
        assert "wrong-type" in codes
        return
    schema_errors = [e.message for e in VALIDATOR.iter_errors(data)]
    if path.name in NOT_A_PATTERN:
        assert (schema_errors, sorted(codes & SHAPE_CODES)) == ([], ["bad-time"])
        return
    loader_shape_errors = sorted(codes & SHAPE_CODES)
    assert bool(schema_errors) == bool(loader_shape_errors), (schema_errors, loader_shape_errors)


@pytest.mark.parametrize(
    ("yaml_text", "valid"),
    [
        ("title: T\nclaims:\n  a: {text: A}\n", True),
        ("title: T\nclaims: {}\n", False),
        ("title: T\nclaims:\n  a: {text: A, rebuts: [b, c]}\n", True),
        ("title: T\nclaims:\n  a: {text: A, rebuts: [1]}\n", False),
        ("title: T\nclaims:\n  a: {text: '  '}\n", False),
        ("title: T\nclaims:\n  'a b': {text: A}\n", False),
        ("title: T\nclaims:\n  a: {text: A, cites: [{source: s, title: x}]}\n", False),
        ("title: T\nclaims:\n  a: {text: A, cites: [{source: s, quote: x}]}\n", True),
        ("title: T\nclaims:\n  a: {text: A, cites: [{quote: x}]}\n", False),
        ("title: T\nclaims:\n  a: {text: A, cites: {url: 'https://e.org'}}\n", True),
        ("title: T\nspeakers:\n  ann:\n  bo: {url: x}\nclaims:\n  a: {text: A}\n", True),
        ("title: T\nsources:\n  s: {author: x}\nclaims:\n  a: {text: A}\n", False),
        ("title: T\nclaims:\n  a: {text: A, reasons: {b: {text: B, rebutals: {}}}}\n", False),
        ("title: T\nclaims:\n  a: {text: A, at: 2024-03-02T18:40:00Z, score: -2}\n", True),
        ("title: T\nclaims:\n  a: {text: A, at: 2024-03-02}\n", True),
        ("title: T\nclaims:\n  a: {text: A, at: '2024-03-02 18:40'}\n", False),
        ("title: T\nclaims:\n  a: {text: A, score: '3'}\n", False),
        ("title: T\nclaims:\n  a: {text: A, weight: 0.25}\n", True),
        ("title: T\nclaims:\n  a: {text: A, weight: 1}\n", True),
        ("title: T\nclaims:\n  a: {text: A, weight: 1.5}\n", False),
        ("title: T\nclaims:\n  a: {text: A, weight: high}\n", False),
        ("title: T\nclaims:\n  a: {text: A, replies: {b: {text: B, answers: a}}}\n", True),
    ],
)
def test_schema_judges_like_the_loader(yaml_text: str, valid: bool) -> None:
    from argmap import check_text

    data = to_data(yaml_text)
    assert VALIDATOR.is_valid(data) is valid
    shape_errors = {d.code for d in check_text(yaml_text).diagnostics} & SHAPE_CODES
    assert (not shape_errors) is valid
