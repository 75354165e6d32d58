"""German typography and punctuation: quotation marks, dashes, the space in dates, number,
currency and time formats, ellipses, apostrophes, abbreviations and a few comma patterns.

Every flag is self-contained: its span and first suggestion are the whole fix, and the flags of
one rule never overlap, so the rules in `DOCUMENT_WIDE` may be applied to every occurrence in a
document at once. Quotation marks are flagged one character at a time (an opening " becomes „,
a closing one “): a one-key fix changes exactly one mark, never overlaps a spelling flag inside
the quotation, and a quotation that runs over a segment boundary is still handled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.registry import Rule, RuleContext
from review_app.checking.offline.tokens import protected_spans

Span = tuple[int, int]
CheckFn = Callable[[RuleContext, Rule], list[Flag]]

# --- closed classes -------------------------------------------------------------------------

MONTHS = frozenset(
    (
        "Januar", "Jänner", "Februar", "Feber", "März", "April", "Mai", "Juni", "Juli",
        "August", "September", "Oktober", "November", "Dezember",
    )
)  # fmt: skip
SCALE_WORDS = (
    "Tausend", "Millionen", "Million", "Milliarden", "Milliarde", "Billionen", "Billion",
    "Mio.", "Mrd.", "Bio.",
)  # fmt: skip
# Sign → (the sign after the amount, the word).
CURRENCY_SYMBOLS = {
    "$": ("$", "Dollar"),
    "US$": ("US-$", "US-Dollar"),
    "€": ("€", "Euro"),
    "£": ("£", "Pfund"),
    "¥": ("¥", "Yen"),
}
CURRENCY_WORDS = (
    "Dollar", "US-Dollar", "Euro", "Pfund", "Yen", "Franken", "Rubel", "Rupien", "Yuan",
    "Kronen", "Cent", "Pence",
)  # fmt: skip
# Units of English-speaking sources: "81,000 Fuß" makes no sense as 81 feet and 0 thousandths.
IMPERIAL_UNITS = ("Fuß", "Meilen", "Zoll", "Gallonen", "Unzen", "Yards", "Acres")
MEASURE_WORDS = (
    "Prozent", "Prozentpunkte", "Prozentpunkten", "Grad", "Meter", "Metern", "Kilometer",
    "Kilometern", "Zentimeter", "Millimeter", "Kilogramm", "Gramm", "Tonnen", "Liter",
    "Stunden", "Minuten", "Sekunden", "Jahre", "Jahren", "Monate", "Monaten", "Wochen", "Tage",
    "Tagen", "Punkte", "Hektar", "Quadratmeter", "Quadratkilometer", "Kalorien", "Mal",
    "km", "m", "cm", "mm", "kg", "g", "t", "l", "ml", "°C", "°", "%",
)  # fmt: skip
# German abbreviations written without their full stops. The first group needs inner stops
# ("zB." is as wrong as "zB"); the second only its final one.
INNER_DOT_ABBREVIATIONS = {
    "zB": "z. B.", "zb": "z. B.", "dh": "d. h.", "uU": "u. U.", "zT": "z. T.", "ua": "u. a.",
}  # fmt: skip
FINAL_DOT_ABBREVIATIONS = {"usw": "usw.", "bzw": "bzw.", "etc": "etc.", "vgl": "vgl.",
                           "ggf": "ggf."}  # fmt: skip
# Words that open a clause whose verb comes last.
SUBORDINATORS = frozenset(
    (
        "als", "bevor", "bis", "da", "damit", "dass", "falls", "indem", "nachdem", "ob",
        "obgleich", "obwohl", "seit", "seitdem", "sobald", "sofern", "solange", "sodass",
        "sooft", "während", "weil", "wenn", "wie", "wo", "was", "wer", "wem", "wen", "wessen",
        "warum", "weshalb", "wieso", "wohin", "woher", "um", "ohne", "statt", "anstatt",
        "je", "soweit", "soviel", "ehe", "wann", "welche", "welcher", "welches",
    )
)  # fmt: skip
# Interjections and discourse words that stand outside the sentence ("Nun, gehen wir.").
INTERJECTIONS = frozenset(
    (
        "ja", "nein", "nun", "also", "gut", "okay", "ok", "so", "na", "tja", "ach", "oh", "ah",
        "naja", "klar", "stimmt", "richtig", "genau", "danke", "bitte", "hallo", "hey", "doch",
        "jawohl", "schön", "prima", "super", "nee", "hm", "hmm", "oje", "wow", "aha",
    )
)  # fmt: skip
SUBJECT_PRONOUNS = frozenset(("ich", "du", "er", "es", "wir", "ihr", "sie", "man"))
COORDINATORS = frozenset(("und", "oder", "aber", "sondern", "denn", "doch", "sowie"))


# --- helpers --------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


class _Protected:
    """The spans of URLs, addresses, handles, tags and domains, computed on first use."""

    def __init__(self, context: RuleContext) -> None:
        self._context = context
        self._spans: list[Span] | None = None

    def free(self, start: int, end: int) -> bool:
        if self._spans is None:
            self._spans = protected_spans(self._context.tokens)
        return not any(s < end and start < e for s, e in self._spans)


def german_number(number: str, *, currency: bool = False) -> str | None:
    """`number` in German notation, or None when it is German already or cannot be read.

    English thousands commas and decimal points are swapped ("96,000" → "96.000",
    "1,000.50" → "1.000,50", "2.5" → "2,5"). A single group ("1,000") is read as English
    only in an amount of money (`currency`): elsewhere it may be a German decimal.
    """
    if re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", number):
        if number.count(",") == 1 and "." not in number and not currency:
            return None
        return number.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if re.fullmatch(r"\d+\.\d{1,2}", number):
        return number.replace(".", ",")
    return None


# --- quotation marks ------------------------------------------------------------------------

# Every quotation mark counts as a boundary on either side, so that replacing one mark by
# another never changes how its neighbours are read.
_QUOTE_MARKS = "\"'„“”‚‘’»«›‹"
_OPENING_BEFORE = frozenset(" \t\u00a0\n([{/–—-:" + _QUOTE_MARKS)
_CLOSING_AFTER = frozenset(" \t\u00a0\n.,;:!?)]}…–—-" + _QUOTE_MARKS)


def _side(text: str, index: int) -> str:
    """'open', 'close' or '' (unclear) from the characters either side of a quotation mark."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens, closes = before in _OPENING_BEFORE, after in _CLOSING_AFTER
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return ""


