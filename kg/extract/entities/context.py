"""The story's places and foreign parties, which complete abbreviated bodies and titles:
``省委书记`` in a Shandong story is ``山东省委书记``; ``中央总书记`` before a Greek party's
delegation is that party's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from kg.extract.entities.delegations import delegation_words
from kg.extract.entities.sentence import AUTONOMOUS, TO_ABBREVIATED_PLACE, TRAVEL_VERBS, SentenceView, title_level
from kg.extract.spans import Span
from kg.lexicon.gazetteer import gazetteer, is_country, ruling_parties

__all__ = ["StoryContext", "central_committee", "country_of_party", "foreign_parties", "party_country"]

# Councils besides the Legislative Council whose members a story may call 议员 alone.
_OTHER_COUNCILS = ("市议员", "市议会", "区议员", "区议会", "议会议员")


# A head's titles, then 和/与/同 and the name of the partner: 总书记和…, 总书记、国家主席同….
_SECOND_HEAD = re.compile(r"总书记(?:、[^，。、；]{2,6})*[和与同][^，。、；]{2,8}$")

# Words only a story of Hong Kong's or Macao's own government writes (经济特区 is no region).
_SAR_GOVERNMENT = ("特区政府", "特别行政区", "特首")
# A new area (滨海新区, 浦东新区), whose party committee keeps its level in its name (滨海新区区委).
_NEW_AREA = "新区"


class StoryContext:
    """Places seen in the document, to complete abbreviated bodies and titles."""

    def __init__(self, text: str, places: list[Span], parties: list[str]):
        self.text = text
        self.places = sorted(places, key=lambda p: p.start)
        self.parties = parties
        self._cache: dict = {}

    def _nearest(self, s: SentenceView, ok: Callable[[Span], bool], at: int | None = None,
                 name: Callable[[Span], str] = lambda p: p.name) -> str:
        """The place nearest to the sentence that ``ok`` accepts: before ``at``
        in the sentence, else first in it, else the last before it, else the first."""
        key = ok.__code__  # one sorted candidate list per kind of place asked for
        if key not in self._cache:
            cands = [p for p in self.places if ok(p)]
            self._cache[key] = (cands, [p.start for p in cands])
        cands, starts = self._cache[key]
        if not cands:
            return ""
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        if lo < hi:
            if at is not None:
                k = bisect_left(starts, at, lo, hi)
                if k > lo:
                    return name(cands[k - 1])
            return name(cands[lo])
        if lo > 0:
            return name(cands[lo - 1])
        return name(cands[0])

    def province(self, s: SentenceView, at: int | None = None) -> str:
        """The province a bare 省委/省长 belongs to: a province the sentence
        names, or whose cities it names (汕头、揭阳 are in 广东省); else the
        nearest such before it; else the first in the document."""
        return self._nearest(s, self._home_province_evidence, at, _province_of)

    def _home_province_evidence(self, p: Span) -> bool:
        """A province or a city of one, but not a city a delegation is said to come to (以省委书记陆浩为团长
        的我省党政代表团…抵达广州: the guests' 省委 is not 广东's)."""
        if not _province_evidence(p):
            return False
        if p.attrs.level != 2 or not self.text.endswith(_COMING, 0, p.start):
            return True
        before = self.text[max(0, p.start - _DELEGATION_REACH):p.start]
        before = before[before.rfind("。") + 1:]
        return not any(w in before for w in (*delegation_words(), *_LEADING_A_GROUP))

    def city(self, s: SentenceView, at: int | None = None) -> str:
        # a city written without 市 (来绍考察 … 绍兴) only where the story writes no city with it
        # and a county-level city (满洲里市, 潜江市) only where the story names no greater one
        # — or where the greater one is the guests' home and the sentence names the county-level city
        # the delegation comes to before the title, and no greater one (来扶余考察。扶余市人大常委会主任
        # 周凤来、市委副书记刘英杰, the guests coming from 舟山市普陀区)
        # — or where the sentence opens a list of its officials with it, and names no other city before
        # the title (新密市委书记陈春梅，市长程洋: 新密市's, whatever greater city the story names elsewhere)
        city = (self._nearest(s, _full_city, at) or self._nearest(s, _short_city, at, lambda p: p.attrs.full)
                or self._nearest(s, _county_city, at, lambda p: p.attrs.full or p.name))
        if at is not None and not self._before_in_sentence(s, _full_city, at) \
                and not self._before_in_sentence(s, _short_city, at):
            county_city = self._before_in_sentence(s, _county_city, at)
            if county_city is not None and (self._comes_to(county_city) and city in self._homes()
                                            or self._opens_offices(s, county_city)):
                return county_city.attrs.full or county_city.name
        return city

    def _opens_offices(self, s: SentenceView, place: Span) -> bool:
        """Whether a sentence's list of offices opens with ``place`` as the body of the first (新密市委书记
        陈春梅，市长…), with no city's office written before it (市委常委、寿光市委书记孙明亮，市委秘书长…:
        寿光市 is one office of a greater city's man)."""
        return self.text.startswith(_ITS_OFFICES, place.end) \
            and _CITY_OFFICE.search(self.text, s.start, place.start) is None

    def _comes_to(self, place: Span) -> bool:
        """Whether a delegation comes to ``place`` in the story (来扶余考察, 赴扶余市), which no delegation
        of the story comes from."""
        full = place.attrs.full or place.name
        if full in self._homes():
            return False
        short = place.attrs.short_name or full[:-1]  # (the short name opens the full one)
        at = self.text.find(short)
        while at >= 0:
            if self.text.endswith(_COMING, 0, at):
                return True
            at = self.text.find(short, at + 1)
        return False

    def _before_in_sentence(self, s: SentenceView, ok: Callable[[Span], bool], at: int) -> Span | None:
        """The last place ``ok`` accepts that the sentence names before ``at``, or None."""
        k = bisect_left(self.places, at, key=lambda p: p.start)
        while k > 0 and self.places[k - 1].start >= s.start:
            k -= 1
            if ok(self.places[k]):
                return self.places[k]
        return None

    def county(self, s: SentenceView, at: int | None = None) -> str:
        return self._nearest(s, lambda p: p.name.endswith("县") and p.attrs.level == 3, at)

    def district(self, s: SentenceView, at: int | None = None) -> str:
        return self._nearest(s, lambda p: p.name.endswith("区") and p.attrs.level == 3, at)

    def prefecture(self, s: SentenceView, at: int | None = None) -> str:
        """The prefecture a bare 州委 or 州长 belongs to, named as the press writes it with 州
        (迪庆 or 迪庆藏族自治州 → 迪庆州); a city (昭通市) is none."""
        return self._nearest(s, _prefecture, at, _prefecture_name)

    def region(self, s: SentenceView, at: int | None = None) -> str:
        """The region (香港特别行政区, 澳门特别行政区) nearest to the sentence, as :meth:`_nearest`
        finds places — but one written after ``at`` only to name its head is a guest of the story,
        not its region (行政长官林郑月娥率团赴京…澳门特区行政长官崔世安亦会出席)."""
        if "regions" not in self._cache:
            self._cache["regions"] = [p for p in self.places
                                      if p.attrs.full in ("香港特别行政区", "澳门特别行政区")]
        regions = self._cache["regions"]
        pos = s.start if at is None else at
        before = [p for p in regions if p.start < pos]
        if before and before[-1].start >= s.start:
            return before[-1].name  # before it in the sentence
        after = (p for p in regions if p.start >= pos and not _HEAD_OF_REGION_RE.match(self.text, p.end))
        first = next(after, None)
        if first is not None and first.start < s.end:
            return first.name  # in the sentence, after it
        if before:
            return before[-1].name
        return first.name if first is not None else ""

    def government_region(self, s: SentenceView, at: int | None = None) -> str:
        """The region whose government the story's bare bureaus belong to: the region it names
        nearest, else, in a story of a region's government that names neither as a place (特区政府
        代表团到访广州和深圳: 离港, 粤港澳), the region it writes more often; else ''."""
        region = self.region(s, at)
        if region:
            return region
        if "sar-story" not in self._cache:
            self._cache["sar-story"] = any(w in self.text for w in _SAR_GOVERNMENT)
        return self._written_region() if self._cache["sar-story"] else ""

    def _story_place(self, level: str, s: SentenceView, at: int | None = None) -> str:
        """The story's own place of a level (省, 市, 县, 区, 州): the sentence's nearest before ``at``
        (吉林省委书记…，省委副书记 is 吉林's, whatever place opened the sentence), else its first — but
        for a host who receives a delegation (会见, 陪同), never the delegation's home: the one
        other place of the level the story names, if there is just one."""
        place = {"省": self.province, "市": self.city, "县": self.county, "区": self.district,
                 "州": self.prefecture}[level](s, at)
        if not place or at is None:
            return place
        role, homes = self.role(s, at), self._homes()
        told_by_guests = self._told_by_guests(level)
        if told_by_guests and place not in homes and not self._named_before(place, s, at):
            # 赴绵阳市考察…看望我市援建人员。市委副书记李强陪同: the reporter's city, the delegation's
            return next(home for home in homes if home.endswith(level))
        if place in homes and (role == "host" or (role is None and self._host_side())) and not told_by_guests \
                and not (role is None and self._opens_list(place, s, at)):
            # (安庆市人大常委会主任周东明，市政协主席章松…参加考察: a list its own office opens is the
            # guests' place's, in a story told by the hosts too)
            if level == "省" and self._visit_within(place):
                return place  # 阿坝州党政代表团来蓉考察 … 省委常委黄新初会见: hosts and guests share 四川省
            others = {p for p in self._level_places(level) if p not in homes}
            place = others.pop() if len(others) == 1 else ""
            # 来潍考察 … 寿光市委书记: the host written by its first character is 潍坊市, whose county-level
            # city the story names, not that city
            abbreviated = self._abbreviated_host(level)
            if abbreviated and not place.startswith(abbreviated[0]):
                place = abbreviated
        elif place not in homes and role == "guest" and not self._opens_list(place, s, at):
            # 江苏省委书记罗志军陪同…，省委书记强卫、省长鹿心社率团: the leaders are the delegation's
            # (but 北京市委书记尹力，市委副书记、市长殷勇…率队: a list the place's own office opens is its)
            own = {p for p in self._level_places(level) if p in homes}
            place = own.pop() if len(own) == 1 else place
        if place and place not in homes and role != "host" and self._destination(place, s, at):
            # 市委书记刘建国率市党政代表团赴湖州市, 县长章文静…赴凤台县: where he goes is not his place; his
            # is the one other place of the level the story names (…赴新疆…。…对山西援疆工作给予肯定), if any
            others = {p for p in self._level_places(level) if p != place and p not in homes}
            place = others.pop() if len(others) == 1 else ""
        if place and role != "host" and place not in homes and self._our_delegation_goes_to(level, place):
            # 以省委书记陆浩为团长…的我省党政代表团…抵达广州: the province it goes to is its hosts', and
            # the reporter's own, its home, goes unnamed
            place = ""
        return place

    def _opens_list(self, place: str, s: SentenceView, at: int) -> bool:
        """Whether the sentence names ``place`` before ``at`` as the body of an office that opens a list
        of offices and names running on to ``at``, with no verb between (北京市委书记尹力，市委副书记、市长…)."""
        return any(s.start <= p.start < at and place in (p.name, p.attrs.full)
                   and self.text.startswith(_ITS_OFFICES, p.end) and _HOST_OR_GUEST.search(self.text, p.end, at) is None
                   for p in self.places)

    def _our_delegation_goes_to(self, level: str, place: str) -> bool:
        """Whether the story's delegation is the reporter's own (我省党政代表团), whose home of the
        level the story never names, and it travels to ``place`` or to a place in it (抵达广州: 广东省)."""
        if "our-delegation" not in self._cache:
            self._cache["our-delegation"] = _OUR_DELEGATION.search(self.text) is not None
        if not self._cache["our-delegation"] or any(h.endswith(level) for h in self._homes()):
            return False
        return any(place in (p.name, p.attrs.full, p.attrs.parent, _province_of(p))
                   and self.text.endswith(_ARRIVING_AT, 0, p.start) for p in self.places)

    def _visit_within(self, province: str) -> bool:
        """Whether the story's delegations come from places in ``province`` without being the province
        (阿坝州党政代表团) and go to a place the story names in it too (来蓉考察: 成都市, 四川省's)."""
        if ("within", province) not in self._cache:
            homes = self._home_places()
            self._cache[("within", province)] = (
                bool(homes) and all(_province_of(p) == province and p.attrs.level != 1 for p in homes)
                and any(_province_of(p) == province and p.attrs.level != 1 and p.name not in self._homes()
                        and p.attrs.full not in self._homes() for p in self.places))
        return self._cache[("within", province)]

    def _named_before(self, place: str, s: SentenceView, at: int) -> bool:
        """Whether the sentence names ``place`` before ``at`` (绵阳市委书记张三，市委副书记…)."""
        return any(s.start <= p.start < at and place in (p.name, p.attrs.full) for p in self.places)

    def _destination(self, place: str, s: SentenceView, at: int) -> bool:
        """Whether the sentence names ``place`` after ``at`` as where someone travels to (赴湖州市)."""
        return any(s.start <= p.start < s.end and p.start > at and place in (p.name, p.attrs.full)
                   and _TRAVEL_TO.search(self.text, at, p.start) for p in self.places)

    def _abbreviated_host(self, level: str) -> str:
        """The place of ``level`` a story of hosts names by its first character (来潍考察): the one such
        place the story names, or the one such place that holds a place it names (潍坊市 of 寿光市)."""
        if ("abbreviated", level) not in self._cache:
            firsts = {m.group(1) for m in TO_ABBREVIATED_PLACE.finditer(self.text)}
            found = {name for p in self.places for name in (p.attrs.full or p.name, p.attrs.parent or "")
                     if (name[:1] in firsts or p.attrs.abbreviation) and name.endswith(level)
                     and name not in self._homes()}
            self._cache[("abbreviated", level)] = found.pop() if len(found) == 1 else ""
        return self._cache[("abbreviated", level)]

    def _host_side(self) -> bool:
        """Whether the story is told by its hosts: the delegation comes to 我市, or to a place the
        story names by its first character (来杭考察) and no delegation comes from."""
        if "host-side" not in self._cache:
            homes = self._homes()
            firsts = {p.name[0] for p in self.places if p.name not in homes and p.attrs.full not in homes}
            # (来津考察: a place the story writes only by its standard abbreviation counts too)
            self._cache["host-side"] = bool(TO_OUR_PLACE.search(self.text)) or any(
                p.attrs.abbreviation and p.name not in homes for p in self.places) or any(
                m.group(1) in firsts for m in TO_ABBREVIATED_PLACE.finditer(self.text))
        return self._cache["host-side"]

    def _told_by_guests(self, level: str) -> bool:
        """Whether the story is told by the delegation's own press, whose bare titles are its own
        officials' even where they accompany (我市援建人员 … 市委副书记李强陪同检查: 我市 is the
        delegation's home, the story never comes to 我市, stays in it or comes to another place, and
        the delegations of the story come from one place of the level)."""
        if ("guests", level) not in self._cache:
            homes = self._homes()
            ours = {m.group(1) for m in _OUR_PLACE.finditer(self.text)} | self._dateline_levels(homes)
            # (来济宁市考察: the reporter is where the delegation comes, whatever 我市 is)
            comes_here = any(self.text.endswith(("来", "来到"), 0, p.start) for p in self.places
                             if p.name not in homes and p.attrs.full not in homes)
            self._cache[("guests", level)] = (
                level in ours and not comes_here and not self._host_side() and not _IN_OUR_PLACE.search(self.text)
                and len({home for home in homes if home.endswith(level)}) == 1)
        return self._cache[("guests", level)]

    def _dateline_levels(self, homes: frozenset[str]) -> set[str]:
        """The levels of the delegation's homes the paper's own dateline is in (本报杭州11月29日讯 in a
        story of 浙江省代表团: 省), as 我省 would say: the story is told by the guests' press."""
        m = _DATELINE.search(self.text, 0, _DATELINE_WITHIN)
        if m is None:
            return set()
        at = [p for p in self.places if p.start == m.start(1)]
        return {home[-1] for p in at for home in homes
                if home[-1] in "省市区县州" and home in (p.name, p.attrs.full, p.attrs.parent, _province_of(p))}

    def _homes(self) -> frozenset[str]:
        """The places delegations of the story come from (长治市 of 长治市党政考察团; 西藏自治区 and
        山南市 of 西藏山南市党政代表团), by the names the story's places are written and their full names,
        and the city a home district is written in (舟山市 of 浙江省舟山市普陀区 where 普陀区党政代表团 comes)."""
        if "homes" not in self._cache:
            homes = set()
            for p in self._home_places():
                homes |= {p.name, p.attrs.full, _province_of(p)} - {""}
            districts = [h for h in homes if h.endswith(("区", "县"))]
            chains = [p for p in self.places if p.attrs.level == 3 and not p.attrs.nested
                      and any(p.name.endswith(h) and p.name != h for h in districts)]
            homes |= {q.name for p in chains for q in self.places
                      if p.start <= q.start and q.end <= p.end and _full_city(q)}
            self._cache["homes"] = frozenset(homes)
        return self._cache["homes"]

    def _home_places(self) -> list[Span]:
        """The places the story's delegations are named after (长治市党政考察团), as written, and the
        places of the offices of men who lead a group the story does not name (铜陵市委副书记赵振华率
        考察团来到马鞍山市: 铜陵市)."""
        if "home-places" not in self._cache:
            # (来皖考察的西藏山南市党政代表团: where a delegation comes is never its home)
            self._cache["home-places"] = [p for p in self.places if not p.attrs.abbreviation
                                          and (_DELEGATION_AFTER.match(self.text, p.end)
                                               or _LEADER_AFTER.match(self.text, p.end))]
        return self._cache["home-places"]

    def _level_places(self, level: str) -> set[str]:
        """The story's places of a level, by their full names."""
        if level == "省":
            return {_province_of(p) for p in self.places if _province_evidence(p) and _province_of(p)}
        ending = {"市": "市", "州": "市", "县": "县", "区": "区"}[level]
        # (潜江市, a county-level city, is a 市 too; sets of one type, which the compiled module needs)
        wanted = {1, 2, 3} if ending == "市" else {3}
        return {p.attrs.full or p.name for p in self.places
                if (p.attrs.full or p.name).endswith(ending) and p.attrs.level in wanted}

    def role(self, s: SentenceView, at: int) -> str | None:
        """Whose the title at ``at`` is by the first verb after it: a host's (``"host"``) where it
        receives (会见, 陪同), a guest's (``"guest"``) where it leads (率领), else None."""
        m = _HOST_OR_GUEST.search(self.text, at, s.end)
        return None if m is None else "host" if m.group(1) is not None else "guest"

    def complete_body(self, bare: str, s: SentenceView, at: int | None = None) -> str:
        """省委 -> 山东省委; 市人大常委会 -> 北京市人大常委会; 自治区党委 -> 新疆维吾尔自治区党委;
        区委 -> 滨海新区区委."""
        for region in AUTONOMOUS:
            if bare.startswith(region):
                place = self._autonomous_place(region, s, at)
                return place + bare[len(region):] if place else ""
        level_char = bare[0]
        place = self._story_place(level_char, s, at)
        if not place or not place.endswith(level_char):
            return ""
        # (a new area's committee keeps its level: 滨海新区区委, as 浦东新区区委)
        return place + bare if place.endswith(_NEW_AREA) else place + bare[1:]

    def complete_title(self, title: str, s: SentenceView, at: int) -> str:
        """The body a bare title implies: 省长 → 山东省, 总书记 → 中共中央."""
        for region in AUTONOMOUS:
            if title.startswith(region):
                return self._autonomous_place(region, s, at)  # 自治区主席: never 安徽省's
        level = title_level(title)
        if level:
            # like 省委 in 省委书记: the story's place of the level (see _story_place)
            return self._story_place(level, s, at)
        if title in ("行政长官", "候任行政长官", "特首"):
            # (澳门特区行政长官崔世安 … 行政长官崔世安: the head the story named with his region)
            holder = self.text[at + len(title):at + len(title) + 2]
            return self._heads_of_regions().get(holder) or self.region(s, at) or self._written_region()
        if title == "议员" and self._legislative_council_story():
            return "立法会"
        if title == "总书记":
            # 在习近平总书记和阮富仲总书记战略引领下, 习近平总书记、国家主席同通伦总书记: the second is
            # the foreign party's.
            if _SECOND_HEAD.search(self.text, max(s.start, at - 16), at):
                return central_committee(self.parties[0]) if self.parties else ""  # (越共中央总书记)
            return "中共中央"
        return ""

    def _autonomous_place(self, region: str, s: SentenceView, at: int | None) -> str:
        """The autonomous region (``region`` 自治区) or prefecture (自治州) a bare 自治区党委 or 自治区主席
        belongs to: the story's own if it is one, else the one such place the story names, or ''."""
        place = self._story_place(title_level(region), s, at)
        if place.endswith(region):
            return place
        others = {p for p in self._level_places("省")
                  if p.endswith(region)} if region == "自治区" else set()
        return others.pop() if len(others) == 1 else ""

    def _heads_of_regions(self) -> dict[str, str]:
        """The first two characters of each head the story names with his region's name
        (澳门特区行政长官崔世安: 崔世 → 澳门特别行政区)."""
        if "heads" not in self._cache:
            self._cache["heads"] = {
                self.text[m.end():m.end() + 2]: m.group(1) + "特别行政区"
                for m in re.finditer("(香港|澳门)" + _HEAD_OF_REGION, self.text)}
        return self._cache["heads"]

    def _written_region(self) -> str:
        """Where no place names a region, the one the article writes more often (澳门特区政府 …); an
        article that writes neither is Hong Kong's: its press writes 特首 and 行政长官 alone.  A region
        written only in its own head's title (澳门特区行政长官崔世安亦会出席) is the other one's guest,
        not the story's region.

        >>> StoryContext("行政长官林郑月娥率团赴京。澳门特区行政长官崔世安亦会出席。", [], [])._written_region()
        '香港特别行政区'
        """
        if "region" not in self._cache:
            def written(region: str) -> int:
                return self.text.count(region) - len(re.findall(region + _HEAD_OF_REGION, self.text))

            macao = written("澳门") > written("香港")
            self._cache["region"] = "澳门特别行政区" if macao else "香港特别行政区"
        return self._cache["region"]

    def _legislative_council_story(self) -> bool:
        """Whether a bare 议员 is a member of the Legislative Council (议员毛孟静): the story names
        the council and no other councillors (高雄市议员 visiting Hong Kong), whose a bare 议员 may be."""
        if "legco" not in self._cache:
            self._cache["legco"] = "立法会" in self.text and not any(w in self.text for w in _OTHER_COUNCILS)
        return self._cache["legco"]

    @staticmethod
    def place_of(body: str) -> str:
        """The place an organisation belongs to: 山东省委 -> 山东省."""
        g = gazetteer()
        for n in range(len(body) - 1, 1, -1):
            for e in g.lookup(body[:n]):
                if e.kind == "place":
                    return body[:n]
        return ""


