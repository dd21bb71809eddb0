from __future__ import annotations

import contextlib
import io
import os
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap import Citation, DebateError, RelationKind, check, check_text, load, loads, yamlnodes
from argmap.errors import quote
from argmap.load import DEFAULT_MAX_VALUES, SUGGESTION_BUDGET, parse_size
from argmap.yamlnodes import LOADER, MAX_DEPTH

from .conftest import ROOT

EXAMPLE = """\
title: Does a trained image model store its training data?
url: https://example.org/thread/123
speakers:
  FaceDeer: {url: https://kbin.social/u/FaceDeer}
  flatbield:
sources:
  laion-5b: {title: LAION-5B dataset, url: https://laion.ai/blog/laion-5b/}
claims:
  not-stored:
    by: FaceDeer
    text: The training data is not stored in the model.
    rebuttals:
      lookup:
        by: flatbield
        text: It is recorded in a retrieval system that does a complicated lookup.
        rebuttals:
          one-byte:
            by: FaceDeer
            text: Five billion images in a ~5 GB model is about one byte per image.
            cites: [laion-5b]
  derivative:
    by: flatbield
    text: Whatever comes out depends on the images that went in, so it is derivative.
    rebuts: not-stored
"""


def test_example_loads_with_every_field() -> None:
    d = loads(EXAMPLE, "x.yaml")
    assert d.title == "Does a trained image model store its training data?"
    assert d.url == "https://example.org/thread/123"
    assert list(d.claims) == ["not-stored", "lookup", "one-byte", "derivative"]
    assert [(r.source, r.kind, r.target, r.line, r.column) for r in d.relations] == [
        ("lookup", RelationKind.REBUTS, "not-stored", 13, 7),
        ("one-byte", RelationKind.REBUTS, "lookup", 17, 11),
        ("derivative", RelationKind.REBUTS, "not-stored", 24, 13),
    ]
    assert d.claims["one-byte"].parent == "lookup"
    assert d.claims["one-byte"].cites == (Citation("laion-5b"),)
    assert d.claims["not-stored"].parent is None
    assert (d.claims["lookup"].line, d.claims["lookup"].column) == (13, 7)
    assert d.speakers["FaceDeer"].url == "https://kbin.social/u/FaceDeer"
    assert d.speakers["flatbield"].url is None
    assert d.sources["laion-5b"].title == "LAION-5B dataset"
    assert d.diagnostics == ()
    assert d.file == "x.yaml"


def test_reasons_support_their_parent_and_lists_of_ids_work() -> None:
    d = loads(
        "title: T\nclaims:\n"
        "  a:\n    text: A\n    reasons:\n      b: {text: B}\n"
        "  c: {text: C, rebuts: [a, b], undercuts: b2}\n"
        "  b2: {text: B2, supports: a}\n"
    )
    assert [(r.source, r.kind.value, r.target) for r in d.relations] == [
        ("b", "supports", "a"),
        ("c", "rebuts", "a"),
        ("c", "rebuts", "b"),
        ("c", "undercuts", "b2"),
        ("b2", "supports", "a"),
    ]


@pytest.mark.parametrize("kind", ["rebuts", "supports", "undercuts"])
def test_a_reply_under_replies_is_classified_by_saying_how_it_answers(kind: str) -> None:
    # `replies:` says where it sits, the field what it does: one relation, and no warning.
    text = f"title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b: {{text: B, {kind}: a}}\n"
    r = check_text(text)
    assert r.diagnostics == []
    assert r.debate is not None
    assert [(x.source, x.kind.value, x.target, x.line) for x in r.debate.relations] == [
        ("b", kind, "a", 6)
    ]
    assert r.debate.claims["b"].parent == "a"


