from __future__ import annotations

import ast

from hypothesis import given
from hypothesis import strategies as st

from argmap.errors import Diagnostic, Diagnostics, quote


def test_diagnostic_format_is_the_compiler_form() -> None:
    d = Diagnostic("unknown-claim", "m", "d.yaml", 14, 9, "did you mean 'lookup'?")
    assert d.format() == "d.yaml:14:9: error[unknown-claim]: m\n  hint: did you mean 'lookup'?"


def test_diagnostic_without_position_or_hint() -> None:
    assert Diagnostic("read-error", "no such file", "x.yaml").format() == (
        "x.yaml: error[read-error]: no such file"
    )


def test_quote_makes_control_characters_visible_and_shortens() -> None:
    assert quote("a\x1b[2Jb\n") == "'a\\x1b[2Jb\\n'"
    assert quote("x" * 100) == "'" + "x" * 59 + "…'"
    assert quote("a\u202eb\u00a0c\\d") == "'a\\u202eb\\xa0c\\\\d'"


def test_quote_shows_quotes_as_they_were_written() -> None:
    assert quote("O'MALLEY") == '"O\'MALLEY"'
    assert quote("it's") == '"it\'s"'
    assert quote('say "hi"') == "'say \"hi\"'"
    # Text with both kinds: the one case with a backslash before a quote, as Python's repr does.
    assert quote('it\'s "x"') == "'it\\'s \"x\"'"
    # A quote never hides where the text ends, even in a list of names.
    assert ", ".join(quote(n) for n in ["a', 'b", "c"]) == "\"a', 'b\", 'c'"
    assert quote("O'MALLEY\x1b[31m") == '"O\'MALLEY\\x1b[31m"'


@given(st.text(max_size=60))
def test_quote_is_printable_and_reads_back_as_exactly_the_text(text: str) -> None:
    shown = quote(text)
    assert shown.isprintable()
    assert ast.literal_eval(shown) == text  # unambiguous: one text per quoted form


def test_diagnostics_count_what_is_not_wanted_as_append_would() -> None:
    kept = Diagnostics(limit=2)
    counted = Diagnostics(limit=2, only_counted={"unclassified-reply"})
    for code in ["unclassified-reply", "non-http-url", "unclassified-reply", "self-relation"]:
        d = Diagnostic(code, "m", "f.yaml", 1, 1)
        kept.append(d)
        if counted.wanted(code):
            counted.append(d)
        else:
            counted.tally(code)
    assert [d.code for d in kept] == ["unclassified-reply", "non-http-url"]
    assert [d.code for d in counted] == ["non-http-url"] and counted.counted == 1
    assert (
        (kept.dropped, kept.dropped_errors) == (counted.dropped, counted.dropped_errors) == (2, 1)
    )
    assert not counted.wanted("non-http-url")  # the limit is reached


def test_diagnostics_tally_many_at_once_as_one_at_a_time() -> None:
    one, many = (Diagnostics(limit=3, only_counted={"unclassified-reply"}) for _ in range(2))
    for ds in (one, many):
        ds.append(Diagnostic("non-http-url", "m", "f.yaml", 1, 1))
    for _ in range(5):
        one.tally("unclassified-reply")
    many.tally("unclassified-reply", 5)
    assert (one.counted, one.dropped) == (many.counted, many.dropped) == (2, 3)
