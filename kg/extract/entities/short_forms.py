"""A body or place the document names in full and then writes short is one entity, not two:
``外交部`` after ``中国外交部``, ``选管会`` after ``选举管理委员会``, ``苹果`` after ``苹果日报``, ``三明``
after ``三明市``.  The short mention keeps its extent and its written form (``short_form``) and takes
the full name, so that :func:`kg.resolve.span_key` gives both the same key.

Each rule renames a short mention only where exactly one full name of the document fits it: where
two do (``国务院`` in a story naming ``美国国务院`` and ``俄罗斯国务院``), the short one stays as written.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.spans import Span
from kg.lexicon.gazetteer import gazetteer
from kg.lexicon.jieba_dict import word_tag

__all__ = ["complete_short_bodies", "complete_short_places", "unify_state_offices", "unify_placed_names"]

# What a body's name may open with and still be the body written without it (全国政协 → 政协,
# 中央军委 → 军委), besides a place (中国外交部 → 外交部, 台湾陆委会 → 陆委会).
_NATIONAL_OPENINGS = frozenset(("中国", "中华人民共和国", "中共", "中央", "全国", "国家"))

# The kinds of suffix a company or a paper is written without (苹果日报 → 苹果, UGL公司 → UGL); a
# branch or a head office (分公司, 分行, 总行) is a body of its own.
_DROPPED_SUFFIX_KINDS = frozenset(("company", "media"))
_BRANCH_OPENINGS = ("分", "支", "总")

# What follows a place's short form in its full name (三明 → 三明市, 阿里 → 阿里地区).
_DIVISION_ENDINGS = ("特别行政区", "自治州", "自治县", "自治区", "地区", "街道", "市", "县", "区", "省", "州",
                     "盟", "旗", "镇", "乡")


def complete_short_bodies(spans: list[Span]) -> list[Span]:
    """An organisation written short names the one body of the document whose full name it shortens:
    by its place (``外交部`` of ``中国外交部``), by its legal or paper's ending (``苹果`` of ``苹果日报``),
    as an abbreviation of its words (``选管会`` of ``选举管理委员会``, ``黎真主党`` of ``黎巴嫩真主党``), or
    by its kind alone (``仪仗队`` of ``中国人民解放军仪仗队``) — as a document named in part is
    (:func:`kg.extract.entities.documents.complete_short_documents`).

    >>> spans = [Span(0, 7, "Organization", "选举管理委员会", "suffix"), Span(20, 23, "Organization", "选管会", "tagger"),
    ...          Span(30, 35, "Organization", "中国外交部", "suffix"), Span(40, 43, "Organization", "外交部", "lexicon")]
    >>> [sp.name for sp in complete_short_bodies(spans)]
    ['选举管理委员会', '选举管理委员会', '中国外交部', '中国外交部']
    """
    canonical = {sp.name: sp.attrs.canonical for sp in spans if sp.type == "Organization"}
    if len(canonical) < 2:
        return spans
    # a full name shares the short one's first character or ends in it: only those are read
    by_first: dict[str, list[str]] = {}
    by_last: dict[str, list[str]] = {}
    for name in canonical:
        by_first.setdefault(name[0], []).append(name)
        by_last.setdefault(name[-1], []).append(name)
    full_of: dict[str, str] = {}
    for short in canonical:
        if len(short) >= 2:
            fits = {n for n in by_first.get(short[0], []) + by_last.get(short[-1], [])
                    if len(n) > len(short) and _shortens(short, n)}
            if len(fits) == 1:
                full_of[short] = fits.pop()
    g = gazetteer()
    out = []
    for sp in spans:
        full = full_of.get(sp.name) if sp.type == "Organization" else None
        if full is not None:
            # a unit by its kind alone keeps its own key (海军 the lexicon knows stays that body); a body
            # written short takes the full name's
            key = sp.attrs.canonical if _named_by_kind(g, sp.name) else canonical[full]
            sp = replace(sp, name=full, attrs=replace(sp.attrs, short_form=sp.name, canonical=key))
        out.append(sp)
    return out


def _shortens(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` written without its place, its ending or some of its characters.

    >>> _shortens("陆委会", "台湾陆委会"), _shortens("苹果", "苹果日报"), _shortens("临立会", "临时立法会")
    (True, True, True)
    >>> _shortens("立法会", "立法会内务委员会"), _shortens("香港大学", "香港中文大学"), _shortens("国务院", "美国国务院")
    (False, False, False)
    >>> _shortens("以色列内阁", "以色列安全内阁"), _shortens("东亚银行", "东亚银行总行")
    (False, False)
    """
    g = gazetteer()
    if full.endswith(short):
        opening = full[:-len(short)]
        if opening in _NATIONAL_OPENINGS or _named_by_kind(g, short):
            return True  # (仪仗队 after 中国人民解放军仪仗队: a unit written by its kind alone)
        places = [e for e in g.lookup(opening) if e.kind == "place"]
        if not places:
            return False
        # a body the gazetteer knows by the short name (国务院, 外交部) is China's unless told otherwise
        foreign = all(e.category in ("country", "state", "city") and e.name != "中国" for e in places)
        return not (foreign and any(e.kind == "org" for e in g.lookup(short)))
    if full.startswith(short):
        ending = full[len(short):]
        return not ending.startswith(_BRANCH_OPENINGS) and any(
            e.kind == "org_suffix" and e.category in _DROPPED_SUFFIX_KINDS for e in g.lookup(ending))
    # an abbreviation keeps the first and the last character and drops some between; a name that is a
    # body of its own (香港大学 against 香港中文大学: known, or a body to jieba) is no abbreviation
    return len(short) >= 3 and short[0] == full[0] and short[-1] == full[-1] and _in_order(short, full) \
        and word_tag(short) != "nt" and not any(e.kind in ("org", "org_suffix") for e in g.lookup(short)) \
        and not _place_and_kind(short)


