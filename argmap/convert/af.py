"""The attack graph of a debate, for abstract argumentation solvers: ASPARTIX (`write_apx`),
Trivial Graph Format (`write_tgf`) and ICCMA 2023's numeric format (`write_iccma`).

Every claim is an argument. Every rebuttal and every undercut is an attack from the answering
claim on the claim it answers: argmap's undercut attacks the reasoning of a claim, and a plain
attack graph has no reasoning to point at, so it attacks the claim itself, exactly as argmap's
own labelling counts it. The grounded extension a solver computes from these files is therefore
the set of claims argmap calls standing. Supports are not attacks and are not written, nor are
unclassified replies (`answers:`), which are neither attacks nor supports; `argmap export` says
how many it left out (`Converter.replies` in `argmap.convert`).

>>> from argmap import loads
>>> d = loads("title: T\\nclaims:\\n  A: {text: A}\\n  b: {text: B, rebuts: A}\\n"
...           "  c: {text: C, supports: b, answers: A}\\n")
>>> print(write_apx(d).decode(), end="")
arg("A").
arg(b).
arg(c).
att(b,"A").
>>> print(write_iccma(d).decode(), end="")
p af 3
# 1 A
# 2 b
# 3 c
2 1
"""

from __future__ import annotations

import re

from argmap.analysis import Analysis, analyse
from argmap.model import Debate

# An ASP constant: a lowercase letter, then letters, digits and '_'. Any other id is written as
# an ASP string in double quotes (ids never hold a quote or a backslash, so nothing is escaped).
_CONSTANT = re.compile(r"[a-z][A-Za-z0-9_]*")


def attacks(debate: Debate | Analysis) -> list[tuple[str, str]]:
    """(attacker, attacked) for every rebuttal and undercut, ordered by the claims they join:
    neither supports nor unclassified replies."""
    return [(r.source, r.target) for r in analyse(debate).ordered_relations if r.kind.is_attack]


def apx_name(ident: str) -> str:
    return ident if _CONSTANT.fullmatch(ident) else f'"{ident}"'


def write_apx(debate: Debate | Analysis) -> bytes:
    """`arg(a).` per claim and `att(a,b).` per attack."""
    analysis = analyse(debate)
    debate = analysis.debate
    lines = [f"arg({apx_name(c)})." for c in debate.claims]
    lines += [f"att({apx_name(a)},{apx_name(b)})." for a, b in attacks(analysis)]
    return ("\n".join(lines) + "\n").encode("ascii")


def write_tgf(debate: Debate | Analysis) -> bytes:
    """One claim id per line, `#`, then `attacker attacked` per line (ids hold no spaces)."""
    analysis = analyse(debate)
    debate = analysis.debate
    lines = [*debate.claims, "#", *(f"{a} {b}" for a, b in attacks(analysis))]
    return ("\n".join(lines) + "\n").encode("ascii")


def write_iccma(debate: Debate | Analysis) -> bytes:
    """`p af N`, then a `# N id` comment naming each argument (numbered 1..N in the order of the
    file), then `i j` per attack."""
    analysis = analyse(debate)
    debate = analysis.debate
    number = {c: i for i, c in enumerate(debate.claims, 1)}
    lines = [f"p af {len(number)}"]
    lines += [f"# {i} {c}" for c, i in number.items()]
    lines += [f"{number[a]} {number[b]}" for a, b in attacks(analysis)]
    return ("\n".join(lines) + "\n").encode("ascii")