def test_a_reply_under_replies_that_says_two_things_still_conflicts() -> None:
    head = "title: T\nclaims:\n  a:\n    text: A\n    replies:\n"
    text = head + "      b: {text: B, rebuts: a, supports: a}\n"
    assert [d.code for d in check_text(text).diagnostics] == ["conflicting-relation"]
    # Under `rebuttals:`, nesting already says how: saying it again differently conflicts.
    text = text.replace("replies", "rebuttals").replace(", rebuts: a", "")
    assert [d.code for d in check_text(text).diagnostics] == ["conflicting-relation"]
    # And `answers:` its parent under `replies:` says the same thing twice.
    text = head + "      b: {text: B, answers: a}\n"
    assert [d.code for d in check_text(text).diagnostics] == [
        "unclassified-reply",
        "duplicate-relation",
    ]


def test_inline_citation_becomes_a_source_with_a_derived_id() -> None:
    d = loads(
        "title: T\nsources:\n  s: {title: S}\nclaims:\n  a:\n    text: A\n    cites:\n"
        "      - {source: s, quote: q, locator: p. 3}\n"
        "      - {url: 'https://e.org/x', title: X, quote: the passage}\n"
    )
    assert d.claims["a"].cites == (
        Citation("s", "q", "p. 3"),
        Citation("a#2", "the passage", None),
    )
    inline = d.sources["a#2"]
    assert (inline.url, inline.title, inline.inline) == ("https://e.org/x", "X", True)
    assert d.sources["s"].inline is False


def test_speakers_are_derived_from_by_when_not_listed() -> None:
    d = loads("title: T\nclaims:\n  a: {text: A, by: ann}\n  b: {text: B, by: bo, rebuts: a}\n")
    assert [(s.name, s.declared) for s in d.speakers.values()] == [("ann", False), ("bo", False)]


def test_dates_and_tags_stay_text() -> None:
    d = loads("title: T\ndate: 2023-07-14\nclaims:\n  a: {text: A, tags: [x, y], note: n}\n")
    assert d.date == "2023-07-14"
    assert (d.claims["a"].tags, d.claims["a"].note) == (("x", "y"), "n")


def test_a_single_tag_may_be_written_without_a_list() -> None:
    assert loads("title: T\nclaims:\n  a: {text: A, tags: x}\n").claims["a"].tags == ("x",)


def test_warnings_are_kept_on_the_debate() -> None:
    d = loads("title: T\nsources:\n  s: {title: S}\nclaims:\n  a: {text: A}\n", "w.yaml")
    assert [d.format() for d in d.diagnostics] == [
        "w.yaml:3:3: warning[unused-source]: no claim cites the source 's'\n"
        "  hint: cite it from the claim that relies on it (`cites: [id]`), or remove it"
    ]


def test_load_raises_with_every_diagnostic() -> None:
    with pytest.raises(DebateError) as info:
        loads("title: T\nclaims:\n  a: {text: A, rebuts: b}\n  c: {rebuts: a}\n", "e.yaml")
    assert [(d.code, d.line, d.column) for d in info.value.diagnostics] == [
        ("unknown-claim", 3, 24),
        ("missing-field", 4, 3),
    ]
    assert str(info.value).splitlines()[0] == "2 error(s) in the debate:"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbftitle: T\nclaims:\n  a: {text: A}\n")
    assert load(f).title == "T"


def test_not_utf8_is_reported_at_the_byte(tmp_path: Path) -> None:
    f = tmp_path / "latin1.yaml"
    f.write_bytes("title: T\nclaims:\n  a: {text: caf\u00e9}\n".encode("latin-1"))
    r = check(f)
    assert r.debate is None
    assert [d.format() for d in r.diagnostics] == [
        f"{f}:3:16: error[not-utf8]: byte 0xe9 is not valid UTF-8\n"
        "  hint: save the file as UTF-8 (most editors offer it under 'Save with encoding')"
    ]


