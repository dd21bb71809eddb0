"""`argmap lsp` in real editors, configured by the blocks of docs/editors.md, so the
configuration a reader copies is the one tested: headless Neovim (its Lua block) and Emacs in
batch mode with eglot (its Elisp block).

Both come from the system: `make test` installs Debian's `neovim` (0.7.2 on Debian 12) and
`emacs-nox`, `elpa-eglot` and `elpa-yaml-mode` when they are missing (scripts/ensure-neovim,
scripts/ensure-emacs); $ARGMAP_NVIM and $ARGMAP_EMACS may name other copies. Each test writes a
script that opens a debate, waits (with a deadline) until the buffer's diagnostics are what it
waits for, and writes what the editor holds as JSON; the test then reads that file. A failure
shows the editor's output and its LSP log, where the server's standard error is kept.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from string import Template
from typing import Any

import pytest

from .conftest import ROOT

DOC = ROOT / "docs" / "editors.md"
DEBATE = ROOT / "debates" / "retrieval-or-concepts.yaml"
# The comment docs/editors.md puts before the Lua block the tests run.
MARKER = "<!-- tests/test_lsp_editors.py runs the next block in Neovim"
# How long Neovim may wait for each step, and how long the whole run may take.
WAIT_SECONDS = 60
RUN_SECONDS = 2 * WAIT_SECONDS + 30

# The speaker misspelt on its first `by:` (0-based line 34), and the diagnostic Neovim holds.
TYPO_LINE = 34
EXPECTED = {
    "lnum": TYPO_LINE,
    "col": 8,
    "end_lnum": TYPO_LINE,
    "end_col": 17,
    "severity": 1,  # vim.diagnostic.severity.ERROR
    "message": "'derivative' is by 'flatbeild', who is not listed under 'speakers:'\n"
    "hint: did you mean 'flatbield'?",
    "source": "argmap",
    "code": "unknown-speaker",
}


def neovim() -> str:
    """The `nvim` to run; fails with the command that installs it when there is none."""
    found = os.environ.get("ARGMAP_NVIM") or shutil.which("nvim")
    if found is None:
        pytest.fail(
            "Neovim is needed for the editor tests of `argmap lsp`: run `make neovim` (which "
            "installs the Debian/Ubuntu package neovim, see scripts/ensure-neovim) or `make test`"
        )
    return found


def documented_config() -> str:
    """The Lua block of docs/editors.md that follows MARKER, as a reader copies it."""
    text = DOC.read_text(encoding="utf-8")
    assert text.count(MARKER) == 1, f"{DOC.name} must mark the tested Lua block once"
    block = re.search(r"```lua\n(.*?)```", text[text.index(MARKER) :], re.DOTALL)
    assert block is not None, f"no ```lua block after the marker in {DOC.name}"
    return block.group(1)


def lua(value: str) -> str:
    """`value` as a Lua string literal."""
    assert value.isprintable(), value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The one change the tests make to the documented configuration: the server is this
# checkout's argmap (`sys.executable -m argmap lsp`, PYTHONPATH the repository), not the
# `argmap` on PATH that the documentation starts.
DOCUMENTED_COMMAND = '{ "argmap", "lsp" }'


def with_this_checkout(config: str) -> str:
    assert config.count(DOCUMENTED_COMMAND) == 1, (
        f"the Lua block of {DOC.name} must start the server once as cmd = {DOCUMENTED_COMMAND}"
    )
    command = "{ " + ", ".join(lua(a) for a in (sys.executable, "-m", "argmap", "lsp")) + " }"
    return config.replace(DOCUMENTED_COMMAND, command)


def debate_with_typo(folder: Path) -> Path:
    """A copy of the debate in `folder` whose first `by: flatbield` reads `by: flatbeild`."""
    text = DEBATE.read_text(encoding="utf-8")
    assert text.splitlines()[TYPO_LINE] == "    by: flatbield"
    path = folder / "debate.yaml"
    path.write_text(text.replace("by: flatbield", "by: flatbeild", 1), encoding="utf-8")
    return path


# Opens the file, runs the steps, writes what happened to $out and quits, whatever fails.
# Each step is a `wait(name, condition)` or a change to the buffer; `wait` records whether the
# condition came true within the deadline and the buffer's diagnostics then.
DRIVER = Template("""
local result = { steps = {} }
local function wait(name, condition)
  local done = vim.wait($wait_ms, condition, 20)
  table.insert(result.steps, { name = name, done = done, diagnostics = vim.diagnostic.get(0) })
  if not done then
    error("gave up waiting: " .. name)
  end
