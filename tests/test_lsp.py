"""`argmap lsp` driven as an editor drives it: the real server, started as `python -m argmap
lsp`, spoken to over stdio by pytest-lsp's client. Each test opens a file from `debates/`
(or a small text), asks what an editor asks, and checks the exact answer."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from .conftest import ROOT

RETRIEVAL = ROOT / "debates" / "retrieval-or-concepts.yaml"
URI = RETRIEVAL.as_uri()
TIMEOUT = 30.0

SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "argmap", "lsp"],
    server_env={**os.environ, "PYTHONPATH": str(ROOT)},
)

CAPABILITIES = lsp.ClientCapabilities(
    text_document=lsp.TextDocumentClientCapabilities(
        hover=lsp.HoverClientCapabilities(
            content_format=[lsp.MarkupKind.Markdown, lsp.MarkupKind.PlainText]
        ),
        inlay_hint=lsp.InlayHintClientCapabilities(),
        document_symbol=lsp.DocumentSymbolClientCapabilities(
            hierarchical_document_symbol_support=True
        ),
        rename=lsp.RenameClientCapabilities(prepare_support=True),
        publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True),
    )
)


@pytest_lsp.fixture(config=SERVER)  # type: ignore[untyped-decorator]  # pytest-lsp's own typing
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=CAPABILITIES))
    yield
    await lsp_client.shutdown_session()


# --- helpers -------------------------------------------------------------------------------


def open_text(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", version, text))
    )


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """Replace the whole text, as a client may."""
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version, uri),
            [lsp.TextDocumentContentChangeWholeDocument(text)],
        )
    )


async def diagnostics(
    client: LanguageClient,
    uri: str,
    until: Callable[[Sequence[lsp.Diagnostic]], bool] = lambda _: True,
) -> Sequence[lsp.Diagnostic]:
    """The diagnostics published for `uri` once `until` holds of them."""

    async def wait() -> Sequence[lsp.Diagnostic]:
        while True:
            if uri in client.diagnostics and until(client.diagnostics[uri]):
                return client.diagnostics[uri]
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(wait(), TIMEOUT)


def position(text: str, needle: str, nth: int = 0, into: int = 0) -> lsp.Position:
    """Where the `nth` occurrence of `needle` starts (plus `into` characters)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += into
    line = text.count("\n", 0, at)
    return lsp.Position(line, at - (text.rfind("\n", 0, at) + 1))


def doc(uri: str = URI) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri)


def span(r: lsp.Range) -> tuple[int, int, int, int]:
    return (r.start.line, r.start.character, r.end.line, r.end.character)


async def opened(client: LanguageClient, text: str | None = None) -> str:
    text = RETRIEVAL.read_text(encoding="utf-8") if text is None else text
    open_text(client, URI, text)
    await diagnostics(client, URI)
    return text


# --- diagnostics ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_misspelt_speaker_gets_its_diagnostic_at_the_name_then_clears(
    client: LanguageClient,
) -> None:
    text = RETRIEVAL.read_text(encoding="utf-8")
    wrong = text.replace("by: flatbield", "by: flatbeild", 1)
    open_text(client, URI, wrong)
    found = await diagnostics(client, URI)
    assert [(span(d.range), d.severity, d.code, d.source, d.message) for d in found] == [
        (
            (34, 8, 34, 17),
            lsp.DiagnosticSeverity.Error,
            "unknown-speaker",
            "argmap",
            "'derivative' is by 'flatbeild', who is not listed under 'speakers:'\n"
            "hint: did you mean 'flatbield'?",
        )
    ]
    change(client, URI, text, 2)
    assert list(await diagnostics(client, URI, until=lambda ds: not ds)) == []


