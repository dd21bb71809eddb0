"""argmap: map debates, see what went unanswered and what still stands.

>>> from argmap import loads
>>> debate = loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n")
>>> [(r.source, r.kind.value, r.target) for r in debate.relations]
[('b', 'rebuts', 'a')]
>>> from argmap import analyse
>>> analysis = analyse(debate)
>>> analysis.status["a"].value, sorted(analysis.unanswered_ids)
('defeated', ['b'])
"""

from typing import TYPE_CHECKING, Any

from argmap.check import check, check_text
from argmap.errors import ArgmapError, DebateError, Diagnostic
from argmap.load import load, loads
from argmap.model import Citation, Claim, Debate, Relation, RelationKind, Source, Speaker

if TYPE_CHECKING:
    from argmap.analysis import Analysis, analyse

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The analysis is imported when first asked for: `argmap --help` and `check` of a file
    # without `expect:` never pay for it.
    if name in ("Analysis", "analyse"):
        from argmap import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


__all__ = [
    "Analysis",
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
    "analyse",
    "check",
    "check_text",
    "load",
    "loads",
]
