"""Completion (being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types as lsp

if TYPE_CHECKING:
    from argmap.lsp.document import DebateDocument


def completion(
    text: str, doc: DebateDocument | None, position: lsp.Position, encoding: str
) -> lsp.CompletionList | None:
    return None
