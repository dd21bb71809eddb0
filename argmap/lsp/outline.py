"""The file's shape and each claim's status in it: document symbols (the outline, claims nested
as written, each with its status), folding ranges, inlay hints after each claim's id (or code
lenses for clients without inlay hints), and drawing the file beside itself for a preview.

Statuses are the analysis's and their marks `look`'s (`✔ standing`, `✘ defeated`,
`? undecided`), with `unanswered` added where nothing rebuts or undercuts a claim, as the
reports say it. While the file does not load, they are those of its last version that did;
a claim that version did not have gets none.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp

from argmap.files import write_atomic
from argmap.look import SEPARATOR, UNANSWERED, mark
from argmap.lsp.document import DebateDocument
from argmap.lsp.index import ClaimPlace
from argmap.lsp.text import token_end
from argmap.render.words import reason


def status_label(doc: DebateDocument, claim_id: str) -> str | None:
    """`✔ standing · unanswered`, `✘ defeated` ...; None when the analysis has no such claim."""
    analysis = doc.analysis
    if analysis is None or claim_id not in analysis.debate.claims:
        return None
    label = mark(analysis.status[claim_id])
    if claim_id in analysis.unanswered_ids:
        label += f" {SEPARATOR} {UNANSWERED}"
    return label


def _why(doc: DebateDocument, claim_id: str) -> str | None:
    from argmap.render import report

    if doc.analysis is None or claim_id not in doc.analysis.debate.claims:
        return None
    return "Why: " + reason(report.show(doc.analysis, claim_id))


def symbols(doc: DebateDocument) -> list[lsp.DocumentSymbol]:
    """The claims as nested in the file, each with its status (and speaker) as detail."""
    out: list[lsp.DocumentSymbol] = []
    # Each entry: a place, and the list its symbol goes in.
    stack: list[tuple[ClaimPlace, list[lsp.DocumentSymbol]]] = [
        (p, out) for p in reversed(doc.index.claims)
    ]
    while stack:
        place, siblings = stack.pop()
        symbol = lsp.DocumentSymbol(
            name=place.id,
            kind=lsp.SymbolKind.Object,
            range=doc.lines.range(place.key.start, place.end),
            selection_range=doc.lines.range(place.key.start, place.key.end),
            detail=_detail(doc, place.id),
            children=[],
        )
        siblings.append(symbol)
        children: list[lsp.DocumentSymbol] = []
        symbol.children = children
        stack.extend((child, children) for child in reversed(place.children))
    return out


def _detail(doc: DebateDocument, claim_id: str) -> str:
    label = status_label(doc, claim_id) or ""
    analysis = doc.analysis
    if analysis is not None and claim_id in analysis.debate.claims:
        by = analysis.debate.claims[claim_id].by
        if by:
            label += f" {SEPARATOR} {by}"
    return label


def folding(doc: DebateDocument) -> list[lsp.FoldingRange]:
    """Each top-level section and each claim that spans more than one line."""
    lines = doc.lines
    spans: list[tuple[int, int]] = []
    root = doc.index.root
    if root is not None and root.kind == "map":
        from argmap.label.spans import content_end

        spans += [(k.start, max(k.end, content_end(v))) for k, v in root.pairs]
    spans += [(p.key.start, p.end) for p in doc.index.all_claims()]
    out = []
    for start, end in spans:
        first, last = lines.line_of(start), lines.line_of(end)
        if last > first:
            out.append(lsp.FoldingRange(first, last, kind=lsp.FoldingRangeKind.Region))
    return out


def inlay_hints(doc: DebateDocument, where: lsp.Range | None = None) -> list[lsp.InlayHint]:
    """After each claim's id where it is defined, its status; within `where` when given.
    The tooltip (why it has that status) is left for `resolve_hint`: an editor asks for the
    hints of every claim in view after each edit, and for a tooltip only when one is pointed at.
    """
    lines = doc.lines
    first, last = (
        (0, len(doc.text))
        if where is None
        else (lines.offset(where.start), lines.offset(where.end))
    )
    out = []
    for claim, key_start, key_end in _claim_keys(doc):
        if not first <= key_start <= last:
            continue
        label = status_label(doc, claim)
        if label is None:
            continue
        out.append(
            lsp.InlayHint(
                position=lines.position(key_end),
                label=label,
                padding_left=True,
                data={"uri": doc.uri, "claim": claim},
            )
        )
    return out


def _claim_keys(doc: DebateDocument) -> list[tuple[str, int, int]]:
    """Each claim's id and where its key is written, in the order of the file. When this
    version loaded, the loader has said where each claim starts, and its key ends where the
    token does: no need to read the file again, which an editor asks after every edit. While
    it has errors, the claims of the analysis are an older version's: the index of this text
    says where they are now."""
    debate = doc.result.debate
    if debate is None:
        return [(p.id, p.key.start, p.key.end) for p in doc.index.all_claims()]
    out = []
    for c in debate.claims.values():
        start = doc.lines.at(c.line, c.column)
        out.append((c.id, start, token_end(doc.text, start)))
    return sorted(out, key=lambda k: k[1])


def resolve_hint(doc: DebateDocument, hint: lsp.InlayHint) -> lsp.InlayHint:
    """`hint` with its tooltip: the sentence `argmap show` prints after "Why:"."""
    data = hint.data if isinstance(hint.data, dict) else {}
    claim = data.get("claim")
    if isinstance(claim, str):
        hint.tooltip = _why(doc, claim)
    return hint


def code_lenses(doc: DebateDocument) -> list[lsp.CodeLens]:
    """The inlay hints, as code lenses above each claim: for clients without inlay hints."""
    out = []
    for place in doc.index.all_claims():
        label = status_label(doc, place.id)
        if label is not None:
            where = doc.lines.range(place.key.start, place.key.end)
            out.append(lsp.CodeLens(where, lsp.Command(title=label, command="")))
    return out


# What the render command draws, and the suffix of the file it writes.
RENDERED = {"svg": ".svg", "html": ".html"}


def render_beside(doc: DebateDocument, fmt: str) -> Path:
    """Draw the document's last version that loaded beside its file (`x.yaml` → `x.svg`), as
    `argmap render` would, written atomically; the path written."""
    from argmap.render.formats import render

    if fmt not in RENDERED:
        raise ValueError(f"the render command draws svg or html, not {fmt!r}")
    if doc.analysis is None:
        raise ValueError("the file has not yet loaded without errors; fix them first")
    if not doc.uri.startswith("file:"):
        raise ValueError("only a file on disk can be drawn beside itself")
    path = Path(doc.name).with_suffix(RENDERED[fmt])
    write_atomic(path, render(doc.analysis, fmt).data)
    return path