# A region's head, after the region's name (澳门特区行政长官, 香港特别行政区政府行政长官).
_HEAD_OF_REGION = "(?:特区|特别行政区)?(?:政府)?(?:行政长官|特首)"
_HEAD_OF_REGION_RE = re.compile(_HEAD_OF_REGION)

# A delegation's name after a place (长治市党政考察团, 西藏山南市党政代表团): the place is its home.
# (not across 与, 和: 安徽省与西藏山南市党政代表团 is the host and its guests)
# (not across a verb of receiving or leading either: 武汉市市长周先旺会见了代表团 names the host;
# nor of giving, sending or inviting: 盐城市给予代表团的热情接待, 派出代表团, 邀请代表团)
_DELEGATION_AFTER = re.compile(r"(?:(?!会见|会晤|陪同|迎接|接待|欢迎|宴请|看望|率|带领|了|给|派|邀)"
                               r"[^，。、,;；\s与和同及跟向对])"
                               r"{0,8}?(?:党政|政府)?(?:代表团|考察团|访问团)")
# After a place, its offices and a man who leads an unnamed group (市委副书记赵振华率考察团, 县委书记
# 曹晓革率队): the offices open right after the place, and nothing but offices (listed with 、) and
# the name stand before the verb.
_LEADER_AFTER = re.compile(r"(?:市委|县委|区委|省委|州委)?(?:(?!会见|会晤|陪同|迎接|接待|欢迎|宴请|看望|了)"
                           r"[^，。,;；\s与和同及跟0-9])"
                           r"{0,24}?(?:书记|市长|县长|区长|省长|州长)"
                           r"[\u4e00-\u9fff]{2,3}(?:率领|带领|率)(?:队|[^，。]{0,6}?(?:考察团|代表团|访问团|参访团))")

