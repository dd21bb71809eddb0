"""Strengths in cycles: each strongly connected part of a debate worked out to a fixed point,
after the parts it depends on (`argmap.analyze.strength` says how, and docs/analysis.md why)."""

from __future__ import annotations

from collections.abc import Callable

from argmap.analyze.semantics import strongly_connected

Numbered = list[list[int]]


def settle(
    rest: list[int],
    parents: Numbered,
    s: list[float],
    values: list[float | None],
    f: Callable[[int], float],
    unconverged: list[int],
    tolerance: float,
    max_iterations: float,
    max_updates: float,
    step: float,
) -> tuple[int, int]:
    """Work out the claims the one pass could not reach: each strongly connected part, after
    the parts it depends on, to a fixed point. Returns the most steps taken and how many
    claims sit in cycles."""
    inside = set(rest)
    failed: set[int] = set()
    most = cyclic = 0
    budget = max_updates
    for part in parts(rest, parents, inside):
        if any(p in failed for i in part for p in parents[i]):
            failed.update(part)  # it depends on a part that did not settle
            continue
        if len(part) == 1 and part[0] not in parents[part[0]]:
            s[part[0]] = values[part[0]] = f(part[0])
            continue
        cyclic += len(part)
        h, moved, steps = step, float("inf"), 0
        settled = False
        while steps < max_iterations and budget >= len(part):
            budget -= len(part)
            steps += 1
            new = [f(i) for i in part]
            largest = max(abs(v - s[i]) for i, v in zip(part, new, strict=True))
            if largest <= tolerance:
                for i, v in zip(part, new, strict=True):
                    s[i] = v
                settled = True
                break
            if largest > moved:
                h /= 2
            moved = largest
            for i, v in zip(part, new, strict=True):
                s[i] += h * (v - s[i])
        most = max(most, steps)
        if settled:
            for i in part:
                values[i] = s[i]
        else:
            failed.update(part)
    for i in failed:
        values[i] = None
    unconverged.extend(sorted(failed))
    return most, cyclic


def parts(rest: list[int], parents: Numbered, inside: set[int]) -> list[list[int]]:
    """The strongly connected parts of the claims `rest`, each after the parts of the claims it
    depends on, each in order (`semantics.strongly_connected`, over the edges to a claim's
    parents among `inside`)."""
    found = strongly_connected({c: [p for p in parents[c] if p in inside] for c in rest})
    return [sorted(part) for part in found]
