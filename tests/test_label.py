"""`argmap label`: the edit that classifies one reply (`argmap.label.reclassify`), exact text for
every way a reply is written; a property that no other byte moves; the command with `--set`;
and the command as a person uses it, in a real pseudo-terminal."""

from __future__ import annotations

import difflib
import os
import shutil
import signal
import subprocess
import sys
import termios
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import check_text, loads
from argmap.label import Decision, LabelError, reclassify, reclassify_all, replies
from argmap.model import RelationKind

from .conftest import ROOT
from .terminal import PROMPT, Terminal

REBUTS, SUPPORTS, UNDERCUTS = RelationKind.REBUTS, RelationKind.SUPPORTS, RelationKind.UNDERCUTS
LIBRARY = ROOT / "tests/data/label/library.yaml"
HEAD = "title: T\nclaims:\n  a: {text: A}\n  b: {text: B}\n"


def relations(text: str) -> set[tuple[str, str, str]]:
    debate = loads(text.removeprefix("\ufeff"))
    return {(r.source, r.target, r.kind.value) for r in debate.relations}


def pending(text: str) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in replies(loads(text.removeprefix("\ufeff")))]


# --- one reply, every way it is written ---------------------------------------------------------

CASES = [
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers: a  # first reply\n",
        ("c", "a", REBUTS),
        HEAD + "  c:\n    text: C\n    rebuts: a  # first reply\n",
        id="scalar: the key is renamed",
    ),
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers: a\n",
        ("c", "a", None),
        HEAD + "  c:\n    text: C\n    # replied to a; marked not an argument by argmap label\n",
        id="scalar, not an argument: the line becomes a comment",
    ),
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers: [a, b]   # two\n  d: {text: D}\n",
        ("c", "b", SUPPORTS),
        HEAD + "  c:\n    text: C\n    answers: [a]   # two\n    supports: b\n  d: {text: D}\n",
        id="flow list: the id leaves it, the kind's key is added after it",
    ),
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers: [a, b]\n",
        ("c", "a", None),
        HEAD + "  c:\n    text: C\n"
        "    # replied to a; marked not an argument by argmap label\n    answers: [b]\n",
        id="flow list, not an argument: the comment goes above",
    ),
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers: [a]\n",
        ("c", "a", UNDERCUTS),
        HEAD + "  c:\n    text: C\n    undercuts: [a]\n",
        id="a list of one: the key is renamed",
    ),
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers:\n      - a  # this one\n      - b\n    by: x\n",
        ("c", "a", REBUTS),
        HEAD + "  c:\n    text: C\n    answers:\n      - b\n    rebuts: a\n    by: x\n",
        id="block list",
    ),
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers:\n      - a\n      - b\n",
        ("c", "b", None),
        HEAD + "  c:\n    text: C\n    answers:\n      - a\n"
        "      # replied to b; marked not an argument by argmap label\n",
        id="block list, not an argument: the comment takes the item's place",
    ),
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers:\n      - a\n",
        ("c", "a", None),
        HEAD + "  c:\n    text: C\n    # replied to a; marked not an argument by argmap label\n",
        id="block list of one, not an argument: the whole field goes",
    ),
    pytest.param(
        HEAD + "  x: {text: X}\n  c:\n    text: C\n    answers: a\n    rebuts: x\n",
        ("c", "a", REBUTS),
        HEAD + "  x: {text: X}\n  c:\n    text: C\n    rebuts: [x, a]\n",
        id="the kind's key exists with one id: it becomes a list",
    ),
    pytest.param(
        HEAD + "  x: {text: X}\n  c:\n    text: C\n    answers: [a, b]\n    rebuts: [x]\n",
        ("c", "b", REBUTS),
        HEAD + "  x: {text: X}\n  c:\n    text: C\n    answers: [a]\n    rebuts: [x, b]\n",
        id="the kind's key exists as a flow list",
    ),
    pytest.param(
        HEAD + "  x: {text: X}\n  c:\n    text: C\n    answers: a\n    supports:\n      - x\n",
        ("c", "a", SUPPORTS),
        HEAD + "  x: {text: X}\n  c:\n    text: C\n    supports:\n      - x\n      - a\n",
        id="the kind's key exists as a block list",
    ),
    pytest.param(
        HEAD + "  c: {text: C, by: x, answers: a}\n",
        ("c", "a", REBUTS),
        HEAD + "  c: {text: C, by: x, rebuts: a}\n",
        id="flow mapping claim",
    ),
    pytest.param(
        HEAD + "  c: {text: C, answers: [a, b], by: x}\n",
        ("c", "a", SUPPORTS),
        HEAD + "  c: {text: C, answers: [b], supports: a, by: x}\n",
        id="flow mapping claim, list",
    ),
    pytest.param(
        HEAD + "  c: {text: C, answers: a, by: x}\n",
        ("c", "a", None),
        HEAD + "  # replied to a; marked not an argument by argmap label\n  c: {text: C, by: x}\n",
        id="flow mapping claim, not an argument: the comment goes above the claim",
    ),
    pytest.param(
        HEAD + "  c: {\n    text: C,\n    answers: a\n  }\n",
        ("c", "a", None),
        HEAD
        + "  # replied to a; marked not an argument by argmap label\n  c: {\n    text: C\n  }\n",
        id="flow mapping over several lines, not an argument",
    ),
    pytest.param(
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      # the first\n"
        "      b:\n        text: >-\n          B, folded\n          over two lines.\n\n"
        "        by: x\n      c: {text: C}\n",
        ("b", "a", REBUTS),
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      # the first\n"
        "      b:\n        text: >-\n          B, folded\n          over two lines.\n"
        "        rebuts: a\n\n        by: x\n      c: {text: C}\n",
        id="nested reply: says how it answers its parent, after its text, where it stands",
    ),
    pytest.param(
        'title: T\nclaims:\n  "1.2":\n    text: A\n    replies:\n      c: {text: C}\n',
        ("c", "1.2", UNDERCUTS),
        'title: T\nclaims:\n  "1.2":\n    text: A\n    replies:\n'
        '      c: {text: C, undercuts: "1.2"}\n',
        id="nested reply in a flow mapping, to an id YAML would read as a number",
    ),
    pytest.param(
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b:\n        text: B\n"
        "        replies:\n          d: {text: D}\n      c: {text: C}\n  e: {text: E}\n",
        ("b", "a", None),
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      c: {text: C}\n"
        "  b:\n    # replied to a; marked not an argument by argmap label\n    text: B\n"
        "    replies:\n      d: {text: D}\n  e: {text: E}\n",
        id="nested reply, not an argument: it moves to claims:, with its own replies",
    ),
    pytest.param(
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      c: {text: C}\n  e: {text: E}\n",
        ("c", "a", None),
        "title: T\nclaims:\n  a:\n    text: A\n"
        "  # c replied to a; marked not an argument by argmap label\n  c: {text: C}\n"
        "  e: {text: E}\n",
        id="the only nested reply, not an argument: replies: goes too",
    ),
    pytest.param(
        (HEAD + "  c:\n    text: C\n    answers: [a, b]\n").replace("\n", "\r\n"),
        ("c", "a", REBUTS),
        (HEAD + "  c:\n    text: C\n    answers: [b]\n    rebuts: a\n").replace("\n", "\r\n"),
        id="CRLF: the new line ends in CRLF too",
    ),
    pytest.param(
        "title: T\r\nclaims:\r\n  a:\r\n    text: A\r\n    replies:\r\n      b:\r\n"
        "        text: B\r\n      c: {text: C}\r\n",
        ("b", "a", None),
        "title: T\r\nclaims:\r\n  a:\r\n    text: A\r\n    replies:\r\n      c: {text: C}\r\n"
        "  b:\r\n    # replied to a; marked not an argument by argmap label\r\n    text: B\r\n",
        id="CRLF, a nested reply moved",
    ),
    pytest.param(
        "\ufeff" + HEAD + "  c:\n    text: C\n    answers: a\n",
        ("c", "a", SUPPORTS),
        "\ufeff" + HEAD + "  c:\n    text: C\n    supports: a\n",
        id="a byte-order mark stays",
    ),
    pytest.param(
        HEAD + "  c:\n    text: C\n    answers: [a, b]",
        ("c", "a", REBUTS),
        HEAD + "  c:\n    text: C\n    answers: [b]\n    rebuts: a",
        id="no line break at the end of the file",
    ),
    pytest.param(
        'title: T\nclaims:\n  "1.2": {text: A}\n  c:\n    text: C\n    "answers": ["1.2", a]\n'
        "  a: {text: A}\n",
        ("c", "1.2", REBUTS),
        'title: T\nclaims:\n  "1.2": {text: A}\n  c:\n    text: C\n    "answers": [a]\n'
        '    rebuts: "1.2"\n  a: {text: A}\n',
        id="quoted keys and ids keep their quotes",
    ),
]