@pytest.mark.asyncio
async def test_an_expectation_that_fails_is_reported_as_check_reports_it(
    client: LanguageClient,
) -> None:
    text = RETRIEVAL.read_text(encoding="utf-8")
    wrong = text.replace("  standing:\n    - not-lookup\n", "  standing:\n    - lookup\n", 1)
    assert wrong != text
    open_text(client, URI, wrong)
    found = await diagnostics(client, URI)
    # As `argmap check` words them, at the list it faults and at the item.
    assert [(span(d.range), d.code, d.message.split("\n")[0]) for d in found] == [
        (
            (166, 2, 166, 10),
            "expectation-failed",
            "'not-lookup' is standing but not listed under 'expect.standing'",
        ),
        (
            (167, 6, 167, 12),
            "expectation-failed",
            "'lookup' is expected to stand, but it is defeated by 'not-lookup'",
        ),
    ]


@pytest.mark.asyncio
async def test_text_that_is_not_yaml_gets_its_syntax_error_and_hover_keeps_the_last_analysis(
    client: LanguageClient,
) -> None:
    text = await opened(client)
    broken = text.replace("  lookup:\n", "  lookup: [\n", 1).replace(
        "      lookup:\n", "      lookup: [\n", 1
    )
    change(client, URI, broken, 2)
    found = await diagnostics(client, URI, until=lambda ds: bool(ds))
    assert [d.code for d in found] == ["yaml-syntax"]
    hover = await client.text_document_hover_async(
        lsp.HoverParams(doc(), position(broken, "not-lookup", 0, 1))
    )
    assert hover is not None
    assert isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.value.splitlines()[0] == "**`not-lookup`** · FaceDeer · ✔ standing"


@pytest.mark.asyncio
async def test_yaml_that_is_not_a_debate_gets_nothing(client: LanguageClient) -> None:
    other = (ROOT / "other.yaml").as_uri()
    open_text(client, other, "name: build\non: [push]\njobs: {test: {runs-on: x}}\n")
    await opened(client)  # published after anything the first file would have had
    assert other not in client.diagnostics
    hover = await client.text_document_hover_async(lsp.HoverParams(doc(other), lsp.Position(0, 1)))
    assert hover is None


# --- hover ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_hover_on_a_claim_says_what_show_says(client: LanguageClient) -> None:
    text = await opened(client)
    # On a reference in `expect:`, as on the definition.
    for where in (
        position(text, "      lookup:", 0, 6),
        position(text, "[derivative, lookup", 0, 13),
    ):
        hover = await client.text_document_hover_async(lsp.HoverParams(doc(), where))
        assert hover is not None
        assert isinstance(hover.contents, lsp.MarkupContent)
        assert hover.contents.value == (
            "**`lookup`** · flatbield · ✘ defeated\n\n"
            "The training data is recorded in a retrieval system, and the model does some sort "
            "of complicated lookup\\.\n\n"
            "Why: defeated by not\\-lookup, which stands and rebuts it\\.\n\n"
            "Answers: `derivative` (supports)\n\n"
            "Answered by: `not-lookup` (rebuts, standing)"
        )


@pytest.mark.asyncio
async def test_hover_on_a_speaker_and_a_source(client: LanguageClient) -> None:
    text = await opened(client)
    speaker = await client.text_document_hover_async(
        lsp.HoverParams(doc(), position(text, "by: FaceDeer", 0, 5))
    )
    assert speaker is not None and isinstance(speaker.contents, lsp.MarkupContent)
    assert speaker.contents.value == (
        "**FaceDeer** · 7 claims, 4 rebuttals: 7 standing, 0 defeated, 0 undecided, "
        "5 unanswered\n\n"
        "Claims: `not-lookup`, `one-byte`, `concepts`, `not-recording`, `not-that-simple`, "
        "`markov`, `human-artists`"
    )
    source = await client.text_document_hover_async(
        lsp.HoverParams(doc(), position(text, "laion-5b", 0, 2))
    )
    assert source is not None and isinstance(source.contents, lsp.MarkupContent)
    assert source.contents.value == (
        "**`laion-5b`** · LAION\\-5B, a dataset describing five billion images\n\n"
        "Cited by `one-byte` (1 of them standing)"
    )


# --- definition, references, rename ---------------------------------------------------------


