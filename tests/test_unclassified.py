"""Unclassified replies (`answers:`, `replies:`): no status depends on them, and every view says
so: the reports say the statuses are provisional, diagrams draw them grey and dotted with a
legend entry, the page says so at the top, and JSON counts them."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from argmap import analyse, load, loads
from argmap.model import Relation, RelationKind
from argmap.render.dot import to_dot
from argmap.render.html import page_data, to_html
from argmap.render.mermaid import to_mermaid

from .conftest import ROOT
from .test_reports_cli import invoke

DEBATES = ROOT / "debates"

THREAD = """\
title: A thread
claims:
  a:
    by: ann
    text: A
    at: 2023-07-14T09:30:00Z
    score: 3
    url: https://example.org/c/1
    replies:
      b: {text: B, by: bo}
  c: {text: C, answers: a, rebuts: b}
"""
PROVISIONAL = (
    "Statuses are provisional: 2 replies are not yet classified, and no status\n"
    "depends on them until they are (`argmap label FILE` classifies them).\n"
)


@pytest.fixture
def thread(tmp_path: Path) -> str:
    path = tmp_path / "thread.yaml"
    path.write_text(THREAD, encoding="utf-8")
    return str(path)


def test_no_status_depends_on_an_unclassified_reply() -> None:
    # Every claim of every debate in debates/ gets an unclassified reply: nothing changes.
    for path in sorted(DEBATES.glob("*.yaml")):
        debate = load(path)
        before = analyse(debate)
        extra = {
            f"reply-{i}": replace(claim, id=f"reply-{i}", parent=None)
            for i, claim in enumerate(debate.claims.values())
        }
        relations = tuple(
            Relation(f"reply-{i}", target, RelationKind.ANSWERS, 0, 0)
            for i, target in enumerate(debate.claims)
        )
        grown = replace(
            debate,
            claims={**debate.claims, **extra},
            relations=debate.relations + relations,
        )
        after = analyse(grown)
        assert {c: after.status[c] for c in debate.claims} == dict(before.status), path.name
        assert after.unanswered_ids == before.unanswered_ids | set(extra), path.name
        assert [r.source for r in after.unclassified] == list(extra)
        assert {u.role for u in after.unanswered if u.id in extra} == {"reply"}


def test_the_summary_says_the_statuses_are_provisional(thread: str) -> None:
    out = invoke("summary", thread).output
    assert "3 relations: rebuts 1, supports 0, undercuts 0, not yet classified 2\n" in out
    assert "Status: ✔ 2 standing, ✘ 1 defeated, ? 0 undecided\n" + PROVISIONAL in out


@pytest.mark.parametrize("command", [["tree"], ["unanswered"], ["show"]])
def test_every_text_report_ends_with_the_notice(thread: str, command: list[str]) -> None:
    args = [*command, thread, *(["a"] if command == ["show"] else [])]
    assert invoke(*args).output.endswith("\n" + PROVISIONAL)


def test_a_classified_debate_has_no_notice() -> None:
    for command in (["summary"], ["tree"], ["unanswered"], ["show", "derivative"]):
        path = str(DEBATES / "retrieval-or-concepts.yaml")
        assert "provisional" not in invoke(*command[:1], path, *command[1:]).output


def test_show_says_when_where_and_with_what_score(thread: str) -> None:
    lines = invoke("show", thread, "a").output.splitlines()
    assert lines[:3] == [
        "a · ann · ✔ standing",
        "at 2023-07-14T09:30:00Z · score 3 · https://example.org/c/1",
        "A",
    ]
    assert "  [answers] ✘ defeated · b: B" in lines


def test_json_counts_and_lists_them(thread: str) -> None:
    data = json.loads(invoke("summary", thread, "--format", "json").output)
    assert data["counts"]["answers"] == 2
    a = data["claims"][0]
    assert (a["answered_by"], a["at"], a["url"], a["score"]) == (
        ["b", "c"],
        "2023-07-14T09:30:00Z",
        "https://example.org/c/1",
        3,
    )
    shown = json.loads(invoke("show", thread, "c", "--format", "json").output)
    assert shown["unclassified"] == 2
    assert shown["answers"] == [
        {"id": "a", "relation": "answers", "status": "standing", "text": "A"},
        {"id": "b", "relation": "rebuts", "status": "defeated", "text": "B"},
    ]
    nodes = json.loads(invoke("tree", thread, "--format", "json").output)["nodes"]
    assert [(n["id"], n["relation"]) for n in nodes] == [
        ("a", None),
        ("b", "answers"),
        ("c", "rebuts"),
        ("c", "answers"),
    ]


def test_diagrams_draw_them_grey_and_dotted_with_a_legend() -> None:
    dot = to_dot(loads(THREAD))
    assert re.findall(r'"(\w)" -> "(\w)" \[[^\]]*class="answers", style=dotted, arrowhead=vee', dot)
    assert dot.count('class="answers"') == 2
    assert 'color="#8C8C8C", penwidth=0.9' in dot
    assert 'answers →</FONT></TD><TD ALIGN="LEFT">dotted grey line, open arrow; a reply' in dot
    mermaid = to_mermaid(loads(THREAD))
    assert "    b -.->|answers| a\n" in mermaid and "    c -.->|answers| a\n" in mermaid
    assert "    linkStyle 0,2 stroke:#8C8C8C,stroke-width:1px;\n" in mermaid


def test_the_page_says_so_at_the_top() -> None:
    debate = loads(THREAD.replace("title: A thread", "title: <b>A thread</b>"))
    page = to_html(debate, "<svg></svg>")
    notice = (
        '<p class="am-provisional" role="note">Statuses are provisional: 2 replies are not yet '
        "classified, and no status depends on them until they are (`argmap label FILE` "
        "classifies them).</p>"
    )
    assert notice in page
    data = page_data(debate)
    assert data["provisional"] == notice.split(">", 1)[1].removesuffix("</p>")
    assert data["counts"]["answers"] == 2
    assert (
        to_html(load(DEBATES / "retrieval-or-concepts.yaml"), "<svg></svg>").count("am-provisional")
        == page.count("am-provisional") - 1
    )