def _inside_token(text: str, index: int) -> bool:
    """A mark between letters or digits such as Frauen"Man (no sure reading)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before == "\\" or (before.isalnum() and after.isalnum())


def double_quotes(text: str, protected: _Protected) -> list[tuple[int, str]]:
    """(position, replacement) for each straight or English double quotation mark.

    Marks are read left to right and German marks count too, so fixing one mark never
    changes how the others are read. A " after a digit outside a quotation is an inch sign.
    """
    found: list[tuple[int, str]] = []
    is_open = in_code = False
    for index, char in enumerate(text):
        if char not in '"„“”' or not protected.free(index, index + 1):
            continue
        side = _side(text, index)
        if char == "„":
            is_open = True
            continue
        if char == "“" and side != "open":
            is_open = False  # the German closing mark
            continue
        if char == '"' and (in_code or text[index - 1 : index] == "="):
            in_code = not in_code  # key="value": both marks belong to the code
            continue
        if char == '"' and (_inside_token(text, index) or _inch(text, index, is_open, side)):
            continue
        if char == "“" and is_open:
            continue  # an English mark nested in a German quotation: leave it
        side = side or ("close" if is_open else "open")
        found.append((index, "„" if side == "open" else "“"))
        is_open = side == "open"
    return found


def _inch(text: str, index: int, is_open: bool, side: str) -> bool:
    return not is_open and index > 0 and text[index - 1].isdigit() and side != "open"


_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[/–—\-" + _QUOTE_MARKS + r"]))['‘‚](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(
    r"(?<=[^\s" + _QUOTE_MARKS + r"])['’‘](?=$|[\s.,;:!?)\]…–—\-" + _QUOTE_MARKS + r"])"
)
# Spoken forms that begin with an apostrophe ('s Wetter, 'ne Idee): never an opening mark.
_ELISION = re.compile(r"['‘](?:s|n|ne|nen|nem|ner|nes|em|rum|raus|rein|ran|rauf|runter)\b")


def single_quotes(text: str, protected: _Protected) -> list[tuple[int, str]]:
    """Pairs of straight or English single quotation marks → ‚…‘. Only pairs: a lone ' or ’
    is an apostrophe (Hans' Buch), and so is a mark between letters (geht's). A German ‚
    counts as an opening mark, so that fixing one mark of a pair leaves the other flagged."""
    found: list[tuple[int, str]] = []
    position = 0
    while (opening := _SINGLE_OPEN.search(text, position)) is not None:
        if _ELISION.match(text, opening.start()):
            position = opening.end()
            continue
        closing = _SINGLE_CLOSE.search(text, opening.end())
        if closing is None:
            break
        position = closing.end()
        if closing.start() - opening.end() < 2:
            continue  # Rock 'n' Roll
        if not (protected.free(*opening.span()) and protected.free(*closing.span())):
            continue
        if opening.group() != "‚":
            found.append((opening.start(), "‚"))
        if closing.group() != "‘":
            found.append((closing.start(), "‘"))
    return found


def _quote_flags(context: RuleContext, rule: Rule, straight: bool) -> list[Flag]:
    text = context.text
    wanted = "\"'" if straight else "“”‘’"
    if not any(mark in text for mark in wanted):
        return []
    protected = _Protected(context)
    marks = [*double_quotes(text, protected), *single_quotes(text, protected)]
    flags = []
    for index, replacement in sorted(marks):
        mark = text[index]
        if mark not in wanted:
            continue
        role = "opens" if replacement in "„‚" else "closes"
        kind = "A straight" if straight else "An English"
        flags.append(
            rule.flag(
                index,
                index + 1,
                f"{kind} quotation mark {mark}: German {role} a quotation with {replacement} "
                "(or uses »…«).",
                (replacement,),
            )
        )
    return flags


def straight_quotes(context: RuleContext, rule: Rule) -> list[Flag]:
    return _quote_flags(context, rule, straight=True)


def english_quotes(context: RuleContext, rule: Rule) -> list[Flag]:
    return _quote_flags(context, rule, straight=False)


# --- dashes ---------------------------------------------------------------------------------

# A hyphen with spaces on its left and a space (or a closing mark) on its right.
_SPACED_HYPHEN = re.compile(r"(?<=[^\s\-–—:]) +(-)(?= +[^\s\-]|[,;.:!?)\]]|$)")
_DOUBLE_HYPHEN = re.compile(r"(?<![-<!])--(?![->])")
# Words before a minus sign written with a space ("bei - 5 Grad").
_BEFORE_MINUS = frozenset(("bei", "von", "bis", "auf", "um", "unter", "minus", "ca.", "etwa"))


def hyphen_as_dash(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "Wort - Wort" → "Wort – Wort". Not a minus or a range between numbers ("5 - 3")."""
    text = context.text
    if " -" not in text or ": - " in text:
        return []  # none, or an inline list ("Zutaten: - Mehl - Zucker")
    protected = _Protected(context)
    flags = []
    for match in _SPACED_HYPHEN.finditer(text):
        start = match.start(1)
        after = text[start + 1 :].lstrip(" ")[:1]
        if after.isdigit():
            words = text[: match.start()].split()
            if text[match.start() - 1].isdigit() or (words and words[-1] in _BEFORE_MINUS):
                continue  # 5 - 3, 2010 - 2020, bei - 5 Grad
        if not protected.free(start, start + 1):
            continue
        flags.append(
            rule.flag(
                start,
                start + 1,
                "A hyphen used as a dash: German sets the dash as “–” between spaces.",
                ("–",),
            )
        )
    return flags