@pytest.mark.parametrize(("before", "reply", "after"), CASES)
def test_reclassify_changes_that_reply_and_nothing_else(
    before: str, reply: tuple[str, str, RelationKind | None], after: str
) -> None:
    source, target, kind = reply
    assert reclassify(before, source, target, kind) == after
    expected = relations(before) - {(source, target, "answers")}
    if kind is not None:
        expected.add((source, target, kind.value))
    assert relations(after) == expected


def test_a_file_with_comments_keeps_them_byte_for_byte() -> None:
    before = LIBRARY.read_text(encoding="utf-8")
    text = before
    for source, target, kind in [
        ("volunteers", "open-sundays", SUPPORTS),
        ("staff-cost", "open-sundays", REBUTS),
        ("grant", "staff-cost", UNDERCUTS),
        ("grant", "volunteers", SUPPORTS),
        ("thanks", "open-sundays", None),
        ("two-years", "grant", REBUTS),
    ]:
        text = reclassify(text, source, target, kind)
    old, new = before.splitlines(keepends=True), text.splitlines(keepends=True)
    # Outside the lines of the six relations, every line is as it was, comments included.
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes = [
        (i + 1, old[i:j], new[k:m]) for op, i, j, k, m in matcher.get_opcodes() if op != "equal"
    ]
    assert changes == [
        (18, [], ["        supports: open-sundays\n"]),
        (23, ["    answers: open-sundays\n"], ["    rebuts: open-sundays\n"]),
        (
            32,
            [
                "    answers: [staff-cost, volunteers]\n",
                "  thanks: {by: priya, at: 2024-03-02T11:00:00Z, score: 1, text: Thanks for "
                "starting this!, answers: open-sundays}\n",
            ],
            [
                "    supports: [volunteers]\n",
                "    undercuts: staff-cost\n",
                "  # replied to open-sundays; marked not an argument by argmap label\n",
                "  thanks: {by: priya, at: 2024-03-02T11:00:00Z, score: 1, text: Thanks for "
                "starting this!}\n",
            ],
        ),
        (39, ["    answers:\n"], ["    rebuts:\n"]),
    ]
    comments = [line for line in old if "#" in line or not line.strip()]
    assert [line for line in new if line in comments] == comments
    assert pending(text) == []
    assert check_text(text).diagnostics == []