@pytest.mark.asyncio
async def test_definition_and_references_of_a_claim(client: LanguageClient) -> None:
    text = await opened(client)
    at_reference = position(text, "[derivative, lookup", 0, 13)
    found = await client.text_document_definition_async(lsp.DefinitionParams(doc(), at_reference))
    assert isinstance(found, list)
    assert [(loc.uri, span(loc.range)) for loc in found if isinstance(loc, lsp.Location)] == [
        (URI, (40, 6, 40, 12))
    ]
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            context=lsp.ReferenceContext(include_declaration=True),
            text_document=doc(),
            position=at_reference,
        )
    )
    assert refs is not None
    assert [span(loc.range) for loc in refs] == [(40, 6, 40, 12), (177, 25, 177, 31)]


@pytest.mark.asyncio
async def test_rename_a_source_edits_every_reference(client: LanguageClient) -> None:
    text = await opened(client)
    edit = await client.text_document_rename_async(
        lsp.RenameParams(doc(), position(text, "laion-5b", 0, 1), "laion")
    )
    assert edit is not None and edit.changes is not None
    assert [(span(e.range), e.new_text) for e in edit.changes[URI]] == [
        ((17, 2, 17, 10), "laion"),
        ((64, 24, 64, 32), "laion"),
    ]


@pytest.mark.asyncio
async def test_rename_refuses_a_taken_or_invalid_name(client: LanguageClient) -> None:
    text = await opened(client)
    where = position(text, "      lookup:", 0, 6)
    for name, message in (
        ("not-lookup", "'not-lookup' is already the id of a claim in this file"),
        ("two words", "'two words' is not an id"),
    ):
        with pytest.raises(Exception, match=message):
            await client.text_document_rename_async(lsp.RenameParams(doc(), where, name))


# --- the outline and the status in the text ---------------------------------------------------


@pytest.mark.asyncio
async def test_symbols_are_the_claims_nested_as_written_with_their_status(
    client: LanguageClient,
) -> None:
    await opened(client)
    found = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(doc()))
    assert found is not None

    def tree(symbols: Sequence[lsp.DocumentSymbol | lsp.SymbolInformation]) -> list[object]:
        out: list[object] = []
        for s in symbols:
            assert isinstance(s, lsp.DocumentSymbol)
            children = tree(s.children or [])
            out.append((s.name, s.detail, children) if children else (s.name, s.detail))
        return out

    # As `expect:` in the file has them: who is unanswered, who stands, who is defeated.
    assert tree(found) == [
        (
            "derivative",
            "✘ defeated · flatbield",
            [
                (
                    "lookup",
                    "✘ defeated · flatbield",
                    [
                        (
                            "not-lookup",
                            "✔ standing · FaceDeer",
                            [
                                ("one-byte", "✔ standing · unanswered · FaceDeer"),
                                ("concepts", "✔ standing · unanswered · FaceDeer"),
                                (
                                    "table-lookup",
                                    "✘ defeated · flatbield",
                                    [
                                        ("backprop", "✔ standing · unanswered · mobyduck648"),
                                        ("not-recording", "✔ standing · FaceDeer"),
                                    ],
                                ),
                            ],
                        )
                    ],
                ),
                (
                    "depends-on-data",
                    "✘ defeated · flatbield",
                    [
                        (
                            "not-that-simple",
                            "✔ standing · unanswered · FaceDeer",
                            [("markov", "✔ standing · unanswered · FaceDeer")],
                        )
                    ],
                ),
                ("human-artists", "✔ standing · unanswered · FaceDeer"),
            ],
        ),
        ("ip-perverse", "✔ standing · unanswered · flatbield"),
        ("fair-use", "✔ standing · unanswered · flatbield"),
    ]