end
local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape($file))
  result.filetype = vim.bo.filetype
  $steps
end)
if not ok then
  result.error = tostring(err)
end
result.clients = {}
-- The clients attached to the buffer: get_clients from 0.10, buf_get_clients before.
local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = 0 })
  or vim.lsp.buf_get_clients(0)
for _, client in pairs(attached) do
  table.insert(result.clients, client.name)
end
-- on_attach ran to its end: it defines :ArgmapRender last.
result.render_command = vim.fn.exists(":ArgmapRender") == 2
result.errmsg = vim.v.errmsg
local out = io.open($out, "w")
out:write(vim.fn.json_encode(result))
out:close()
vim.cmd("qall!")
""")


def run_neovim(folder: Path, file: Path, steps: str) -> dict[str, Any]:
    """Run Neovim headless on `file` with the documented configuration and `steps`; what the
    driver wrote (filetype, clients attached, each step's outcome and diagnostics)."""
    nvim = neovim()
    config = folder / "init.lua"
    config.write_text(with_this_checkout(documented_config()), encoding="utf-8")
    out = folder / "result.json"
    driver = folder / "driver.lua"
    script = DRIVER.substitute(
        wait_ms=WAIT_SECONDS * 1000, file=lua(str(file)), out=lua(str(out)), steps=steps
    )
    driver.write_text(script, encoding="utf-8")
    # Neovim's own files (the LSP log among them) in the test's folder, not the user's.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(folder / "xdg" / name.lower())
    argv = [
        nvim,
        "--headless",
        "--clean",
        "-u",
        str(config),
        "-c",
        "luafile " + str(driver).replace(" ", "\\ "),
    ]
    try:
        done = subprocess.run(
            argv, cwd=folder, env=env, capture_output=True, text=True, timeout=RUN_SECONDS
        )
    except subprocess.TimeoutExpired as e:
        pytest.fail(
            f"Neovim did not quit within {RUN_SECONDS} s\n{report(folder, e.stdout, e.stderr)}"
        )
    if not out.exists():
        pytest.fail(
            f"Neovim wrote no result (exit status {done.returncode})\n"
            f"{report(folder, done.stdout, done.stderr)}"
        )
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if "error" in result:
        pytest.fail(
            f"{result['error']}\n{json.dumps(result, indent=2)}\n"
            f"{report(folder, done.stdout, done.stderr)}"
        )
    result["stderr"] = done.stderr
    return result


def report(folder: Path, stdout: str | bytes | None, stderr: str | bytes | None) -> str:
    """Neovim's output and every LSP log under `folder`, for a failure's message."""

    def text(value: str | bytes | None) -> str:
        return value.decode(errors="replace") if isinstance(value, bytes) else value or ""

    parts = [f"--- nvim stdout:\n{text(stdout)}", f"--- nvim stderr:\n{text(stderr)}"]
    for log in sorted(folder.rglob("lsp.log")):
        tail = log.read_text(errors="replace")[-20000:]
        parts.append(f"--- {log.relative_to(folder)} (the server's stderr is logged here):\n{tail}")
    return "\n".join(parts)


def assert_attached_cleanly(result: dict[str, Any]) -> None:
    """The buffer is YAML, the argmap client alone is attached to it, the documented on_attach
    ran to its end, and Neovim reported no error."""
    assert result["filetype"] == "yaml"
    assert result["clients"] == ["argmap"]
    assert result["render_command"] is True
    assert (result["errmsg"], result["stderr"]) == ("", "")


def held(diagnostic: dict[str, Any]) -> dict[str, Any]:
    """The fields of a Neovim diagnostic the tests compare (not its buffer or namespace)."""
    return {key: diagnostic.get(key) for key in EXPECTED}


def test_neovim_shows_the_diagnostic_of_a_misspelt_speaker(tmp_path: Path) -> None:
    debate = debate_with_typo(tmp_path)
    result = run_neovim(
        tmp_path, debate, 'wait("diagnostics", function() return #vim.diagnostic.get(0) > 0 end)'
    )
    assert_attached_cleanly(result)
    (step,) = result["steps"]
    assert [held(d) for d in step["diagnostics"]] == [EXPECTED]


def test_neovim_clears_the_diagnostic_when_the_typo_is_fixed(tmp_path: Path) -> None:
    debate = debate_with_typo(tmp_path)
    steps = f"""
  wait("diagnostics", function() return #vim.diagnostic.get(0) > 0 end)
  vim.api.nvim_buf_set_lines(0, {TYPO_LINE}, {TYPO_LINE + 1}, true, {{ "    by: flatbield" }})
  wait("no diagnostics", function() return #vim.diagnostic.get(0) == 0 end)
"""
    result = run_neovim(tmp_path, debate, steps)
    before, after = result["steps"]
    assert [held(d) for d in before["diagnostics"]] == [EXPECTED]
    assert after["done"] and after["diagnostics"] == []
    assert_attached_cleanly(result)
    # The change was the editor's alone: the file on disk still has the typo.
    assert "by: flatbeild" in debate.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("chosen", "lines"),
    [
        ("Classify: 'b' rebuts 'a'", ["    text: B", "    rebuts: a"]),
        (
            "Not an argument: 'b' answers nothing (it replied to 'a')",
            ["    text: B", "    # replied to a; marked not an argument by argmap label"],
        ),
    ],
)
def test_neovim_classifies_a_reply_with_a_code_action(
    chosen: str, lines: list[str], tmp_path: Path
) -> None:
    debate = tmp_path / "thread.yaml"
    debate.write_text("title: T\nclaims:\n  a: {text: A}\n  b:\n    text: B\n    answers: a\n")
    # Neovim lists the actions with vim.ui.select; this one picks the action named `chosen`.
    # An item is {client_id, action} before Neovim 0.10, {ctx = ..., action = ...} from it.
    steps = f"""
  wait("the warning", function() return #vim.diagnostic.get(0) == 1 end)
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      local action = item.action or item[2]
      if action.title == {lua(chosen)} then
        return on_choice(item, i)
      end
    end
    on_choice(nil, nil)
  end
  vim.api.nvim_win_set_cursor(0, {{ 6, 13 }})
  vim.lsp.buf.code_action()
  wait("classified", function() return #vim.diagnostic.get(0) == 0 end)
  result.lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
"""
    result = run_neovim(tmp_path, debate, steps)
    warning, classified = result["steps"]
    assert [(d["code"], d["lnum"], d["col"]) for d in warning["diagnostics"]] == [
        ("unclassified-reply", 5, 13)
    ]
    assert classified["done"] and classified["diagnostics"] == []
    assert result["lines"] == ["title: T", "claims:", "  a: {text: A}", "  b:", *lines]
    assert_attached_cleanly(result)


