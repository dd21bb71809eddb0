"""A nested claim written flat: moved out of the `reasons:`, `rebuttals:` or `replies:` it is
nested in, to `claims:`, saying there the relation its nesting said. The edit of the text is
made here, with the line moves `argmap.label.edits` makes for `argmap label`;
`argmap.label.unnest` checks the result.
"""

from __future__ import annotations

from argmap.errors import quote
from argmap.fileformat import CLAIM_FIELDS, NESTED_FIELDS, Shape
from argmap.model import RelationKind

from .edits import BY_HAND, Edits, LabelError, add_relation, move_out
from .spans import compose, places

REF_FIELDS = tuple(f.name for f in CLAIM_FIELDS if f.shape is Shape.REFS)
IMPLIED = dict(NESTED_FIELDS)  # `rebuttals` -> `rebuts` ...


def unnest(text: str, claim_id: str) -> str:
    """`text` with the nested claim `claim_id` written flat under `claims:`, right after the
    top-level claim it was written within, saying the relation its section said
    (`reasons:` → `supports: PARENT`, `rebuttals:` → `rebuts:`, `replies:` → `answers:`)
    unless it already names its parent; its own nested claims move with it, and a section
    left empty goes. Not checked here: `argmap.label.unnest` checks the result.

    >>> text = "title: T\\nclaims:\\n  a:\\n    text: A\\n    reasons:\\n      b: {text: B}\\n"
    >>> print(unnest(text, "b"), end="")
    title: T
    claims:
      a:
        text: A
      b: {text: B, supports: a}
    """
    place = places(compose(text)).get(claim_id)
    if place is None or place.section is None or place.section_of is None:
        raise LabelError(f"{quote(claim_id)} is not a claim nested in another")
    if place.value.kind != "map":
        raise LabelError(f"{quote(claim_id)} is not written as a mapping", BY_HAND)
    parent = place.section_of
    named = False
    for field in REF_FIELDS:
        found = place.value.get(field)
        if found is not None:
            listed = found[1].items if found[1].kind == "seq" else [found[1]]
            named = named or any(v.kind == "scalar" and v.text == parent for v in listed)
    if not named:  # first say the relation where the claim stands, then move it
        e = Edits(text)
        add_relation(e, place.value, parent, RelationKind(IMPLIED[place.section[0].text]))
        text = e.apply()
        place = places(compose(text))[claim_id]
    e = Edits(text)
    move_out(e, place, claim_id)
    return e.apply()
