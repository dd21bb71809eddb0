from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from argmap import __version__, check
from argmap.cli import app

from .conftest import ROOT

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"argmap {__version__}\n")


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, f"argmap {__version__}\n")


def test_no_arguments_shows_help_and_is_a_usage_error() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert result.output.startswith("Usage: argmap [OPTIONS] COMMAND [ARGS]...")


def test_unknown_option_is_a_usage_error() -> None:
    assert runner.invoke(app, ["check", "--nope", "x.yaml"]).exit_code == 2


def test_check_a_folder(in_root: Path) -> None:
    result = runner.invoke(app, ["check", "--strict", "debates"])
    assert result.exit_code == 0
    assert result.output == (
        "debates/lossy-compression.yaml: ok: 8 claims, 6 relations, 4 speakers, 2 sources\n"
        "debates/retrieval-or-concepts.yaml: ok: 14 claims, 14 relations, 3 speakers, 3 sources\n"
        "debates/stored-in-original-form.yaml: ok: 5 claims, 5 relations, 2 speakers, 2 sources\n"
        "3 files checked: 0 errors, 0 warnings\n"
    )


def test_check_json_of_clean_files_is_an_empty_list(in_root: Path) -> None:
    result = runner.invoke(app, ["check", "--format", "json", "debates"])
    assert (result.exit_code, json.loads(result.output)) == (0, [])


def test_check_a_missing_file_is_a_diagnostic(in_root: Path) -> None:
    result = runner.invoke(app, ["check", "debates/nope.yaml"])
    assert result.exit_code == 1
    assert result.output == (
        "debates/nope.yaml: error[read-error]: no such file\n"
        "  hint: check the path; `argmap new FILE` starts a new debate\n"
        "1 file checked: 1 error, 0 warnings\n"
    )


def test_check_a_folder_without_debates_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"argmap: error: no .yaml files in the folder {tmp_path}\n"


def test_check_reports_every_file_and_fails_if_any_fails(tmp_path: Path) -> None:
    good = tmp_path / "a.yaml"
    good.write_text("title: T\nclaims:\n  a: {text: A}\n")
    bad = tmp_path / "b.yaml"
    bad.write_text("title: T\nclaims:\n  a: {text: A, rebuts: lookup2}\n")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{good}: ok: 1 claim, 0 relations, 0 speakers, 0 sources\n"
        f"{bad}:3:24: error[unknown-claim]: 'lookup2' is rebutted by 'a' but no claim has that id\n"
        "  hint: define the claim, or fix the id\n"
        "2 files checked: 1 error, 0 warnings\n"
    )


def test_check_skips_hidden_folders(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("not: a debate\n")
    (tmp_path / "d.yml").write_text("title: T\nclaims:\n  a: {text: A}\n")
    result = runner.invoke(app, ["check", "-q", str(tmp_path)])
    assert (result.exit_code, result.output) == (0, "1 file checked: 0 errors, 0 warnings\n")


def test_schema_prints_the_committed_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.output == (ROOT / "schema/debate.schema.json").read_text()


def test_new_writes_a_starter_that_passes_strict_check(tmp_path: Path) -> None:
    target = tmp_path / "debate.yaml"
    result = runner.invoke(app, ["new", str(target)])
    assert result.exit_code == 0
    assert result.output == f"wrote {target}; check it with: argmap check {target}\n"
    assert target.read_bytes() == (ROOT / "argmap/starter.yaml").read_bytes()
    assert check(target).diagnostics == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["debate.yaml"]


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "debate.yaml"
    target.write_text("mine\n")
    result = runner.invoke(app, ["new", str(target)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"argmap: error: {target} already exists; choose another name or remove it first\n"
    )
    assert target.read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["debate.yaml"]


def test_new_into_a_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "no" / "d.yaml")])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"argmap: error: {tmp_path / 'no'} does not exist; create the folder first\n"
    )


def test_new_wants_a_yaml_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "d.txt")])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"argmap: error: {tmp_path / 'd.txt'}: a debate file ends in .yaml or .yml\n"
    )


def test_pre_commit_hook_checks_debate_files(in_root: Path) -> None:
    import re
    import shlex

    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "argmap-check"
    pattern = re.compile(hook["files"])
    assert [bool(pattern.search(p)) for p in ("debates/a.yaml", "debates/x/b.yml", "ci.yaml")] == [
        True,
        True,
        False,
    ]
    argv = shlex.split(hook["entry"])
    assert argv[0] == "argmap"
    files = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "debates").glob("*.yaml"))]
    result = runner.invoke(app, [*argv[1:], *files])
    assert (result.exit_code, result.output) == (0, "3 files checked: 0 errors, 0 warnings\n")


def test_the_format_docs_example_is_a_clean_debate(tmp_path: Path) -> None:
    text = (ROOT / "docs/format.md").read_text()
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.yaml").write_text(example)
    assert check(tmp_path / "example.yaml").diagnostics == []


def test_help_lists_every_command_in_the_order_a_reader_meets_them() -> None:
    from argmap.cli import ORDER

    names = [c.name for c in app.registered_commands]
    assert names == list(ORDER)  # a new command takes its place in ORDER, not the end
    shown = runner.invoke(app, ["--help"], env={"COLUMNS": "100", "NO_COLOR": "1"}).output
    listed = [line.split()[0] for line in shown.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(ORDER)


def test_the_help_gives_the_loaders_size_limit() -> None:
    # `argmap.cli.common` writes the default of --max-size out, so that `argmap --help` need
    # not import the loader for it.
    from argmap.cli import common
    from argmap.load import DEFAULT_MAX_BYTES, format_size

    assert common.DEFAULT_MAX_BYTES == DEFAULT_MAX_BYTES
    assert format_size(DEFAULT_MAX_BYTES).replace(" ", "") == common.DEFAULT_MAX_SIZE