def _place_and_kind(name: str) -> bool:
    """Whether a name is a place and a kind of body, whole (泰国国会, 以色列内阁): a name of its own.

    >>> _place_and_kind("泰国国会"), _place_and_kind("澳联邦议会")
    (True, False)
    """
    g = gazetteer()
    return any(any(e.kind == "place" for e in g.lookup(name[:k])) and
               any(e.kind == "org_suffix" for e in g.lookup(name[k:])) for k in range(2, len(name) - 1))


# The kinds of body that a name made of its kind alone (仪仗队, 海军) stands for.
_NAMED_BY_KIND = frozenset(("unit", "military"))


def _named_by_kind(g, name: str) -> bool:
    """Whether ``name`` is a kind of unit alone (仪仗队), which names the one the document names in full."""
    return any(e.kind == "org_suffix" and e.category in _NAMED_BY_KIND for e in g.lookup(name))


def _in_order(short: str, full: str) -> bool:
    chars = iter(full)
    return all(c in chars for c in short)


def complete_short_places(spans: list[Span]) -> list[Span]:
    """A place the gazetteer does not know by its short form (``三明``, ``石狮``: words of their own
    too) is the division the document names in full (``三明市``, ``石狮市``), where exactly one fits.

    >>> from kg.extract.spans import SpanAttrs
    >>> full = SpanAttrs(full="三明市", level=2, category="division")
    >>> spans = [Span(0, 3, "Place", "三明市", "gazetteer", attrs=full), Span(9, 11, "Place", "三明", "tagger")]
    >>> [sp.attrs.full for sp in complete_short_places(spans)]
    ['三明市', '三明市']
    """
    divisions = {sp.attrs.full: sp.attrs for sp in spans
                 if sp.type == "Place" and sp.attrs.full and sp.attrs.category == "division"}
    if not divisions:
        return spans
    out = []
    for sp in spans:
        if sp.type == "Place" and not sp.attrs.full and len(sp.name) >= 2:
            fits = {sp.name + end for end in _DIVISION_ENDINGS} & divisions.keys()
            if len(fits) == 1:
                the = divisions[fits.pop()]
                sp = replace(sp, attrs=replace(sp.attrs, full=the.full, level=the.level, parent=the.parent,
                                               category=the.category, short_name=sp.name))
        out.append(sp)
    return out