# The first verb after a title: one of receiving a delegation (the holder hosts), or of leading it.
_HOST_OR_GUEST = re.compile(r"(陪同|会见|会晤|迎接|接待|欢迎|宴请|看望)|率|带领|带队")
# A verb of travel between a leader's title and the place the delegation goes to (率…赴湖州市), and
# 到 and 访问, which here follow a leader's title (到湖州市考察, 访问湖州市), not a name
_TRAVEL_TO = re.compile("|".join((*TRAVEL_VERBS, "到", "访问")))
# A verb of coming right before a place (来扶余考察, 来到扶余市, 赴扶余市).
_COMING = ("来", "到", *TRAVEL_VERBS)
# How far before the city it comes to a sentence names a delegation (delegation_words.txt) or a group
# led (率团, 率队).
_DELEGATION_REACH = 80
_LEADING_A_GROUP = ("率团", "率队")
# What follows a place that is the body of an office written after it (新密市委书记, 新密市长).
_ITS_OFFICES = ("委", "长", "副市长", "人大", "政府", "人民政府", "政协")
_CITY_OFFICE = re.compile("市(?:" + "|".join(_ITS_OFFICES) + ")")


#: A delegation coming to the reporter's own place (来我市考察: the level in group 1); one coming to
#: a place written by one character is :data:`~kg.extract.entities.sentence.TO_ABBREVIATED_PLACE`.
TO_OUR_PLACE = re.compile(r"(?<=[来到赴])我([省市区县州])")
# The reporter's own place (我市), and the reporter's place as where a delegation is or goes (在我市
# 期间, 回访我市, 莅临我市, 考察我市).
_OUR_PLACE = re.compile(r"我([省市区县州])")
# The paper's own dateline (本报杭州11月29日讯, 本报讯 names none), near the story's start.
_DATELINE = re.compile(r"本报([\u4e00-\u9fff]{2,4}?)[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日(?:电|讯)")
_DATELINE_WITHIN = 200
_IN_OUR_PLACE = re.compile(r"[来到赴抵在访临察]我[省市区县州]")
# The reporter's own delegation (我省党政代表团, 我市代表团).
_OUR_DELEGATION = re.compile(r"我[省市区县州](?:党政|政府)?(?:代表团|考察团|访问团)")
# Verbs of arriving at a place, right before it (抵达广州, 到达广州, 赴湖州市).
_ARRIVING_AT = (*_COMING, "到达")


