"""The analysis on small debates worked out by hand, and against a brute-force reference."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Debate, loads
from argmap.analyze import (
    Acceptance,
    Contested,
    SourceUse,
    SpeakerStats,
    Status,
    Unanswered,
    contested,
    exchanges,
    grounded,
    label,
    preferred_acceptance,
    sources,
    speakers,
    unanswered,
    unsupported,
)

S, D, U = Status.STANDING, Status.DEFEATED, Status.UNDECIDED


def debate(*lines: str) -> Debate:
    """A debate from `id: relation target` shorthand lines, e.g. `b rebuts a`, `a`."""
    claims: dict[str, list[str]] = {}
    for line in lines:
        ident, *rest = line.split()
        entry = claims.setdefault(ident, [])
        if rest:
            for target in rest[1:]:
                claims.setdefault(target, [])
                entry.append(f"{rest[0]}: {target}")
    body = "".join(
        f"  {c}:\n    text: Claim {c}\n" + "".join(f"    {r}\n" for r in _merge(rels))
        for c, rels in claims.items()
    )
    return loads(f"title: T\nclaims:\n{body}")


def _merge(rels: list[str]) -> list[str]:
    by_kind: dict[str, list[str]] = {}
    for r in rels:
        kind, target = r.split(": ")
        by_kind.setdefault(kind, []).append(target)
    return [f"{k}: [{', '.join(v)}]" for k, v in by_kind.items()]


def statuses(d: Debate) -> dict[str, Status]:
    return label(d).status


def test_a_chain_alternates() -> None:
    d = debate("d rebuts c", "c rebuts b", "b rebuts a")
    assert statuses(d) == {"d": S, "c": D, "b": S, "a": D}


def test_a_fork_one_standing_attacker_is_enough() -> None:
    d = debate("b rebuts a", "c rebuts a", "x rebuts b")
    assert statuses(d) == {"b": D, "a": D, "c": S, "x": S}
    assert label(d).defeaters("a") == ["c"]


def test_reinstatement() -> None:
    # a is attacked by b, but b falls to c: a stands again.
    d = debate("b rebuts a", "c rebuts b")
    assert statuses(d) == {"b": D, "a": S, "c": S}


def test_an_even_cycle_is_undecided_but_either_side_could_win() -> None:
    d = debate("a rebuts b", "b rebuts a")
    lab = label(d)
    assert lab.status == {"a": U, "b": U}
    assert lab.acceptance == {"a": Acceptance(True, False), "b": Acceptance(True, False)}


def test_an_odd_cycle_no_side_can_win() -> None:
    d = debate("a rebuts b", "b rebuts c", "c rebuts a")
    lab = label(d)
    assert lab.status == {"a": U, "b": U, "c": U}
    assert set(lab.acceptance.values()) == {Acceptance(False, False)}


def test_a_cycle_with_a_tail() -> None:
    # a <-> b, and b also attacks t: t is undecided; in the extension {b}, t is out, in {a}, in.
    d = debate("a rebuts b", "b rebuts a", "b rebuts t")
    lab = label(d)
    assert lab.status == {"a": U, "b": U, "t": U}
    assert lab.acceptance["t"] == Acceptance(True, False)


def test_a_cycle_broken_from_outside() -> None:
    # x is unanswered and defeats a, which breaks the a <-> b cycle in b's favour.
    d = debate("a rebuts b", "b rebuts a", "x rebuts a")
    assert statuses(d) == {"a": D, "b": S, "x": S}


def test_an_odd_cycle_feeding_a_claim_makes_it_sceptically_undecided() -> None:
    # c3 -> c1 -> c2 -> c3 is odd; t attacked by c1: preferred extension is empty, t not accepted.
    d = debate("c1 rebuts c2", "c2 rebuts c3", "c3 rebuts c1", "c1 rebuts t")
    assert label(d).acceptance["t"] == Acceptance(False, False)


def test_a_claim_defended_in_every_preferred_extension_is_sceptically_accepted() -> None:
    # a <-> b, both attack c, and c attacks d: d is out only if c is in, and c is never in.
    d = debate("a rebuts b", "b rebuts a", "a rebuts c", "b rebuts c", "c rebuts d")
    lab = label(d)
    assert lab.acceptance["c"] == Acceptance(False, False)
    assert lab.acceptance["d"] == Acceptance(True, True)


def test_undercuts_attack_and_supports_do_not() -> None:
    d = debate("b undercuts a", "s supports a", "s2 supports b")
    assert statuses(d) == {"b": S, "a": D, "s": S, "s2": S}


def test_grounded_is_linear_on_a_long_chain() -> None:
    n = 200_000
    att = {f"c{i}": [f"c{i + 1}"] for i in range(n - 1)}
    att[f"c{n - 1}"] = []
    got = grounded(att)
    assert got["c0"] is (S if (n - 1) % 2 == 0 else D)
    assert got[f"c{n - 1}"] is S


def test_a_large_tangle_is_not_decided_rather_than_slow() -> None:
    # A clique in which every claim attacks every other: too large to search under a bound of 6.
    names = [f"k{i}" for i in range(8)]
    att = {a: [b for b in names if b != a] for a in names}
    acc = preferred_acceptance(att, names, max_cycle=6)
    assert set(acc.values()) == {Acceptance(None, None)}
    assert preferred_acceptance(att, names)["k0"] == Acceptance(True, False)


def test_unanswered_says_what_role_each_claim_plays() -> None:
    d = debate("root", "b rebuts a", "s supports a")
    assert unanswered(d) == [
        Unanswered("root", None, "Claim root", "root"),
        Unanswered("b", None, "Claim b", "rebuttal"),
        Unanswered("s", None, "Claim s", "reason"),
    ]


def test_unsupported_contested_and_exchanges() -> None:
    d = debate("b rebuts a", "c rebuts a", "d rebuts b", "e rebuts d", "s supports c")
    assert unsupported(d) == ["b", "a", "d", "e", "s"]
    assert contested(d) == [
        Contested("a", ("b", "c")),
        Contested("b", ("d",)),
        Contested("d", ("e",)),
    ]
    assert exchanges(d) == [["a", "b", "d", "e"]]


def test_exchanges_stop_before_a_circle_closes() -> None:
    assert exchanges(debate("a rebuts b", "b rebuts a", "c rebuts a")) == [["a", "b"]]
    assert exchanges(debate("b rebuts a", "c rebuts b", "a rebuts c")) == [["b", "c", "a"]]


def test_speakers_and_sources() -> None:
    d = loads(
        "title: T\nsources:\n  s: {title: S}\n  u: {url: 'https://e.org'}\nclaims:\n"
        "  a: {text: A, by: ann, cites: [s]}\n"
        "  b: {text: B, by: bo, rebuts: a, cites: [s, u]}\n"
        "  c: {text: C, by: ann, rebuts: b}\n"
    )
    assert speakers(d) == [
        SpeakerStats(
            "ann", claims=2, rebuttals=1, standing=2, defeated=0, undecided=0, unanswered=1
        ),
        SpeakerStats(
            "bo", claims=1, rebuttals=1, standing=0, defeated=1, undecided=0, unanswered=0
        ),
    ]
    assert sources(d) == [
        SourceUse("s", "S", None, ("a", "b"), standing=1),
        SourceUse("u", None, "https://e.org", ("b",), standing=0),
    ]


# --- the reference: definitions, computed the slow way -------------------------------------------


def _brute(att: dict[str, list[str]]) -> tuple[dict[str, Status], dict[str, Acceptance]]:
    args = list(att)
    attacks = {(b, a) for a, bs in att.items() for b in bs}

    def conflict_free(e: frozenset[str]) -> bool:
        return not any((x, y) in attacks for x in e for y in e)

    def defends(e: frozenset[str], a: str) -> bool:
        return all(any((d, b) in attacks for d in e) for b in att[a])

    subsets = [frozenset(c) for r in range(len(args) + 1) for c in combinations(args, r)]
    admissible = [e for e in subsets if conflict_free(e) and all(defends(e, a) for a in e)]
    preferred = [e for e in admissible if not any(e < f for f in admissible)]
    # Grounded: least fixed point of the characteristic function.
    g: frozenset[str] = frozenset()
    while True:
        nxt = frozenset(a for a in args if defends(g, a))
        if nxt == g:
            break
        g = nxt
    status = {}
    for a in args:
        if a in g:
            status[a] = S
        elif any((d, a) in attacks for d in g):
            status[a] = D
        else:
            status[a] = U
    acc = {
        a: Acceptance(any(a in e for e in preferred), all(a in e for e in preferred))
        for a in args
        if status[a] is U
    }
    return status, acc


FRAMEWORKS = st.integers(1, 7).flatmap(
    lambda n: st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=14).map(
        lambda edges: {f"a{i}": sorted({f"a{s}" for s, t in edges if t == i}) for i in range(n)}
    )
)


@settings(max_examples=400, deadline=None)
@given(FRAMEWORKS)
def test_grounded_and_preferred_match_the_definitions(att: dict[str, list[str]]) -> None:
    status, acceptance = _brute(att)
    assert grounded(att) == status
    undecided = [a for a in att if status[a] is U]
    assert preferred_acceptance(att, undecided) == acceptance


def test_a_chain_under_many_cycles_is_decided_without_a_search() -> None:
    # 13 pairs that rebut each other (8,192 preferred extensions), all rebutting the head of a
    # chain of 1,000: the chain needs no search once the pairs are settled (it once took 185 s).
    att: dict[str, list[str]] = {}
    for i in range(13):
        att[f"p{i}a"], att[f"p{i}b"] = [f"p{i}b"], [f"p{i}a"]
    att["c0"] = [p for i in range(13) for p in (f"p{i}a", f"p{i}b")]
    for i in range(1, 1000):
        att[f"c{i}"] = [f"c{i - 1}"]
    acceptance = preferred_acceptance(att, list(att))
    shown = {c: (a.credulous, a.sceptical) for c, a in acceptance.items()}
    assert shown["p0a"] == shown["p12b"] == (True, False)
    # Every extension holds one claim of each pair, which defeats c0; so c1 stands in all.
    assert [shown[f"c{i}"] for i in range(4)] == [
        (False, False),
        (True, True),
        (False, False),
        (True, True),
    ]
    assert shown["c999"] == (True, True)


def test_the_search_stops_at_its_work_bound_the_same_way_every_time() -> None:
    att = {"a": ["b"], "b": ["a"], "c": ["a", "b"], "d": ["c"]}
    assert preferred_acceptance(att, list(att), max_steps=3) == dict.fromkeys(
        att, Acceptance(None, None)
    )
    assert preferred_acceptance(att, list(att))["d"] == Acceptance(True, True)  # c always falls
