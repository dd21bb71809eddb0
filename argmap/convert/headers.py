"""The header lines Lemmy and kbin show above a comment, as a browser copies them.

Between the author line and the text, a copied comment has one line per thing the page shows:

| line | what it is | kept |
| --- | --- | --- |
| `link`, `fedilink`, `arrow-up`, `arrow-down`, `edit`, `edit-2`, `·` | the page's icons | no |
| `6` (a whole number) | the score; after `arrow-down`, the downvotes (taken from it) | `score:` |
| `1 year ago`, `a day ago`, `just now` | the age of the comment | `at:`, with `--copied-at` |
| `English`, `Deutsch`, `Français` ... | the language, one of those Lemmy offers | no |

A copy may glue the score to the age (`05 days ago`: score 0, then "5 days ago"). When the
header has no score line of its own, the number before the unit is read every way it can be: as
the age alone, or as a score (a whole number, `0` or not starting with `0`; a `-` before it
makes it negative) followed by an age (not starting with `0`). When exactly one reading is
possible, it is taken (`05` is 0 + 5; `-23` is -2 + 3; `100` is an age of 100, since neither
`00` nor `0` is an age); when several are (`15 days ago`: an age of 15, or 1 + 5), no score is
kept and the line is reported, and no age either. Any other line is reported, with its number,
and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.errors import quote

ICONS = frozenset({"link", "fedilink", "arrow-up", "arrow-down", "edit", "edit-2", "\u00b7"})
_SCORE = re.compile(r"[+-]?[0-9]{1,9}")
_UNITS = r"(?P<unit>second|minute|hour|day|week|month|year)s?"
_AGE = re.compile(rf"(?:(?P<n>[+-]?[0-9]{{1,12}})|an?)[ \t]+{_UNITS}[ \t]+ago|just now", re.I)
# The languages Lemmy offers, as its menus name them: each in its own language.
_LANGUAGES = (
    "Undetermined|English|Deutsch|Français|Español|Italiano|Nederlands|Português|Polski|"
    "Русский|Українська|Беларуская|Български|Српски|Македонски|Ελληνικά|Türkçe|Čeština|"
    "Slovenčina|Slovenščina|Hrvatski|Bosanski|Srpski|Magyar|Română|Dansk|Svenska|Norsk|"
    "Norsk bokmål|Norsk nynorsk|Suomi|Íslenska|Eesti|Latviešu valoda|Lietuvių kalba|"
    "Gaeilge|Cymraeg|Gàidhlig|Brezhoneg|Euskara|Català|Galego|Occitan|Esperanto|"
    "Interlingua|Latine|Afrikaans|Shqip|Հայերեն|Azərbaycan dili|ქართული|Қазақ тілі|"
    "Oʻzbek|Монгол|עברית|ייִדיש|العربية|فارسی|اردو|پښتو|Kurdî|हिन्दी|বাংলা|ਪੰਜਾਬੀ|"  # noqa: RUF001
    "ગુજરાતી|मराठी|नेपाली|தமிழ்|తెలుగు|ಕನ್ನಡ|മലയാളം|සිංහල|ไทย|ພາສາລາວ|ខ្មែរ|ဗမာစာ|"
    "Tiếng Việt|日本語|中文|한국어|Bahasa Indonesia|Bahasa Melayu|Wikang Tagalog|Kiswahili|"
    "Yorùbá|Igbo|Hausa|isiZulu|isiXhosa|Soomaaliga|Malti|Lëtzebuergesch|Føroyskt|Frysk|"
    "Corsu|Sardu|Rumantsch|toki pona"
)
LANGUAGES = frozenset(_LANGUAGES.split("|"))
_LEFT_OUT = ICONS | LANGUAGES  # lines known and left out: one look-up for both


@dataclass
class Header:
    """What the header lines of one comment said, and what was left out."""

    score: int | None = None
    # How long before the copy the comment was posted, as the page said it: (count, unit), the
    # unit singular (`day`); `just now` is (0, "second"). None when the header has no age, or
    # one that reads more ways than one.
    age: tuple[int, str] | None = None
    skipped: list[str] = field(default_factory=list)

    @staticmethod
    def known(line: str) -> bool:
        """Whether `line` is a header line argmap knows (an icon, a score, an age, a language).

        >>> [Header.known(x) for x in ("fedilink", "6", "05 days ago", "English", "Klingon")]
        [True, True, True, True, False]
        """
        return (
            line in _LEFT_OUT
            or _SCORE.fullmatch(line) is not None
            or _AGE.fullmatch(line) is not None
        )


def readings(number: str) -> list[tuple[int | None, int]]:
    """Every (score, age) that `number`, written before an age's unit, can be read as.

    >>> readings("5"), readings("05"), readings("15"), readings("-23"), readings("100")
    ([(None, 5)], [(0, 5)], [(None, 15), (1, 5)], [(-2, 3)], [(None, 100)])
    """
    sign = "-" if number.startswith("-") else ""
    digits = number.lstrip("+-")
    out: list[tuple[int | None, int]] = []
    if not sign and not number.startswith("+") and digits[0] != "0":
        out.append((None, int(digits)))
    for k in range(1, len(digits)):
        score, age = digits[:k], digits[k:]
        if (score == "0" or score[0] != "0") and age[0] != "0" and not (sign and score == "0"):
            out.append((int(sign + score), int(age)))
    return out


def read_header(lines: list[tuple[int, str]], author: str) -> Header:
    """The score in a comment's header lines (`(line number, text)`, stripped), and a line in
    `skipped` for each line left out for want of knowing it or for being ambiguous."""
    header = Header()
    up = down = plain = None
    after = ""
    glued: tuple[int, str, list[tuple[int | None, int]]] | None = None
    unit = ""
    for number, line in lines:
        if line in _LEFT_OUT:
            pass
        elif _SCORE.fullmatch(line):
            if after == "arrow-down":
                down = int(line)
            elif up is not None or plain is not None:
                header.skipped.append(
                    f"line {number}: a second score ({line}) in the header of {quote(author)}: "
                    "left out"
                )
            elif after == "arrow-up":
                up = int(line)
            else:
                plain = int(line)
        elif (age := _AGE.fullmatch(line)) is not None:  # only now: most lines are icons
            n, word = age.group("n", "unit")
            if n is not None:
                glued = (number, line, readings(n))
                unit = word.lower()
            elif word is None:  # just now
                header.age = (0, "second")
            else:  # `a day ago`, `an hour ago`
                header.age = (1, word.lower())
        else:
            header.skipped.append(
                f"line {number}: {quote(line)} in the header of {quote(author)} is no header "
                "line argmap knows (an icon, a score, an age, a language): left out"
            )
        after = line
    score = plain if up is None else up - (down or 0)
    # The age is the number alone when a score was given on a line of its own, else whatever
    # the one reading of the glued number leaves; none when there are several.
    if glued is not None and score is not None:
        number, line, found = glued
        alone = found[0][1] if found and found[0][0] is None else None  # the only such reading
        header.age = None if alone is None else (alone, unit)
        if alone is None:
            header.skipped.append(
                f"line {number}: {quote(line)} reads only as a score glued to the age, but "
                f"the header of {quote(author)} has a score already: the age is left out"
            )
    elif glued is not None:
        number, line, found = glued
        header.age = (found[0][1], unit) if len(found) == 1 else None
        if len(found) == 1:
            score = found[0][0]
        elif found:
            ways = ", ".join(f"{age}" if s is None else f"score {s} then {age}" for s, age in found)
            header.skipped.append(
                f"line {number}: {quote(line)} may be a score glued to the age ({ways}): "
                f"no score is kept for {quote(author)}"
            )
    header.score = score
    return header