def _province_evidence(p: Span) -> bool:
    return p.name.endswith(("省", "自治区")) or _short_province(p) or (
        p.attrs.level == 2 and p.attrs.parent.endswith(("省", "自治区")))


def _short_province(p: Span) -> bool:
    """A province written without 省 (安徽, 西藏): the gazetteer's level 1 with a full name."""
    return p.attrs.level == 1 and (p.attrs.full or "").endswith(("省", "自治区"))


def _full_city(p: Span) -> bool:
    return p.name.endswith("市") and (9 if p.attrs.level is None else p.attrs.level) <= 2


def _county_city(p: Span) -> bool:
    return p.attrs.level == 3 and (p.attrs.full or p.name).endswith("市")


def _prefecture(p: Span) -> bool:
    return p.attrs.level == 2 and (p.attrs.full or p.name).endswith("州") and not p.name.endswith("市")


def _prefecture_name(p: Span) -> str:
    """迪庆 and 迪庆藏族自治州 → 迪庆州, as titles write it (迪庆州委书记); 海西州 as it is."""
    if p.name.endswith("州") and not p.name.endswith("自治州"):
        return p.name
    short = p.attrs.short_name or p.name
    return short + "州" if not short.endswith("州") else short


def _short_city(p: Span) -> bool:
    """A city written without 市 (绍兴, 贵阳): the gazetteer's level 1 or 2 with a full name in 市."""
    return p.attrs.level in (1, 2) and (p.attrs.full or "").endswith("市") and not p.name.endswith("市")