# Emacs: eglot, configured by the Elisp block of docs/editors.md.

ELISP_MARKER = "<!-- tests/test_lsp_editors.py runs the next block in Emacs"
DOCUMENTED_ELISP_COMMAND = '("argmap" "lsp"'

# Loads the configuration, opens the file, runs the steps, writes what happened to $out and
# quits. In batch mode no command loop runs, so `wait` runs post-command-hook itself (where
# eglot-ensure connects and Flymake starts its checks) between reads of the server's output.
EMACS_DRIVER = Template("""
(require 'json)
(package-initialize)
(load $config nil t)
(defvar argmap-steps nil)
(defvar argmap-error nil)
(defun argmap-diagnostics ()
  (vconcat
   (mapcar (lambda (d)
             (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
               (list (cons 'line (line-number-at-pos beg))
                     (cons 'col (save-excursion (goto-char beg) (current-column)))
                     (cons 'end_col (save-excursion (goto-char end) (current-column)))
                     (cons 'type (symbol-name (flymake-diagnostic-type d)))
                     (cons 'text (flymake-diagnostic-text d)))))
           (flymake-diagnostics))))
(defun argmap-wait (name condition)
  (let ((deadline (+ (float-time) $wait_seconds)) done)
    (while (and (not (setq done (funcall condition))) (< (float-time) deadline))
      (run-hooks 'post-command-hook)
      (accept-process-output nil 0.02))
    (push (list (cons 'name name) (cons 'done (if done t :json-false))
                (cons 'diagnostics (argmap-diagnostics)))
          argmap-steps)
    (unless done (error "gave up waiting: %s" name))))
;; eglot's buffers: the messages exchanged and the server's standard error
(defun argmap-logs ()
  (let (logs)
    (dolist (b (buffer-list) logs)
      (when (string-match-p "EGLOT" (buffer-name b))
        (push (cons (buffer-name b) (with-current-buffer b (buffer-string))) logs)))))
(condition-case err
    (progn (find-file $file) $steps)
  (error (setq argmap-error (error-message-string err))))
    (let ((result (list (cons 'mode (symbol-name major-mode))
                    (cons 'text (buffer-substring-no-properties (point-min) (point-max)))
                    (cons 'server (if (eglot-current-server) t :json-false))
                    (cons 'error argmap-error)
                    (cons 'steps (vconcat (reverse argmap-steps)))
                    (cons 'logs (argmap-logs)))))
  (with-temp-file $out (insert (json-encode result))))
(kill-emacs 0)
""")


