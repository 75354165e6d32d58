"""A LanguageTool-compatible HTTP server for tests: /v2/languages, /v2/check, /v2/healthcheck.

It answers with JSON shaped exactly like LanguageTool 6.x, from a table of known errors
(`RULES`): each rule is a regular expression over the checked text. Offsets and lengths in
the answer count UTF-16 code units, as the real server (Java strings) does. Trigger words
make it misbehave: ANTWORT_500 (HTTP 500, plain-text body), ANTWORT_KAPUTT (truncated JSON),
ANTWORT_FORM (valid JSON of the wrong shape), ANTWORT_LANGSAM (answers after `slow_seconds`),
ANTWORT_FEINDLICH (the real matches plus `hostile_matches`: negative and out-of-range offsets,
wrong types, missing fields, markup and escapes in messages, huge replacement lists, and a
version string holding terminal escapes). `LTState.tamper` can rewrite any answer.

Run as a script (`python lt_server.py --port N`) it is the "LanguageTool" a fake `java`
launches in the local-mode tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

VERSION = "6.6"
LANGUAGES = [
    {"name": "German", "code": "de", "longCode": "de"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "German (Austria)", "code": "de", "longCode": "de-AT"},
    {"name": "German (Swiss)", "code": "de", "longCode": "de-CH"},
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]
_LONG_CODES = {lang["longCode"] for lang in LANGUAGES}

TYPOS = ("TYPOS", "Mögliche Tippfehler")
GRAMMAR = ("GRAMMAR", "Grammatik")
TYPOGRAPHY = ("TYPOGRAPHY", "Typografie")
STYLE = ("STYLE", "Stil")
FALSE_FRIENDS = ("FALSE_FRIENDS", "Falsche Freunde")
REDUNDANCY = ("REDUNDANCY", "Redundanz")


@dataclass(frozen=True)
class Rule:
    """One known error: where it matches, and what LanguageTool says about it."""

    pattern: str
    rule_id: str
    description: str
    issue_type: str
    category: tuple[str, str]
    message: str
    short_message: str = ""
    replacements: tuple[str, ...] = ()
    picky_only: bool = False  # only with level=picky
    default_off: bool = False  # only when enabled by id
    mother_tongue: str | None = None  # only with this motherTongue
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))


def _speller(word: str, *suggestions: str) -> Rule:
    return Rule(
        pattern=rf"\b{re.escape(word)}\b",
        rule_id="GERMAN_SPELLER_RULE",
        description="Möglicher Rechtschreibfehler",
        issue_type="misspelling",
        category=TYPOS,
        message="Möglicher Tippfehler gefunden.",
        short_message="Rechtschreibfehler",
        replacements=suggestions,
    )


RULES: tuple[Rule, ...] = (
    # Spelling (misspelling -> error); the names here are what a German speller flags.
    _speller("Trotzdessen", "Trotzdem"),
    _speller("Lockereung", "Lockerung", "Lockerungen"),
    _speller("lachelte", "lächelte", "lachte"),
    _speller("aufwirken", "aufwerfen", "aufwirbeln"),
    _speller("Mutmaßungsverhalten"),
    _speller("Atomdeterrent"),
    _speller("Pyongyang", "Pjöngjang"),
    _speller("Solovyov", "Solowjow"),
    _speller("Fehlr", "Fehler"),
    # Grammar (grammar -> error)
    Rule(
        r"(?<=ließen )kein Zweifel",
        "DE_AGREEMENT",
        "Kongruenz von Nominalphrasen (unvollständig!), z.B. 'mein kleiner(kleines) Haus'",
        "grammar",
        GRAMMAR,
        "Möglicherweise fehlende grammatische Übereinstimmung des Kasus.",
        "Grammatikfehler",
        ("keinen Zweifel",),
    ),
    Rule(
        r"(?<=Russlands )strategischer(?= Interesse)",
        "DE_AGREEMENT",
        "Kongruenz von Nominalphrasen (unvollständig!), z.B. 'mein kleiner(kleines) Haus'",
        "grammar",
        GRAMMAR,
        "Möglicherweise fehlende grammatische Übereinstimmung des Genus.",
        "Grammatikfehler",
        ("strategischem",),
    ),
    Rule(
        r"(?<=die )Westmächten(?= von)",
        "DE_AGREEMENT",
        "Kongruenz von Nominalphrasen (unvollständig!), z.B. 'mein kleiner(kleines) Haus'",
        "grammar",
        GRAMMAR,
        "Möglicherweise fehlende grammatische Übereinstimmung des Kasus.",
        "Grammatikfehler",
        ("Westmächte",),
    ),
    Rule(
        r"\bnach Ukraine\b",
        "NACH_LAND_MIT_ARTIKEL",
        "'nach' vor Ländernamen mit Artikel",
        "grammar",
        GRAMMAR,
        "Vor Ländernamen mit Artikel steht „in die“ statt „nach“.",
        "Präposition",
        ("in die Ukraine",),
    ),
    Rule(
        r"\bBeide Russland und\b",
        "BEIDE_SOWOHL",
        "'beide … und' statt 'sowohl … als auch'",
        "grammar",
        GRAMMAR,
        "Meinten Sie „Sowohl … als auch“?",
        "",
        ("Sowohl Russland als auch",),
    ),
    Rule(
        r"(?<=scheint eine Bestimmung )enthalten\b",
        "ZU_INFINITIV",
        "Fehlendes 'zu' beim Infinitiv nach 'scheinen'",
        "grammar",
        GRAMMAR,
        "Nach „scheinen“ steht der Infinitiv mit „zu“.",
        "Fehlendes 'zu'",
        ("zu enthalten",),
    ),
    # Style (style -> hint)
    Rule(
        r"\bIn den letzten Zeiten\b",
        "LETZTE_ZEITEN",
        "'in den letzten Zeiten' statt 'in letzter Zeit'",
        "style",
        STYLE,
        "Die Wendung „in letzter Zeit“ ist üblicher.",
        "",
        ("In letzter Zeit",),
    ),
    # Typography (typographical -> warning, whitespace -> warning)
    Rule(
        r"(?<=\w)\.\.\.(?!\.)",
        "AUSLASSUNGSPUNKTE",
        "Auslassungspunkte",
        "typographical",
        TYPOGRAPHY,
        "Verwenden Sie das typografische Auslassungszeichen.",
        "",
        ("…",),
    ),
    Rule(
        r"(?<=\S)  +(?=\S)",
        "WHITESPACE_RULE",
        "Mögliche Tippfehler: mehrere Leerzeichen hintereinander",
        "whitespace",
        TYPOGRAPHY,
        "Möglicherweise steht hier ein Leerzeichen zu viel.",
        "",
        (" ",),
    ),
    Rule(
        r"\"(?=\w)",
        "TYPOGRAFISCHE_ANFUEHRUNGSZEICHEN",
        "Typografische Anführungszeichen",
        "typographical",
        TYPOGRAPHY,
        "Verwenden Sie typografische Anführungszeichen.",
        "",
        ("„",),
        picky_only=True,
    ),
    Rule(
        r"\bSatzanfang\b",
        "DE_DEFAULT_OFF_DEMO",
        "Eine standardmäßig abgeschaltete Regel",
        "style",
        STYLE,
        "Diese Regel ist nur aktiv, wenn man sie einschaltet.",
        default_off=True,
    ),
    Rule(
        r"\beventuell\b",
        "FALSE_FRIEND_EVENTUELL",
        "Falscher Freund: eventuell (eventually)",
        "misspelling",
        FALSE_FRIENDS,
        "Achtung: „eventuell“ bedeutet „vielleicht“, nicht „eventually“ (schließlich).",
        "Falscher Freund",
        ("schließlich",),
        mother_tongue="en",
    ),
    # Emoji (non-BMP) and a match that crosses a sentence boundary
    Rule(
        r"(\U0001F44D)\1",
        "DOPPELTES_EMOJI",
        "Wiederholtes Emoji",
        "duplication",
        REDUNDANCY,
        "Das Emoji steht zweimal hintereinander.",
        "",
        ("\U0001f44d",),
    ),
    Rule(
        r"doppelt\.\s+Doppelt",
        "SATZGRENZE_WIEDERHOLUNG",
        "Wiederholung über die Satzgrenze",
        "style",
        STYLE,
        "Dasselbe Wort endet einen Satz und beginnt den nächsten.",
        "",
        ("doppelt. Ebenso",),
    ),
)

SLOW, BROKEN_500, BROKEN_JSON, WRONG_SHAPE, HOSTILE = (
    "ANTWORT_LANGSAM",
    "ANTWORT_500",
    "ANTWORT_KAPUTT",
    "ANTWORT_FORM",
    "ANTWORT_FEINDLICH",
)
HOSTILE_VERSION = "6.6\x1b]0;pwned\x07\x1b[2J"
HOSTILE_MESSAGE = "[b]fett[/] <script>alert(1)</script> \x1b[2J\x1b]52;c;ZXZpbA==\x07 `x` | y"
HOSTILE_RULE_ID = "[@click=app.quit]<img src=x onerror=alert(1)>"


def hostile_matches(text: str) -> list[object]:
    """What an untrusted server might send for `text` besides its real matches. Only the last
    two are usable: at the start of the text, with markup in message and rule id and 500
    replacements (one of them 10,000 characters, some not objects or not strings)."""
    units = len(text.encode("utf-16-le")) // 2
    rule = {"id": "FEIND", "issueType": "grammar", "category": {"id": "GRAMMAR"}}

    def match(**fields: object) -> dict:
        return {"message": "m", "offset": 0, "length": 1, "rule": rule, **fields}

    usable = match(
        message=HOSTILE_MESSAGE,
        rule={**rule, "id": HOSTILE_RULE_ID, "category": {"id": "[red]CAT"}},
        replacements=[{"value": f"V{i}"} for i in range(500)],
    )
    odd_replacements = match(
        offset=1,
        replacements=[{"value": "gut"}, {"value": "x" * 10_000}, "kein Objekt", {"value": 5}],
    )
    return [
        match(offset=-52, length=5),  # the flag at column -52
        match(offset=units, length=3),  # past the end
        match(offset=10**12),  # far past the end
        match(length=-1),
        match(offset="3"),  # a string
        match(offset=1.5),
        match(length=True),
        {key: value for key, value in match().items() if key != "offset"},
        {key: value for key, value in match().items() if key != "rule"},
        match(rule={"issueType": "grammar"}),  # no id
        match(message=123),
        match(rule="GRAMMAR"),
        ["not", "an", "object"],
        None,
        usable,
        odd_replacements,
    ]


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Python index -> UTF-16 code unit index, as Java counts string positions."""
    if all(ord(ch) < 0x10000 for ch in text):
        return lambda i: i
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + (2 if ord(ch) >= 0x10000 else 1))
    return prefix.__getitem__


