"""The sentences argmap says about a claim, the same wherever they are shown (`show`, the HTML
page's panel): why it has its status, and its preferred acceptance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from argmap.render.shapes import AcceptanceJSON, ShowJSON


def reason(data: ShowJSON) -> str:
    """Why a claim has its status, in one sentence (`show` prints it after "Why:").

    >>> reason({"why": "has-standing-attacker", "defeated_by": ["b"], "attackers": ["b"],
    ...         "answered_by": [{"id": "b", "relation": "rebuts", "status": "standing",
    ...                          "text": "B"}]})
    'defeated by b, which stands and rebuts it.'
    """
    why = data["why"]
    if why == "has-standing-attacker":
        defeaters = data["defeated_by"]
        kinds = {link["relation"] for link in data["answered_by"] if link["id"] in defeaters}
        verb = kinds.pop() if len(kinds) == 1 else "rebuts or undercuts"
        if len(defeaters) > 1:
            verb = verb.removesuffix("s").replace("s or", " or")
        which = "which stands and" if len(defeaters) == 1 else "which stand and"
        return f"defeated by {and_list(defeaters)}, {which} {verb} it."
    if why == "all-attackers-defeated":
        return (
            f"every claim that rebuts or undercuts it is defeated: {and_list(data['attackers'])}."
        )
    if why == "no-attackers":
        return "nothing rebuts or undercuts it (it is unanswered)."
    return (
        f"of the claims that rebut or undercut it ({and_list(data['attackers'])}), none stands "
        "and not all are defeated: attacks going round in a cycle leave them open."
    )


def provisional(unclassified: int) -> str | None:
    """What every report says while replies are unclassified; None when none are.

    >>> print(provisional(1))  # doctest: +NORMALIZE_WHITESPACE
    Statuses are provisional: 1 reply is not yet classified, and no status depends on it until
    it is (`argmap label FILE` classifies it).
    >>> provisional(0) is None
    True
    """
    if not unclassified:
        return None
    many = unclassified != 1
    return (
        f"Statuses are provisional: {unclassified} repl{'ies are' if many else 'y is'} not yet "
        f"classified, and no status depends on {'them' if many else 'it'} until "
        f"{'they are' if many else 'it is'} (`argmap label FILE` classifies "
        f"{'them' if many else 'it'})."
    )


def acceptance_words(acceptance: AcceptanceJSON | None) -> str:
    """`credulous: yes, sceptical: no`, or `not decided` when the search was too large."""
    if acceptance is None:
        return "not decided"
    c, s = acceptance["credulous"], acceptance["sceptical"]
    if c is None and s is None:
        return "not decided"
    return f"credulous: {_yes_no(c)}, sceptical: {_yes_no(s)}"


def _yes_no(value: bool | None) -> str:
    return "not decided" if value is None else "yes" if value else "no"


def acceptance_sentence(acceptance: AcceptanceJSON | None) -> str:
    """An undecided claim's preferred acceptance, in words (`show` prints it after "Preferred
    acceptance:")."""
    words = acceptance_words(acceptance)
    if acceptance is None or words == "not decided":
        return "not decided: the tangle of attacks is too large to search."
    meanings: dict[tuple[bool | None, bool | None], str] = {
        (True, True): "it stands in every preferred extension",
        (True, False): "it stands in some preferred extensions, not in all",
        (False, False): "it stands in no preferred extension",
    }
    meaning = meanings.get((acceptance["credulous"], acceptance["sceptical"]))
    return words + (f" ({meaning})." if meaning else ".")


def and_list(ids: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`.

    >>> and_list(["a"]), and_list(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


def strength_sentence(
    value: float | None,
    base: float,
    contributions: Sequence[tuple[str, str, float]],
    speakers: Mapping[str, str | None] | None = None,
) -> str:
    """A claim's strength and what moved it from its base score, in one sentence (the HTML
    page's panel): each attacker and supporter with its contribution (`Strengths.contributions`:
    id, kind, change), largest first, and its speaker when `speakers` gives one.

    >>> strength_sentence(0.53125, 0.5, [("p", "support", 0.25), ("w", "attack", -0.09375)],
    ...                   {"p": "defender"})
    'strength 0.53 (base score 0.50): raised 0.25 by p (defender), lowered 0.09 by w.'
    >>> strength_sentence(0.5, 0.5, [])
    'strength 0.50, its base score: nothing supports or attacks it.'
    >>> strength_sentence(None, 0.5, [])
    'strength not settled: it is in, or depends on, a cycle that did not converge.'
    """
    if value is None:
        return "strength not settled: it is in, or depends on, a cycle that did not converge."
    if not contributions:
        return f"strength {value:.2f}, its base score: nothing supports or attacks it."
    moves = []
    for ident, _kind, change in contributions:
        who = (speakers or {}).get(ident)
        named = f"{ident} ({who})" if who else ident
        verb = "raised" if change > 0 else "lowered" if change < 0 else "not moved"
        amount = f"{abs(change):.2f}"
        if amount == "0.00":
            amount = "less than 0.01"
        moves.append(f"{verb} {amount} by {named}" if change else f"{verb} by {named}")
    return f"strength {value:.2f} (base score {base:.2f}): {', '.join(moves)}."
