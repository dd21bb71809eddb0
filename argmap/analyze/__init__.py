"""What a debate says once it is mapped: which claims stand, which fell, what went unanswered.

Pure algorithms, in modules (`graphs`: what they read; `semantics`: which claims stand;
`facts`: the rest; `times`: when each claim was made; `replay`: the statuses as claims arrive).
Each takes a `Debate`, or a `networkx.DiGraph` of claims whose edges carry `kind` (`rebuts`,
`supports` or `undercuts`, from the answering claim to the claim it answers), and returns plain
data; nothing here prints. The semantics are explained in plain words in docs/analysis.md.
Pure algorithms, in five modules (`graphs`: what they read; `semantics`: which claims stand;
`strength` and `basescore`: how strong each claim is; `facts`: the rest). Each takes a
`Debate`, or a `networkx.DiGraph` of claims whose edges carry `kind` (`rebuts`, `supports` or
`undercuts`, from the answering claim to the claim it answers), and returns plain data; nothing
here prints. The semantics are explained in plain words in docs/analysis.md.
`argmap.analysis.Analysis` gathers their answers for the views.

>>> from argmap import loads
>>> d = loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n"
...           "  c: {text: C, rebuts: b}\\n")
>>> {c: s.value for c, s in label(d).status.items()}
{'a': 'standing', 'b': 'defeated', 'c': 'standing'}

A graph from anywhere works too:

>>> import networkx as nx
>>> g = nx.DiGraph([("b", "a", {"kind": "rebuts"}), ("c", "b", {"kind": "undercuts"})])
>>> {c: s.value for c, s in label(g).status.items()}, [u.id for u in unanswered(g)]
({'b': 'defeated', 'a': 'standing', 'c': 'standing'}, ['c'])
"""

from argmap.analyze.basescore import Base, base_scores, from_votes, strength_of
from argmap.analyze.disagree import disagreements
from argmap.analyze.facts import (
    Contested,
    SourceUse,
    SpeakerStats,
    Unanswered,
    contested,
    exchanges,
    sources,
    speakers,
    unanswered,
    unsupported,
)
from argmap.analyze.graphs import Claims, Edge, Graph, attackers_of, claims_of
from argmap.analyze.replay import replay
from argmap.analyze.semantics import (
    MAX_CYCLE_CLAIMS,
    MAX_EXTENSIONS,
    Acceptance,
    Labelling,
    Status,
    grounded,
    label,
    preferred_acceptance,
)
from argmap.analyze.strength import Contribution, Semantics, Strengths, strength
from argmap.analyze.times import (
    Arrival,
    NoTimesError,
    arrivals,
    as_of,
    iso,
    moment,
    parse_as_of,
    shown,
    untimed,
)

__all__ = [
    "MAX_CYCLE_CLAIMS",
    "MAX_EXTENSIONS",
    "Acceptance",
    "Arrival",
    "Base",
    "Claims",
    "Contested",
    "Contribution",
    "Edge",
    "Graph",
    "Labelling",
    "NoTimesError",
    "Semantics",
    "SourceUse",
    "SpeakerStats",
    "Status",
    "Strengths",
    "Unanswered",
    "arrivals",
    "as_of",
    "attackers_of",
    "base_scores",
    "claims_of",
    "contested",
    "disagreements",
    "exchanges",
    "from_votes",
    "grounded",
    "iso",
    "label",
    "moment",
    "parse_as_of",
    "preferred_acceptance",
    "replay",
    "shown",
    "sources",
    "speakers",
    "strength",
    "strength_of",
    "unanswered",
    "unsupported",
    "untimed",
]