def double_hyphen(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "Wort -- Wort" and "Wort--Wort" → "Wort – Wort". Not command-line options (--help)."""
    text = context.text
    if "--" not in text:
        return []
    protected = _Protected(context)
    flags = []
    for match in _DOUBLE_HYPHEN.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before.isspace() and after.isalnum():
            continue  # --help
        if not protected.free(start, end):
            continue
        left = "" if before.isspace() or start == 0 else " "
        right = "" if after.isspace() or after in ",;.:!?)]" or end == len(text) else " "
        flags.append(
            rule.flag(
                start,
                end,
                "Two hyphens used as a dash: German sets the dash as “–” between spaces.",
                (f"{left}–{right}",),
            )
        )
    return flags


_NUMBER_RANGE = re.compile(r"(?<![\w.,/:–-])(\d{1,4})(-)(\d{1,4})(?![\w,/:–-]|\.\d)")


def number_range(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "10-12" → "10–12": the dash of a range reads "bis". Only rising numbers."""
    text = context.text
    if "-" not in text:
        return []
    protected = _Protected(context)
    flags = []
    for match in _NUMBER_RANGE.finditer(text):
        if int(match.group(1)) >= int(match.group(3)):
            continue
        if not protected.free(match.start(), match.end()):
            continue
        start = match.start(2)
        flags.append(rule.flag(start, start + 1, "A range takes the dash: “10–12”.", ("–",)))
    return flags


# --- dates, ordinals, numbers ---------------------------------------------------------------

_NO_SPACE_AFTER_NUMBER = re.compile(r"(?<![\w.,/:])(\d{1,4})\.([A-ZÄÖÜ][a-zäöüß]+)(?![-\w])")


def ordinal_space(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "10.Februar" → "10. Februar", "3.Platz" → "3. Platz": the space after the full stop
    of a date or an ordinal number (or of a sentence that ends in a number)."""
    text = context.text
    if "." not in text:
        return []
    protected = _Protected(context)
    flags = []
    for match in _NO_SPACE_AFTER_NUMBER.finditer(text):
        if not protected.free(match.start(), match.end()):
            continue
        number, word = match.groups()
        what = "a date" if word.rstrip(".") in MONTHS else "an ordinal number or a sentence end"
        flags.append(
            rule.flag(
                match.start(),
                match.end(),
                f"A space belongs after the full stop of {what}: “{number}. {word}”.",
                (f"{number}. {word}",),
            )
        )
    return flags


_SCALE = _alternation(SCALE_WORDS)
_CURRENCY_BEFORE = re.compile(
    r"(?<![\w$€£¥])(?<!\d )(?<![$€£¥] )(US\$|[$€£¥])( ?)(\d(?:[\d.,]*\d)?)"
    r"(?: (" + _SCALE + r")(?![\w-]))?(?![\w.,-]?\d|-| ?[$€£¥])"
)
_SCALE_AFTER = re.compile(r" (?:" + _SCALE + r")")


def currency_format(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "$96,000" → "96.000 $", "€5" → "5 €": German writes the sign after the amount, with
    German digit grouping and decimal comma. "€ 5" with a space (Austrian prices, tables) is
    only a hint."""
    text = context.text
    if not any(symbol in text for symbol in "$€£¥"):
        return []
    protected = _Protected(context)
    flags = []
    for match in _CURRENCY_BEFORE.finditer(text):
        symbol, space, number, scale = match.groups()
        if scale is None and _SCALE_AFTER.match(text, match.end()):
            continue  # "£6 Millionen-Expansion": the sign cannot simply move
        if not protected.free(match.start(), match.end()):
            continue
        german = german_number(number, currency=True) or number
        amount = f"{german} {scale}" if scale else german
        spaced_euro = symbol == "€" and space and german == number
        sign, word = CURRENCY_SYMBOLS[symbol]
        flags.append(
            rule.flag(
                match.start(),
                match.end(),
                f"German puts the currency after the amount: “{amount} {sign}”.",
                (f"{amount} {sign}", f"{amount} {word}"),
                severity=Severity.HINT if spaced_euro else None,
            )
        )
    return flags


_MEASURE = _alternation(MEASURE_WORDS + SCALE_WORDS + CURRENCY_WORDS + IMPERIAL_UNITS)
_DECIMAL_POINT = re.compile(
    r"(?<![\w.,/:])(\d+\.\d{1,2})(?![\w,/:-]|\.\d)(?= ?(?:" + _MEASURE + r")(?![\w-]))"
)
_THOUSANDS_COMMA = re.compile(r"(?<![\w.,/:])([1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?)(?![\w,/:-]|\.\d)")
_MONEY_OR_IMPERIAL = re.compile(
    r" ?(?:" + _alternation((*CURRENCY_WORDS, *IMPERIAL_UNITS, "$", "€", "£", "¥")) + r")(?!\w)"
)


def _after_currency_sign(text: str, start: int) -> bool:
    """The currency rule covers a number right after a currency sign."""
    return text[max(0, start - 3) : start].rstrip(" ").endswith(("$", "€", "£", "¥"))


def english_decimal_point(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "3.5 Prozent" → "3,5 Prozent". Only one or two digits after the point and a unit or
    scale word after the number, so a German "1.000" (thousands) is never read as decimal."""
    text = context.text
    if "." not in text:
        return []
    protected = _Protected(context)
    flags = []
    for match in _DECIMAL_POINT.finditer(text):
        start, end = match.span(1)
        german = german_number(match.group(1))
        if german is None or _after_currency_sign(text, start) or not protected.free(start, end):
            continue
        flags.append(
            rule.flag(start, end, f"German writes a decimal comma: “{german}”.", (german,))
        )
    return flags


def english_thousands(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "1,000,000" → "1.000.000", "96,000 Dollar" → "96.000 Dollar": a German reader takes
    the comma for a decimal comma. A single group ("1,500") only before a currency or an
    imperial unit, where three decimals make no sense."""
    text = context.text
    if "," not in text:
        return []
    protected = _Protected(context)
    flags = []
    for match in _THOUSANDS_COMMA.finditer(text):
        start, end = match.span(1)
        money = _MONEY_OR_IMPERIAL.match(text, end) is not None
        german = german_number(match.group(1), currency=money)
        if german is None or _after_currency_sign(text, start) or not protected.free(start, end):
            continue
        flags.append(
            rule.flag(
                start,
                end,
                f"English digit grouping: German groups thousands with a full stop (“{german}”).",
                (german,),
            )
        )
    return flags


_SYMBOL_NO_SPACE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)([%€$£¥])(?![\w%€$£¥-]| ?\d)")


def symbol_space(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "50%" → "50 %", "5€" → "5 €": DIN 5008 and Duden put a space before the sign.
    Not before a hyphen ("50%-Anteil" is a compound: 50-%-Anteil)."""
    text = context.text
    if not any(symbol in text for symbol in "%€$£¥"):
        return []
    protected = _Protected(context)
    flags = []
    for match in _SYMBOL_NO_SPACE.finditer(text):
        if not protected.free(match.start(), match.end()):
            continue
        number, symbol = match.groups()
        flags.append(
            rule.flag(
                match.start(),
                match.end(),
                f"German sets a space before “{symbol}”: “{number} {symbol}”.",
                (f"{number} {symbol}",),
            )
        )
    return flags


_AM_PM = re.compile(r"(?<![\w.:,])(\d{1,2})(?::([0-5]\d))?( ?)([AaPp])(\.?) ?([Mm])(\.?)(?!\w)")
_TIME_WORDS = ("um", "ab", "bis", "gegen", "seit", "von")
_BARE_TIME = re.compile(
    r"(?<![\w.,])(?i:" + _alternation(_TIME_WORDS) + r") ([01]?\d|2[0-4])[.:]([0-5]\d)"
    r"(?![\w,:]|\.\d)"
)
_TIME_FOLLOWS = re.compile(
    r" ?(?:Uhr|UHR|h\b|(?:bis|und|–|-) ?\d{1,2}(?:[.:]\d\d)? ?Uhr|(?:" + _MEASURE + r")(?!\w))"
)


def english_time(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "1:30 p.m." → "13:30 Uhr", "10 PM" → "22 Uhr": German counts 24 hours. A lower-case
    " am" without stops is the German word ("um 5 am Morgen") and is left alone."""
    text = context.text
    if "m" not in text and "M" not in text:
        return []
    protected = _Protected(context)
    flags = []
    for match in _AM_PM.finditer(text):
        hour_text, minutes, space, half, dot, m, final_dot = match.groups()
        hour = int(hour_text)
        end = match.end() - (1 if final_dot and not dot else 0)  # "5am." ends a sentence
        if not 1 <= hour <= 12 or not protected.free(match.start(), end):
            continue
        if space and half == "a" and m == "m" and not dot:
            continue
        hour = hour % 12 + (12 if half in "Pp" else 0)
        time = f"{hour}:{minutes} Uhr" if minutes else f"{hour} Uhr"
        flags.append(
            rule.flag(match.start(), end, f"An English time: German writes “{time}”.", (time,))
        )
    return flags


def time_without_uhr(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "um 13.30" → "um 13:30 Uhr": a time of day after um/ab/bis reads better with "Uhr"
    (13.30 Uhr and 13:30 Uhr are both German and not flagged)."""
    text = context.text
    if "." not in text and ":" not in text:
        return []
    protected = _Protected(context)
    flags = []
    for match in _BARE_TIME.finditer(text):
        if _TIME_FOLLOWS.match(text, match.end()):
            continue
        start = match.start(1)
        if not protected.free(start, match.end()):
            continue
        time = f"{match.group(1)}:{match.group(2)} Uhr"
        flags.append(rule.flag(start, match.end(), f"A time of day: “{time}”.", (time,)))
    return flags


# --- ellipsis, apostrophes, abbreviations ---------------------------------------------------

_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")


def ellipsis(context: RuleContext, rule: Rule) -> list[Flag]:
    text = context.text
    if "..." not in text:
        return []
    protected = _Protected(context)
    return [
        rule.flag(m.start(), m.end(), "Three full stops: the ellipsis is one character.", ("…",))
        for m in _ELLIPSIS.finditer(text)
        if protected.free(m.start(), m.end())
    ]


# An accent (geht´s, gibt`s) or an opening quotation mark (geht‘s) typed for an apostrophe.
_WRONG_APOSTROPHE = re.compile(r"(?<=[^\W\d_])(?:´(?=[^\W\d_]|[\s.,;:!?]|$)|[`‘](?=[^\W\d_]))")


def apostrophe_form(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "geht´s" → "geht’s": an accent or ‘ typed for an apostrophe. Backticks only between
    letters, and not in a segment with a `code` pair."""
    text = context.text
    if "´" not in text and "‘" not in text and ("`" not in text or text.count("`") >= 2):
        return []
    protected = _Protected(context)
    flags = []
    for match in _WRONG_APOSTROPHE.finditer(text):
        mark = match.group()
        if (mark == "`" and text.count("`") >= 2) or not protected.free(*match.span()):
            continue
        what = "an opening quotation mark" if mark == "‘" else "an accent"
        flags.append(
            rule.flag(
                match.start(),
                match.end(),
                f"“{mark}” is {what}, not an apostrophe: write ’ (or ').",
                ("’", "'"),
            )
        )
    return flags


_GENITIVE_APOSTROPHE = re.compile(r"(?<![\w'’])([A-ZÄÖÜ][a-zäöü]+)['’]s (?=([A-ZÄÖÜ][a-zäöüß]+))")


def genitive_apostrophe(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "Peter's Buch" → "Peters Buch": German writes the genitive s of a name without an
    apostrophe. Only names the noun data knows, before a German noun (so not "Grey's
    Anatomy" or brand names), never after s/x/z ("Max' Buch" is right). Where the apostrophe
    shows the base form of a name ending in a vowel (Andrea's, as Andreas is a name too), the
    rules allow it: only a hint."""
    text = context.text
    if "'s " not in text and "’s " not in text:
        return []
    nouns = context.resources.nouns
    flags = []
    for match in _GENITIVE_APOSTROPHE.finditer(text):
        name, following = match.groups()
        if name.endswith(("s", "ß", "x", "z")) or name not in nouns.names:
            continue
        if not nouns.is_noun(following):
            continue
        ambiguous = name[-1] in "aeiouy" and name + "s" in nouns.names
        start = match.start(1)
        flags.append(
            rule.flag(
                start,
                start + len(name) + 2,
                f"The genitive s of a name takes no apostrophe in German: “{name}s”.",
                (name + "s",),
                severity=Severity.HINT if ambiguous else None,
            )
        )
    return flags


_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:(" + _alternation(INNER_DOT_ABBREVIATIONS) + r")\.?(?![\w'’-])"
    r"|(" + _alternation(FINAL_DOT_ABBREVIATIONS) + r")(?![\w.'’-]))"
)


def abbreviation_dots(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "zB" → "z. B.", "usw" → "usw.": German abbreviations keep their full stops."""
    text = context.text
    protected = _Protected(context)
    flags = []
    for match in _ABBREVIATION.finditer(text):
        inner, final = match.groups()
        short = INNER_DOT_ABBREVIATIONS[inner] if inner else FINAL_DOT_ABBREVIATIONS[final]
        if not protected.free(match.start(), match.end()):
            continue
        flags.append(
            rule.flag(
                match.start(),
                match.end(),
                f"An abbreviation without its full stops: “{short}”.",
                (short,),
            )
        )
    return flags


# --- commas ---------------------------------------------------------------------------------

# One to four words at the segment start, a comma and a lower-case word: the cheap pre-filter
# before the tagger looks.
_FRONTED = re.compile(r"^[„\"»]?((?:[^\W\d_]+ ){0,3}[^\W\d_]+)(,) ([a-zäöü]+) ([^\W\d_]+)\b")
# Closed-class words that are never a finite verb.
_NOT_VERBS = SUBORDINATORS | COORDINATORS | SUBJECT_PRONOUNS | frozenset(
    (
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
        "eines", "mein", "meine", "dein", "sein", "seine", "ihr", "ihre", "unser", "unsere",
        "dies", "dieses", "diese", "dieser", "jedes", "jede", "jeder", "sich", "mich", "dich",
        "uns", "euch", "ihm", "ihn", "ihnen", "also", "so", "dann", "nicht", "noch", "auch",
        "zu", "im", "am", "vom", "zum", "zur", "beim", "ins", "in", "an", "auf", "vor", "mit",
        "von", "für", "aus", "nach", "bei", "dasselbe", "derselbe", "dieselbe",
    )
)  # fmt: skip
# A phrase starting with one of these is a clause or stands outside the sentence.
_CLAUSE_STARTS = (
    INTERJECTIONS
    | SUBORDINATORS
    | SUBJECT_PRONOUNS
    | frozenset(
        ("der", "die", "das", "ein", "eine", "dies", "diese", "dieser", "dieses", "mein", "meine")
    )
)
# STTS tags: what may follow the inverted verb (a subject), what an adverbial starts with,
# and what marks a clause or an interjection inside the phrase.
_SUBJECT_START = frozenset(("PPER", "PIS", "ART", "NN", "NE", "PDS", "PIAT", "PPOSAT", "PDAT"))
_ADVERBIAL_START = frozenset(("ADV", "APPR", "APPRART", "PAV"))
_SUBORDINATE_TAGS = frozenset(("KOUS", "KOUI", "PWAV", "PWS", "PRELS", "PRELAT", "ITJ", "PTKZU"))


def comma_after_fronted(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "Glücklicherweise, sind wir …" → no comma: a short adverbial before the finite verb
    fills the first position of the sentence; it is not a clause of its own (an English
    calque).

    Only an adverb or prepositional phrase of one to four words at the segment start that
    holds no verb, conjunction or interjection (so no clause, zu-infinitive, participle group
    or "Nun,"), followed by a finite verb and its subject (HanTa tags the candidate); not in
    questions or exclamations, where a verb may come first after a vocative.
    """
    text = context.text
    match = _FRONTED.match(text)
    if match is None or "?" in text or "!" in text:
        return []
    phrase, _comma, verb, subject = match.groups()
    words = phrase.split()
    if verb in _NOT_VERBS or words[0].lower() in _CLAUSE_STARTS:
        return []
    tagged = context.resources.tagger.tag_sent([*words, ",", verb, subject], 1)
    tags = [tag for _word, _lemma, tag in tagged]
    phrase_tags, verb_tag, subject_tag = tags[: len(words)], tags[-2], tags[-1]
    if not verb_tag.endswith("(FIN)") or subject_tag not in _SUBJECT_START:
        return []
    if phrase_tags[0] not in _ADVERBIAL_START or phrase_tags[-1].startswith("ADJ"):
        return []  # "Bequem, hoffe ich." "Das Gefühl ignorierend, zwang ich mich …"
    if any(tag.startswith("V") or tag in _SUBORDINATE_TAGS for tag in phrase_tags):
        return []
    start = match.start(2)
    return [
        rule.flag(
            start,
            start + 1,
            f"No comma after “{phrase}”: it is the first part of the sentence, before the verb.",
            ("",),
        )
    ]


# Conjunctions that always open a subordinate clause.
_SUBJUNCTIONS = (
    "dass", "weil", "obwohl", "obgleich", "obschon", "ob", "wenn", "nachdem", "bevor",
    "sodass", "falls", "sobald", "sofern", "indem", "woran", "worauf", "womit", "wodurch",
    "worüber", "wovon", "wofür", "wozu",
)  # fmt: skip
# Words after which the comma goes before them, not before the conjunction ("auch wenn",
# "als ob", "und dass", "kurz nachdem"), and conjunctions that meet ("dass wenn").
_COMMA_BEFORE = COORDINATORS | SUBORDINATORS | frozenset(
    (
        "auch", "selbst", "nur", "sogar", "gerade", "erst", "besonders", "allem", "außer",
        "ohne", "anstatt", "statt", "so", "bzw", "beziehungsweise", "je", "kaum", "zumal",
        "insbesondere", "eben", "ausgerechnet", "bloß", "lediglich", "egal", "gleich",
        "sowohl", "weder", "entweder", "nämlich", "zwar", "also", "speziell", "vor", "genau",
        "wie", "schon", "umso", "desto", "vielleicht", "etwa", "wahrscheinlich", "zum",
        "einfach", "teilweise", "hauptsächlich", "immer", "oft", "meist", "meistens",
        "ausschließlich", "vorwiegend", "vornehmlich", "zumindest", "wenigstens", "kurz",
        "sofort", "unmittelbar", "direkt", "bereits", "noch", "allein", "rund", "nicht",
    )
)  # fmt: skip
_SUBCLAUSE = re.compile(r"(?<=[^\W\d_])( )(" + _alternation(_SUBJUNCTIONS) + r")\b(?![-'’])")
# An infinitive group with "um … zu" (§ 75 of the official rules): at most eight words
# between and the infinitive at the end of the clause.
_UM_ZU = re.compile(
    r"(?<=[^\W\d_])( )(um)((?: [^\W\d_]+){0,8}) zu [a-zäöü]+(?:en|ern|eln)(?=\s*[.,;:!?)–]|$)"
)
# A relative pronoun right after a noun and followed by the subject pronoun of its clause
# ("die Pflanze die ich kenne"): an article is never followed by a personal pronoun.
_RELATIVE = re.compile(
    r"(?<=[a-zäöüß]{2})( )(der|die|das|den|dem|deren|dessen|denen) "
    r"(?=(?:ich|du|er|sie|es|wir|ihr|man|Sie)\b)"
)
_PRONOUN_WAS = re.compile(r"\b(?:alles|etwas|nichts|vieles|manches|einiges|dasselbe)( )(was)\b")


def missing_comma(context: RuleContext, rule: Rule) -> list[Flag]:
    """ "Ich weiß dass …" → "Ich weiß, dass …": German requires a comma before a subordinate
    clause, an infinitive group with um … zu and a relative clause. The flag covers the space
    and the conjunction, so the fix leaves the word before it alone."""
    text = context.text
    matches: list[re.Match[str]] = []
    for match in _SUBCLAUSE.finditer(text):
        if _previous_word(text, match.start()).lower() not in _COMMA_BEFORE:
            matches.append(match)
    for match in _UM_ZU.finditer(text):
        between = match.group(3).split()
        previous = _previous_word(text, match.start())
        if "herum" in between or previous.lower() in _COMMA_BEFORE:
            continue  # "um sie herum", "und um … zu"
        if previous[:1].isupper() and between[:1] not in ([], ["sich"]):
            continue  # "die Ketten um seine Arme zu lösen": um may be a preposition
        matches.append(match)
    for match in _RELATIVE.finditer(text):
        word = _previous_word(text, match.start())
        if word[:1].isupper() and context.resources.nouns.is_noun(word):
            matches.append(match)
    matches.extend(_PRONOUN_WAS.finditer(text))
    if not matches:
        return []
    protected = _Protected(context)
    flags = []
    for match in sorted(matches, key=lambda m: m.start()):
        start, end, word = match.start(1), match.end(2), match.group(2)
        if protected.free(start, end):
            flags.append(
                rule.flag(
                    start,
                    end,
                    f"A comma belongs before “{word}”: it opens a subordinate clause.",
                    (f", {word}",),
                )
            )
    return flags


def _previous_word(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        start -= 1
    return text[start:end]


# --- the rules ------------------------------------------------------------------------------


def _rule(
    rule_id: str,
    category: str,
    severity: Severity,
    description: str,
    example: str,
    function: CheckFn,
    *,
    default_on: bool = True,
) -> Rule:
    def check(context: RuleContext) -> list[Flag]:
        return function(context, rule)

    rule = Rule(rule_id, category, severity, description, example, check, default_on)
    return rule


RULES = (
    _rule(
        "STRAIGHT_QUOTES", "TYPOGRAPHY", Severity.WARNING,
        "Straight quotation marks in German text: German opens with „ and closes with “ "
        "(inner quotations ‚…‘); »…« is fine too. Inch signs (12\") and apostrophes are left "
        "alone.",
        "\"Wort\" → „Wort“", straight_quotes,
    ),
    _rule(
        "ENGLISH_QUOTES", "TYPOGRAPHY", Severity.WARNING,
        "English curly quotation marks: “…” and ‘…’ become „…“ and ‚…‘.",
        "“Wort” → „Wort“", english_quotes,
    ),
    _rule(
        "HYPHEN_AS_DASH", "TYPOGRAPHY", Severity.WARNING,
        "A hyphen between spaces used as a dash; German sets the dash (Gedankenstrich) as “–”. "
        "Not compounds (E-Mail), bullets at a segment start or minus signs (-5 Grad).",
        "Wort - Wort → Wort – Wort", hyphen_as_dash,
    ),
    _rule(
        "DOUBLE_HYPHEN_DASH", "TYPOGRAPHY", Severity.WARNING,
        "Two hyphens used as a dash (an English typewriter habit): German writes “ – ”.",
        "Wort -- Wort → Wort – Wort", double_hyphen,
    ),
    _rule(
        "NUMBER_RANGE_DASH", "TYPOGRAPHY", Severity.HINT,
        "A hyphen between the two numbers of a range: the dash reads “bis” (10–12).",
        "10-12 → 10–12", number_range, default_on=False,
    ),
    _rule(
        "ORDINAL_SPACE", "TYPOGRAPHY", Severity.WARNING,
        "No space after the full stop of a date or an ordinal number.",
        "10.Februar → 10. Februar", ordinal_space,
    ),
    _rule(
        "CURRENCY_FORMAT", "TYPOGRAPHY", Severity.WARNING,
        "A currency sign before the amount (English style): German writes the amount first, "
        "with full stops for thousands and a decimal comma.",
        "$96,000 → 96.000 $", currency_format,
    ),
    _rule(
        "ENGLISH_DECIMAL_POINT", "TYPOGRAPHY", Severity.WARNING,
        "A decimal point before a unit or scale word: German uses a decimal comma. A German "
        "thousands point (1.000) is never flagged.",
        "2.5 Millionen → 2,5 Millionen", english_decimal_point,
    ),
    _rule(
        "ENGLISH_THOUSANDS_COMMA", "TYPOGRAPHY", Severity.WARNING,
        "Commas grouping thousands (1,000,000; 96,000 Dollar): a German reader takes them for "
        "decimal commas.",
        "1,000,000 → 1.000.000", english_thousands,
    ),
    _rule(
        "SYMBOL_SPACE", "TYPOGRAPHY", Severity.HINT,
        "No space between a number and %, € or $ (DIN 5008 and Duden want one; both occur).",
        "50% → 50 %", symbol_space,
    ),
    _rule(
        "ENGLISH_TIME", "TYPOGRAPHY", Severity.WARNING,
        "A time with a.m./p.m.: German counts 24 hours and writes “Uhr”.",
        "1:30 p.m. → 13:30 Uhr", english_time,
    ),
    _rule(
        "TIME_WITHOUT_UHR", "TYPOGRAPHY", Severity.HINT,
        "A time after um/ab/bis without “Uhr” (13.30 Uhr and 13:30 Uhr are both German).",
        "um 13.30 → um 13:30 Uhr", time_without_uhr,
    ),
    _rule(
        "ELLIPSIS", "TYPOGRAPHY", Severity.HINT,
        "Three full stops where the ellipsis character “…” belongs.",
        "Na ja... → Na ja…", ellipsis,
    ),
    _rule(
        "APOSTROPHE_FORM", "TYPOGRAPHY", Severity.WARNING,
        "An accent (´ `) or an opening quotation mark (‘) typed for an apostrophe.",
        "geht´s → geht’s", apostrophe_form,
    ),
    _rule(
        "GENITIVE_APOSTROPHE", "TYPOGRAPHY", Severity.WARNING,
        "An apostrophe before the genitive s of a known name (English style); a hint where it "
        "shows the base form (Andrea's), and not in foreign names and titles.",
        "Peter's Buch → Peters Buch", genitive_apostrophe,
    ),
    _rule(
        "ABBREVIATION_DOTS", "TYPOGRAPHY", Severity.WARNING,
        "A German abbreviation written without its full stops.",
        "zB → z. B.", abbreviation_dots,
    ),
    _rule(
        "MISSING_COMMA_SUBCLAUSE", "PUNCTUATION", Severity.WARNING,
        "No comma before a subordinate clause (dass, weil, ob, wenn …), an infinitive group "
        "with um … zu or a relative clause; German requires one.",
        "Ich weiß dass es stimmt → Ich weiß, dass es stimmt", missing_comma,
    ),
    _rule(
        "COMMA_AFTER_FRONTED_PHRASE", "PUNCTUATION", Severity.WARNING,
        "A comma between a short adverbial at the start and the verb (calqued from English); "
        "German sets none there.",
        "Glücklicherweise, sind wir → Glücklicherweise sind wir", comma_after_fronted,
    ),
)  # fmt: skip

# Rules whose fix may be applied to every occurrence in a document at once: mechanical
# typography with one right answer that does not depend on the meaning of the sentence.
DOCUMENT_WIDE = frozenset(
    {
        "STRAIGHT_QUOTES",
        "ENGLISH_QUOTES",
        "HYPHEN_AS_DASH",
        "DOUBLE_HYPHEN_DASH",
        "NUMBER_RANGE_DASH",
        "ORDINAL_SPACE",
        "CURRENCY_FORMAT",
        "ENGLISH_DECIMAL_POINT",
        "ENGLISH_THOUSANDS_COMMA",
        "SYMBOL_SPACE",
        "ENGLISH_TIME",
        "ELLIPSIS",
        "APOSTROPHE_FORM",
        "ABBREVIATION_DOTS",
    }
)