def unify_state_offices(spans: list[Span]) -> list[Span]:
    """The office of a state written with the state's short and its full name (``加蓬总统``,
    ``加蓬共和国总统``) is one office, named as the document names it at its fullest.

    >>> from kg.extract.spans import SpanAttrs
    >>> spans = [Span(0, 7, "Position", "加蓬共和国总统", "title", attrs=SpanAttrs(body="加蓬共和国", title="总统")),
    ...          Span(12, 16, "Position", "加蓬总统", "title", attrs=SpanAttrs(body="加蓬", title="总统"))]
    >>> [sp.name for sp in unify_state_offices(spans)]
    ['加蓬共和国总统', '加蓬共和国总统']
    """
    g = gazetteer()
    offices = [(sp, (state, sp.attrs.title)) for sp in spans if (state := _state_of(g, sp))]
    if not offices:
        return spans
    fullest: dict[tuple[str, str], str] = {}
    for sp, key in offices:
        if len(sp.name) > len(fullest.get(key, "")):
            fullest[key] = sp.name
    renamed = {id(sp): fullest[key] for sp, key in offices if fullest[key] != sp.name}
    return [replace(sp, name=renamed[id(sp)], attrs=replace(sp.attrs, short_form=sp.name)) if id(sp) in renamed else sp
            for sp in spans]


def _state_of(g, sp: Span) -> str:
    """The state whose office a position is, by its body (``加蓬`` for ``加蓬共和国总统``), or ''."""
    if sp.type != "Position" or not sp.attrs.body or sp.name != sp.attrs.body + sp.attrs.title:
        return ""
    return next((e.name for e in g.lookup(sp.attrs.body) if e.kind == "place" and e.category == "country"), "")


def unify_placed_names(spans: list[Span]) -> list[Span]:
    """An office or a body written once after the divisions its place lies in (``山东省单县县委书记``,
    ``湖北省秭归县人民法院``) and once without them (``单县县委书记``) is one entity, named as written
    without them.

    >>> spans = [Span(0, 10, "Position", "山东省单县县委书记", "title"), Span(14, 20, "Position", "单县县委书记", "title")]
    >>> [sp.name for sp in unify_placed_names(spans)]
    ['单县县委书记', '单县县委书记']
    >>> [sp.name for sp in unify_placed_names(spans[:1])]  # written only with its divisions: as written
    ['山东省单县县委书记']
    """
    names = {(sp.type, _key_of(sp)) for sp in spans if sp.type in ("Position", "Organization")}
    if len(names) < 2:
        return spans
    g = gazetteer()
    out = []
    for sp in spans:
        if sp.type in ("Position", "Organization") and not sp.attrs.nested:
            key = _key_of(sp)
            short = _without_divisions(g, key, {rest for type_, rest in names if type_ == sp.type})
            if short:
                attrs = replace(sp.attrs, short_form=sp.name)
                if sp.type == "Organization" and sp.attrs.canonical:
                    attrs = replace(attrs, canonical=short)
                sp = replace(sp, name=short, attrs=attrs)
        out.append(sp)
    return out


def _key_of(sp: Span) -> str:
    return (sp.attrs.canonical if sp.type == "Organization" else None) or sp.name


def _without_divisions(g, name: str, known: set[str]) -> str:
    """``name`` without the divisions that open it, the longest rest of ``known`` that opens with a
    division itself (单县县委书记 of 山东省单县县委书记; not 总统 of 美国总统), or ''."""
    if not any(name[i:] in known for i in range(2, len(name) - 2)):
        return ""  # (most names end in no other of the document: no look-up needed)
    at = _division_at(g, name, 0)
    while at and name[at:] not in known:
        at = _division_at(g, name, at)
    return name[at:] if at and _division_at(g, name, at) else ""


def _division_at(g, name: str, at: int) -> int:
    """The end of the longest Chinese division's name at ``name[at:]`` (not its last characters), or 0."""
    return next((at + n for n in range(min(8, len(name) - at - 2), 1, -1)
                 if any(e.kind == "place" and e.category == "division" for e in g.lookup(name[at:at + n]))), 0)
