"""argmap: map debates, see what went unanswered and what still stands.

>>> from argmap import loads
>>> debate = loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n")
>>> [(r.source, r.kind.value, r.target) for r in debate.relations]
[('b', 'rebuts', 'a')]
"""

from argmap.check import check, check_text
from argmap.errors import ArgmapError, DebateError, Diagnostic
from argmap.load import load, loads
from argmap.model import Citation, Claim, Debate, Relation, RelationKind, Source, Speaker

__version__ = "0.1.0"

__all__ = [
    "ArgmapError",
    "Citation",
    "Claim",
    "Debate",
    "DebateError",
    "Diagnostic",
    "Relation",
    "RelationKind",
    "Source",
    "Speaker",
    "__version__",
    "check",
    "check_text",
    "load",
    "loads",
]