def emacs() -> str:
    """The `emacs` to run; fails with the command that installs it when there is none."""
    found = os.environ.get("ARGMAP_EMACS") or shutil.which("emacs")
    if found is None:
        pytest.fail(
            "Emacs is needed for the editor tests of `argmap lsp`: run `make emacs` (which "
            "installs the Debian/Ubuntu packages emacs-nox, elpa-eglot and elpa-yaml-mode, see "
            "scripts/ensure-emacs) or `make test`"
        )
    return found


def documented_elisp() -> str:
    """The Elisp block of docs/editors.md, with the server command replaced by this checkout's
    argmap (the one change, as for Neovim)."""
    text = DOC.read_text(encoding="utf-8")
    assert text.count(ELISP_MARKER) == 1, f"{DOC.name} must mark the tested Elisp block once"
    block = re.search(r"```elisp\n(.*?)```", text[text.index(ELISP_MARKER) :], re.DOTALL)
    assert block is not None, f"no ```elisp block after the marker in {DOC.name}"
    config = block.group(1)
    assert config.count(DOCUMENTED_ELISP_COMMAND) == 1, DOCUMENTED_ELISP_COMMAND
    command = "(" + " ".join(lua(a) for a in (sys.executable, "-m", "argmap", "lsp"))
    return config.replace(DOCUMENTED_ELISP_COMMAND, command)


