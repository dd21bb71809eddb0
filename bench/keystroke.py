"""A keystroke in an editor, as `argmap lsp` answers it, timed in process: the text changes by
one character, the new version is checked and analysed (`DebateDocument`), and its diagnostics
are made into the protocol's notification, ready to send. With `--hints`, the inlay hints the
editor then asks for too (which needs the index of where each name is written).

    python bench/keystroke.py FILE [--edits N] [--hints]

Prints the median seconds of one keystroke.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lsprotocol import types as lsp
from lsprotocol.converters import get_converter

from argmap.lsp import outline
from argmap.lsp.document import DebateDocument


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--hints", action="store_true")
    args = parser.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")
    uri = Path(args.file).resolve().as_uri()
    converter = get_converter()
    # A letter typed into a claim's text halfway down the file, then deleted, and so on.
    at = text.index("text: ", len(text) // 2) + len("text: ")
    doc = DebateDocument(uri, text, 0)
    times = []
    for i in range(1, args.edits + 1):
        edited = text[:at] + "x" + text[at:] if i % 2 else text
        start = time.perf_counter()
        doc = DebateDocument(uri, edited, i, previous=doc)
        if doc.analysis is not None:
            doc.analysis.status  # noqa: B018  (the statuses, which the hints show)
        params = lsp.PublishDiagnosticsParams(uri, doc.diagnostics(), version=i)
        json.dumps(converter.unstructure(params))
        if args.hints:
            outline.inlay_hints(doc)
        times.append(time.perf_counter() - start)
    print(statistics.median(times))


if __name__ == "__main__":
    main()
