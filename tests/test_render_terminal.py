"""The terminal renderers: whole outputs, on a fixed-width console without colour."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType

from argmap import Claim, Debate, Relation, RelationKind, load, loads
from argmap.analysis import Analysis, UnknownClaimError
from argmap.analyze import Acceptance, Labelling, Status
from argmap.render import clean, report, shapes, terminal

from .conftest import DEBATES


def render(renderable: RenderableType, width: int = 80) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    return out.getvalue()


CHAIN = """\
title: A chain
claims:
  a: {by: Ann, text: Cats are mammals.}
  b: {by: Bob, text: Some cats are robots., rebuts: a}
  c: {by: Ann, text: Robot cats are toys., rebuts: b}
"""

FORK = """\
title: A fork
claims:
  a: {by: Ann, text: Tea is better than coffee.}
  b: {by: Bob, text: Coffee has more caffeine., rebuts: a}
  c: {by: Ann, text: Tea has L-theanine., supports: a}
  d: {by: Cy, text: More caffeine is not better., rebuts: b}
"""

# a and b rebut each other; a also rebuts c, which hangs from the cycle as its tail.
CYCLE = """\
title: A cycle with a tail
claims:
  a: {by: Ann, text: A., rebuts: [b, c]}
  b: {by: Bob, text: B., rebuts: a}
  c: {by: Cy, text: C.}
"""

# a and b rebut each other and answer nothing else, so no root reaches them.
UNREACHED = """\
title: A cycle no root reaches
claims:
  r: {text: R.}
  c: {text: C., rebuts: a}
  a: {text: A., rebuts: b}
  b: {text: B., rebuts: a}
"""

UNDERCUT = """\
title: An undercut
claims:
  a: {by: Ann, text: It rained; the match is off.}
  b: {by: Bob, text: The match was indoors., undercuts: a}
  c: {by: Bob, text: The fixture list says so., supports: b}
"""

TWO_TARGETS = """\
title: One claim answering two
claims:
  a: {by: Ann, text: Trains are slow.}
  b: {by: Bob, text: Trains are green.}
  c: {by: Cy, text: High-speed trains are fast and electric., rebuts: a, supports: b}
"""

HOSTILE = r"""title: "[bold]Owned[/bold] \e]8;;http://evil\e\\click\e]8;;\e\\"
sources:
  s: {title: "[link=http://evil]paper[/link]", url: "https://example.org/\e[31m"}
claims:
  a:
    by: "[red]Eve[/red]"
    text: "\e[2J[red]boom[/red] \x9b31m \u202Eevil\ttab\rend"
    cites: [{source: s, quote: "[i]q[/i]", locator: "\e[1mp. 3"}]
  b: {by: Bob, text: "fine [/]", rebuts: a}