def run_emacs(folder: Path, file: Path, steps: str) -> dict[str, Any]:
    """Run Emacs in batch mode on `file` with the documented eglot configuration and `steps`;
    what the driver wrote (major mode, whether eglot manages the buffer, each step)."""
    program = emacs()
    config = folder / "eglot.el"
    config.write_text(documented_elisp(), encoding="utf-8")
    out = folder / "result.json"
    driver = folder / "driver.el"
    script = EMACS_DRIVER.substitute(
        config=lua(str(config)),
        file=lua(str(file)),
        out=lua(str(out)),
        wait_seconds=WAIT_SECONDS,
        steps=steps,
    )
    driver.write_text(script, encoding="utf-8")
    home = folder / "home"  # no ~/.emacs.d of the user's
    home.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home)}
    argv = [program, "--batch", "-q", "-l", str(driver)]
    try:
        done = subprocess.run(
            argv, cwd=folder, env=env, capture_output=True, text=True, timeout=RUN_SECONDS
        )
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"Emacs did not quit within {RUN_SECONDS} s\n{e.stdout!r}\n{e.stderr!r}")
    if not out.exists():
        pytest.fail(
            f"Emacs wrote no result (exit status {done.returncode})\n"
            f"--- stdout:\n{done.stdout}\n--- stderr:\n{done.stderr}"
        )
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if result["error"] is not None:
        logs = "\n".join(
            f"--- {name}:\n{text[-20000:]}" for name, text in (result["logs"] or {}).items()
        )
        pytest.fail(
            f"{result['error']}\n{json.dumps(result['steps'], indent=2)}\n"
            f"--- emacs stderr:\n{done.stderr}\n{logs}"
        )
    return result


# Flymake's view of the same diagnostic: lines from 1, eglot's prefix before the message.
EXPECTED_IN_EMACS = {
    "line": TYPO_LINE + 1,
    "col": 8,
    "end_col": 17,
    "type": "eglot-error",
    "text": f"argmap [unknown-speaker]: {EXPECTED['message']}",
}


def test_emacs_eglot_shows_and_clears_the_diagnostic_of_a_misspelt_speaker(
    tmp_path: Path,
) -> None:
    debate = debate_with_typo(tmp_path)
    steps = f"""
  (argmap-wait "diagnostics" (lambda () (flymake-diagnostics)))
  (goto-char (point-min))
  (forward-line {TYPO_LINE})
  (search-forward "flatbeild")
  (replace-match "flatbield" t t)
  (save-buffer)
  (argmap-wait "no diagnostics" (lambda () (null (flymake-diagnostics))))
"""
    result = run_emacs(tmp_path, debate, steps)
    assert (result["mode"], result["server"]) == ("yaml-mode", True)
    before, after = result["steps"]
    assert before["diagnostics"] == [EXPECTED_IN_EMACS]
    assert after["done"] and after["diagnostics"] == []


def test_emacs_eglot_classifies_a_reply_with_a_code_action(tmp_path: Path) -> None:
    debate = tmp_path / "thread.yaml"
    debate.write_text("title: T\nclaims:\n  a: {text: A}\n  b:\n    text: B\n    answers: a\n")
    # eglot asks which action with completing-read (a menu when the last event was a click):
    # this answers with the action's title.
    steps = """
  (argmap-wait "the warning" (lambda () (= (length (flymake-diagnostics)) 1)))
  (goto-char (point-min))
  (forward-line 5)
  (move-to-column 13)
  (cl-letf (((symbol-function 'completing-read)
             (lambda (&rest _) "Classify: 'b' undercuts 'a'")))
    (let ((last-nonmenu-event ?a))
      (eglot-code-actions (point) nil nil t)))
  (save-buffer)
  (argmap-wait "classified" (lambda () (null (flymake-diagnostics))))
"""
    result = run_emacs(tmp_path, debate, steps)
    assert (result["mode"], result["server"]) == ("yaml-mode", True)
    warning, classified = result["steps"]
    assert [(d["line"], d["col"], d["type"]) for d in warning["diagnostics"]] == [
        (6, 13, "eglot-warning")
    ]
    assert classified["done"] and classified["diagnostics"] == []
    classified_text = "title: T\nclaims:\n  a: {text: A}\n  b:\n    text: B\n    undercuts: a\n"
    assert result["text"] == debate.read_text(encoding="utf-8") == classified_text
