"""Which claims stand: the grounded labelling of a debate's attacks (rebuttals and undercuts),
and, for the claims it leaves undecided, their preferred acceptance (docs/analysis.md)."""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from argmap.analyze.graphs import Graph, attackers_of

N = TypeVar("N", str, int)  # a node: a claim's id, or its number

# Above these sizes the search for preferred extensions stops and says "not decided".
MAX_CYCLE_CLAIMS = 24  # claims of one strongly connected part searched at once
MAX_EXTENSIONS = 10_000  # combinations kept for one connected group of undecided claims
# Steps of the search for one connected group (a claim weighed against one combination): a
# bound on work, not on time, so that the same debate gets the same answer on every machine.
# It stands for about two seconds; past it, the group is "not decided".
MAX_STEPS = 2_000_000


class Status(StrEnum):
    STANDING = "standing"
    DEFEATED = "defeated"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class Acceptance:
    """For an undecided claim: does it stand in some / every preferred extension?

    `None` means "not decided": the claim sits in a tangle too large to search (see the bounds).
    """

    credulous: bool | None
    sceptical: bool | None


@dataclass(frozen=True)
class Labelling:
    status: dict[str, Status]
    # Why: for a defeated claim, its standing attackers; for the others, all their attackers.
    attackers: Mapping[str, Sequence[str]]
    acceptance: dict[str, Acceptance]  # undecided claims only

    def of(self, status: Status) -> list[str]:
        return [c for c, s in self.status.items() if s is status]

    def defeaters(self, claim: str) -> list[str]:
        """The standing claims that defeat `claim` (empty unless it is defeated)."""
        return [a for a in self.attackers[claim] if self.status[a] is Status.STANDING]


def label(debate: Graph) -> Labelling:
    """Grounded status of every claim, and preferred acceptance of the undecided ones."""
    with paused_collector():
        att = attackers_of(debate)
        status = grounded(att)
    undecided = [c for c, s in status.items() if s is Status.UNDECIDED]
    return Labelling(
        status=status,
        attackers=att,
        acceptance=preferred_acceptance(att, undecided),
    )


