"""`argmap lsp`: the language server, on pygls. This module only wires the protocol to the
pure functions beside it (`document`, `hover`, `navigate`, `outline`, `complete`, `actions`),
each of which takes a `DebateDocument` and returns lsprotocol types.

Diagnostics are published when a file opens and, debounced, after edits: each change cancels
the check still waiting, so a burst of keystrokes is checked once. Every handler is guarded:
whatever a file holds, a request gets an answer (or none) and the server keeps running.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from argmap import __version__
from argmap.lsp import actions, complete, hover, navigate, outline
from argmap.lsp.document import DebateDocument, is_debate

log = logging.getLogger(__name__)

# How long after the last change a file is checked again. Short enough to feel immediate,
# long enough that typing a word checks it once.
DEBOUNCE_SECONDS = 0.15

T = TypeVar("T")

RENDER_COMMAND = "argmap.render"


class ArgmapServer(LanguageServer):
    """The server and what it knows: each open debate's latest version and its settings."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.documents: dict[str, DebateDocument] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.inlay_hints = True  # the `argmap.inlayHints` setting
        self.lenses = False  # status as code lenses: for clients without inlay hints
        self.debounce = DEBOUNCE_SECONDS
        self.can_refresh_hints = False  # the client takes `workspace/inlayHint/refresh`

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)

    def refresh(self, uri: str) -> DebateDocument | None:
        """Check the editor's current text of `uri` and publish what `argmap check` says;
        None (and nothing published) for YAML that is not a debate."""
        text_document = self.workspace.get_text_document(uri)
        text = text_document.source
        if not is_debate(text):
            if self.documents.pop(uri, None) is not None:
                self._publish(uri, text_document.version, [])
            return None
        previous = self.documents.get(uri)
        doc = DebateDocument(uri, text, text_document.version, self.encoding, previous)
        self.documents[uri] = doc
        self._publish(uri, doc.version, doc.diagnostics())
        return doc

    def _publish(self, uri: str, version: int | None, found: list[lsp.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=found)
        )

    def cancel(self, uri: str) -> None:
        """Drop the check still waiting for `uri`, if any."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

    def document(self, uri: str) -> DebateDocument | None:
        """The latest checked version of `uri`; checked now if a change is still waiting."""
        if uri in self.pending:
            self.pending.pop(uri).cancel()
            return self.refresh(uri)
        return self.documents.get(uri)

    async def later(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self.pending.pop(uri, None)
        guarded(lambda: self.refresh(uri), None)

    def settings(self, value: Any) -> None:
        """Read `{"inlayHints": bool}` (initialization options, or `argmap` in settings)."""
        if isinstance(value, dict):
            value = value.get("argmap", value)
        if isinstance(value, dict) and isinstance(value.get("inlayHints"), bool):
            self.inlay_hints = value["inlayHints"]


def guarded(call: Callable[[], T], default: T) -> T:
    """`call()`, or `default` when it fails: a bug met on one file must not end the server."""
    try:
        return call()
    except Exception:
        log.exception("argmap lsp: a request failed")
        return default


server = ArgmapServer()


@server.feature(lsp.INITIALIZE)
def _initialize(ls: ArgmapServer, params: lsp.InitializeParams) -> None:
    ls.settings(params.initialization_options)
    text = params.capabilities.text_document
    ls.lenses = text is None or text.inlay_hint is None
    workspace = params.capabilities.workspace
    ls.can_refresh_hints = bool(
        workspace and workspace.inlay_hint and workspace.inlay_hint.refresh_support
    )


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
def _configuration(ls: ArgmapServer, params: lsp.DidChangeConfigurationParams) -> None:
    ls.settings(params.settings)
    if ls.can_refresh_hints:
        ls.workspace_inlay_hint_refresh(None)


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: ArgmapServer, params: lsp.DidOpenTextDocumentParams) -> None:
    guarded(lambda: ls.refresh(params.text_document.uri), None)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: ArgmapServer, params: lsp.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel(uri)
    ls.pending[uri] = asyncio.ensure_future(ls.later(uri))


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: ArgmapServer, params: lsp.DidSaveTextDocumentParams) -> None:
    guarded(lambda: ls.document(params.text_document.uri), None)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: ArgmapServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel(uri)
    if ls.documents.pop(uri, None) is not None:
        ls._publish(uri, None, [])


def _on(ls: ArgmapServer, uri: str, answer: Callable[[DebateDocument], T], default: T) -> T:
    doc = guarded(lambda: ls.document(uri), None)
    if doc is None:
        return default
    return guarded(lambda: answer(doc), default)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def _hover(ls: ArgmapServer, params: lsp.HoverParams) -> lsp.Hover | None:
    return _on(ls, params.text_document.uri, lambda d: hover.hover(d, params.position), None)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def _definition(ls: ArgmapServer, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
    return _on(
        ls, params.text_document.uri, lambda d: navigate.definition(d, params.position), None
    )


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def _references(ls: ArgmapServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    return _on(
        ls,
        params.text_document.uri,
        lambda d: navigate.references(d, params.position, params.context.include_declaration),
        None,
    )


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
def _prepare_rename(ls: ArgmapServer, params: lsp.PrepareRenameParams) -> Any:
    return _on(
        ls, params.text_document.uri, lambda d: navigate.prepare_rename(d, params.position), None
    )


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
def _rename(ls: ArgmapServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    doc = guarded(lambda: ls.document(params.text_document.uri), None)
    if doc is None:
        return None
    # A refused name is an error the editor shows, not an empty edit.
    return navigate.rename(doc, params.position, params.new_name)


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def _symbols(ls: ArgmapServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    return _on(ls, params.text_document.uri, outline.symbols, [])


@server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
def _folding(ls: ArgmapServer, params: lsp.FoldingRangeParams) -> list[lsp.FoldingRange]:
    return _on(ls, params.text_document.uri, outline.folding, [])


@server.feature(lsp.TEXT_DOCUMENT_INLAY_HINT, lsp.InlayHintOptions(resolve_provider=True))
def _inlay_hints(ls: ArgmapServer, params: lsp.InlayHintParams) -> list[lsp.InlayHint]:
    if not ls.inlay_hints:
        return []
    return _on(ls, params.text_document.uri, lambda d: outline.inlay_hints(d, params.range), [])


@server.feature(lsp.INLAY_HINT_RESOLVE)
def _resolve_hint(ls: ArgmapServer, hint: lsp.InlayHint) -> lsp.InlayHint:
    uri = hint.data.get("uri") if isinstance(hint.data, dict) else None
    if not isinstance(uri, str):
        return hint
    return _on(ls, uri, lambda d: outline.resolve_hint(d, hint), hint)


@server.feature(lsp.TEXT_DOCUMENT_CODE_LENS)
def _code_lens(ls: ArgmapServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
    if not (ls.inlay_hints and ls.lenses):
        return []
    return _on(ls, params.text_document.uri, outline.code_lenses, [])


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION,
    lsp.CompletionOptions(trigger_characters=[":", " ", ",", "[", "-"]),
)
def _completion(ls: ArgmapServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    # Completion reads the text as it is now, not as last checked: the name being typed is
    # in the editor's text before any check has run.
    uri = params.text_document.uri
    text = ls.workspace.get_text_document(uri).source
    if not is_debate(text):
        return None
    return guarded(
        lambda: complete.completion(text, ls.documents.get(uri), params.position, ls.encoding),
        None,
    )


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, "refactor.rewrite"]),
)
def _code_actions(ls: ArgmapServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    return _on(
        ls,
        params.text_document.uri,
        lambda d: actions.code_actions(d, params.range, params.context.diagnostics),
        None,
    )


@server.command(RENDER_COMMAND)
def _render(ls: ArgmapServer, uri: str, format: str = "svg") -> str:
    """Draw the open file beside it, as `argmap render` would (`svg` or `html`); the path
    written. Reads the editor's text, so unsaved changes are drawn."""
    doc = ls.document(uri)
    if doc is None:
        raise ValueError(f"{uri} is not an open debate file")
    return str(outline.render_beside(doc, format))


def start(stdin: Any = None, stdout: Any = None) -> None:
    """Serve over stdio until the client says exit."""
    server.start_io(stdin, stdout)