def _province_of(p: Span) -> str:
    if p.name.endswith(("省", "自治区")):
        return p.name
    return p.attrs.full if _short_province(p) else p.attrs.parent


def _place_of_prefix(name: str) -> str:
    """The country or place a name starts with (希腊新民主党 -> 希腊), or ''."""
    g = gazetteer()
    for n in range(min(len(name) - 1, 10), 1, -1):
        if any(e.kind == "place" for e in g.lookup(name[:n])):
            return name[:n]
    return ""


def party_country(org: Span) -> str:
    """The country of a foreign party (越共 → 越南, 朝鲜劳动党 → 朝鲜), or '' for any other body.

    >>> party_country(Span(0, 5, "Organization", "朝鲜劳动党", "x"))
    '朝鲜'
    >>> from kg.extract.spans import SpanAttrs
    >>> party_country(Span(0, 3, "Organization", "致公党", "x", SpanAttrs(canonical="中国致公党")))
    ''
    >>> party_country(Span(0, 4, "Organization", "中国共产党", "x")), party_country(Span(0, 4, "Organization", "越南政府", "x"))
    ('', '')
    """
    return country_of_party(org.attrs.canonical or org.name) if org.type == "Organization" else ""


def country_of_party(name: str) -> str:
    """The country of a foreign party by its name, written in full or short (越共 → 越南), or ''.

    >>> country_of_party("越共"), country_of_party("老挝人民革命党"), country_of_party("中共")
    ('越南', '老挝', '')
    """
    full = next((e.parent for e in gazetteer().lookup(name) if e.kind == "org" and e.parent), name)
    if not full.endswith("党") or full in ("中国共产党", "中共"):
        return ""
    place = _place_of_prefix(full)  # (中国农工民主党 is China's own: none of a foreign country)
    return place if place != "中国" and is_country(place) else ""