def _sentence_around(text: str, start: int, end: int) -> str:
    """The paragraph (between line breaks) that holds the match."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left : len(text) if right < 0 else right]


def _context(text: str, start: int, end: int, to16: Callable[[int], int]) -> dict:
    """LanguageTool's context: about 40 characters each side, '...' where cut."""
    left = max(0, start - 40)
    right = min(len(text), end + 40)
    prefix = "..." if left > 0 else ""
    snippet = prefix + text[left:right].replace("\n", " ") + ("..." if right < len(text) else "")
    offset = len(prefix) + to16(start) - to16(left)
    return {"text": snippet, "offset": offset, "length": to16(end) - to16(start)}


def find_matches(text: str, params: dict[str, str]) -> list[dict]:
    """The matches real LanguageTool would report for `text` with these request parameters."""
    disabled = set(filter(None, params.get("disabledRules", "").split(",")))
    enabled = set(filter(None, params.get("enabledRules", "").split(",")))
    disabled_cats = set(filter(None, params.get("disabledCategories", "").split(",")))
    enabled_cats = set(filter(None, params.get("enabledCategories", "").split(",")))
    picky = params.get("level") == "picky"
    mother_tongue = params.get("motherTongue", "").split("-")[0] or None
    to16 = utf16_offsets(text)
    matches = []
    for rule in RULES:
        if rule.rule_id in disabled or rule.category[0] in disabled_cats:
            continue
        if rule.picky_only and not picky and rule.rule_id not in enabled:
            continue
        if (
            rule.default_off
            and rule.rule_id not in enabled
            and rule.category[0] not in enabled_cats
        ):
            continue
        if rule.mother_tongue and rule.mother_tongue != mother_tongue:
            continue
        for m in rule.regex.finditer(text):
            start, end = m.start(), m.end()
            matches.append(
                {
                    "message": rule.message,
                    "shortMessage": rule.short_message,
                    "replacements": [{"value": r} for r in rule.replacements],
                    "offset": to16(start),
                    "length": to16(end) - to16(start),
                    "context": _context(text, start, end, to16),
                    "sentence": _sentence_around(text, start, end),
                    "type": {
                        "typeName": "UnknownWord" if rule.issue_type == "misspelling" else "Other"
                    },
                    "rule": {
                        "id": rule.rule_id,
                        "description": rule.description,
                        "issueType": rule.issue_type,
                        "category": {"id": rule.category[0], "name": rule.category[1]},
                    },
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
    matches.sort(key=lambda item: (item["offset"], item["length"]))
    return matches


def check_response(text: str, params: dict[str, str], version: str = VERSION) -> dict:
    code = params.get("language", "de-DE")
    name = next((lang["name"] for lang in LANGUAGES if lang["longCode"] == code), code)
    return {
        "software": {
            "name": "LanguageTool",
            "version": version,
            "buildDate": "2025-03-27 10:00:00 +0000",
            "apiVersion": 1,
            "premium": False,
            "premiumHint": "You might be missing errors only the Premium version can find.",
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": {
            "name": name,
            "code": code,
            "detectedLanguage": {
                "name": name,
                "code": code,
                "confidence": 0.99,
                "source": "ngram+prior",
            },
        },
        "matches": find_matches(text, params),
    }


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]


class LTState:
    """What the server was asked (for counting) and how it behaves."""

    def __init__(self, version: str = VERSION) -> None:
        self.version = version
        self.slow_seconds = 3.0
        self.max_text_length: int | None = None  # characters, like LT's maxTextLength
        # Rewrites each /v2/check answer: (text, answer) -> what is sent as JSON.
        self.tamper: Callable[[str, dict], object] | None = None
        self.lock = threading.Lock()
        self.requests: list[Request] = []

    def record(self, request: Request) -> None:
        with self.lock:
            self.requests.append(request)

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.path == path)

    def checks(self) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == "/v2/check"]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()


