from __future__ import annotations

from argmap.errors import Diagnostic, quote


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
    assert quote("it's") == "'it\\'s'"