"""

CITES = """\
title: Citations
sources:
  paper: {title: A paper, url: https://example.org/paper, author: A. Author}
claims:
  a:
    by: Ann
    text: Sea levels rose.
    cites:
      - paper
      - {source: paper, quote: 20 cm since 1900, locator: p. 3}
      - {url: https://example.org/data, title: Tide gauges}
"""

MANY = "title: Many\nclaims:\n  a: {text: A.}\n" + "".join(
    f"  b{i}: {{by: S{i}, text: B{i}., rebuts: a}}\n" for i in range(1, 8)
)

DEEP = "title: Deep\nclaims:\n  c1: {by: Ann, text: Claim one.}\n" + "".join(
    f"  c{i}: {{by: {'Ann' if i % 2 else 'Bob'}, text: Claim {i}., rebuts: c{i - 1}}}\n"
    for i in range(2, 9)
)


# --- the helper every string goes through ------------------------------------------------------


def test_clean_shows_control_characters_instead_of_obeying_them() -> None:
    assert clean("a\x1b[2Jb\x07\x7f\x9b\u202e\u2066\tc\r\nd") == (
        "a\\x1b[2Jb\\x07\\x7f\\x9b\\u202e\\u2066\\x09c\\x0d\nd"
    )


def test_clean_keeps_text_in_any_script() -> None:
    assert clean("Ünïcode — 日本語 עברית\n[b]") == "Ünïcode — 日本語 עברית\n[b]"


# --- tree --------------------------------------------------------------------------------------


def test_tree_of_a_chain() -> None:
    assert render(terminal.tree(loads(CHAIN))) == (
        "A chain\n"
        "└── ✔ standing 0.38 · a · Ann\n"
        "    Cats are mammals.\n"
        "    └── [rebuts] ✘ defeated 0.25 · b · Bob\n"
        "        Some cats are robots.\n"
        "        └── [rebuts] ✔ standing 0.50 · c · Ann\n"
        "            Robot cats are toys.\n"
    )


def test_tree_of_a_fork() -> None:
    assert render(terminal.tree(loads(FORK))) == (
        "A fork\n"
        "└── ✔ standing 0.62 · a · Ann\n"
        "    Tea is better than coffee.\n"
        "    ├── [rebuts] ✘ defeated 0.25 · b · Bob\n"
        "    │   Coffee has more caffeine.\n"
        "    │   └── [rebuts] ✔ standing 0.50 · d · Cy\n"
        "    │       More caffeine is not better.\n"
        "    └── [supports] ✔ standing 0.50 · c · Ann\n"
        "        Tea has L-theanine.\n"
    )


def test_tree_of_a_cycle_with_a_tail_stops_where_the_cycle_comes_back() -> None:
    assert render(terminal.tree(loads(CYCLE))) == (
        "A cycle with a tail\n"
        "└── ? undecided 0.33 · c · Cy\n"
        "    C.\n"
        "    └── [rebuts] ? undecided 0.33 · a · Ann\n"
        "        A.\n"
        "        └── [rebuts] ? undecided 0.33 · b · Bob\n"
        "            B.\n"
        "            └── [rebuts] ? undecided · ↪ see a\n"
    )


def test_tree_picks_up_a_cycle_no_root_reaches() -> None:
    assert render(terminal.tree(loads(UNREACHED))) == (
        "A cycle no root reaches\n"
        "├── ✔ standing 0.50 · r\n"
        "│   R.\n"
        "└── ✘ defeated 0.14 · a · ↻ in a cycle\n"
        "    A.\n"
        "    ├── [rebuts] ✔ standing 0.50 · c\n"
        "    │   C.\n"
        "    └── [rebuts] ✔ standing 0.43 · b\n"
        "        B.\n"
        "        └── [rebuts] ✘ defeated · ↪ see a\n"
    )


def test_tree_of_an_undercut() -> None:
    assert render(terminal.tree(loads(UNDERCUT))) == (
        "An undercut\n"
        "└── ✘ defeated 0.12 · a · Ann\n"
        "    It rained; the match is off.\n"
        "    └── [undercuts] ✔ standing 0.75 · b · Bob\n"
        "        The match was indoors.\n"
        "        └── [supports] ✔ standing 0.50 · c · Bob\n"
        "            The fixture list says so.\n"
    )


def test_tree_shows_a_claim_answering_two_claims_once_then_refers_to_it() -> None:
    assert render(terminal.tree(loads(TWO_TARGETS))) == (
        "One claim answering two\n"
        "├── ✘ defeated 0.25 · a · Ann\n"
        "│   Trains are slow.\n"
        "│   └── [rebuts] ✔ standing 0.50 · c · Cy\n"
        "│       High-speed trains are fast and electric.\n"
        "└── ✔ standing 0.75 · b · Bob\n"
        "    Trains are green.\n"
        "    └── [supports] ✔ standing · ↪ see c\n"
    )


def test_tree_shows_every_claim_of_a_knot_of_cycles_exactly_once_in_full() -> None:
    # Every claim rebuts every other: no roots at all, one cycle no root reaches.
    ids = [f"k{i}" for i in range(6)]
    debate = loads(
        "title: Knot\nclaims:\n"
        + "".join(f"  {c}: {{text: {c}., rebuts: [{', '.join(ids[:i] + ids[i + 1 :])}]}}\n"
        for i, c in enumerate(ids))
    )  # fmt: skip
    data = report.tree(debate)
    full: list[str] = []
    todo = list(data["roots"])
    for node in todo:
        if not node["ref"]:
            full.append(node["id"])
        todo.extend(node["children"])
    assert ([r["id"] for r in data["roots"]], sorted(full)) == (["k0"], ids)


def test_tree_in_40_columns_continues_deep_threads_below() -> None:
    assert render(terminal.tree(loads(DEEP)), width=40) == (
        "Deep\n"
        "└── ✘ defeated 0.33 · c1 · Ann\n"
        "    Claim one.\n"
        "    └── [rebuts] ✔ standing 0.34 · c2 ·\n"
        "        Bob\n"
        "        Claim 2.\n"
        "        └── [rebuts] ✘ defeated 0.33 ·\n"
        "            c3 · Ann\n"
        "            Claim 3.\n"
        "            └── [rebuts] ✔ standing 0.34\n"
        "                · c4 · Bob\n"
        "                Claim 4.\n"
        "                └── ↓ continued below\n"
        "\n"
        "↓ ✔ standing 0.34 · c4 · Bob (continued)\n"
        "└── [rebuts] ✘ defeated 0.31 · c5 · Ann\n"
        "    Claim 5.\n"
        "    └── [rebuts] ✔ standing 0.38 · c6 ·\n"
        "        Bob\n"
        "        Claim 6.\n"
        "        └── [rebuts] ✘ defeated 0.25 ·\n"
        "            c7 · Ann\n"
        "            Claim 7.\n"
        "            └── [rebuts] ✔ standing 0.50\n"
        "                · c8 · Bob\n"
        "                Claim 8.\n"
    )


EDGES = st.lists(
    st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from(list(RelationKind))).filter(
        lambda e: e[0] != e[1]
    ),
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 8), EDGES)
def test_tree_shows_every_claim_once_in_full_whatever_the_cycles(
    n: int, edges: list[tuple[int, int, RelationKind]]
) -> None:
    ids = [f"c{i}" for i in range(n)]
    kinds = {(ids[a], ids[b]): k for a, b, k in edges if a < n and b < n}
    debate = Debate(
        title="T",
        claims={c: Claim(c, c) for c in ids},
        relations=tuple(Relation(a, b, k, 0, 0) for (a, b), k in kinds.items()),
    )
    data = report.tree(debate)
    full: list[str] = []
    seen_edges: set[tuple[str, str]] = set()
    todo: list[tuple[str | None, shapes.NodeJSON]] = [(None, root) for root in data["roots"]]
    for parent, node in todo:
        if parent is None:
            assert node["relation"] is None and not node["ref"]
        else:
            assert kinds[node["id"], parent] == node["relation"]
            seen_edges.add((node["id"], parent))
        if node["ref"]:
            assert node["children"] == []
        else:
            full.append(node["id"])
        todo.extend((node["id"], child) for child in node["children"])
    assert (sorted(full), seen_edges) == (sorted(ids), set(kinds))
    out = render(terminal.tree(debate), width=40)
    assert max(len(line) for line in out.splitlines()) <= 40


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_real_tree_in_40_columns_fits_and_shows_every_claim(path: Path) -> None:
    debate = load(path)
    out = render(terminal.tree(debate), width=40)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert [line for line in lines if line != line.rstrip()] == []
    found = {c for c in debate.claims if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", out)}
    assert found == set(debate.claims)


def test_real_tree_in_40_columns() -> None:
    path = next(p for p in DEBATES if p.stem == "stored-in-original-form")
    assert render(terminal.tree(load(path)), width=40) == GOLDEN["tree-40 stored-in-original-form"]


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_real_tree(path: Path) -> None:
    assert render(terminal.tree(load(path))) == GOLDEN[f"tree {path.stem}"]


# --- summary -----------------------------------------------------------------------------------


def test_summary_of_a_chain() -> None:
    assert render(terminal.summary(loads(CHAIN))) == (
        "A chain\n"
        "3 claims, 2 speakers, 0 sources\n"
        "2 relations: rebuts 2, supports 0, undercuts 0\n"
        "Status: ✔ 2 standing, ✘ 1 defeated, ? 0 undecided\n"
        "\n"
        "Unanswered (1 claim nothing rebuts or undercuts)\n"
        "  rebuttals with the last word (1): c\n"
        "\n"
        "Most contested (x ← y: y rebuts or undercuts x)\n"
        "  a ✔ standing ← b\n"
        "  b ✘ defeated ← c\n"
        "\n"
        "Longest exchange (3 claims)\n"
        "  a ← b ← c\n"
        "\n"
        "Strength (DF-QuAD; base scores from `weight:`, else 0.5)\n"
        "  strongest    0.50 ✔ standing · c · Ann\n"
        "               0.38 ✔ standing · a · Ann\n"
        "  weakest      0.25 ✘ defeated · b · Bob\n"
        "  at odds (1)  0.38 ✔ standing · a · Ann\n"
        "\n"
        "Speakers\n"
        "  speaker  claims  rebuttals  standing  defeated  undecided  unanswered\n"
        "  ──────────────────────────────────────────────────────────────────────\n"
        "  Ann           2          1         2         0          0           1\n"
        "  Bob           1          1         0         1          0           0\n"
        "\n"
        "Evidence gaps\n"
        "  unsupported (3, citing nothing, supported by nothing): a, b, c\n"
        "  sources: none\n"
    )


def test_summary_of_a_cycle_gives_preferred_acceptance_of_undecided_claims() -> None:
    assert render(terminal.summary(loads(CYCLE))) == (
        "A cycle with a tail\n"
        "3 claims, 3 speakers, 0 sources\n"
        "3 relations: rebuts 3, supports 0, undercuts 0\n"
        "Status: ✔ 0 standing, ✘ 0 defeated, ? 3 undecided\n"
        "\n"
        "Undecided (preferred acceptance)\n"
        "  a: credulous: yes, sceptical: no\n"
        "  b: credulous: yes, sceptical: no\n"
        "  c: credulous: yes, sceptical: no\n"
        "\n"
        "Unanswered: none; every claim is rebutted or undercut\n"
        "\n"
        "Most contested (x ← y: y rebuts or undercuts x)\n"
        "  a ? undecided ← b\n"
        "  b ? undecided ← a\n"
        "  c ? undecided ← a\n"
        "\n"
        "Longest exchange (3 claims)\n"
        "  c ← a ← b\n"
        "\n"
        "Strength (DF-QuAD; base scores from `weight:`, else 0.5)\n"
        "  strongest    0.33 ? undecided · c · Cy\n"
        "               0.33 ? undecided · a · Ann\n"
        "  at odds      none (standing below 0.50, or defeated at 0.50 or more)\n"
        "\n"
        "Speakers\n"
        "  speaker  claims  rebuttals  standing  defeated  undecided  unanswered\n"
        "  ──────────────────────────────────────────────────────────────────────\n"
        "  Ann           1          1         0         0          1           0\n"
        "  Bob           1          1         0         0          1           0\n"
        "  Cy            1          0         0         0          1           0\n"
        "\n"
        "Evidence gaps\n"
        "  unsupported (3, citing nothing, supported by nothing): a, b, c\n"
        "  sources: none\n"
    )


def test_summary_says_not_decided_where_the_search_gave_up() -> None:
    debate = loads(CYCLE)
    undecided = dict.fromkeys(debate.claims, Status.UNDECIDED)
    labelling = Labelling(
        status=undecided,
        attackers={"a": ("b",), "b": ("a",), "c": ("a",)},
        acceptance=dict.fromkeys(debate.claims, Acceptance(None, None)),
    )
    out = render(terminal.summary(Analysis(debate, labelling))).split("\n\n")[1]
    assert out == (
        "Undecided (preferred acceptance)\n  a: not decided\n  b: not decided\n  c: not decided"
    )


def test_summary_cuts_every_list_at_the_limit() -> None:
    assert render(terminal.summary(loads(MANY))) == (
        "Many\n"
        "8 claims, 7 speakers, 0 sources\n"
        "7 relations: rebuts 7, supports 0, undercuts 0\n"
        "Status: ✔ 7 standing, ✘ 1 defeated, ? 0 undecided\n"
        "\n"
        "Unanswered (7 claims nothing rebuts or undercuts)\n"
        "  rebuttals with the last word (7): b1, b2, b3, b4, b5, … and 2 more\n"
        "\n"
        "Most contested (x ← y: y rebuts or undercuts x)\n"
        "  a ✘ defeated ← b1, b2, b3, b4, b5, … and 2 more\n"
        "\n"
        "Longest exchange (2 claims)\n"
        "  a ← b1\n"
        "\n"
        "Strength (DF-QuAD; base scores from `weight:`, else 0.5)\n"
        "  strongest    0.50 ✔ standing · b1 · S1\n"
        "               0.50 ✔ standing · b2 · S2\n"
        "               0.50 ✔ standing · b3 · S3\n"
        "  weakest      0.00 ✘ defeated · a\n"
        "  at odds      none (standing below 0.50, or defeated at 0.50 or more)\n"
        "\n"
        "Speakers\n"
        "  speaker  claims  rebuttals  standing  defeated  undecided  unanswered\n"
        "  ──────────────────────────────────────────────────────────────────────\n"
        "  S1            1          1         1         0          0           1\n"
        "  S2            1          1         1         0          0           1\n"
        "  S3            1          1         1         0          0           1\n"
        "  S4            1          1         1         0          0           1\n"
        "  S5            1          1         1         0          0           1\n"
        "  … and 2 more\n"
        "\n"
        "Evidence gaps\n"
        "  unsupported (8, citing nothing, supported by nothing): a, b1, b2, b3, b4, …\n"
        "  and 3 more\n"
        "  sources: none\n"
    )


def test_summary_without_a_limit_shows_everything() -> None:
    out = render(terminal.summary(loads(MANY), limit=None))
    assert out.split("\n\n")[1] == (
        "Unanswered (7 claims nothing rebuts or undercuts)\n"
        "  rebuttals with the last word (7): b1, b2, b3, b4, b5, b6, b7"
    )


def test_summary_in_40_columns_lists_speakers_and_sources_instead_of_tables() -> None:
    out = render(terminal.summary(load(DEBATES[0])), width=40)
    assert out.split("\n\n")[-2:] == [
        "Speakers\n"
        "  enumerator4829: 4 claims, 0 rebuttals,\n"
        "  2 standing, 2 defeated, 0 undecided, 1\n"
        "  unanswered\n"
        "  FaceDeer: 2 claims, 2 rebuttals, 1\n"
        "  standing, 1 defeated, 0 undecided, 1\n"
        "  unanswered\n"
        "  HereIAm: 1 claim, 1 rebuttal, 1\n"
        "  standing, 0 defeated, 0 undecided, 1\n"
        "  unanswered\n"
        "  yetAnotherUser: 1 claim, 1 rebuttal, 1\n"
        "  standing, 0 defeated, 0 undecided, 1\n"
        "  unanswered",
        "Evidence gaps\n"
        "  unsupported (6, citing nothing,\n"
        "  supported by nothing): compression,\n"
        "  lossy-not-lossless, bluray-rip,\n"
        "  single-bit-legal, piracy, … and 1 more\n"
        "  sources, with the standing claims and\n"
        "  all claims that cite each:\n"
        "    laion-5b: 0 standing of 1 citing\n"
        "      LAION-5B, a dataset of around fiv…\n"
        "    model-size: 0 standing of 1 citing\n"
        "      The size of the resulting Stable …\n",
    ]


def test_summary_cuts_a_long_exchange_in_the_middle() -> None:
    sections = render(terminal.summary(loads(DEEP))).split("\n\n")
    assert sections[3] == "Longest exchange (8 claims)\n  c1 ← c2 ← c3 ← c4 ← … 3 more ← c8"
    uncut = render(terminal.summary(loads(DEEP), limit=None)).split("\n\n")[3]
    assert uncut == "Longest exchange (8 claims)\n  c1 ← c2 ← c3 ← c4 ← c5 ← c6 ← c7 ← c8"


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_real_summary(path: Path) -> None:
    assert render(terminal.summary(load(path))) == GOLDEN[f"summary {path.stem}"]


def test_summary_of_a_30_claim_debate_fits_one_screen() -> None:
    claims = "".join(
        f"  c{i}: {{by: S{i % 7}, text: Claim {i} with some words., "
        f"{'rebuts' if i % 3 else 'supports'}: c{i // 2}}}\n"
        for i in range(1, 30)
    )
    debate = loads(f"title: Thirty\nclaims:\n  c0: {{by: S0, text: Root.}}\n{claims}")
    assert len(debate.claims) == 30
    assert len(render(terminal.summary(debate)).splitlines()) <= 45


# --- unanswered --------------------------------------------------------------------------------


def test_unanswered_groups_by_role() -> None:
    assert render(terminal.unanswered(loads(FORK))) == (
        "2 unanswered claims: nothing rebuts or undercuts them\n"
        "\n"
        "Rebuttals with the last word (1)\n"
        "  d · Cy · strength 0.50\n"
        "    More caffeine is not better.\n"
        "\n"
        "Reasons nobody challenged (1)\n"
        "  c · Ann · strength 0.50\n"
        "    Tea has L-theanine.\n"
    )


def test_unanswered_when_everything_is_answered() -> None:
    assert render(terminal.unanswered(loads(CYCLE))) == (
        "No unanswered claims: every claim is rebutted or undercut.\n"
    )


# --- show --------------------------------------------------------------------------------------


def test_show_a_defeated_claim() -> None:
    assert render(terminal.show(loads(CHAIN), "b")) == (
        "b · Bob · ✘ defeated\n"
        "Some cats are robots.\n"
        "\n"
        "Why: defeated by c, which stands and rebuts it.\n"
        "Strength: 0.25 (DF-QuAD, base 0.50): lowered 0.25 by c (Ann).\n"
        "\n"
        "Answers (1)\n"
        "  [rebuts] ✔ standing · a: Cats are mammals.\n"
        "Answered by (1)\n"
        "  [rebuts] ✔ standing · c: Robot cats are toys.\n"
        "Cites: nothing\n"
    )


def test_show_a_claim_whose_attackers_all_fell() -> None:
    assert render(terminal.show(loads(FORK), "a")) == (
        "a · Ann · ✔ standing\n"
        "Tea is better than coffee.\n"
        "\n"
        "Why: every claim that rebuts or undercuts it is defeated: b.\n"
        "Strength: 0.62 (DF-QuAD, base 0.50): raised 0.25 by c (Ann), lowered 0.12 by b\n"
        "(Bob).\n"
        "\n"
        "Answers: nothing (it starts a thread)\n"
        "Answered by (2)\n"
        "  [rebuts] ✘ defeated · b: Coffee has more caffeine.\n"
        "  [supports] ✔ standing · c: Tea has L-theanine.\n"
        "Cites: nothing\n"
    )


def test_show_an_undecided_claim() -> None:
    assert render(terminal.show(loads(CYCLE), "c")) == (
        "c · Cy · ? undecided\n"
        "C.\n"
        "\n"
        "Why: of the claims that rebut or undercut it (a), none stands and not all are\n"
        "defeated: attacks going round in a cycle leave them open.\n"
        "Preferred acceptance: credulous: yes, sceptical: no (it stands in some preferred\n"
        "extensions, not in all).\n"
        "Strength: 0.33 (DF-QuAD, base 0.50): lowered 0.17 by a (Ann).\n"
        "\n"
        "Answers: nothing (it starts a thread)\n"
        "Answered by (1)\n"
        "  [rebuts] ? undecided · a: A.\n"
        "Cites: nothing\n"
    )


def test_show_an_undercut_with_tags_and_note() -> None:
    debate = loads(
        "title: T\nclaims:\n"
        "  a:\n    by: Ann\n    text: It rained; the match is off.\n"
        "    tags: [sport, weather]\n    note: From the club page.\n"
        "  b: {by: Bob, text: The match was indoors., undercuts: a}\n"
    )
    assert render(terminal.show(debate, "a")) == (
        "a · Ann · ✘ defeated\n"
        "It rained; the match is off.\n"
        "\n"
        "Why: defeated by b, which stands and undercuts it.\n"
        "Strength: 0.25 (DF-QuAD, base 0.50): lowered 0.25 by b (Bob).\n"
        "\n"
        "Answers: nothing (it starts a thread)\n"
        "Answered by (1)\n"
        "  [undercuts] ✔ standing · b: The match was indoors.\n"
        "Cites: nothing\n"
        "Tags: sport, weather\n"
        "Note: From the club page.\n"
    )


def test_show_a_claim_defeated_by_a_rebuttal_and_an_undercut() -> None:
    debate = loads(
        "title: T\nclaims:\n  a: {text: A.}\n"
        "  b: {text: B., rebuts: a}\n  c: {text: C., undercuts: a}\n"
    )
    out = render(terminal.show(debate, "a")).split("\n\n")[1]
    # va = 1 - 0.5 x 0.5 = 0.75, so 0.5 - 0.5 x 0.75 = 0.125; without either, 0.25.
    assert out == (
        "Why: defeated by b and c, which stand and rebut or undercut it.\n"
        "Strength: 0.12 (DF-QuAD, base 0.50): lowered 0.12 by b, lowered 0.12 by c."
    )


def test_show_citations_with_quote_locator_and_inline_source() -> None:
    assert render(terminal.show(loads(CITES), "a")) == (
        "a · Ann · ✔ standing\n"
        "Sea levels rose.\n"
        "\n"
        "Why: nothing rebuts or undercuts it (it is unanswered).\n"
        "Strength: 0.50 (DF-QuAD, base 0.50): nothing rebuts, undercuts or supports it.\n"
        "\n"
        "Answers: nothing (it starts a thread)\n"
        "Answered by: nothing\n"
        "Cites (3)\n"
        "  paper: A paper (A. Author)\n"
        "    https://example.org/paper\n"
        "  paper: A paper (A. Author)\n"
        "    https://example.org/paper\n"
        "    “20 cm since 1900” (p. 3)\n"
        "  a#3: Tide gauges\n"
        "    https://example.org/data\n"
    )


def test_show_an_unknown_claim_suggests_one() -> None:
    with pytest.raises(UnknownClaimError) as caught:
        terminal.show(loads(CHAIN), "bb")
    assert (str(caught.value), caught.value.hint) == (
        "no claim 'bb' in <string>",
        "did you mean 'b'?",
    )


# --- hostile text ------------------------------------------------------------------------------


def test_hostile_text_is_shown_not_obeyed() -> None:
    debate = loads(HOSTILE)
    outputs = [
        render(terminal.tree(debate)),
        render(terminal.summary(debate)),
        render(terminal.unanswered(debate)),
        render(terminal.show(debate, "a")),
    ]
    assert outputs[0] == (
        "[bold]Owned[/bold] \\x1b]8;;http://evil\\x1b\\click\\x1b]8;;\\x1b\\\n"
        "└── ✘ defeated 0.25 · a · [red]Eve[/red]\n"
        "    \\x1b[2J[red]boom[/red] \\x9b31m \\u202eevil\\x09tab\\x0dend\n"
        "    └── [rebuts] ✔ standing 0.50 · b · Bob\n"
        "        fine [/]\n"
    )
    assert outputs[3] == (
        "a · [red]Eve[/red] · ✘ defeated\n"
        "\\x1b[2J[red]boom[/red] \\x9b31m \\u202eevil\\x09tab\\x0dend\n"
        "\n"
        "Why: defeated by b, which stands and rebuts it.\n"
        "Strength: 0.25 (DF-QuAD, base 0.50): lowered 0.25 by b (Bob).\n"
        "\n"
        "Answers: nothing (it starts a thread)\n"
        "Answered by (1)\n"
        "  [rebuts] ✔ standing · b: fine [/]\n"
        "Cites (1)\n"
        "  s: [link=http://evil]paper[/link]\n"
        "    https://example.org/\\x1b[31m\n"
        "    “[i]q[/i]” (\\x1b[1mp. 3)\n"
    )
    assert outputs[1].splitlines()[0] == outputs[0].splitlines()[0]
    assert [o for o in outputs if "\x1b" in o or "\x9b" in o or "\u202e" in o] == []


def test_hostile_ids_built_in_code_are_shown_not_obeyed() -> None:
    # The loader refuses such ids, but the renderers take any `Debate`.
    evil = "[b]x\x1b[2J"
    debate = Debate(
        title="T",
        claims={"a": Claim("a", "A."), evil: Claim(evil, "B.\x1b]8;;x\x07", by="\x1b[1mM")},
        relations=(Relation(evil, "a", RelationKind.REBUTS, 0, 0),),
    )
    assert render(terminal.tree(debate)) == (
        "T\n"
        "└── ✘ defeated 0.25 · a\n"
        "    A.\n"
        "    └── [rebuts] ✔ standing 0.50 · [b]x\\x1b[2J · \\x1b[1mM\n"
        "        B.\\x1b]8;;x\\x07\n"
    )
    assert render(terminal.show(debate, evil)) == (
        "[b]x\\x1b[2J · \\x1b[1mM · ✔ standing\n"
        "B.\\x1b]8;;x\\x07\n"
        "\n"
        "Why: nothing rebuts or undercuts it (it is unanswered).\n"
        "Strength: 0.50 (DF-QuAD, base 0.50): nothing rebuts, undercuts or supports it.\n"
        "\n"
        "Answers (1)\n"
        "  [rebuts] ✘ defeated · a: A.\n"
        "Answered by: nothing\n"
        "Cites: nothing\n"
    )
    assert render(terminal.show(debate, "a")).split("\n\n")[1].splitlines()[1] == (
        "Strength: 0.25 (DF-QuAD, base 0.50): lowered 0.25 by [b]x\\x1b[2J (\\x1b[1mM)."
    )
    assert render(terminal.summary(debate)).split("\n\n")[1:4] == [
        "Unanswered (1 claim nothing rebuts or undercuts)\n"
        "  rebuttals with the last word (1): [b]x\\x1b[2J",
        "Most contested (x ← y: y rebuts or undercuts x)\n  a ✘ defeated ← [b]x\\x1b[2J",
        "Longest exchange (2 claims)\n  a ← [b]x\\x1b[2J",
    ]


def test_no_output_ends_a_line_with_spaces() -> None:
    debate = load(DEBATES[1])
    for width in (40, 60, 80, 120):
        for out in (
            render(terminal.summary(debate), width),
            render(terminal.tree(debate), width),
            render(terminal.unanswered(debate), width),
            render(terminal.show(debate, "not-lookup"), width),
        ):
            assert [line for line in out.splitlines() if line != line.rstrip()] == []


# --- golden outputs of the real debates, at 80 columns -----------------------------------------

GOLDEN: dict[str, str] = {}

GOLDEN["summary lossy-compression"] = """\
Is training an image model a kind of lossy compression, and does that make it
illegal?
8 claims, 4 speakers, 2 sources
6 relations: rebuts 2, supports 2, undercuts 2
Status: ✔ 5 standing, ✘ 3 defeated, ? 0 undecided

Unanswered (4 claims nothing rebuts or undercuts)
  rebuttals with the last word (3): lossy-not-lossless, single-bit-legal,
  separate-issue
  reasons nobody challenged (1): bluray-rip

Most contested (x ← y: y rebuts or undercuts x)
  lossy-copies ✘ defeated ← single-bit-legal
  compression ✔ standing ← magic-compression
  magic-compression ✘ defeated ← lossy-not-lossless
  piracy ✘ defeated ← separate-issue

Longest exchange (3 claims)
  compression ← magic-compression ← lossy-not-lossless

Strength (DF-QuAD; base scores from `weight:`, else 0.5)
  strongest    0.59 ✘ defeated · lossy-copies · enumerator4829
               0.50 ✔ standing · lossy-not-lossless · HereIAm
               0.50 ✔ standing · bluray-rip · enumerator4829
  weakest      0.25 ✘ defeated · magic-compression · FaceDeer
               0.25 ✘ defeated · piracy · enumerator4829
               0.38 ✔ standing · compression · enumerator4829
  at odds (2)  0.38 ✔ standing · compression · enumerator4829
               0.59 ✘ defeated · lossy-copies · enumerator4829

Speakers
  speaker         claims  rebuttals  standing  defeated  undecided  unanswered
  ─────────────────────────────────────────────────────────────────────────────
  enumerator4829       4          0         2         2          0           1
  FaceDeer             2          2         1         1          0           1
  HereIAm              1          1         1         0          0           1
  yetAnotherUser       1          1         1         0          0           1

Evidence gaps
  unsupported (6, citing nothing, supported by nothing): compression,
  lossy-not-lossless, bluray-rip, single-bit-legal, piracy, … and 1 more
  sources, with the standing claims and all claims that cite each:
    source      standing  citing  title
    laion-5b           0       1  LAION-5B, a dataset of around five billion …
    model-size         0       1  The size of the resulting Stable Diffusion …
"""

GOLDEN["summary retrieval-or-concepts"] = """\
Does an image model look its training data up, or learn concepts from it?
14 claims, 3 speakers, 3 sources
14 relations: rebuts 6, supports 6, undercuts 2
Status: ✔ 10 standing, ✘ 4 defeated, ? 0 undecided

Unanswered (8 claims nothing rebuts or undercuts)
  roots nobody challenged (2): ip-perverse, fair-use
  rebuttals with the last word (3): backprop, not-that-simple, human-artists
  reasons nobody challenged (3): one-byte, concepts, markov

Most contested (x ← y: y rebuts or undercuts x)
  table-lookup ✘ defeated ← backprop, not-recording
  depends-on-data ✘ defeated ← not-that-simple, human-artists
  derivative ✘ defeated ← human-artists
  lookup ✘ defeated ← not-lookup
  not-lookup ✔ standing ← table-lookup
  … and 1 more

Longest exchange (6 claims)
  lookup ← not-lookup ← table-lookup ← not-recording ← depends-on-data ←
  not-that-simple

Strength (DF-QuAD; base scores from `weight:`, else 0.5)
  strongest    0.88 ✔ standing · not-that-simple · FaceDeer
               0.81 ✔ standing · not-lookup · FaceDeer
               0.50 ✔ standing · one-byte · FaceDeer
  weakest      0.03 ✘ defeated · depends-on-data · flatbield
               0.09 ✘ defeated · lookup · flatbield
               0.13 ✘ defeated · table-lookup · flatbield
  at odds (1)  0.48 ✔ standing · not-recording · FaceDeer

Speakers
  speaker      claims  rebuttals  standing  defeated  undecided  unanswered
  ──────────────────────────────────────────────────────────────────────────
  flatbield         6          2         2         4          0           2
  FaceDeer          7          4         7         0          0           5
  mobyduck648       1          1         1         0          0           1

Evidence gaps
  unsupported (9, citing nothing, supported by nothing): lookup, concepts,
  table-lookup, backprop, depends-on-data, … and 4 more
  sources, with the standing claims and all claims that cite each:
    source            standing  citing  title
    laion-5b                 1       1  LAION-5B, a dataset describing five b…
    model-on-disk            1       1  The Stable Diffusion model file on Fa…
    extraction-paper         1       1  A paper on pulling copies of training…
"""

GOLDEN["summary stored-in-original-form"] = """\
Is the training data stored in an image model, in its original form or at all?
5 claims, 2 speakers, 2 sources
5 relations: rebuts 4, supports 1, undercuts 0
Status: ✔ 3 standing, ✘ 2 defeated, ? 0 undecided

Unanswered (2 claims nothing rebuts or undercuts)
  rebuttals with the last word (2): not-stored-period, how-diffusion-works

Most contested (x ← y: y rebuts or undercuts x)
  no-copy ✔ standing ← still-wrong, what-function
  still-wrong ✘ defeated ← not-stored-period
  what-function ✘ defeated ← how-diffusion-works

Longest exchange (3 claims)
  no-copy ← still-wrong ← not-stored-period

Strength (DF-QuAD; base scores from `weight:`, else 0.5)
  strongest    0.53 ✔ standing · no-copy · defender
               0.50 ✔ standing · not-stored-period · defender
               0.50 ✔ standing · how-diffusion-works · defender
  weakest      0.25 ✘ defeated · still-wrong · critic
               0.25 ✘ defeated · what-function · critic
  at odds      none (standing below 0.50, or defeated at 0.50 or more)

Speakers
  speaker   claims  rebuttals  standing  defeated  undecided  unanswered
  ───────────────────────────────────────────────────────────────────────
  critic         2          2         0         2          0           0
  defender       3          2         3         0          0           2

Evidence gaps
  unsupported (3, citing nothing, supported by nothing): still-wrong,
  not-stored-period, what-function
  sources, with the standing claims and all claims that cite each:
    source           standing  citing  title
    diffusion-video         1       1  A video explaining how diffusion model…
    eff-article             1       1  An article by Kit Walsh
"""

GOLDEN["tree lossy-compression"] = """\
Is training an image model a kind of lossy compression, and does that make it
illegal?
├── ✘ defeated 0.59 · lossy-copies · enumerator4829
│   By that argument, any model contains lossy and unstructured copies of all
│   data it was trained on, and a lossy copy is not made legal by being lossy.
│   ├── [supports] ✔ standing 0.38 · compression · enumerator4829
│   │   There is an argument that training actually is a type of (lossy)
│   │   compression: you can build (bad) language models by using standard
│   │   compression algorithms to "train".
│   │   └── [rebuts] ✘ defeated 0.25 · magic-compression · FaceDeer
│   │       Stable Diffusion was trained on the LAION-5B dataset of around five
│   │       billion images, and the resulting model was around 3 gigabytes. If
│   │       that is a compression algorithm, it is the most magical and
│   │       physics-defying ever: it compresses images to less than one byte
│   │       each.
│   │       └── [rebuts] ✔ standing 0.50 · lossy-not-lossless · HereIAm
│   │           There is a difference between lossy and lossless. You can
│   │           compress anything down to a single bit if you so wish, just
│   │           don't expect to get everything back; that is how lossy
│   │           compression works.
│   ├── [supports] ✔ standing 0.50 · bluray-rip · enumerator4829
│   │   If you download a 480p, low-quality, h264-encoded Blu-ray rip of a
│   │   Ghibli movie, it is not legal, even though you are not downloading the
│   │   same bits that were on the Blu-ray.
│   └── [undercuts] ✔ standing 0.50 · single-bit-legal · yetAnotherUser
│       It is perfectly legal to compress something to a single bit and publish
│       it. If I take and publish the average color of any copyrighted image
│       that is at least 24 bits, that is lossy compression, yet legal.
└── ✘ defeated 0.25 · piracy · enumerator4829
    Besides, even if we consider the model itself to be fine, they did not buy
    all the media they trained the model on. Downloading media, regardless of
    purpose, is piracy; at least, that has been the interpretation for normal
    people sailing the seas. Large companies are of course exempt from filthy
    things like laws.
    └── [undercuts] ✔ standing 0.50 · separate-issue · FaceDeer
        That is a completely separate issue: you can sue them for copyright
        violation regarding the actual acts of copyright violation. An artist
        who steals art books to study can be sued for stealing the books, but
        that does not make anything he draws from that learning, or the
        knowledge in his head, a copyright violation.
"""

GOLDEN["tree retrieval-or-concepts"] = """\
Does an image model look its training data up, or learn concepts from it?
├── ✘ defeated 0.31 · derivative · flatbield
│   What comes out of the model is derivative of the data that went in.
│   ├── [supports] ✘ defeated 0.09 · lookup · flatbield
│   │   The training data is recorded in a retrieval system, and the model does
│   │   some sort of complicated lookup.
│   │   └── [rebuts] ✔ standing 0.81 · not-lookup · FaceDeer
│   │       It is not: the training data is not recorded in a retrieval system,
│   │       and the model does no lookup of it.
│   │       ├── [supports] ✔ standing 0.50 · one-byte · FaceDeer
│   │       │   Stable Diffusion's model was trained using the LAION-5B dataset,
│   │       │   which describes five billion images, and the resulting model is
│   │       │   about 5 GB. So unless StabilityAI has come up with a compression
│   │       │   algorithm able to fit an entire image into a single byte, there
│   │       │   is no way this process can be doing some sort of complicated
│   │       │   lookup of the training data.
│   │       ├── [supports] ✔ standing 0.50 · concepts · FaceDeer
│   │       │   The model is taught high-level concepts by being shown examples
│   │       │   of them repeatedly; it is not memorizing pictures. Trained on a
│   │       │   million images of cats, it learns what cat fur looks like under
│   │       │   various lighting conditions, what shape cats generally have and
│   │       │   where they are usually seen, so what it generates has a high
│   │       │   degree of "catness" but is not any specific image from its
│   │       │   training set.
│   │       └── [rebuts] ✘ defeated 0.13 · table-lookup · flatbield
│   │           I would disagree. It is just a big table lookup of sorts with
│   │           some complicated interpolation/extrapolation algorithm; training
│   │           is recording the data into the net.
│   │           ├── [rebuts] ✔ standing 0.50 · backprop · mobyduck648
│   │           │   A big table lookup is not what is going on here;
│   │           │   backpropagation and gradient descent are what is actually
│   │           │   happening.
│   │           └── [rebuts] ✔ standing 0.48 · not-recording · FaceDeer
│   │               You think it is "recording" five billion images into five
│   │               billion bytes of space? On what basis do you think that?
│   │               Researchers have tried to pull copies of the training data
│   │               back out of neural nets like these, and only in the rarest
│   │               cases, where an image had been badly overfitted, have they
│   │               got something approximately like the original. The only
│   │               example I know of offhand is this paper, which had a lot of
│   │               problems and does not apply to modern image AIs, whose
│   │               training does a much better job of avoiding overfitting.
│   │               └── [undercuts] ✘ defeated 0.03 · depends-on-data ·
│   │                   flatbield
│   │                   Step back for a moment: you put the data in, say images,
│   │                   and the output you got depended on putting in the data,
│   │                   so it is derivative of it. It is that simple; it does
│   │                   not matter how you obscure it with mumbo jumbo, you used
│   │                   the images.
│   │                   ├── [rebuts] ✔ standing 0.88 · not-that-simple ·
│   │                   │   FaceDeer
│   │                   │   No, it really is not that simple.
│   │                   │   ├── [supports] ✔ standing · ↪ see concepts
│   │                   │   └── [supports] ✔ standing 0.50 · markov · FaceDeer
│   │                   │       A Markov chain trained on text keeps only the
│   │                   │       probabilities of words following other words.
│   │                   │       That table does not in any meaningful sense
│   │                   │       encode the training text, and nothing can
│   │                   │       recover the text from it; it is similar with how
│   │                   │       more advanced AIs train their neural networks.
│   │                   └── [undercuts] ✔ standing 0.50 · human-artists ·
│   │                       FaceDeer
│   │                       If that level of transformation is not enough for
│   │                       you and you still insist that the output must be
│   │                       considered a derivative work of the training data,
│   │                       you are going to take the legal system down an
│   │                       untenable rabbit hole. This sort of learning is what
│   │                       human artists do all the time: everything is based
│   │                       on the patterns we learn from the examples we saw
│   │                       previously.
│   ├── [supports] ✘ defeated · ↪ see depends-on-data
│   └── [rebuts] ✔ standing · ↪ see human-artists
├── ✔ standing 0.50 · ip-perverse · flatbield
│   On the other hand, the whole idea of copyright or other so-called IP, except
│   maybe trademarks and trade dress in the most limited way, is perverse and
│   should not exist. Not that I have a better idea.
└── ✔ standing 0.50 · fair-use · flatbield
    On the other hand, is that fair use without some license? That is a
    different question, one about current law and what the law should be. Maybe
    it should depend on the nature of the training: reproducing images from
    other images seems less fair, classifying images by type more fair. Lot of
    stuff to be worked out.
"""

GOLDEN["tree stored-in-original-form"] = """\
Is the training data stored in an image model, in its original form or at all?
└── ✔ standing 0.53 · no-copy · defender
    The model has no memory of training data images: because the training data
    is not stored in the model in its original form, it does not count as a
    copy, and therefore it does not constitute intellectual property theft.
    ├── [rebuts] ✘ defeated 0.25 · still-wrong · critic
    │   The argument is that because the training data is not stored in the
    │   model in its original form, it does not count as a copy and so is not
    │   intellectual property theft; that makes some kind of sense, but it is
    │   still wrong.
    │   └── [rebuts] ✔ standing 0.50 · not-stored-period · defender
    │       It is not stored in the model, period. Same as you do not store the
    │       shape of the letters you are reading, not even the words, but their
    │       overall meaning: you could produce the words and letters again and
    │       might come close, but would find it very hard to make an exact
    │       replica, because you did not store it in its original form, not even
    │       compressed; you re-encoded it using your own understanding of
    │       language, of the world, of everything.
    ├── [supports] ✔ standing · ↪ see not-stored-period
    └── [rebuts] ✘ defeated 0.25 · what-function · critic
        If the model "has no memory of training data images", then what effect
        is it that the images have on the model? Why is the training data
        necessary, what is its function?
        └── [rebuts] ✔ standing 0.50 · how-diffusion-works · defender
            Here is a video explaining how diffusion models work, and this
            article by Kit Walsh, a senior staff attorney at the EFF.
"""

GOLDEN["tree-40 stored-in-original-form"] = """\
Is the training data stored in an image
model, in its original form or at all?
└── ✔ standing 0.53 · no-copy · defender
    The model has no memory of training
    data images: because the training
    data is not stored in the model in
    its original form, it does not count
    as a copy, and therefore it does not
    constitute intellectual property
    theft.
    ├── [rebuts] ✘ defeated 0.25 ·
    │   still-wrong · critic
    │   The argument is that because the
    │   training data is not stored in
    │   the model in its original form,
    │   it does not count as a copy and
    │   so is not intellectual property
    │   theft; that makes some kind of
    │   sense, but it is still wrong.
    │   └── [rebuts] ✔ standing 0.50 ·
    │       not-stored-period · defender
    │       It is not stored in the
    │       model, period. Same as you
    │       do not store the shape of
    │       the letters you are reading,
    │       not even the words, but
    │       their overall meaning: you
    │       could produce the words and
    │       letters again and might come
    │       close, but would find it
    │       very hard to make an exact
    │       replica, because you did not
    │       store it in its original
    │       form, not even compressed;
    │       you re-encoded it using your
    │       own understanding of
    │       language, of the world, of
    │       everything.
    ├── [supports] ✔ standing · ↪ see
    │   not-stored-period
    └── [rebuts] ✘ defeated 0.25 ·
        what-function · critic
        If the model "has no memory of
        training data images", then what
        effect is it that the images
        have on the model? Why is the
        training data necessary, what is
        its function?
        └── [rebuts] ✔ standing 0.50 ·
            how-diffusion-works ·
            defender
            Here is a video explaining
            how diffusion models work,
            and this article by Kit
            Walsh, a senior staff
            attorney at the EFF.
"""


def test_a_long_text_is_laid_out_as_rich_lays_it_out() -> None:
    # `Wrapped` hands rich's lines on one at a time (joined, a 20 MB claim took minutes to cut
    # back into lines); the lines are the same, for words, spaces, a word longer than a line.
    from rich.text import Text

    from argmap.render.richtext import Wrapped

    rng = random.Random(11)
    for _ in range(200):
        words = [rng.choice(["a", "bb", "ccc dd", "e" * rng.randint(1, 120), "\n", "  "])]
        words += [
            rng.choice(["a", "bb", "ccc", "f" * rng.randint(1, 90), " ", "\n"]) for _ in range(30)
        ]
        text = Text(" ".join(words), style=rng.choice(["", "bold"]))
        width = rng.randint(5, 90)
        assert render(Wrapped(text), width=width) == render(text, width=width)
