"""The language server of `argmap lsp`: what an editor learns of a debate file as it is written.

`document` is one open file (what `argmap check` says of it, the last analysis that loaded);
`index` is where each claim id, source id and speaker is written; `text` converts offsets to
the protocol's positions. Each feature is a pure function of a document: `hover`, `navigate`
(definition, references, rename), `outline` (symbols, folding, inlay hints, code lenses, the
render command), `complete` and `actions` (quick fixes and the nested-to-flat refactoring).
`server` wires them to the protocol with pygls; only it speaks to the client.
"""
