"""Hidden characters are shown, never sent raw; offsets stay exact in the one-to-one form."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from review_app.document.visible import (
    escaped,
    hidden_characters,
    is_hidden,
    one_to_one,
)

HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x08\r\u202e\u2066\u200b\x9b"


def test_one_to_one_keeps_length_and_removes_every_control() -> None:
    shown = one_to_one("a" + HOSTILE + "b")
    assert len(shown) == len(HOSTILE) + 2
    assert shown.startswith("a␛[2J␛]0;pwned␇") and shown.endswith("b")
    assert not any(is_hidden(c) for c in shown)


def test_escaped_names_bidi_and_keeps_chosen_characters() -> None:
    assert escaped("x\u202ey") == "x⟨U+202E⟩y"
    assert escaped("a\tb\n", keep="\t\n") == "a\tb\n"
    assert escaped("a\tb\n") == "a␉b␊"
    assert escaped("Straße „gut“ 😀") == "Straße „gut“ 😀"


def test_hidden_characters_are_described_with_their_offsets() -> None:
    assert hidden_characters("ab\u202ec\x1b") == [
        (2, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        (4, "U+001B ESCAPE"),
    ]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_no_hidden_character_survives(text: str) -> None:
    shown = one_to_one(text)
    assert len(shown) == len(text)
    assert not any(is_hidden(c) for c in shown)
    assert not any(is_hidden(c) for c in escaped(text))
    for original, visible in zip(text, shown, strict=True):
        assert (original == visible) != is_hidden(original)