def test_check_never_modifies_the_file(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(EXAMPLE + "  x: {text: X, rebuts: nowhere}\n")
    before = (f.read_bytes(), f.stat().st_mtime_ns)
    assert check(f).debate is None
    assert (f.read_bytes(), f.stat().st_mtime_ns) == before


def test_the_c_loader_is_used_when_libyaml_is_present() -> None:
    assert LOADER is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


def test_object_tags_are_refused_not_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        "title: T\nclaims:\n  a:\n    text: A\n"
        f'    note: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    r = check_text(text)
    assert [d.code for d in r.diagnostics] == ["yaml-tag"]
    assert not marker.exists()


def _billion_laughs(levels: int = 10, width: int = 10) -> str:
    lols = ", ".join(["lol"] * width)
    lines = ["title: T", "claims:", "  a0:", "    text: A", f"    tags: &a0 [{lols}]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * width)
        lines += [f"  a{i}:", f"    text: A{i}", f"    tags: &a{i} [{refs}]"]
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_is_refused_quickly_in_little_memory() -> None:
    text = _billion_laughs()  # 10 ** 10 "lol"s once expanded
    tracemalloc.start()
    start = time.perf_counter()
    try:
        r = check_text(text)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.code for d in r.diagnostics] == ["yaml-alias"] * 90
    assert (r.diagnostics[0].line, r.diagnostics[0].column) == (8, 16)
    assert r.diagnostics[0].path == "claims.a1.tags[0]"
    assert elapsed < 1
    assert peak < 4 * 2**20


def test_each_alias_is_reported_where_it_is_written() -> None:
    r = check_text(
        "title: T\nx: &x {text: X}\nclaims:\n"
        "  a:\n    <<: *x\n    rebuts: b\n"
        "  b:\n    <<: [*x, *x]\n  *x : {text: C}\n"
        "  d: {text: D, <<: {note: n}}\n"
    )
    assert [(d.code, d.line, d.column, d.path) for d in r.diagnostics] == [
        ("unknown-field", 2, 1, "x"),
        ("missing-field", 4, 3, "claims.a"),
        ("yaml-alias", 5, 9, "claims.a.<<"),
        ("missing-field", 7, 3, "claims.b"),
        ("yaml-alias", 8, 10, "claims.b.<<"),
        ("yaml-alias", 8, 14, "claims.b.<<"),
        ("yaml-alias", 9, 3, "claims"),
        ("yaml-alias", 10, 16, "claims.d"),
    ]
    assert r.diagnostics[-1].message == "merge keys (<<) are not supported in debate files"


def test_nested_claims_load_up_to_the_nesting_limit() -> None:
    # Levels: the file, `claims:`, then two per claim (its fields, its `rebuttals:`).
    depth = (MAX_DEPTH - 1) // 2
    lines = ["title: T", "claims:"]
    for i in range(depth):
        pad = "  " * (2 * i + 1)
        lines += [f"{pad}c{i}:", f"{pad}  text: C{i}", f"{pad}  rebuttals:"]
    lines[-1] = lines[-1].replace("rebuttals:", "note: end")
    d = loads("\n".join(lines) + "\n")
    assert len(d.claims) == depth
    assert d.claims[f"c{depth - 1}"].parent == f"c{depth - 2}"
    r = check_text("\n".join([*lines[:-1], f"{pad}  rebuttals: {{x: {{text: X}}}}"]) + "\n")
    assert [(d.code, d.line) for d in r.diagnostics] == [("nesting-too-deep", len(lines))]


NEST = 10_000


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("[" * NEST + "]" * NEST, 1, MAX_DEPTH + 1),
        ("{a: " * NEST + "x" + "}" * NEST, 1, 4 * MAX_DEPTH + 1),
        ("- " * NEST + "x", 1, 2 * MAX_DEPTH + 1),
        ("".join(f"{' ' * i}k{i}:\n" for i in range(NEST)), MAX_DEPTH + 1, MAX_DEPTH + 1),
        ("".join(f"{' ' * i}-\n" for i in range(NEST)), MAX_DEPTH + 1, MAX_DEPTH + 1),
        ("a: " + "[" * 10 * NEST, 1, 4 + MAX_DEPTH - 1),
        ("[" * 100 * NEST + "]" * 100 * NEST, 1, MAX_DEPTH + 1),
    ],
    ids=["flow-list", "flow-mapping", "compact-list", "block-mapping", "block-list", "unclosed",
         "million"],
)  # fmt: skip
@pytest.mark.parametrize("loader", ["libyaml", "python"])
def test_deep_nesting_is_refused_at_the_limit_quickly(
    text: str, line: int, column: int, loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same diagnostic from any parser PyYAML offers: the libyaml of PyYAML 6.0.4 refuses
    # deep nesting of its own, reading ahead of the events; older ones and the pure-Python
    # parser have no limit.
    if loader == "python":
        monkeypatch.setattr(yamlnodes, "LOADER", yaml.SafeLoader)
    start = time.perf_counter()
    r = check_text(text, "deep.yaml")
    if loader == "libyaml":  # the pure-Python parser takes seconds over 900 levels of `[`
        assert time.perf_counter() - start < 1
    assert [d.format() for d in r.diagnostics] == [
        f"deep.yaml:{line}:{column}: error[nesting-too-deep]: the YAML nests more than 900 "
        "levels deep here\n"
        "  hint: write long reply chains flat, each reply with `rebuts: ID`, instead of "
        "nesting them"
    ]


# -- reading files: sizes, streams, paths ------------------------------------------------------


def test_a_sparse_gigabyte_is_refused_without_reading_it(tmp_path: Path) -> None:
    f = tmp_path / "huge.yaml"
    with f.open("wb") as out:
        out.truncate(2**30)
    start = time.perf_counter()
    r = check(f)
    assert time.perf_counter() - start < 0.5
    assert [d.format() for d in r.diagnostics] == [
        f"{f}: error[file-too-large]: the file is 1 GiB, more than the limit of 64 MiB\n"
        "  hint: to read it anyway, raise the limit: `argmap --max-size 1GiB ...` or "
        "ARGMAP_MAX_SIZE=1GiB (0 for no limit)"
    ]


def test_a_claim_text_of_100_mb_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "long.yaml"
    with f.open("wb") as out:
        out.write(b"title: T\nclaims:\n  a:\n    text: ")
        out.write(b"x" * 100_000_000)
        out.write(b"\n")
    r = check(f)
    assert [(d.code, d.message) for d in r.diagnostics] == [
        ("file-too-large", "the file is 95.4 MiB, more than the limit of 64 MiB")
    ]


def test_the_limit_can_be_lowered_raised_or_lifted(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_bytes((ROOT / "debates/lossy-compression.yaml").read_bytes())  # 6,342 bytes
    assert check(f, max_bytes=6342).debate is not None
    r = check(f, max_bytes=6341)
    assert [d.message for d in r.diagnostics] == [
        "the file is 6,342 bytes, more than the limit of 6,341 bytes"
    ]
    with pytest.raises(DebateError):
        load(f, max_bytes=100)
    assert load(f, max_bytes=None).title == load(f, max_bytes=0).title


def test_the_number_of_values_is_bounded_by_the_limit() -> None:
    # 131 values in 6,342 bytes; a limit of 2,000 bytes allows 125 (one per 16 bytes).
    text = (ROOT / "debates/lossy-compression.yaml").read_text(encoding="utf-8")
    assert check_text(text, max_values=131).debate is not None
    r = check_text(text, "d.yaml", max_values=130)
    assert [d.format() for d in r.diagnostics] == [
        "d.yaml:120:14: error[file-too-large]: the file holds more than 130 values (texts, "
        "numbers, lists, mappings); argmap stops here\n"
        "  hint: argmap reads one value for every 16 bytes of its size limit; to read the file "
        "anyway, raise the limit: `argmap --max-size SIZE ...` or ARGMAP_MAX_SIZE=SIZE "
        "(0 for no limit)"
    ]
    assert check_text(text, max_values=None).debate is not None
    assert DEFAULT_MAX_VALUES == 64 * 2**20 // 16


def test_a_dense_file_is_stopped_at_its_values(tmp_path: Path) -> None:
    f = tmp_path / "dense.yaml"
    f.write_text("title: T\nclaims: [" + "a," * 100_000 + "]\n")
    start = time.perf_counter()
    r = check(f, max_bytes=2**20)  # 65,536 values
    assert time.perf_counter() - start < 1
    assert [(d.code, d.line, d.column) for d in r.diagnostics] == [("file-too-large", 2, 131_072)]


def test_past_10000_problems_the_rest_are_counted() -> None:
    refs = ", ".join(f"x{i}" for i in range(12_345))
    r = check_text(f"title: T\nclaims:\n  a: {{text: A, rebuts: [{refs}]}}\n", "many.yaml")
    assert len(r.diagnostics) == 10_001
    assert {d.code for d in r.diagnostics[:-1]} == {"unknown-claim"}
    assert r.diagnostics[-1].format() == (
        "many.yaml: error[too-many-problems]: 2,345 more problems are not listed: argmap lists "
        "the first 10,000 of a file\n"
        "  hint: fix the problems listed, or the one mistake that repeats, and check again"
    )


def test_millions_of_aliases_cost_little_memory() -> None:
    text = "title: T\nclaims: [" + "*a, " * 200_000 + "]\n"
    tracemalloc.start()
    try:
        r = check_text(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(r.diagnostics) == 10_001
    assert peak < 150 * 2**20  # the tree of 200,000 values; their diagnostics are not kept


def test_a_stream_is_read_only_to_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    # A reader that reads nothing, so that the writer can open the pipe before argmap does.
    idle = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    out = fifo.open("wb", buffering=0)
    written = []

    def write() -> None:
        with contextlib.suppress(OSError), out:
            for _ in range(1000):  # far more than the limit, if anyone read it all
                written.append(out.write(b"# " + b"x" * 1000 + b"\n"))

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        r = check(fifo, max_bytes=10_000)
    finally:
        os.close(idle)  # the writer now fails, and stops
        writer.join(5)
    assert [d.format() for d in r.diagnostics] == [
        f"{fifo}: error[file-too-large]: the file is larger than the limit of 10 KB\n"
        "  hint: to read it anyway, raise the limit: `argmap --max-size 1MiB ...` or "
        "ARGMAP_MAX_SIZE=1MiB (0 for no limit)"
    ]
    assert not writer.is_alive()
    assert len(written) < 1000


def test_a_named_pipe_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert [d.code for d in check(fifo).diagnostics] == ["empty-file"]


def test_an_endless_device_is_refused() -> None:
    assert [d.message for d in check("/dev/zero", max_bytes=2**20).diagnostics] == [
        "the file is larger than the limit of 1 MiB"
    ]


def test_a_file_that_cannot_be_opened_is_a_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, whom `chmod 000` does not stop: make opening fail instead.
    f = tmp_path / "secret.yaml"
    f.write_text(EXAMPLE)

    def refuse(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    assert [d.format() for d in check(f).diagnostics] == [
        f"{f}: error[read-error]: permission denied\n"
        "  hint: make the file readable, e.g. `chmod u+r FILE`"
    ]


def test_a_failing_read_is_a_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "bad-disk.yaml"
    f.write_text(EXAMPLE)

    class BadDisk(io.RawIOBase):
        def readinto(self, buffer: Any) -> int:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdopen", lambda *args, **kwargs: BadDisk())
    assert [d.message for d in check(f).diagnostics] == ["cannot read the file: Input/output error"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.yaml", "no such file"),
        (".", "this is a folder, not a file"),
        ("file.yaml/x.yaml", "no such file: a part of the path is a file, not a folder"),
        ("a\x00b.yaml", "no such file: the path holds a NUL character"),
        ("x" * 300 + ".yaml", "cannot read the file: File name too long"),
    ],
)
def test_unreadable_paths_are_diagnostics(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "file.yaml").write_text(EXAMPLE)
    r = check(f"{tmp_path}/{name}")
    assert [(d.code, d.message, d.line) for d in r.diagnostics] == [("read-error", message, None)]


@pytest.mark.parametrize(
    ("text", "size"),
    [("0", 0), ("1000", 1000), ("1000b", 1000), ("2 KB", 2000), ("2kib", 2048), ("64MiB", 2**26),
     ("200MB", 200_000_000), ("1.5GB", 1_500_000_000), ("1GiB", 2**30), (" 3 MB ", 3_000_000)],
)  # fmt: skip
def test_sizes_are_read_in_bytes_and_units(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "-1", "1e6", "64M", "1 TB", "MB", "1,000", "0x10"])
def test_what_is_not_a_size_is_refused(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_size(text)
    assert str(info.value) == (
        f"{quote(text)} is not a size: write a number of bytes, or a number with "
        "KB, MB, GB, KiB, MiB or GiB (0: no limit)"
    )


# -- what the YAML parser says ----------------------------------------------------------------


QUOTE = "put the text in quotes"
INDENT = "check the indentation of this line: it lines up with no key or '-' above it"
COMMAS = f"separate the items with commas; {QUOTE} if it holds [ ] {{ }} , or ': '"
CONTROL = "remove the character; inside double quotes it can be written as an escape"
COLON = "text containing ': ' must be quoted, or written as a block after `text: >-`"
KEY_VALUE = (
    f"each line here is `key: value`: indent text that goes on from the line above, or {QUOTE}"
)
ESCAPE = (
    "inside double quotes a backslash starts an escape: write \\\\ for one backslash, "
    "or use single quotes"
)
LIST = (
    "a '- ' list cannot start on the line of its key: put the items on the next lines, indented, "
    "or write [a, b]"
)
BLOCK = f"after | or > the text starts on the next line, indented; or {QUOTE}"


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ("a: b: c\n", 1, 5, COLON),
        ("a: @x\n", 1, 4, f"'@' cannot start a value: {QUOTE}"),
        ("a: `x\n", 1, 4, f"'`' cannot start a value: {QUOTE}"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, INDENT),
        ("a:\n  - 1\n - 2\n", 3, 2, INDENT),
        ("a: b\nc\nd: e\n", 2, 1, KEY_VALUE),
        ('a: "\\q"\n', 1, 5, ESCAPE),
        ("a: - b\n", 1, 4, LIST),
        ("a: [b c: d, e\n", 1, 4, "add the closing ]"),
        ("a: [b, c}\n", 1, 9, COMMAS),
        ("a: {b: c]\n", 1, 9, COMMAS),
        ("a: & b\n", 1, 5, f"'&' at the start of a value marks a YAML anchor: {QUOTE}"),
        ("a: * b\n", 1, 5, f"'*' at the start of a value marks a YAML alias: {QUOTE}"),
        ("a: !<x\n", 1, 7, f"'!' at the start of a value marks a YAML tag: {QUOTE}"),
        ("%x y\n---\na: b\n", 1, 3, f"'%' at the start of a line marks a YAML directive: {QUOTE}"),
        ("% x\na: b\n", 1, 2, f"'%' at the start of a line marks a YAML directive: {QUOTE}"),
        ("a: |x\n  b\n", 1, 5, BLOCK),
        ("a: 'b\n", 1, 4, "add the closing quote"),
        ("a:\n\t- b\n", 2, 1, "YAML does not allow tabs for indentation: use spaces"),
        ("a: b\n...\nc: d\n", 3, 1, None),
        ("- a\nb: c\n", 2, 1, None),
        ("a: b\x07\n", 1, 5, CONTROL),
        ("a: \ud800\n", 1, 4, "remove the character"),
    ],
)  # fmt: skip
def test_every_kind_of_syntax_error_has_a_position(
    text: str, line: int, column: int, hint: str | None
) -> None:
    r = check_text(text)
    assert [(d.code, d.line, d.column) for d in r.diagnostics] == [("yaml-syntax", line, column)]
    if hint is not None:
        assert r.diagnostics[0].hint == hint


# -- messages stay short, and hints stay fast --------------------------------------------------


def test_a_huge_number_is_not_repeated_in_the_hint() -> None:
    digits = "9" * 1000  # a longer key is a syntax error: YAML keys are at most 1024 characters
    r = check_text(f"title: T\nclaims:\n  a: {{text: {digits * 100}}}\n  {digits}: {{text: B}}\n")
    assert [d.hint for d in r.diagnostics] == ["YAML reads this as a number; put it in quotes"] * 2
    assert all(len(d.message) < 200 for d in r.diagnostics)


def test_did_you_mean_stays_fast_with_thousands_of_unknown_ids() -> None:
    n = 5000
    claims = "".join(f"  claim-{i}: {{text: C, rebuts: Claim-x{i}}}\n" for i in range(n))
    start = time.perf_counter()
    r = check_text(f"title: T\nclaims:\n{claims}  last: {{text: L, rebuts: CLAIM-7}}\n")
    assert time.perf_counter() - start < 5
    hints = [d.hint for d in r.diagnostics]
    assert len(hints) == n + 1
    # Close matches are looked for while the budget lasts; ids that differ only in case always.
    assert hints[0] == "did you mean 'claim-0'?"
    assert hints[n - 1] == "define the claim, or fix the id"
    assert hints[n] == "did you mean 'claim-7'? ids differ in case"
    assert hints.count("define the claim, or fix the id") == n - SUGGESTION_BUDGET // (n + 1)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_line_like_separators_are_characters_not_line_breaks(separator: str) -> None:
    # YAML 1.1 reads them as line breaks; editors and YAML 1.2 do not: in a comment one ended
    # the comment, and after one every line number was off by one.
    commented = f"# a comment{separator} still the comment\ntitle: T\nclaims:\n  a: {{text: A}}\n"
    assert list(loads(commented).claims) == ["a"]
    text = f'title: T\nclaims:\n  a: {{text: "x{separator * 3}y", rebuts: nope}}\n'
    result = check_text(text, "d.yaml")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("unknown-claim", 3, 30)]
    kept = loads(
        f"title: T\nclaims:\n  a: {{text: 'x{separator}y'}}\n  b: {{text: p{separator}q}}\n"
    )
    assert [c.text for c in kept.claims.values()] == [f"x{separator}y", f"p{separator}q"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ((ROOT / "debates" / "retrieval-or-concepts.yaml").read_text(encoding="utf-8"), []),
        (
            "title: T\nclaims:\n  a: {text: A, rebuts: b}\n  b: {text: B, answers: a}\n",
            ["unclassified-reply"],
        ),
        ("title: T\nclaims:\n  a: {text: A, rebuts: nowhere}\n", ["unknown-claim"]),
    ],
    ids=["debate", "warnings", "errors"],
)
def test_checking_leaves_no_cycles_for_the_collector(text: str, codes: list[str]) -> None:
    # What the loader made on the way (the node tree, the references) goes when the check
    # returns: left in a cycle, a big file's nodes waited for the cyclic collector, which then
    # took seconds, and the language server, which checks at each keystroke, held them longer.
    import gc

    gc.collect()
    gc.disable()
    try:
        result = check_text(text, "t.yaml")
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert [d.code for d in result.diagnostics] == codes