class _Handler(BaseHTTPRequestHandler):
    server_version = "LanguageTool-test"
    protocol_version = "HTTP/1.1"

    @property
    def state(self) -> LTState:
        return self.server.state  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def _json(self, data: object) -> None:
        self._send(200, json.dumps(data).encode("utf-8"), "application/json")

    def _text(self, status: int, message: str) -> None:
        self._send(status, message.encode("utf-8"), "text/plain; charset=utf-8")

    def _params(self, body: bytes) -> dict[str, str]:
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        query.update(parse_qs(body.decode("utf-8"), keep_blank_values=True))
        return {key: values[-1] for key, values in query.items()}

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path.rstrip("/")
        params = self._params(body)
        self.state.record(Request(method, path, params))
        if path == "/v2/healthcheck":
            self._text(200, "OK")
        elif path == "/v2/languages":
            self._json(LANGUAGES)
        elif path == "/v2/check":
            self._check(params)
        else:
            self._text(404, f"Error: unknown path {path}")

    def _check(self, params: dict[str, str]) -> None:
        text = params.get("text")
        if text is None:
            self._text(400, "Error: Missing 'text' or 'data' parameter")
            return
        if params.get("language") not in _LONG_CODES:
            self._text(
                400,
                f"Error: '{params.get('language')}' is not a language code known to LanguageTool.",
            )
            return
        limit = self.state.max_text_length
        if limit is not None and len(text) > limit:
            self._text(413, f"Error: Your text exceeds the limit of {limit} characters")
            return
        if BROKEN_500 in text:
            self._text(500, "Error: Internal Error: java.lang.RuntimeException: boom")
        elif BROKEN_JSON in text:
            self._send(200, b'{"software": {"name": "LanguageTool", "vers', "application/json")
        elif WRONG_SHAPE in text:
            self._json({"software": {"version": self.state.version}, "matches": [{"offset": "x"}]})
        else:
            if SLOW in text:
                time.sleep(self.state.slow_seconds)
            answer = check_response(text, params, self.state.version)
            if HOSTILE in text:
                answer["software"]["version"] = HOSTILE_VERSION
                answer["matches"] = [*answer["matches"], *hostile_matches(text)]
            tamper = self.state.tamper
            self._json(answer if tamper is None else tamper(text, answer))

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")


class LTServer:
    """The test server on 127.0.0.1 in a background thread; `url` is what clients are given."""

    def __init__(self, port: int = 0, state: LTState | None = None) -> None:
        self.state = state or LTState()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.state = self.state  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LTServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()

    def serve_forever(self) -> None:
        self._httpd.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--pid-file", help="append this process's id to the file")
    parser.add_argument("--slow-seconds", type=float, default=3.0)
    args = parser.parse_args()
    server = LTServer(args.port)
    server.state.slow_seconds = args.slow_seconds
    if args.pid_file:
        with open(args.pid_file, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