@pytest.mark.asyncio
async def test_inlay_hints_give_each_claim_its_status_after_its_id(client: LanguageClient) -> None:
    text = await opened(client)
    lines = text.count("\n")
    hints = await client.text_document_inlay_hint_async(
        lsp.InlayHintParams(doc(), lsp.Range(lsp.Position(0, 0), lsp.Position(lines, 0)))
    )
    assert hints is not None
    resolved = [await client.inlay_hint_resolve_async(h) for h in hints[:3]]
    got = [(h.position.line, h.position.character, h.label, h.tooltip) for h in resolved]
    assert got == [
        (33, 12, "✘ defeated", "Why: defeated by human-artists, which stands and rebuts it."),
        (40, 12, "✘ defeated", "Why: defeated by not-lookup, which stands and rebuts it."),
        (
            50,
            20,
            "✔ standing",
            "Why: every claim that rebuts or undercuts it is defeated: table-lookup.",
        ),
    ]
    assert len(hints) == 14 and all(h.tooltip is None for h in hints)
    # Only those asked for: the range of `fair-use` alone.
    one = await client.text_document_inlay_hint_async(
        lsp.InlayHintParams(doc(), lsp.Range(lsp.Position(149, 0), lsp.Position(150, 0)))
    )
    assert one is not None and [h.label for h in one] == ["✔ standing · unanswered"]


@pytest.mark.asyncio
async def test_the_inlay_hints_setting_turns_them_off(client: LanguageClient) -> None:
    text = await opened(client)
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"argmap": {"inlayHints": False}})
    )
    hints = await client.text_document_inlay_hint_async(
        lsp.InlayHintParams(doc(), lsp.Range(lsp.Position(0, 0), lsp.Position(text.count("\n"), 0)))
    )
    assert hints is not None and not hints


@pytest.mark.asyncio
async def test_folding_ranges_are_the_sections_and_the_claims(client: LanguageClient) -> None:
    await opened(client)
    ranges = await client.text_document_folding_range_async(lsp.FoldingRangeParams(doc()))
    assert ranges is not None
    got = sorted((r.start_line, r.end_line) for r in ranges)
    # `note:`, `speakers:`, `sources:`, `claims:`, `expect:`; then claims by where they start.
    assert got[:6] == [(2, 6), (8, 14), (16, 30), (32, 156), (33, 142), (40, 105)]
    assert (149, 156) in got and (163, 178) in got


@pytest.mark.asyncio
async def test_positions_count_utf16_code_units(client: LanguageClient) -> None:
    text = 'title: T\nclaims:\n  a: {text: "🙂 é", by: Zoë}\n  b: {text: B, rebuts: a}\n'
    open_text(client, URI, text)
    found = await diagnostics(client, URI)
    # `Zoë` after an emoji (two UTF-16 units) and an accented letter (one).
    assert [(span(d.range), d.code) for d in found] == []
    hover = await client.text_document_hover_async(lsp.HoverParams(doc(), lsp.Position(3, 23)))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.value.startswith("**`a`** · Zoë · ✘ defeated")
    wrong = text.replace("rebuts: a}", "rebuts: [a, zz]}")
    change(client, URI, wrong.replace("by: Zoë}", "by: Zoë, rebuts: zz}"), 2)
    found = await diagnostics(client, URI, until=lambda ds: bool(ds))
    assert [(span(d.range), d.code) for d in found] == [
        ((2, 37, 2, 39), "unknown-claim"),
        ((3, 27, 3, 29), "unknown-claim"),
    ]


# --- the same diagnostics as `argmap check` --------------------------------------------------

DATA = ROOT / "tests" / "data"
# The protocol carries text, not bytes: an editor decodes a file before the server sees it, so
# a file that is not UTF-8 cannot reach the server as `argmap check` reads it.
NOT_TEXT = {DATA / "invalid" / "not-utf8.yaml"}


def _data_files() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.suffix in (".yaml", ".yml") and p not in NOT_TEXT)


Row = tuple[int, int, str, str, str, str | None]


def _utf16(line: str, column: int) -> int:
    return len(line[: column - 1].encode("utf-16-le")) // 2


