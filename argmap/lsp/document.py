"""One debate file open in an editor: its text, what `argmap check` says of it, the analysis of
its last version that loaded, and where each name is written.

Checking is `argmap.check.check_text`, the function `argmap check` runs, so the editor and the
command line can never disagree. The analysis is kept from the last version without errors:
while a person types, the file is broken more often than not, and hovers and inlay hints keep
showing the debate as it last stood. The index is read when a request first needs it.
"""

from __future__ import annotations

import re
from functools import cached_property
from urllib.parse import unquote, urlsplit

from lsprotocol import types as lsp

from argmap.analysis import Analysis, analyse
from argmap.check import check_text
from argmap.errors import Diagnostic, Severity
from argmap.load import Result
from argmap.lsp.index import Index
from argmap.lsp.text import Lines, token_end

# A YAML file is a debate when it has a top-level `claims:` or names the debate schema in the
# YAML language server's modeline (`argmap new` writes one); other YAML gets nothing.
_CLAIMS = re.compile(r"""^(claims|"claims"|'claims')[ \t]*:""", re.MULTILINE)
_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=\S*debate\.schema\.json", re.M)


def is_debate(text: str) -> bool:
    """
    >>> is_debate("title: T\\nclaims:\\n  a: {text: A}\\n"), is_debate("name: build\\non: push\\n")
    (True, False)
    """
    return bool(_CLAIMS.search(text) or _MODELINE.search(text))


def file_name(uri: str) -> str:
    """The path a `file:` URI names, as diagnostics name the file; other URIs as they are."""
    parts = urlsplit(uri)
    return unquote(parts.path) if parts.scheme == "file" else uri


class DebateDocument:
    """One version of an open debate file, and the last analysis that loaded."""

    def __init__(
        self,
        uri: str,
        text: str,
        version: int | None = None,
        encoding: str = lsp.PositionEncodingKind.Utf16,
        previous: DebateDocument | None = None,
    ) -> None:
        self.uri = uri
        self.text = text
        self.version = version
        self.encoding = encoding
        self.name = file_name(uri)
        self.result: Result = self._check()
        debate = self.result.debate
        if debate is not None:
            self.analysis: Analysis | None = analyse(debate)
        else:  # the last good analysis, for hovers and hints while the file is broken
            self.analysis = previous.analysis if previous is not None else None

    def _check(self) -> Result:
        # The values a file may hold are bounded as `argmap check` bounds them; a file past
        # that is refused with its `file-too-large` diagnostic, and gets no index either.
        return check_text(self.text, self.name)

    @cached_property
    def lines(self) -> Lines:
        return Lines(self.text, self.encoding)

    @cached_property
    def index(self) -> Index:
        if any(d.code == "file-too-large" for d in self.result.diagnostics):
            return Index("")
        return Index(self.text)

    # --- diagnostics -----------------------------------------------------------------------

    def diagnostics(self) -> list[lsp.Diagnostic]:
        """`argmap check`'s diagnostics, each as a range over the token it is about."""
        return [self.lsp_diagnostic(d) for d in self.result.diagnostics]

    def lsp_diagnostic(self, d: Diagnostic) -> lsp.Diagnostic:
        if d.line is None:
            where = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
        else:
            start = self.lines.at(d.line, d.column or 1)
            end = token_end(self.text, start)
            where = self.lines.range(start, end)
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        severity = (
            lsp.DiagnosticSeverity.Error
            if d.severity is Severity.ERROR
            else lsp.DiagnosticSeverity.Warning
        )
        return lsp.Diagnostic(
            range=where,
            message=message,
            severity=severity,
            code=d.code,
            source="argmap",
            data={"hint": d.hint, "path": d.path} if d.hint or d.path else None,
        )
