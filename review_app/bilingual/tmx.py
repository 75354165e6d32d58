"""TMX 1.4: one unit per <tu>, source and target <tuv> chosen by language."""

from __future__ import annotations

from review_app.bilingual.inline import Roles, assemble, content_pieces
from review_app.bilingual.model import BilingualFile, State, Unit
from review_app.bilingual.positions import LineIndex
from review_app.bilingual.xmllayout import XmlLayout, break_before, opened
from review_app.bilingual.xmlscan import Element, error_at, node_text, parse_xml
from review_app.bilingual.xmlwrite import Owner, Slot, Vocabulary
from review_app.errors import InputError

ROLES: Roles = {"hi": "pair"}  # bpt, ept, it, ph, ut: kept whole
VOCABULARY = Vocabulary(None, {})  # TMX has no workflow state


def _id(element: Element) -> str:
    return element.get("i") or element.get("x") or ""


def _language(tuv: Element) -> str:
    return (tuv.get("xml:lang") or tuv.get("lang") or "").strip()


def _matches(language: str, wanted: str) -> bool:
    """'de-DE' matches 'de-de' and 'de'; 'de' matches 'de-AT' too."""
    a, b = language.lower(), wanted.lower()
    return a == b or a.split("-")[0] == b or b.split("-")[0] == a


def _target_language(name: str, tus: list[Element], source: str | None, wanted: str | None) -> str:
    if wanted:
        return wanted
    others = sorted(
        {
            _language(tuv)
            for tu in tus
            for tuv in tu.elements("tuv")
            if source is None or not _matches(_language(tuv), source)
        }
    )
    if len(others) == 1:
        return others[0]
    if not others:
        raise InputError(
            f"{name}: no target language found (every <tuv> is in the source language)"
        )
    raise InputError(
        f"{name}: TMX has several target languages ({', '.join(others)}): "
        "choose one with --target-language"
    )


def read_tmx(text: str, name: str, target_language: str | None) -> XmlLayout:
    root = parse_xml(text, name)
    if root.local != "tmx":
        raise error_at(name, text, root.start, f"not TMX (root element <{root.qname}>)")
    header = root.first("header")
    source_language = header.get("srclang") if header is not None else None
    if source_language in (None, "", "*all*"):
        source_language = None
    body = root.first("body")
    tus = body.elements("tu") if body is not None else []
    if source_language is None:
        first = next((tuv for tu in tus for tuv in tu.elements("tuv")), None)
        source_language = _language(first) if first is not None else None
    target = _target_language(name, tus, source_language, target_language)
    lines = LineIndex(text)
    units: list[Unit] = []
    slots: list[Slot] = []
    owners: list[Owner] = []
    for number, tu in enumerate(tus, start=1):
        unit, slot, owner = _tu(
            text, name, lines, tu, number, (source_language, target), len(units)
        )
        owners.append(owner)
        units.append(unit)
        slots.append(Slot(len(owners) - 1, slot))
    file = BilingualFile("tmx", source_language, target, tuple(units))
    return XmlLayout(file, tuple(slots), tuple(owners), VOCABULARY)


def _seg(name: str, text: str, tuv: Element) -> Element:
    seg = tuv.first("seg")
    if seg is None:
        raise error_at(name, text, tuv.start, "<tuv> without <seg>")
    return seg


def _tu(
    text: str,
    name: str,
    lines: LineIndex,
    tu: Element,
    number: int,
    languages: tuple[str | None, str],
    index: int,
) -> tuple[Unit, tuple[int, int], Owner]:
    tuvs = tu.elements("tuv")
    source_tuv = next(
        (t for t in tuvs if languages[0] is None or _matches(_language(t), languages[0])), None
    )
    if source_tuv is None:
        raise error_at(name, text, tu.start, f"<tu> without a <tuv> in {languages[0]}")
    target_tuv = next(
        (t for t in tuvs if t is not source_tuv and _matches(_language(t), languages[1])), None
    )
    source_seg = _seg(name, text, source_tuv)
    target_seg = _seg(name, text, target_tuv) if target_tuv is not None else None
    if target_seg is None:
        last = tuvs[-1]
        owner = Owner(
            replace=(last.end, last.end),
            before=break_before(text, lines, last),
            open=f'<{source_tuv.prefix}tuv xml:lang="{languages[1]}"><seg>',
            close="</seg></tuv>",
        )
        content = (last.end, last.end)
    elif target_seg.self_closing:
        start, close = opened(text, target_seg)
        owner = Owner(replace=(target_seg.start, target_seg.end), open=start, close=close)
        content = (target_seg.end, target_seg.end)
    else:
        owner = Owner()
        content = (target_seg.tag_end, target_seg.close_start)
    source, target, tags = assemble(
        content_pieces(text, source_seg, ROLES, _id),
        content_pieces(text, target_seg, ROLES, _id) if owner.replace is None else [],
    )
    unit = Unit(
        index=index,
        id=tu.get("tuid") or str(number),
        source=source,
        target=target,
        target_start=content[0],
        target_end=content[1],
        line=lines.line(content[0]),
        tags=tags,
        state=State.TRANSLATED if target else State.NEW,
        notes=tuple(node_text(text, n) for n in tu.elements("note")),
    )
    return unit, content, owner