@pytest.mark.asyncio
async def test_the_server_publishes_what_argmap_check_prints_for_every_file_in_tests_data(
    client: LanguageClient,
) -> None:
    files = _data_files()
    run = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    # Each as (line, UTF-16 character, severity, code, message, hint), 0-based.
    printed: dict[str, list[Row]] = {str(f): [] for f in files}
    texts = {f: f.read_bytes().decode("utf-8-sig") for f in files}
    for d in json.loads(run.stdout):
        line, column = (d["line"] or 1) - 1, d["column"] or 1
        lines = texts[Path(d["file"])].splitlines() or [""]
        start = _utf16(lines[line], column) if d["line"] else 0
        printed[d["file"]].append((line, start, d["severity"], d["code"], d["message"], d["hint"]))
    for i, f in enumerate(files):
        open_text(client, f.as_uri(), texts[f], i + 1)
    # Each file is answered in the order opened: once the last has its diagnostics, all have.
    debates = [f for f in files if "claims" in texts[f]]
    await diagnostics(client, debates[-1].as_uri())
    words = {lsp.DiagnosticSeverity.Error: "error", lsp.DiagnosticSeverity.Warning: "warning"}
    published: dict[str, list[Row]] = {}
    for f in files:
        for d in client.diagnostics.get(f.as_uri(), ()):
            message, _, hint = d.message.partition("\nhint: ")
            assert d.severity is not None and isinstance(d.code, str)
            where = d.range.start
            row = (where.line, where.character, words[d.severity], d.code, message, hint or None)
            published.setdefault(str(f), []).append(row)
        if f.as_uri() in client.diagnostics:
            published.setdefault(str(f), [])
    unpublished = sorted(str(f.relative_to(DATA)) for f in files if str(f) not in published)
    # Only YAML that is not a debate (no `claims:`) gets nothing, by design.
    assert unpublished == [
        "invalid/empty-file-blank.yaml",
        "invalid/empty-file.yaml",
        "invalid/wrong-type-root-list.yaml",
        "invalid/wrong-type-root-scalar.yaml",
    ]
    for name, rows in published.items():
        assert rows == printed[name], name
    assert sum(map(len, published.values())) > 60


# --- bad input never ends the server ------------------------------------------------------------


@pytest.mark.asyncio
async def test_hostile_huge_half_typed_and_binary_text_never_stops_the_server(
    client: LanguageClient,
) -> None:
    text = await opened(client)
    hostile = [
        (DATA / "hostile.yaml").read_text(encoding="utf-8"),
        "claims:\n" + "[" * 200_000,  # deeper than any parser nests
        "claims:\n  a: {text: " + "x" * 3_000_000 + "}\n",
        "claims:\n  a: {text: A, rebuts: [b, \n",  # half typed
        "claims:\n\x00\x01\x02\ufffe\udc80 binary\n".encode("utf-8", "surrogatepass").decode(
            "utf-8", "replace"
        ),
        "claims: &a [*a, *a]\n",
        "claims:\n" + "".join(f"  c{i}: {{text: C, rebuts: c{i + 1}}}\n" for i in range(3000)),
    ]
    for version, bad in enumerate(hostile, start=2):
        change(client, URI, bad, version)
        # Every kind of request still gets an answer (each checks the new text first).
        await client.text_document_hover_async(lsp.HoverParams(doc(), lsp.Position(1, 3)))
        await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(doc()))
        await client.text_document_folding_range_async(lsp.FoldingRangeParams(doc()))
        await client.text_document_completion_async(
            lsp.CompletionParams(doc(), lsp.Position(1, 20))
        )
    change(client, URI, text, 100)
    assert list(await diagnostics(client, URI, until=lambda ds: not ds)) == []
    hover = await client.text_document_hover_async(
        lsp.HoverParams(doc(), position(text, "      lookup:", 0, 6))
    )
    assert hover is not None


# --- the render command ----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_render_command_draws_the_file_beside_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "debate.yaml"
    text = RETRIEVAL.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    open_text(client, uri, text)
    await diagnostics(client, uri)
    for fmt, start in (("svg", "<?xml"), ("html", "<!DOCTYPE html>")):
        written = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams("argmap.render", [uri, fmt])
        )
        assert written == str(tmp_path / f"debate.{fmt}")
        drawn = (tmp_path / f"debate.{fmt}").read_text(encoding="utf-8")
        assert drawn.startswith(start) and "retrieval system" in drawn
    assert path.read_text(encoding="utf-8") == text  # the debate itself untouched


# --- completion and code actions, over the protocol ---------------------------------------------