@contextmanager
def paused_collector() -> Iterator[None]:
    """Python's cyclic garbage collector paused: building a list per claim for a million claims
    otherwise sets it off again and again over objects that cannot form cycles yet."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def grounded(attackers: Mapping[str, Sequence[str]]) -> dict[str, Status]:
    """Grounded labelling by counting, in time linear in claims plus attacks.

    Each claim counts its attackers not yet defeated; a claim whose count reaches zero stands,
    and everything it attacks is defeated, which lowers the counts of what those attacked.
    Whatever is never reached is undecided (it sits in, or hangs from, a cycle).

    >>> grounded({"a": ["b"], "b": ["a"], "c": ["a"], "d": []})
    {'a': <Status.UNDECIDED: 'undecided'>, 'b': <Status.UNDECIDED: 'undecided'>, \
'c': <Status.UNDECIDED: 'undecided'>, 'd': <Status.STANDING: 'standing'>}
    """
    # Claims are numbered so that the loop works on lists and a bytearray: this runs on
    # millions of claims, where dict lookups by id would dominate.
    ids = list(attackers)
    index = {c: i for i, c in enumerate(ids)}
    attacks: list[list[int]] = [[] for _ in ids]
    left = [0] * len(ids)
    for target, sources in enumerate(attackers.values()):
        left[target] = len(sources)
        for s in sources:
            attacks[index[s]].append(target)
    state = bytearray(len(ids))  # 0 undecided, 1 standing, 2 defeated
    queue = [i for i, n in enumerate(left) if n == 0]
    for claim in queue:  # the list grows as claims are reached: a first-in, first-out queue
        state[claim] = 1
        for target in attacks[claim]:
            if state[target]:
                continue
            state[target] = 2
            for further in attacks[target]:
                left[further] -= 1
                if left[further] == 0 and not state[further]:
                    queue.append(further)
    names = (Status.UNDECIDED, Status.STANDING, Status.DEFEATED)
    return {c: names[x] for c, x in zip(ids, state, strict=True)}


# --- preferred acceptance ----------------------------------------------------------------------


class _TooLarge(Exception):
    pass


def preferred_acceptance(
    attackers: Mapping[str, Sequence[str]],
    undecided: Iterable[str],
    max_cycle: int = MAX_CYCLE_CLAIMS,
    max_extensions: int = MAX_EXTENSIONS,
    max_steps: int = MAX_STEPS,
) -> dict[str, Acceptance]:
    """Credulous and sceptical acceptance under preferred semantics, for the undecided claims.

    Every preferred extension is the grounded extension plus a preferred extension of the
    undecided claims alone, so only those are searched; each connected group separately, and
    within a group one strongly connected part at a time (SCC-recursive, Baroni et al. 2005).

    >>> acc = preferred_acceptance({"a": ["b"], "b": ["a"], "c": ["b"]}, ["a", "b", "c"])
    >>> [(c, x.credulous, x.sceptical) for c, x in acc.items()]
    [('a', True, False), ('b', True, False), ('c', True, False)]
    """
    todo = list(undecided)
    inside = set(todo)
    att = {c: {a for a in attackers[c] if a in inside} for c in todo}
    out: dict[str, Acceptance] = {}
    for group in _groups(att):
        sub = {c: att[c] for c in group}
        try:
            out.update(_accept(sub, max_cycle, _Budget(max_steps, max_extensions)))
        except _TooLarge:
            out.update(dict.fromkeys(group, Acceptance(None, None)))
    return {c: out[c] for c in todo}


def _accept(att: Mapping[str, set[str]], max_cycle: int, budget: _Budget) -> dict[str, Acceptance]:
    """Credulous and sceptical acceptance of every claim of one connected group.

    The strongly connected parts are taken in the order they attack each other (as `_gf`
    does), and the preferred extensions grow part by part. Each part's choice depends on an
    extension only through the claims that attack the part and their own attackers; so after
    each part, every extension is cut down to what the parts still to come look at, and those
    that become equal are kept once. A claim is credulously accepted when some extension holds
    it as its part is decided, and sceptically when every one does: every extension so far
    grows into at least one preferred extension, and all of them grow from one so far.
    """
    parts = strongly_connected(att)
    outside = {c: att[c] - set(part) for part in parts for c in part}
    looked_at = [{x for c in part for b in outside[c] for x in (b, *att[b])} for part in parts]
    # What the parts after each one look at.
    later: list[set[str]] = [set() for _ in parts]
    for k in range(len(parts) - 2, -1, -1):
        later[k] = later[k + 1] | looked_at[k + 1]
    some: dict[str, bool] = {}
    every: dict[str, bool] = {}
    partial: set[frozenset[str]] = {frozenset()}
    allowed = set(att)
    for k, part in enumerate(parts):
        budget.spend(len(partial) * len(part))
        members = set(part)
        keep = later[k]
        grown: set[frozenset[str]] = set()
        for ext in partial:
            if len(part) == 1 and part[0] not in att[part[0]]:
                found_all = _one(part[0], outside[part[0]], att, allowed, [frozenset()], ext)
            else:
                defeated = {c for c in part if outside[c] & ext}
                alive = members - defeated
                provisional = {
                    c for c in alive if any(not (att[b] & ext) and b not in ext for b in outside[c])
                }
                sub = {c: att[c] & alive for c in alive}
                found_all = _gf(sub, alive - provisional, max_cycle, budget)
            for found in found_all:
                for c in part:
                    held = c in found
                    some[c] = some.get(c, False) or held
                    every[c] = every.get(c, True) and held
                grown.add((ext | found) & keep)
            if len(grown) > budget.extensions:
                raise _TooLarge
        partial = grown
    return {c: Acceptance(credulous=some[c], sceptical=every[c]) for c in att}


def _groups(att: Mapping[str, set[str]]) -> list[list[str]]:
    """Weakly connected groups, each in the order of `att`."""
    linked: dict[str, set[str]] = {c: set(a) for c, a in att.items()}
    for c, sources in att.items():
        for s in sources:
            linked[s].add(c)
    seen: set[str] = set()
    groups = []
    for start in att:
        if start in seen:
            continue
        seen.add(start)
        members, stack = {start}, [start]
        while stack:
            for n in linked[stack.pop()]:
                if n not in seen:
                    seen.add(n)
                    members.add(n)
                    stack.append(n)
        groups.append([c for c in att if c in members])
    return groups


def strongly_connected(att: Mapping[N, Collection[N]]) -> list[list[N]]:
    """Strongly connected parts, each after the parts of its attackers (iterative Tarjan): of
    the attacks among claims here, and of the relations a claim's strength depends on in
    `fixpoint`. Every node named in a collection must be a key of `att`.

    >>> strongly_connected({"a": ["b"], "b": ["a"], "c": ["a"]})
    [['b', 'a'], ['c']]
    """
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    out: list[list[N]] = []
    for root in att:
        if root in index:
            continue
        work = [(root, iter(sorted(att[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(att[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        n = stack.pop()
                        on_stack.discard(n)
                        part.append(n)
                        if n == node:
                            break
                    out.append(part)
    # Tarjan over attacker edges emits a part after the parts of its attackers.
    return out


class _Budget:
    """What one connected group may still spend: steps, and combinations kept."""

    def __init__(self, steps: int, extensions: int) -> None:
        self.steps = steps
        self.extensions = extensions

    def spend(self, steps: int) -> None:
        self.steps -= steps
        if self.steps < 0:
            raise _TooLarge


def _gf(
    att: Mapping[str, set[str]], allowed: set[str], max_cycle: int, budget: _Budget
) -> list[frozenset[str]]:
    """Preferred extensions of the framework `att` whose members are all in `allowed`."""
    parts = strongly_connected(att)
    if len(parts) <= 1:
        return _preferred(att, allowed, max_cycle)
    partial: list[frozenset[str]] = [frozenset()]
    for part in parts:
        members = set(part)
        outside = {c: att[c] - members for c in part}  # attackers in earlier parts
        budget.spend(len(partial) * len(part))
        if len(part) == 1 and part[0] not in att[part[0]]:
            # A claim in no cycle needs no search: each combination so far takes it in, or
            # leaves it out, by what it holds of the claim's attackers.
            partial = _one(part[0], outside[part[0]], att, allowed, partial)
            continue
        grown: list[frozenset[str]] = []
        for ext in partial:
            defeated = {c for c in part if outside[c] & ext}
            alive = members - defeated
            # Attacked from outside by a claim neither in `ext` nor defeated by it: not choosable.
            provisional = {
                c for c in alive if any(not (att[b] & ext) and b not in ext for b in outside[c])
            }
            sub = {c: att[c] & alive for c in alive}
            for found in _gf(sub, (alive - provisional) & allowed, max_cycle, budget):
                grown.append(ext | found)
                if len(grown) > budget.extensions:
                    raise _TooLarge
        partial = grown
    return partial


def _one(
    c: str,
    outside: set[str],
    att: Mapping[str, set[str]],
    allowed: set[str],
    partial: list[frozenset[str]],
    context: frozenset[str] = frozenset(),
) -> list[frozenset[str]]:
    """Each combination of `partial`, with the claim `c` (in no cycle) added where it is
    defended: what `_gf` finds for the part `{c}`, without a search. `c` is left out where one
    of its attackers is in the combination (defeated), or where one is neither in it nor
    attacked by it (not choosable yet). The combinations are read together with `context`,
    the claims already chosen outside them (which are not added)."""
    if c not in allowed:
        return partial
    grown = []
    for ext in partial:
        seen = ext | context
        if outside & seen or any(not (att[b] & seen) for b in outside):
            grown.append(ext)
        else:
            grown.append(ext | {c})
    return grown


def _preferred(
    att: Mapping[str, set[str]], allowed: set[str], max_cycle: int
) -> list[frozenset[str]]:
    """The maximal sets of `allowed` claims admissible in `att`, by search (small parts only).

    Claims outside `allowed` cannot be chosen but still attack, so a chosen claim must be
    defended against them too.
    """
    claims = [c for c in att if c in allowed]
    if len(claims) > max_cycle:
        raise _TooLarge
    attacks: dict[str, set[str]] = {c: set() for c in att}
    for target, sources in att.items():
        for s in sources:
            attacks[s].add(target)
    admissible: list[frozenset[str]] = []

    def search(i: int, chosen: frozenset[str], hit: set[str]) -> None:
        if i == len(claims):
            defended = all(att[c] <= hit for c in chosen)
            if defended:
                admissible.append(chosen)
            return
        c = claims[i]
        if c not in hit and c not in att[c] and not (attacks[c] & chosen):
            search(i + 1, chosen | {c}, hit | attacks[c])
        search(i + 1, chosen, hit)

    search(0, frozenset(), set())
    return [e for e in admissible if not any(e < other for other in admissible)]