def central_committee(party: str) -> str:
    """A party's central committee, whose head a 总书记 is — as the ruling parties' table writes its
    head's body (朝鲜劳动党总书记 heads the party itself).

    >>> central_committee("越南共产党"), central_committee("越共中央"), central_committee("朝鲜劳动党中央")
    ('越南共产党中央', '越共中央', '朝鲜劳动党')
    """
    bare = party[:-2] if party.endswith("中央") else party
    if any(body == bare for body, _ in ruling_parties().values()):
        return bare
    return party if party.endswith("中央") else party + "中央"


def foreign_parties(text: str, spans: list[Span]) -> list[str]:
    """Foreign parties the document names (越南共产党), with their central body
    when it is named (越南共产党中央)."""
    out = []
    for sp in spans:
        if sp.type != "Organization" or sp.attrs.category not in ("party", "delegation"):
            continue  # (越南共产党代表团: the party's delegation names the party)
        m = re.match(r"(.+?(?:共产党|劳动党|人民革命党))", sp.name) or re.match(r"(.+?党)(?:代表团)?$", sp.name)
        if not m or m.group(1) in ("中国共产党", "中共") or not _place_of_prefix(m.group(1)):
            continue
        party = m.group(1)
        if party + "中央" in text and party + "中央" not in out:
            party = party + "中央"
        if party not in out:
            out.append(party)
    return out