@pytest.mark.parametrize(
    ("text", "reply", "message"),
    [
        (HEAD + "  c: {text: C, rebuts: a}\n", ("c", "a", REBUTS), "'c' already rebuts 'a'"),
        (HEAD, ("c", "a", REBUTS), "no claim 'c' in the debate"),
        (HEAD, ("b", "a", REBUTS), "'b' does not reply to 'a'"),
        ("title: T\nclaims: 3\n", ("b", "a", REBUTS), "the debate has errors"),
    ],
)
def test_what_is_not_an_unclassified_reply_is_refused(
    text: str, reply: tuple[str, str, RelationKind | None], message: str
) -> None:
    with pytest.raises(LabelError, match=message):
        reclassify(text, *reply)


def test_a_layout_it_cannot_edit_exactly_is_refused_not_guessed() -> None:
    # The reply's text continues on a line less indented than its id (as a quoted scalar
    # may): moving it out of `replies:` would change the text, so it is refused.
    text = 'title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b:\n        text: "B\n  b"\n'
    assert loads(text).claims["b"].text == "B b"
    with pytest.raises(LabelError, match="indented less than its id") as caught:
        reclassify(text, "b", "a", None)
    assert caught.value.hint is not None and "by hand" in caught.value.hint
    assert reclassify(text, "b", "a", REBUTS).count("rebuts: a") == 1


# --- any thread: exactly that relation, and no byte outside its lines ---------------------------


