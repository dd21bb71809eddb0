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

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.analysis import Analysis, analyse
    from argmap.check import check, check_text
    from argmap.errors import ArgmapError, DebateError, Diagnostic
    from argmap.load import load, loads
    from argmap.model import Citation, Claim, Debate, Relation, RelationKind, Source, Speaker

__version__ = "0.1.0"

# Where each name of the API is defined. They are imported when first asked for, so that a
# command imports only what it uses: `argmap --help` none of them, `check` of a file without
# `expect:` not the analysis.
_HOMES = {
    "Analysis": "argmap.analysis",
    "analyse": "argmap.analysis",
    "check": "argmap.check",
    "check_text": "argmap.check",
    "ArgmapError": "argmap.errors",
    "DebateError": "argmap.errors",
    "Diagnostic": "argmap.errors",
    "load": "argmap.load",
    "loads": "argmap.load",
    **dict.fromkeys(
        ("Citation", "Claim", "Debate", "Relation", "RelationKind", "Source", "Speaker"),
        "argmap.model",
    ),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


class _Package(ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        # Importing a submodule sets it as an attribute of its package. `argmap.check` and
        # `argmap.load` are the functions, as they were when this file imported them all at
        # once: their modules stay in sys.modules (and `argmap.check.X` imports as ever).
        if name in _HOMES and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
