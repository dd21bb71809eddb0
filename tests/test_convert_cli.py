"""`argmap import` and `argmap export` end to end: files written or refused, stdout and stderr,
exit codes, and bad input answered with a message, never a traceback."""

from __future__ import annotations

import hashlib
import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from argmap import __version__, check, load
from argmap.cli import app
from argmap.convert import EXPORTERS, IMPORTERS, choices

from .conftest import DEBATES, ROOT

runner = CliRunner()
AIF = ROOT / "tests/data/convert/aif"
ENV: dict[str, str | None] = {"COLUMNS": "80", "NO_COLOR": None, "FORCE_COLOR": None}


def invoke(*args: str, input: bytes | None = None) -> Result:
    return runner.invoke(app, list(args), input=input, env=ENV)


def test_import_writes_a_debate_that_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "nuclear.yaml"
    result = invoke("import", "aif", str(AIF / "ova-xaif.json"), "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines() == [
        "Mapped: claims 5, speakers 2, rebuts 1, supports 1, undercuts 1, notes 2",
        "Not mapped, or mapped with a loss (6):",
        "  - the xAIF keys 'OVA', 'text', 'dialog' (e.g. OVA's layout, the analysed text) are "
        "not kept",
        "  - 14 nodes have timestamps, which argmap does not keep",
        "  - 1 locution words a claim differently from its I-node: the words are kept as a note "
        "on the claim (L-node '1_3005')",
        "  - MA-node '1_2004' ('1_1004' rephrased as '1_1005'): kept as a note on '1_1005'",
        "  - 2 TA-nodes not mapped (transitions between locutions: argmap keeps what answers "
        "what, not the order of the turns): '1_5001', '1_5002'",
        "  - 2 YA-nodes not mapped (illocutions that tie no claim to a speaker): '1_6001', "
        "'1_6002'",
        f"wrote {out}",
    ]
    checked = check(out)
    assert checked.diagnostics == [] and checked.debate is not None
    sha = hashlib.sha256((AIF / "ova-xaif.json").read_bytes()).hexdigest()
    assert f"argmap {__version__} from the AIF file 'ova-xaif.json' (SHA-256 {sha})" in (
        checked.debate.note or ""
    )


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "sub" / "b.yaml"
    second.parent.mkdir()
    copy = tmp_path / "elsewhere.json"
    copy.write_bytes((AIF / "aifdb-quirks.json").read_bytes())
    assert invoke("import", "aif", str(AIF / "aifdb-quirks.json"), "-o", str(first)).exit_code == 0
    renamed = tmp_path / "sub" / "aifdb-quirks.json"
    renamed.write_bytes(copy.read_bytes())
    assert invoke("import", "aif", str(renamed), "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()  # the folder does not count, the name does


def test_import_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "d.yaml"
    out.write_text("mine\n")
    result = invoke("import", "aif", str(AIF / "ova-xaif.json"), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"argmap: error: {out} already exists; choose another name or remove it first "
        "(or pass --force to overwrite it)\n"
    )
    assert out.read_text() == "mine\n"
    # Refused before INPUT is read: what a long read would come to is not waited for.
    unread = invoke("import", "aif", str(tmp_path / "none.json"), "-o", str(out))
    assert (unread.exit_code, unread.stderr) == (1, result.stderr)
    forced = invoke("import", "aif", str(AIF / "ova-xaif.json"), "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text().startswith("# Imported by argmap")


def test_import_to_stdout_and_from_stdin() -> None:
    data = (AIF / "ova-xaif.json").read_bytes()
    result = invoke("import", "aif", "-", "-o", "-", input=data)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Imported by argmap")
    assert "from the AIF file '<stdin>'" in result.stdout
    assert "wrote" not in result.stderr
    assert "Mapped: claims 5" in result.stderr


def test_import_prints_the_warnings_of_check(tmp_path: Path) -> None:
    doc = json.loads(
        invoke("export", str(ROOT / "tests/data/hostile.yaml"), "--to", "aif", "-o", "-").stdout
    )
    out = tmp_path / "h.yaml"
    result = invoke("import", "aif", "-", "-o", str(out), input=json.dumps(doc).encode())
    assert result.exit_code == 0
    assert result.stderr.count("warning[non-http-url]") == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"nodes": [', "x.json:1:12: the JSON is cut short: expecting value"),
        (b'{"nodes": "no"}', "x.json: no 'nodes' list (found text): this is not an AIF nodeset"),
        (b"[]", "x.json: the file holds a list; an AIF file is a JSON object with 'nodes' and"),
        (b"1. Discussion Title: X\n", "x.json: this is not JSON (AIF is a JSON object)"),
        (b"\xff\xfe\x00\x01junk", "x.json:1:1: byte 0xff is not UTF-8"),
        (b"", "x.json: the file is empty; AIF is a JSON object"),
        (b'{"nodes": [], "edges": []}', "x.json: the nodeset has no I-nodes (claims)"),
    ],
    ids=["truncated", "wrong-type", "list", "kialo", "binary", "empty", "empty-nodeset"],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(data)
    out = tmp_path / "x.yaml"
    result = invoke("import", "aif", str(path), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"argmap: error: {tmp_path}/{message}")
    assert isinstance(result.exception, SystemExit)  # an exit, not a crash
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["import", "sadface", "x.json", "-o", "x.yaml"], 2, "unknown format 'sadface'"),
        (["import", "aif", "x.json", "-o", "x.txt"], 2, "a debate file ends in .yaml or .yml"),
        (["import", "aif", "missing.json", "-o", "x.yaml"], 1, "missing.json: no such file"),
        (["import", "aif", "x.yaml", "-o", "x.yaml"], 1, "is the file being imported"),
        (["export", "d.yaml", "-o", "d.json"], 2, "say which format to write with --to"),
        (["export", "d.yaml", "-o", "-"], 2, "say which format to write with --to"),
        (
            ["export", "d.yaml", "--to", "dot", "-o", "-"],
            2,
            "argmap: error: unknown format 'dot'; choose one of aif, argdown, graphml, gexf, json "
            "(or node-link, nodelink), apx (or aspartix), tgf, iccma (or af); to draw the map, "
            "use `argmap render FILE -o OUT --format dot`\n",
        ),
        (
            ["export", "d.yaml", "--to", "Mermaid", "-o", "-"],
            2,
            "; to draw the map, use `argmap render FILE -o OUT --format mmd`\n",
        ),
        (
            ["import", "dot", "x.json", "-o", "x.yaml"],
            2,
            "argmap: error: unknown format 'dot'; choose one of aif (or xaif), kialo, argdown, "
            "json (or node-link, nodelink), text, reddit, lemmy, hn (or hackernews), discourse, "
            "mastodon\n",
        ),
        (["export", "d.yaml", "--to", "aif", "-o", "d.yaml"], 1, "is the debate file itself"),
    ],
)
def test_usage_and_file_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text("title: T\nclaims:\n  a: {text: A}\n")
    result = invoke(*args)
    assert result.exit_code == code
    assert message in result.stderr