@dataclass
class Written:
    """Where the generator wrote one claim: the lines of its block (0-based, inclusive), the
    claim under `claims:` it is within, and, when nested under `replies:`, the line of that
    `replies:` and how many replies it holds."""

    first: int
    last: int = -1
    top: str = ""
    parent: str | None = None
    section: int = -1
    siblings: int = 0


@st.composite
def threads(draw: st.DrawFn) -> tuple[str, dict[str, Written]]:
    """A debate of unclassified replies written every way a person or an import writes them:
    flat with `answers:` (one id, a [list], a block list), in {mappings}, nested under
    `replies:`, with comments and blank lines between; LF or CRLF, with or without a BOM."""
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    lines = ["# a generated thread", "title: T", "claims:"]
    written: dict[str, Written] = {}

    def claim(pad: str, parent: str | None, top: str | None, depth: int) -> str:
        ident = f"c{len(written)}"
        place = written[ident] = Written(len(lines), top=top or ident, parent=parent)
        earlier = [i for i in written if i not in (ident, parent)]
        targets = (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2)) if earlier else []
        )
        children = draw(st.integers(0, 2)) if depth < 2 else 0
        if not children and draw(st.booleans()):
            fields = [f"text: Claim {ident}."]
            if targets:
                ids = (
                    targets[0]
                    if len(targets) == 1 and draw(st.booleans())
                    else f"[{', '.join(targets)}]"
                )
                fields.insert(draw(st.integers(0, 1)), f"answers: {ids}")
            lines.append(f"{pad}{ident}: {{{', '.join(fields)}}}")
        else:
            lines.append(f"{pad}{ident}:" + draw(st.sampled_from(["", "  # why"])))
            lines.append(f"{pad}  text: Claim {ident}.")
            if draw(st.booleans()):
                lines.append(f"{pad}  # a transcriber's comment")
            if targets:
                form = draw(st.sampled_from(["scalar", "flow", "block"]))
                if form == "scalar" and len(targets) == 1:
                    lines.append(f"{pad}  answers: {targets[0]}")
                elif form == "block":
                    lines.append(f"{pad}  answers:")
                    lines.extend(f"{pad}    - {t}" for t in targets)
                else:
                    lines.append(f"{pad}  answers: [{', '.join(targets)}]")
            if draw(st.booleans()):
                lines.append(f"{pad}  by: p{draw(st.integers(0, 2))}")
            if children:
                section = len(lines)
                lines.append(f"{pad}  replies:")
                for _ in range(children):
                    child = claim(pad + "    ", ident, top or ident, depth + 1)
                    written[child].section, written[child].siblings = section, children
        place.last = len(lines) - 1
        return ident

    for _ in range(draw(st.integers(1, 4))):
        claim("  ", None, None, 0)
        lines.extend(draw(st.sampled_from([[], [""], ["  # between claims"], ["", "# far left"]])))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + nl.join(lines) + nl, written


@settings(max_examples=200, deadline=None)
@given(thread=threads(), data=st.data())
def test_classifying_any_reply_changes_that_relation_and_only_its_lines(
    thread: tuple[str, dict[str, Written]], data: st.DataObject
) -> None:
    text, written = thread
    left = pending(text)
    if not left:
        return
    source, target = data.draw(st.sampled_from(left))
    kind = data.draw(st.sampled_from([REBUTS, SUPPORTS, UNDERCUTS, None]))
    new = reclassify(text, source, target, kind)

    expected = relations(text) - {(source, target, "answers")}
    if kind is not None:
        expected.add((source, target, kind.value))
    assert relations(new) == expected

    old_lines, new_lines = text.splitlines(keepends=True), new.splitlines(keepends=True)
    place = written[source]
    first, last = place.first, place.last
    if kind is None and place.parent == target:
        # Moved out of `replies:` (with that `replies:`, when it was its only reply) to just
        # after the claim it was written within.
        first = place.section if place.siblings == 1 else first
        last = written[place.top].last
    after = len(old_lines) - last - 1
    assert new_lines[:first] == old_lines[:first]
    assert new_lines[len(new_lines) - after :] == old_lines[last + 1 :]
    # Comments moved with a claim are still there (the one argmap label adds is new).
    comments = Counter(line.strip() for line in old_lines if "#" in line)
    assert comments <= Counter(line.strip() for line in new_lines if "#" in line)