@pytest.mark.asyncio
async def test_completion_offers_claim_ids_nearest_first_while_typing(
    client: LanguageClient,
) -> None:
    text = await opened(client)
    typing = text.replace("      lookup:\n", "      lookup:\n        rebuts: \n", 1)
    change(client, URI, typing, 2)  # completion reads the text as it is now, before a check
    found = await client.text_document_completion_async(
        lsp.CompletionParams(doc(), lsp.Position(41, 16))
    )
    assert isinstance(found, lsp.CompletionList)
    ordered = sorted(found.items, key=lambda i: i.sort_text or "")
    assert [i.label for i in ordered][:5] == [
        "derivative",
        "not-lookup",
        "one-byte",
        "concepts",
        "table-lookup",
    ]
    assert len(ordered) == 13 and "lookup" not in {i.label for i in ordered}
    assert ordered[0].detail == "flatbield · ✘ defeated"


@pytest.mark.asyncio
async def test_code_actions_fix_a_misspelt_speaker_two_ways(client: LanguageClient) -> None:
    text = RETRIEVAL.read_text(encoding="utf-8")
    open_text(client, URI, text.replace("by: flatbield", "by: flatbeild", 1))
    found = await diagnostics(client, URI)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(doc(), found[0].range, lsp.CodeActionContext(list(found)))
    )
    assert actions is not None
    got = []
    for a in actions:
        assert isinstance(a, lsp.CodeAction) and a.edit is not None and a.edit.changes
        edits = a.edit.changes[URI]
        got.append((a.title, a.kind, a.is_preferred, [(span(e.range), e.new_text) for e in edits]))
    assert got == [
        ("Change to 'flatbield'", "quickfix", True, [((34, 8, 34, 17), "flatbield")]),
        (
            "Add 'flatbeild' under `speakers:`",
            "quickfix",
            None,
            [((15, 0, 15, 0), "  flatbeild:\n")],
        ),
    ]


@pytest.mark.asyncio
async def test_code_actions_classify_an_unclassified_reply(client: LanguageClient) -> None:
    text = "title: T\nclaims:\n  a: {text: A}\n  b:\n    text: B\n    answers: a\n"
    open_text(client, URI, text)
    (warning,) = await diagnostics(client, URI)
    assert (warning.code, span(warning.range)) == ("unclassified-reply", (5, 13, 5, 14))
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(doc(), warning.range, lsp.CodeActionContext([warning]))
    )
    assert actions is not None
    got = []
    for a in actions:
        assert isinstance(a, lsp.CodeAction) and a.edit is not None and a.edit.changes
        got.append((a.title, a.kind, [(span(e.range), e.new_text) for e in a.edit.changes[URI]]))
    assert got == [
        ("Classify: 'b' rebuts 'a'", "quickfix", [((5, 4, 5, 11), "rebuts")]),
        ("Classify: 'b' supports 'a'", "quickfix", [((5, 4, 5, 11), "supports")]),
        ("Classify: 'b' undercuts 'a'", "quickfix", [((5, 4, 5, 11), "undercuts")]),
        (
            "Not an argument: 'b' answers nothing (it replied to 'a')",
            "quickfix",
            [((5, 0, 6, 0), "    # replied to a; marked not an argument by argmap label\n")],
        ),
    ]


@pytest_lsp.fixture(config=SERVER)  # type: ignore[untyped-decorator]  # pytest-lsp's own typing
async def plain_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """A client that has no inlay hints (Neovim before 0.10, say)."""
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=lsp.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_client_without_inlay_hints_gets_the_status_as_code_lenses(
    plain_client: LanguageClient,
) -> None:
    await opened(plain_client)
    lenses = await plain_client.text_document_code_lens_async(lsp.CodeLensParams(doc()))
    assert lenses is not None
    got = [(span(c.range), c.command.title if c.command else None) for c in lenses]
    assert got[:2] == [((33, 2, 33, 12), "✘ defeated"), ((40, 6, 40, 12), "✘ defeated")]
    assert got[-1] == ((149, 2, 149, 10), "✔ standing · unanswered")
    assert len(got) == 14