def test_import_asks_for_an_output() -> None:
    result = invoke("import", "aif", "x.json")
    assert result.exit_code == 2 and "--output" in result.stderr


# --- export ------------------------------------------------------------------------------------


@pytest.mark.parametrize("to", ["aif", "json", "graphml", "gexf", "apx", "tgf", "iccma"])
def test_export_to_stdout_is_the_exporters_bytes(to: str) -> None:
    from argmap.convert import EXPORTERS

    result = invoke("export", str(DEBATES[0]), "--to", to, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.encode() == EXPORTERS[to].write(load(DEBATES[0]))
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("m.graphml", "<?xml"),
        ("m.gexf", "<?xml"),
        ("m.apx", "arg("),
        ("m.af", "p af "),
        ("m.tgf", ""),
    ],
)
def test_export_takes_the_format_from_the_extension(tmp_path: Path, name: str, start: str) -> None:
    out = tmp_path / name
    result = invoke("export", str(DEBATES[0]), "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    assert out.read_text().startswith(start)


def test_export_overwrites_whole(tmp_path: Path) -> None:
    out = tmp_path / "m.json"
    out.write_text("old")
    assert invoke("export", str(DEBATES[0]), "--to", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["graph"]["title"] == load(DEBATES[0]).title


def test_export_of_a_broken_debate_prints_its_diagnostics(tmp_path: Path) -> None:
    broken = tmp_path / "b.yaml"
    broken.write_text("title: T\nclaims:\n  a: {text: A, rebuts: zz}\n")
    result = invoke("export", str(broken), "--to", "aif", "-o", "-")
    assert result.exit_code == 1
    assert "error[unknown-claim]" in result.stderr and result.stdout == ""


REPLIES = (
    "title: T\nclaims:\n  a: {text: A}\n  b: {text: B, answers: a}\n"
    "  c: {text: C, rebuts: a, replies: {d: {text: D}}}\n"
)
ATTACKS_ONLY = (
    "argmap: warning: 2 unclassified replies are not in the attack graph, which holds attacks "
    "only; classify them first with `argmap label {file}`\n"
)
AS_DATA = (
    "argmap: note: 2 unclassified replies are only in {where}: {why} has no neutral relation; "
    "classify them first with `argmap label {file}`\n"
)
IN_ARGDOWN = AS_DATA.format(
    where="the claims' data blocks (`answers`), which Argdown does not draw",
    why="it",
    file="{file}",
)
IN_AIF = AS_DATA.format(
    where="the `argmap` object (`replies`), which AIF tools ignore", why="AIF", file="{file}"
)


@pytest.mark.parametrize(
    ("to", "line"),
    [
        ("apx", ATTACKS_ONLY),
        ("tgf", ATTACKS_ONLY),
        ("iccma", ATTACKS_ONLY),
        ("argdown", IN_ARGDOWN),
        ("aif", IN_AIF),
        ("json", ""),
        ("graphml", ""),
        ("gexf", ""),
    ],
)
def test_export_says_where_unclassified_replies_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to: str, line: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("d.yaml").write_text(REPLIES)
    out = tmp_path / f"out.{to}"
    result = invoke("export", "d.yaml", "--to", to, "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == line.format(file="d.yaml") + f"wrote {out}\n"
    assert out.read_bytes() == EXPORTERS[to].write(load(tmp_path / "d.yaml"))
    to_stdout = invoke("export", "d.yaml", "--to", to, "-o", "-")
    assert (to_stdout.stdout.encode(), to_stdout.stderr) == (
        out.read_bytes(),
        line.format(file="d.yaml"),
    )


def test_one_unclassified_reply_and_a_file_name_with_a_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("my debate.yaml").write_text(
        "title: T\nclaims:\n  a: {text: A}\n  b: {text: B, answers: a}\n"
    )
    result = invoke("export", "my debate.yaml", "--to", "tgf", "-o", "-")
    assert (result.exit_code, result.stdout) == (0, "a\nb\n#\n")
    assert result.stderr == (
        "argmap: warning: 1 unclassified reply is not in the attack graph, which holds attacks "
        "only; classify it first with `argmap label 'my debate.yaml'`\n"
    )


def test_every_exporter_says_what_it_does_with_unclassified_replies() -> None:
    from argmap.convert import Kept

    kept = {c.name: c.replies.kept if c.replies else None for c in EXPORTERS.values()}
    assert kept == {
        "aif": Kept.DATA,
        "argdown": Kept.DATA,
        "graphml": Kept.RELATIONS,
        "gexf": Kept.RELATIONS,
        "json": Kept.RELATIONS,
        "apx": Kept.NO,
        "tgf": Kept.NO,
        "iccma": Kept.NO,
    }
    assert all(c.replies is None for c in IMPORTERS.values())


def formats_section(title: str) -> str:
    text = (ROOT / "docs/formats.md").read_text(encoding="utf-8")
    return text.split(f"\n## {title}\n")[1].split("\n## ")[0]


def test_the_docs_say_what_every_export_does_with_unclassified_replies() -> None:
    section = formats_section("Unclassified replies, times, permalinks and scores")
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    rows = [line.split(" | ") for line in lines[2:]]  # after the head and its rule
    told = {row[0].removeprefix("| `").removesuffix("`"): row[1] for row in rows}
    assert told == {c.name: c.replies.words for c in EXPORTERS.values() if c.replies}
    assert list(told) == list(EXPORTERS)


def test_the_docs_show_the_line_export_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = formats_section("Unclassified replies, times, permalinks and scores")
    session = section.split("```text\n")[1].split("```")[0]
    command, _, expected = session.partition("\n")
    monkeypatch.chdir(tmp_path)
    replies = "".join(f"  r{i}: {{text: R{i}, answers: a}}\n" for i in range(12))
    Path("thread.yaml").write_text(f"title: T\nclaims:\n  a: {{text: A}}\n{replies}")
    result = invoke(*shlex.split(command.removeprefix("$ argmap ")))
    assert (result.exit_code, result.stderr) == (0, expected)


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["aif", "json"])
def test_export_then_import_from_the_command_line(tmp_path: Path, path: Path, fmt: str) -> None:
    exported = tmp_path / f"x.{fmt}.json"
    assert invoke("export", str(path), "--to", fmt, "-o", str(exported)).exit_code == 0
    back = tmp_path / "back.yaml"
    result = invoke("import", fmt, str(exported), "-o", str(back))
    assert result.exit_code == 0, result.stderr
    assert "Not mapped" not in result.stderr
    checked = check(back)
    assert checked.diagnostics == [] and checked.debate is not None
    assert list(checked.debate.claims) == list(load(path).claims)


def test_import_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(1 << 30)  # sparse: a gibibyte that takes no room
    out = tmp_path / "d.yaml"
    result = CliRunner().invoke(app, ["import", "aif", str(big), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"argmap: error: {big}: the file is 1 GiB, more than the limit of 64 MiB; to read it "
        "anyway, raise the limit: `argmap --max-size SIZE import ...` or ARGMAP_MAX_SIZE=SIZE "
        "(0 for no limit)\n",
    )
    assert not out.exists()


# --- every name of every format ------------------------------------------------------------------

SAMPLES = {
    "aif": AIF / "ova-xaif.json",
    "kialo": ROOT / "tests/data/convert/kialo/classic.txt",
    "argdown": ROOT / "tests/data/convert/argdown/minimal.json",
    "json": ROOT / "tests/data/convert/json/foreign.json",
    "text": ROOT / "tests/data/threads/text/seed-001.txt",
    "reddit": ROOT / "tests/data/threads/reddit/praw-98vj9e-e4j4830.json",
    "lemmy": ROOT / "tests/data/threads/lemmy/lemmykit-comments-v3.json",
    "hn": ROOT / "tests/data/threads/hn/algolia-handmade.json",
    "discourse": ROOT / "tests/data/threads/discourse/discourse-api-topic.json",
    "mastodon": ROOT / "tests/data/threads/mastodon/mastodonpy-context.json",
}
IMPORT_NAMES = [(c.name, n) for c in IMPORTERS.values() for n in c.names]
EXPORT_NAMES = [(c.name, n) for c in EXPORTERS.values() for n in c.names]


def test_every_converter_has_its_names() -> None:
    assert {c.name: c.names for c in IMPORTERS.values()} == {
        "aif": ("aif", "xaif"),
        "kialo": ("kialo",),
        "argdown": ("argdown",),
        "json": ("json", "node-link", "nodelink"),
        "text": ("text",),
        "reddit": ("reddit",),
        "lemmy": ("lemmy",),
        "hn": ("hn", "hackernews"),
        "discourse": ("discourse",),
        "mastodon": ("mastodon",),
    }
    assert {c.name: c.names for c in EXPORTERS.values()} == {
        "aif": ("aif",),
        "argdown": ("argdown",),
        "graphml": ("graphml",),
        "gexf": ("gexf",),
        "json": ("json", "node-link", "nodelink"),
        "apx": ("apx", "aspartix"),
        "tgf": ("tgf",),
        "iccma": ("iccma", "af"),
    }


@pytest.mark.parametrize(("fmt", "name"), IMPORT_NAMES, ids=[n for _, n in IMPORT_NAMES])
def test_import_by_any_name_of_the_format(fmt: str, name: str) -> None:
    expected = invoke("import", fmt, str(SAMPLES[fmt]), "-o", "-")
    assert expected.exit_code == 0
    for typed in (name, name.upper()):
        result = invoke("import", typed, str(SAMPLES[fmt]), "-o", "-")
        assert (result.exit_code, result.stdout, result.stderr) == (
            0,
            expected.stdout,
            expected.stderr,
        )


@pytest.mark.parametrize(("fmt", "name"), EXPORT_NAMES, ids=[n for _, n in EXPORT_NAMES])
def test_export_by_any_name_of_the_format(fmt: str, name: str) -> None:
    for typed in (name, name.upper()):
        result = invoke("export", str(DEBATES[0]), "--to", typed, "-o", "-")
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout.encode() == EXPORTERS[fmt].write(load(DEBATES[0]))


def test_the_docs_give_every_name_of_every_converter() -> None:
    table = (ROOT / "docs/formats.md").read_text().split("\n\n")[2].splitlines()[2:]
    imports = [w for row in table for w in re.findall(r"`([a-z-]+)`", row.split("|")[2])]
    exports = [w for row in table for w in re.findall(r"`([a-z-]+)`", row.split("|")[3])]
    assert sorted(imports) == sorted(n for _, n in IMPORT_NAMES)
    assert sorted(exports) == sorted(n for _, n in EXPORT_NAMES)
    commands = (ROOT / "docs/commands.md").read_text()
    for section, names in (("import", IMPORT_NAMES), ("export", EXPORT_NAMES)):
        text = commands.split(f"## argmap {section}\n")[1].split("\n## ")[0]
        assert {n for _, n in names} <= set(re.findall(r"`([a-z-]+)`", text)), section


def help_text(*argv: str) -> str:
    """`argmap ARGV --help` as one line of words: no panel borders, no line breaks."""
    wide = {"COLUMNS": "400", "TERMINAL_WIDTH": "400", "NO_COLOR": "1"}
    result = runner.invoke(app, [*argv, "--help"], env=wide)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("\u2502", " ").split())


def test_the_help_gives_every_name_of_every_converter() -> None:
    assert f" {choices(IMPORTERS)}. " in help_text("import")
    assert (
        f"{choices(EXPORTERS)}; by default from OUT's extension when only one format uses it."
    ) in help_text("export")
