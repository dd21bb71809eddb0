"""Code actions (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types as lsp

from argmap.lsp.document import DebateDocument


def code_actions(
    doc: DebateDocument, range: lsp.Range, diagnostics: Sequence[lsp.Diagnostic]
) -> list[lsp.CodeAction]:
    return []