@settings(max_examples=100, deadline=None)
@given(thread=threads(), data=st.data())
def test_many_replies_at_once_are_what_one_at_a_time_makes(
    thread: tuple[str, dict[str, Written]], data: st.DataObject
) -> None:
    text, _ = thread
    left = pending(text)
    chosen = data.draw(st.lists(st.sampled_from(left), unique=True)) if left else []
    kinds = [REBUTS, SUPPORTS, UNDERCUTS, None]
    decisions = [Decision(s, t, data.draw(st.sampled_from(kinds))) for s, t in chosen]
    one_at_a_time = text
    for d in decisions:
        one_at_a_time = reclassify(one_at_a_time, d.source, d.target, d.kind)
    assert reclassify_all(text, decisions) == one_at_a_time


def test_replies_of_one_claim_and_moves_within_moves_are_made_one_at_a_time() -> None:
    text = (
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b:\n        text: B\n"
        "        replies:\n          c: {text: C}\n  d: {text: D, answers: [a, b]}\n"
    )
    decisions = [
        Decision("b", "a", None),  # moves b, and c with it
        Decision("c", "b", REBUTS),  # edits a line inside what moves
        Decision("d", "a", SUPPORTS),  # two replies of d
        Decision("d", "b", None),
    ]
    assert reclassify_all(text, decisions) == (
        "title: T\nclaims:\n  a:\n    text: A\n"
        "  b:\n    # replied to a; marked not an argument by argmap label\n    text: B\n"
        "    replies:\n      c: {text: C, rebuts: b}\n"
        "  # replied to b; marked not an argument by argmap label\n"
        "  d: {text: D, supports: a}\n"
    )


# --- argmap label --set -------------------------------------------------------------------------


def argmap(*args: str, cwd: Path, stdin: int | None = subprocess.DEVNULL) -> tuple[int, str, str]:
    """`argmap ARGS` from this tree, as a script runs it: exit status, stdout, stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100"},
        stdin=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A copy of the library thread: six unclassified replies, flat, in lists and nested."""
    path = tmp_path / "library.yaml"
    shutil.copy(LIBRARY, path)
    return path


def test_set_classifies_and_says_what_changed(library: Path) -> None:
    status, stdout, stderr = argmap(
        "label",
        "library.yaml",
        "--set",
        "staff-cost=rebuts",
        "--set",
        "grant>staff-cost=supports",
        "--set",
        "thanks=none",
        cwd=library.parent,
    )
    assert (status, stderr) == (0, "")
    assert stdout == (
        "staff-cost rebuts open-sundays\n"
        "grant supports staff-cost\n"
        "thanks is not an argument: it replied to open-sundays, it answers nothing\n"
        "classified 3, left 3\n"
    )
    text = library.read_text(encoding="utf-8")
    assert pending(text) == [
        ("volunteers", "open-sundays"),
        ("grant", "volunteers"),
        ("two-years", "grant"),
    ]
    assert {
        ("staff-cost", "open-sundays", "rebuts"),
        ("grant", "staff-cost", "supports"),
    } <= relations(text)


def test_set_every_reply_and_strict_check_passes(library: Path) -> None:
    sets = ["volunteers=supports", "staff-cost=rebuts", "grant>volunteers=supports"]
    sets += ["grant>staff-cost=undercuts", "thanks=none", "two-years=rebuts"]
    status, stdout, stderr = argmap(
        "label", "library.yaml", *(f"--set={s}" for s in sets), cwd=library.parent
    )
    assert (status, stderr) == (0, "")
    assert stdout.splitlines()[-2:] == [
        "classified 6, left 0",
        "all replies are classified; `argmap check --strict library.yaml` passes",
    ]
    assert argmap("check", "--strict", "library.yaml", cwd=library.parent)[0] == 0
    assert argmap("label", "library.yaml", cwd=library.parent) == (
        0,
        "no unclassified replies in library.yaml\n",
        "",
    )


