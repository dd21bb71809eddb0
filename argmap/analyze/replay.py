"""Grounded labelling kept up to date as claims arrive one at a time (docs/analysis.md#timeline).

A claim's grounded status depends only on the claims that attack it, and on theirs, and so on;
so when a claim arrives, only the claims it can reach along attacks can change. After each
arrival, `replay` revisits just those, and fewer where it can prove the rest unchanged:

- Where the new claim is attacked by nothing there yet (a reply, as threads grow), it stands,
  and the change spreads from it claim by claim, each judged from its attackers (standing if
  all are defeated, defeated if one stands, undecided otherwise), stopping wherever a claim's
  status stays as it was. That is exact for claims on no cycle of attacks, each of which has
  the status its attackers give it, and it stops there.
- Otherwise (the new claim is attacked by a claim already there, as a claim that answers a
  later one is), or where the spread reaches a claim on a cycle, every claim the new one
  reaches is labelled again by counting (`semantics.grounded`), the claims outside that set
  held as they are: one standing outside defeats, one undecided outside keeps a claim from
  standing.

Counts of each claim's standing and undecided attackers are kept as statuses change, so judging
a claim costs the same however many claims attack it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence

from argmap.analyze.semantics import Status

ABSENT, STANDING, DEFEATED, UNDECIDED = 0, 1, 2, 3
# By state; `ABSENT` is never named (a claim's status is read only once it is there).
_NAMES = (Status.UNDECIDED, Status.STANDING, Status.DEFEATED, Status.UNDECIDED)

Change = tuple[str, Status, Status]  # a claim, its status before, its status after


def replay(
    attackers: Mapping[str, Sequence[str]], order: Sequence[str]
) -> Iterator[tuple[Status, list[Change]]]:
    """For each claim of `order` in turn: its status as it arrives, and every other claim whose
    status its arrival changed, nearest first. Only attacks between claims already there count.

    >>> steps = replay({"a": ["c"], "b": ["a"], "c": [], "d": ["d"]}, ["b", "a", "c", "d"])
    >>> [(s.value, [(c, x.value, y.value) for c, x, y in ch]) for s, ch in steps]
    [('standing', []), ('standing', [('b', 'standing', 'defeated')]), \
('standing', [('a', 'standing', 'defeated'), ('b', 'defeated', 'standing')]), ('undecided', [])]
    """
    return _Replay(attackers).run(order)


class _Replay:
    """The state of a replay: the claims numbered, the attacks among the claims there so far
    (both ways), each claim's status (`ABSENT` before it arrives), and the counts of each
    claim's standing and undecided attackers."""

    def __init__(self, attackers: Mapping[str, Sequence[str]]) -> None:
        self.ids = list(attackers)
        index = {c: i for i, c in enumerate(self.ids)}
        n = len(self.ids)
        self.index = index
        self.all_in: list[list[int]] = [[index[a] for a in attackers[c]] for c in self.ids]
        self.all_out: list[list[int]] = [[] for _ in range(n)]
        for target, sources in enumerate(self.all_in):
            for s in sources:
                self.all_out[s].append(target)
        self.att_in: list[list[int]] = [[] for _ in range(n)]
        self.att_out: list[list[int]] = [[] for _ in range(n)]
        self.state = bytearray(n)
        self.standing = [0] * n  # attackers there that stand
        self.undecided = [0] * n  # attackers there that are undecided
        self.cyclic = bytearray(n)  # on a cycle of attacks among the claims there

    def run(self, order: Sequence[str]) -> Iterator[tuple[Status, list[Change]]]:
        for claim in order:
            v = self.index[claim]
            before = self._arrive(v)
            changes = [
                (self.ids[c], _NAMES[old], _NAMES[self.state[c]])
                for c, old in before.items()
                if c != v and self.state[c] != old
            ]
            yield _NAMES[self.state[v]], changes

    # --- one arrival ---------------------------------------------------------------------------

    def _arrive(self, v: int) -> dict[int, int]:
        """Add claim `v` and its attacks to and from the claims there; relabel what it reaches.
        Returns the status before of every claim whose status was set, in the order set."""
        state, att_in, att_out = self.state, self.att_in, self.att_out
        attacked = False
        for a in self.all_in[v]:
            if state[a] or a == v:
                att_in[v].append(a)
                att_out[a].append(v)
                attacked = True
                self._count(v, a, ABSENT, state[a])
        for t in self.all_out[v]:
            if state[t] and t != v:
                att_in[t].append(v)
                att_out[v].append(t)
        if not attacked:
            before = self._spread(v)
            if before is not None:
                return before
        return self._relabel(v)

    def _set(self, c: int, status: int) -> None:
        old = self.state[c]
        self.state[c] = status
        for t in self.att_out[c]:
            self._count(t, c, old, status)

    def _count(self, target: int, attacker: int, old: int, new: int) -> None:
        if old == STANDING:
            self.standing[target] -= 1
        elif old == UNDECIDED:
            self.undecided[target] -= 1
        if new == STANDING:
            self.standing[target] += 1
        elif new == UNDECIDED:
            self.undecided[target] += 1

    def _judged(self, c: int) -> int:
        if self.standing[c]:
            return DEFEATED
        return UNDECIDED if self.undecided[c] else STANDING

    def _spread(self, v: int) -> dict[int, int] | None:
        """`v`, attacked by nothing there, stands; spread the change claim by claim while each
        is on no cycle. None (with every status put back) when it reaches a claim on a cycle,
        or judges claims again and again (possible where attacks fork and join): then the
        caller relabels all that `v` reaches."""
        before: dict[int, int] = {v: ABSENT}
        self._set(v, STANDING)
        queue = deque(self.att_out[v])
        judged, seen = 0, set()
        while queue:
            c = queue.popleft()
            judged += 1
            seen.add(c)
            if self.cyclic[c] or judged > 2 * len(seen) + 16:
                for claim, old in reversed(list(before.items())):
                    self._set(claim, old)
                return None
            status = self._judged(c)
            if status != self.state[c]:
                before.setdefault(c, self.state[c])
                self._set(c, status)
                queue.extend(self.att_out[c])
        return before

    def _relabel(self, v: int) -> dict[int, int]:
        """Label again, by counting, every claim `v` reaches along attacks (`v` included),
        holding the claims outside as they are; first mark any cycle through `v`."""
        state, att_out = self.state, self.att_out
        reached = [v]
        inside = {v}
        for c in reached:  # grows as it goes: breadth first, nearest first
            for t in att_out[c]:
                if t not in inside:
                    inside.add(t)
                    reached.append(t)
        if any(a in inside for a in self.att_in[v]):
            self._mark_cycle(v, inside)
        # Attackers inside are counted afresh: take their old statuses out of the counts.
        standing = {c: self.standing[c] for c in reached}
        undecided = {c: self.undecided[c] for c in reached}
        left = dict.fromkeys(reached, 0)
        attacks: dict[int, list[int]] = {c: [] for c in reached}
        for a in reached:
            for t in att_out[a]:
                left[t] += 1
                attacks[a].append(t)
                if state[a] == STANDING:
                    standing[t] -= 1
                elif state[a] == UNDECIDED:
                    undecided[t] -= 1
        label: dict[int, int] = {}
        queue: list[int] = []
        for c in reached:
            if standing[c]:
                label[c] = DEFEATED
        for c in reached:
            if c in label:
                for t in attacks[c]:
                    left[t] -= 1
        for c in reached:
            left[c] += undecided[c]
            if c not in label and left[c] == 0:
                queue.append(c)
        for c in queue:  # grows as claims are reached
            label[c] = STANDING
            for t in attacks[c]:
                if t in label:
                    continue
                label[t] = DEFEATED
                for further in attacks[t]:
                    left[further] -= 1
                    if left[further] == 0 and further not in label:
                        queue.append(further)
        before: dict[int, int] = {}
        for c in reached:
            new = label.get(c, UNDECIDED)
            if new != state[c]:
                before[c] = state[c]
                self._set(c, new)
        before.setdefault(v, ABSENT)
        return before

    def _mark_cycle(self, v: int, reached: set[int]) -> None:
        """Mark the claims on a cycle through `v`: those it reaches that reach it back (which
        the walk back from `v` finds without leaving `reached`)."""
        self.cyclic[v] = 1
        stack, seen = [v], {v}
        while stack:
            for a in self.att_in[stack.pop()]:
                if a in reached and a not in seen:
                    seen.add(a)
                    self.cyclic[a] = 1
                    stack.append(a)
