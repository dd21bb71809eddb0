"""Every output argmap makes, in one table: the reports (as text or JSON), the diagrams and the
exports, each with the command that makes it and every name that command takes for it.

The table is read from the registries each command already uses (`argmap.render.formats` for
`render` and `watch`, `argmap.convert` for `export`, `REPORT_FORMATS` for the reports), so there
is one list to keep, and reading it imports no renderer or converter. The tests walk it to hold
the help, the docs and the outputs themselves to every entry.

>>> [f"{o.command} {o.name}" for o in outputs() if o.name in ("json", "mmd")][3:]
['show json', 'diff json', 'render mmd', 'export json']
"""

from __future__ import annotations

from dataclasses import dataclass

# How the reports print (`--format`), and the reports that take it.
REPORT_FORMATS = {"text": "for people (rich text)", "json": "for tools (docs/json.md)"}
REPORTS = ("summary", "unanswered", "tree", "show", "diff")


@dataclass(frozen=True)
class Output:
    command: str  # the command that makes it: a report's name, `render` or `export`
    name: str  # as given to the command's `--format` (`--to` for export)
    names: tuple[str, ...]  # every word the command takes for it, `name` first
    description: str
    binary: bool = False  # cannot go to a terminal


def outputs() -> list[Output]:
    """Every output, reports first, then diagrams, then exports, each in its registry's order."""
    from argmap.convert import EXPORTERS
    from argmap.render.formats import FORMATS

    found = [
        Output(report, name, (name,), description)
        for report in REPORTS
        for name, description in REPORT_FORMATS.items()
    ]
    found += [Output("render", f.name, f.names, f.description, f.binary) for f in FORMATS.values()]
    found += [Output("export", c.name, c.names, c.description) for c in EXPORTERS.values()]
    return found