def test_set_says_when_strict_check_still_fails(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(
        HEAD.replace("claims:", "sources:\n  s: {title: S}\nclaims:")
        + "  c: {text: C, answers: a}\n"
    )
    status, stdout, _ = argmap("label", "d.yaml", "--set", "c=rebuts", cwd=tmp_path)
    assert (status, stdout) == (
        0,
        "c rebuts a\nclassified 1, left 0\n"
        "all replies are classified; `argmap check --strict d.yaml` still finds 1 problem: "
        "see `argmap check d.yaml`\n",
    )


def test_set_with_mistakes_says_each_and_leaves_the_file_untouched(library: Path) -> None:
    before = library.read_bytes()
    status, stdout, stderr = argmap(
        "label",
        "library.yaml",
        *("--set", "staff-cost=rebuts"),  # right, but not made: the others are wrong
        *("--set", "grant=supports"),
        *("--set", "volunteers=rebutts"),
        *("--set", "volunters=rebuts"),
        *("--set", "open-sundays=rebuts"),
        *("--set", "grant>two-years=rebuts"),
        *("--set", "staff-cost=supports"),
        *("--set", "thanks"),
        cwd=library.parent,
    )
    assert (status, stdout) == (1, "")
    assert stderr == (
        "argmap: error: --set 'grant=supports': 'grant' replies to 2 claims\n"
        "  hint: say which: grant>volunteers=KIND, grant>staff-cost=KIND\n"
        "argmap: error: --set 'volunteers=rebutts': 'rebutts' is not a kind\n"
        "  hint: did you mean 'rebuts'? KIND is one of rebuts, supports, undercuts, none\n"
        "argmap: error: --set 'volunters=rebuts': no claim 'volunters' in the debate\n"
        "  hint: did you mean 'volunteers'?\n"
        "argmap: error: --set 'open-sundays=rebuts': 'open-sundays' is not an unclassified reply\n"
        "argmap: error: --set 'grant>two-years=rebuts': 'grant' does not reply to 'two-years'\n"
        "  hint: say which: grant>volunteers=KIND, grant>staff-cost=KIND\n"
        "argmap: error: --set 'staff-cost=supports': the reply staff-cost>open-sundays is "
        "already set by 'staff-cost=rebuts'\n"
        "  hint: set each reply once\n"
        "argmap: error: --set 'thanks': write ID=KIND\n"
        "  hint: KIND is one of rebuts, supports, undercuts, none\n"
    )
    assert library.read_bytes() == before


def test_without_a_terminal_or_set_it_is_a_usage_error(library: Path) -> None:
    assert argmap("label", "library.yaml", cwd=library.parent) == (
        2,
        "",
        "argmap: error: argmap label asks a key for each reply, so it runs in a terminal\n"
        "  hint: run it in a terminal, or classify from a script with --set ID=KIND\n",
    )


def test_a_debate_with_errors_gets_its_diagnostics(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(HEAD + "  c: {text: C, answers: nope}\n")
    status, stdout, stderr = argmap("label", "bad.yaml", "--set", "c=rebuts", cwd=tmp_path)
    assert (status, stdout) == (1, "")
    assert stderr.startswith("bad.yaml:5:25: error[unknown-claim]: 'nope' is answered by 'c'")
    assert argmap("label", "missing.yaml", cwd=tmp_path)[1:] == (
        "",
        "missing.yaml: error[read-error]: no such file\n"
        "  hint: check the path; `argmap new FILE` starts a new debate\n",
    )


# --- argmap label in a terminal -----------------------------------------------------------------


def kinds(path: Path) -> dict[tuple[str, str], str]:
    """Each relation of the debate file at `path`, as its kind."""
    return {(s, t): k for s, t, k in relations(path.read_text(encoding="utf-8"))}


def test_a_whole_debate_classified_in_a_terminal_over_two_sessions(library: Path) -> None:
    with Terminal.argmap("label", "library.yaml", cwd=library.parent) as term:
        first = term.expect(PROMPT)
        assert "Labelling library.yaml: 6 unclassified replies, in thread order." in first
        assert first.endswith(
            "1 of 6\n"
            "  open-sundays · margaret_h · 2024-03-02T09:15:00Z · score 14\n"
            "    The library should open on Sundays, when most people are free.\n"
            "↳ volunteers · dkowalski · 2024-03-02T09:40:00Z · score 6\n"
            "    Volunteers from the friends' group could staff the desk.\n"
            "how does volunteers answer open-sundays? (r s u n · k z q ?) "
        )
        assert term.press("r").startswith("→ volunteers rebuts open-sundays\n\n2 of 6\n")
        assert kinds(library)[("volunteers", "open-sundays")] == "rebuts"  # written at once

        assert term.press("s").startswith("→ staff-cost supports open-sundays\n\n3 of 6\n")
        assert kinds(library)[("staff-cost", "open-sundays")] == "supports"

        before_skip = library.read_bytes()
        assert term.press(" ").startswith("skipped\n\n4 of 6\n  staff-cost")
        assert library.read_bytes() == before_skip

        assert term.press("z").startswith("undone: staff-cost supports open-sundays\n\n2 of 6\n")
        assert kinds(library)[("staff-cost", "open-sundays")] == "answers"

        assert "?: not a key" not in term.press("?")  # the help, then the same question
        assert term.press("x").startswith("'x': not a key argmap label knows; ? shows them\n")
        assert term.press("u").startswith("→ staff-cost undercuts open-sundays\n\n3 of 6\n")
        term.send("q")
        assert term.wait() == 0
        assert term.rest() == "quit\nclassified 2, skipped 1, left 4\n"

    # Again: it goes on from the first reply still unclassified, the one skipped.
    with Terminal.argmap("label", "library.yaml", cwd=library.parent) as term:
        screen = term.expect(PROMPT)
        assert "4 unclassified replies" in screen
        assert "1 of 4\n  volunteers" in screen and "↳ grant · margaret_h" in screen
        for key in "srnr":
            term.send(key)
            term.expect_either(PROMPT, "\nclassified ")
        assert term.wait() == 0
        assert term.screen.endswith(
            "→ two-years rebuts grant\n"
            "classified 4, skipped 0, left 0\n"
            "all replies are classified; `argmap check --strict library.yaml` passes\n"
        )
    assert kinds(library) == {
        ("volunteers", "open-sundays"): "rebuts",
        ("staff-cost", "open-sundays"): "undercuts",
        ("grant", "volunteers"): "supports",
        ("grant", "staff-cost"): "rebuts",
        ("two-years", "grant"): "rebuts",
    }
    assert argmap("check", "--strict", "library.yaml", cwd=library.parent)[0] == 0


def test_an_imported_thread_is_classified_whole_in_a_terminal(library: Path) -> None:
    # What `argmap import` writes: flat claims, each reply `answers:` what it replies to,
    # and comments at the head saying where it came from.
    folder = library.parent
    assert argmap("export", "library.yaml", "--to", "json", "-o", "thread.json", cwd=folder)[0] == 0
    assert argmap("import", "json", "thread.json", "-o", "thread.yaml", cwd=folder)[0] == 0
    imported = (folder / "thread.yaml").read_text(encoding="utf-8")
    assert len(pending(imported)) == 6
    with Terminal.argmap("label", "thread.yaml", cwd=folder) as term:
        screen = term.classify_all("rsun")
    assert term.status == 0
    assert screen.count("how does ") == 6
    assert screen.endswith(
        "classified 6, skipped 0, left 0\n"
        "all replies are classified; `argmap check --strict thread.yaml` passes\n"
    )
    assert argmap("check", "--strict", "thread.yaml", cwd=folder)[0] == 0
    labelled = (folder / "thread.yaml").read_text(encoding="utf-8")
    head = [line for line in imported.splitlines() if line.startswith("#")]
    assert [line for line in labelled.splitlines() if line.startswith("#")] == head
    assert kinds(folder / "thread.yaml") == {
        ("volunteers", "open-sundays"): "rebuts",
        ("staff-cost", "open-sundays"): "supports",
        ("grant", "volunteers"): "undercuts",
        ("thanks", "open-sundays"): "rebuts",
        ("two-years", "grant"): "supports",
    }  # and grant>staff-cost, not an argument, is gone


def test_the_session_in_the_docs_is_real(library: Path) -> None:
    commands = (ROOT / "docs/commands.md").read_text(encoding="utf-8")
    shown = commands.split("In a terminal, a session")[1].split("```\n")[1]
    with Terminal.argmap("label", "library.yaml", cwd=library.parent) as term:
        term.expect(PROMPT)
        term.press("r")
        term.send("q")
        assert term.wait() == 0
    assert term.screen == shown


@pytest.mark.parametrize(
    ("stop", "status", "message"),
    [
        ("\x03", 130, "argmap: error: interrupted; every decision made so far is in the file\n"),
        (
            signal.SIGTERM,
            143,
            "argmap: error: stopped by SIGTERM; every decision made so far is in the file\n",
        ),
    ],
    ids=["ctrl-c", "TERM"],
)
def test_stopping_keeps_the_decisions_and_gives_the_terminal_back(
    library: Path, stop: str | signal.Signals, status: int, message: str
) -> None:
    with Terminal.argmap("label", "library.yaml", cwd=library.parent) as term:
        settings_before = termios.tcgetattr(term.fd)
        term.expect(PROMPT)
        assert not termios.tcgetattr(term.fd)[3] & termios.ICANON  # keys without Enter
        term.press("r")
        if isinstance(stop, str):
            term.send(stop)
        else:
            os.kill(term.pid, stop)
        term.expect(message)
        assert termios.tcgetattr(term.fd) == settings_before
        assert term.wait() == status
    assert kinds(library)[("volunteers", "open-sundays")] == "rebuts"


def test_a_change_saved_meanwhile_is_never_overwritten(library: Path) -> None:
    with Terminal.argmap("label", "library.yaml", cwd=library.parent) as term:
        term.expect(PROMPT)
        term.press("r")
        with library.open("a", encoding="utf-8") as f:
            f.write("# saved from an editor meanwhile\n")
        term.send("s")
        term.expect(
            "argmap: error: library.yaml changed since argmap label read it, so nothing more "
            "was written\n  hint: run `argmap label` again: it goes on from the file as it is now\n"
        )
        assert term.wait() == 1
    text = library.read_text(encoding="utf-8")
    assert text.endswith("# saved from an editor meanwhile\n")
    assert kinds(library)[("staff-cost", "open-sundays")] == "answers"
    assert kinds(library)[("volunteers", "open-sundays")] == "rebuts"


def test_text_from_the_file_is_shown_not_obeyed(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(
        'title: T\nclaims:\n  a: {text: "[bold red]A[/] \\e[2J\\rB\\u202eC", by: "[i]x"}\n'
        "  b: {text: B, answers: a}\n"
    )
    with Terminal.argmap("label", "d.yaml", cwd=tmp_path) as term:
        screen = term.expect(PROMPT)
        term.send("q")
        assert term.wait() == 0
    assert "  a · [i]x\n    [bold red]A[/] \\x1b[2J\\x0dB\\u202eC\n" in screen
    assert "\x1b" not in term.raw and "\u202e" not in term.raw  # with NO_COLOR, not one escape


def test_a_reply_it_cannot_edit_is_said_and_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        'title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b:\n        text: "B\n  b"\n'
    )
    before = path.read_bytes()
    with Terminal.argmap("label", "d.yaml", cwd=tmp_path) as term:
        term.expect(PROMPT)
        said = term.press("n")
        assert said.startswith(
            "argmap: error: a line of 'b' is indented less than its id, so argmap label cannot "
            "move it out of `replies:`\n"
        )
        assert said.endswith("how does b answer a? (r s u n · k z q ?) ")
        assert path.read_bytes() == before
        term.send("r")
        assert term.wait() == 0
    assert kinds(path) == {("b", "a"): "rebuts"}


def test_two_replies_moved_out_after_one_claim_land_in_the_order_they_are_made() -> None:
    # Found by the property above: marking c2 and c3 not arguments moves both out to just
    # after c0, and one at a time the later lands first; at once it must be the same.
    text = (
        "title: T\nclaims:\n  c0:\n    text: Claim c0.\n    replies:\n      c1:\n"
        "        text: Claim c1.\n        replies:\n          c2:\n            text: Claim c2.\n"
        "      c3:\n        text: Claim c3.\n"
    )
    decisions = [
        Decision("c2", "c1", None),
        Decision("c1", "c0", REBUTS),
        Decision("c3", "c0", None),
    ]
    one_at_a_time = text
    for d in decisions:
        one_at_a_time = reclassify(one_at_a_time, d.source, d.target, d.kind)
    assert reclassify_all(text, decisions) == one_at_a_time
    assert one_at_a_time.endswith(
        "        rebuts: c0\n"
        "  c3:\n    # replied to c0; marked not an argument by argmap label\n    text: Claim c3.\n"
        "  c2:\n    # replied to c1; marked not an argument by argmap label\n    text: Claim c2.\n"
    )
