"""The sentences argmap says about a claim, the same wherever they are shown (`show`, the HTML
page's panel): why it has its status, its preferred acceptance, and how strong it is and why."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.look import SEMANTICS_NAMES
from argmap.render.shapes import AcceptanceJSON, ShowJSON, StrengthJSON


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


# --- strength ---------------------------------------------------------------------------------

BASE_WORDS = {
    "weights": "base scores from `weight:`, else 0.5",
    "votes": "base scores from `weight:`, else votes (`score:`), else 0.5",
}


def two(value: float | None) -> str:
    """A strength as text shows it: two decimals (JSON keeps six), or `—` for a strength that
    did not converge, never a number.

    >>> two(0.53125), two(1.0), two(None)
    ('0.53', '1.00', '—')
    """
    return "—" if value is None else f"{value:.2f}"


def strength_basis(semantics: str, base: str) -> str:
    """Which semantics and which base scores a report's strengths come from.

    >>> strength_basis("df-quad", "votes")
    'DF-QuAD; base scores from `weight:`, else votes (`score:`), else 0.5'
    """
    return f"{SEMANTICS_NAMES[semantics]}; {BASE_WORDS[base]}"


def strength_sentence(data: StrengthJSON) -> str:
    """A claim's strength and what moved it, in one sentence (`show` prints it after
    "Strength:"): each attacker and supporter with its speaker, largest change first. A strength
    that did not converge is said to be missing, never given as a number.

    >>> contribution = {"id": "lookup", "by": "flatbield", "relation": "attack", "change": -0.42}
    >>> strength_sentence({"value": 0.31, "base": 0.5, "semantics": "df-quad",
    ...                    "contributions": [contribution], "converged": True})
    '0.31 (DF-QuAD, base 0.50): lowered 0.42 by lookup (flatbield).'
    >>> missing = {"value": None, "base": 0.5, "semantics": "df-quad", "contributions": [],
    ...            "converged": False}
    >>> strength_sentence(missing)  # doctest: +NORMALIZE_WHITESPACE
    'none (DF-QuAD, base 0.50): it is in, or depends on, a cycle of attacks and supports that
    did not settle within the bounds, so it has no number.'
    """
    basis = f"({SEMANTICS_NAMES[data['semantics']]}, base {two(data['base'])})"
    value = data["value"]
    if value is None:
        return (
            f"none {basis}: it is in, or depends on, a cycle of attacks and supports that did "
            "not settle within the bounds, so it has no number."
        )
    moves = []
    for c in data["contributions"]:
        verb = "lowered" if c["relation"] == "attack" else "raised"
        by = "" if c["by"] is None else f" ({c['by']})"
        moves.append(f"{verb} {two(abs(c['change']))} by {c['id']}{by}")
    if moves:
        return f"{two(value)} {basis}: {', '.join(moves)}."
    if data["semantics"] == "h-categorizer":
        return (
            f"{two(value)} {basis}: nothing rebuts or undercuts it, and the h-categorizer "
            "counts attacks alone."
        )
    return f"{two(value)} {basis}: nothing rebuts, undercuts or supports it."
