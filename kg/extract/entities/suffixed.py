"""Names that end in an organisation or place suffix, grown back over name material
(``北京市`` + ``轨道交通`` + ``指挥中心``; ``亚信科技(中国)`` + ``有限公司``), and the tests that tell
a body named from one only described (``个别银行``, ``外贸公司``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.extract.entities.abbreviations import is_side
from kg.extract.entities.name_shapes import person_name_at
from kg.extract.entities.sentence import (
    AUTONOMOUS,
    CONJUNCTION_CHARS,
    DEMONSTRATIVES,
    FUNCTION_CHARS,
    LEVEL_CHARS,
    QUARTERS,
    SHARED_CHARS,
    SITE_VERBS,
    SentenceView,
    all_han,
    is_han,
    stopwords,
    title_at,
)
from kg.extract.spans import Span, SpanAttrs
from kg.lexicon.gazetteer import Entry, Hit, gazetteer, regional_bodies
from kg.lexicon.jieba_dict import COMMON_WORD_FREQ, word_freq, word_tag

__all__ = ["GOVERNMENTS", "PARTY_ORGANS", "grow_back", "find_suffixed_names"]

_STRONG_ORG = {"company", "brand", "trade", "team", "school", "media", "delegation", "party", "civic", "legislature", "court",
               "hospital"}


# A government is named by its place, which stays a mention of the place (中国 in 中国政府).
GOVERNMENTS = ("政府", "人民政府")

# A body's own party organs (国资委党委, 商务部党组).
PARTY_ORGANS = ("党委", "党组")

# National and central bodies name themselves by these openings (国家测绘局, 中央气象台).
_NATIONAL_OPENINGS = ("国家", "中央", "全国", "中国")

_INTERNATIONAL = ("国际", "世界", "亚洲", "欧洲", "全球")

# A byline in parentheses is no part of a name: (记者聂云)印度海军.
_BYLINES = ("记者", "通讯员", "摄影", "编辑", "实习生", "特约")
# Where a photograph's caption places the people it names ((左起), (右二), (中)): no part of a name.
_CAPTION_PLACES = re.compile("[左右中前后][一二三四五六七八九十]?起?")

# Kinds whose names may contain a verb (字节跳动科技有限公司), as long as they do not start with one.
_VERB_OK = {"company", "school", "civic", "document"}

_LATIN_OK = {"company", "school", "civic", "media"}

# Streets, villages and venues: named places of every day, by words of every kind but verbs.
_SETTLED = ("street", "settlement", "venue")

_NAMED_AFTER_PEOPLE = {"building", "civic", "school", "zone", *_SETTLED}  # (and zones: 于家堡金融区)

# Latin words that name a trade, not a firm (IT公司, P2P平台).
_GENERIC_LATIN = frozenset({"IT", "PC", "AI", "VR", "AR", "APP", "TV", "KTV", "SUV", "GPS", "IPO", "VC", "PE",
                            "P2P", "B2B", "B2C", "O2O", "CEO", "5G", "4G", "3G", "IC", "LED", "DVD", "CD"})


_MAX_NAME = 24

# One-character verbs of leading a delegation (率团, 率…代表团); no word a delegation's name is made of ends in one.
_LEADING = frozenset("率")

# Bodies that belong to one place; another place right after one starts a new name.
_PLACE_BODIES = ("人民政府", "政府", "省委", "市委", "县委", "区委", "党委", "人大常委会", "人大", "政协")


def _word_ok(word: str, kind: str, has_name: bool) -> bool:
    """Whether a word can be part of a name that ends in a suffix of ``kind``:
    nouns and unknown words; verbs only inside company-like names (字节跳动) or
    between names (国家超级计算天津中心); never a person's name or a title.
    A company, outlet, school or society may carry a Latin name (Valve公司)."""
    if word.isascii():
        return kind in _LATIN_OK and word.isalnum() and not word.isdigit() \
            and word.upper() not in _GENERIC_LATIN
    if kind == "delegation" and all_han(word) and title_at(word, 0) == word:
        return True  # 美国国会|议员|代表团, 世界银行|执行董事|访问团: a group of the holders of an office
    if not all_han(word) or word in stopwords() or title_at(word, 0) == word:
        return False
    if any(title_at(word, i) == word[i:] for i in range(1, len(word) - 1)):
        return False  # jieba's word ends in a title (市委|书记 read as one: 宁波市委书记彭佳学会 is no society)
    if len(word) > 1 and (any(c in "的了在到是" for c in word) or word.endswith("为")):
        return False  # jieba's unknown-word guess swallowed a particle (方遒到, 右一为)
    if word == "好":
        return False  # 保护和利用好|历史文化街区: the complement of a verb jieba calls a noun (利用)
    tag = word_tag(word)
    if word in LEVEL_CHARS:
        return True  # 县|人大常委会: the level of a bare body (jieba calls 县 alone a morpheme)
    if kind == "delegation" and len(word) == 2 and word[1] == "方":
        return is_side(word)  # 美方|代表团: a country's side (a measure word to jieba); not 对方, 外方, 双方
    if kind == "zone" and any(e.kind == "place_suffix" for e in gazetteer().lookup(word + "区")):
        return True  # 高新 (an adverb to jieba) names zones as it names 高新区: 航天高新产业园
    if tag is None:
        # jieba's guess joined a conjunction or a verb after a name to it (改革委与|老挝…部, 刘冲率)
        # …同业公会|等商|协会: 等 ends a list, and what follows is the generic word for its items
        return not (len(word) > 1 and (word[-1] in "率赴向对与和及同该此这那每各某" or word[0] == "等")) and (
            kind in _NAMED_AFTER_PEOPLE or person_name_at(word, 0) != len(word))
    if tag.startswith("nr"):
        # 鲁迅纪念馆, 宋庆龄基金会: buildings and societies are named after people; and a city's or a
        # county's name without its 市 or 县 that jieba takes for a person's (寿光|蔬菜高科技示范园,
        # 齐河|党政考察团, 宿松|党政代表团)
        return (kind == "company" and not has_name) or kind in _NAMED_AFTER_PEOPLE or any(
            e.kind == "place" and e.level in (2, 3) for e in gazetteer().lookup(word + "市")) or any(
            e.kind == "place" and e.level == 3 for e in gazetteer().lookup(word + "县"))
    if tag[0] in "nbjsa" or tag in ("vn", "an", "eng"):
        return True
    if tag == "l":
        # a set phrase inside a name (红木家具, 海上丝绸之路博物馆, 一带一路国际合作中心)
        return kind in _VERB_OK or kind in ("unit", "building", "zone")
    if tag == "t" and (word in _NAMING_TIME_WORDS or kind == "company" and word in _TRADING_TIME_WORDS):
        return True  # 前海深港现代服务业合作区: 现代 (a time word to jieba) names what a zone is for
    if tag == "m" and (word.startswith("第") or kind in _SETTLED or kind == "company" and set(word) <= _DIGITS):
        # 第一师范学院, 第三冷轧厂, 草厂四条胡同; a firm's numbered unit (中铁十四局集团, 五矿二十三冶建设集团;
        # a name does not open with the number: see grow_back)
        return True
    if tag[0] == "v":
        # a street or village is never named by a verb (西三环六里桥到|京良路)
        return kind in _VERB_OK or (has_name and kind not in _SETTLED)
    return False


# The digits of a number written in characters.
_DIGITS = frozenset("〇零一二三四五六七八九十百")

# Time words that name what a body or a zone is of (现代农业示范区, 当代艺术馆), not when.
_NAMING_TIME_WORDS = frozenset(("现代", "当代", "近代", "古代", "未来"))
# Time words that trade names take (天天假期旅行社, 春秋航空公司), never a time a report gives.
_TRADING_TIME_WORDS = frozenset(("天天", "假期", "春秋", "春天", "周末", "暑期"))


# Kinds whose names may join two fields by 与 or 及 (沙漠绿化与沙产业发展基地, 国际关系与公共事务学院,
# 消防及救护学院); 和 more often joins two names (…保护区和港口码头).
_TWO_FIELDS = {"site", "school", "zone", "venue", "building"}

# A government department names the fields it covers joined by 和, 与 or 及, and a third by 、
# (文化广电和旅游局, 宪法和法律委员会, 数码发展与新闻部, 教育、青年和体育部).
_DEPARTMENTS = {"party-gov"}
# The last characters of words that name a body, a sitting, a rank or a member, never a field
# (董事局, 机构, 会议, 成员, 高层); and the sittings that end in 会, as 社会 does (立法会大会及全体委员会).
_BODY_OR_MEMBER_ENDS = frozenset("局部院署团组委厅处司办室社议员层士构")
_SITTINGS = ("大会", "全会", "年会", "峰会")


def _joins_two_fields(s: SentenceView, start: int, pos: int, at: int, limit: int, kind: str,
                      has_name: bool) -> bool:
    """Whether the word ``text[start:pos]``, met growing a name back from its suffix at ``at``, is a
    与 or 及 (in a department's name also 和, or a 、 before one of them) that joins two fields
    inside it: a noun or verb of two characters or more before it that ends no name of its own, and
    no name after it (北京大学与清华大学…: two names; 发改委和财政部, 市委和市政府: two bodies)."""
    text = s.text
    if pos - start != 1 or has_name:
        return False
    joiner = text[start]
    if kind in _DEPARTMENTS:
        # a field after the joiner, perhaps inside the word that ends in the suffix (和|旅游局; but
        # 领导小组及|办公室 is a group and its office), and no name before it (发改委和财政部)
        word_end = s.token_starts.get(at, at)
        if not (pos < at or (word_end - at >= 2 and not any(
                e.kind == "org_suffix" for e in gazetteer().lookup(text[at:word_end])))):
            return False
        if s.name_ending.get(start) or text[start - 1:start] in _BODY_OR_MEMBER_ENDS \
                or text.endswith(_SITTINGS, 0, start):
            return False  # (立法会大会及全体委员会, 港铁董事局成员、运输及房屋局: two bodies, a member's)
        if joiner == "、":
            # a third field only between a country and a 和 (伊朗工业、矿业和贸易部)
            opener = s.name_ending.get(s.token_ends.get(start, start))
            if not any(c in "和与及" for c in text[pos:at]) or opener is None or opener[1].kind != "place":
                return False
        elif joiner not in "和与及":
            return False
    elif joiner not in "与及" or kind not in _TWO_FIELDS or pos >= at:
        return False
    before = s.token_ends.get(start)
    if before is None or before < limit or start - before < 2 or any(
            e.kind in ("org_suffix", "place_suffix")
            for k in range(2, start - before + 1) for e in gazetteer().lookup(text[start - k:start])):
        return False  # (…自由贸易试验区及临港新片区: two names; not 系 of 国际关系, one character)
    return (word_tag(text[before:start]) or "n")[0] in "nv" and _word_ok(text[before:start], kind, has_name)


def grow_back(s: SentenceView, at: int, kind: str, limit: int,
               names: Mapping[int, int] | None = None) -> tuple[int, bool]:
    """Grow a name backwards from ``at``; returns its start and whether a
    lexicon name (place or organisation) is part of it.  ``names`` maps the
    ends of further names (organisations found by their suffix) to their starts."""
    pos = at
    has_name = False
    text = s.text
    names = names or {}
    # 北京市委: the place 北京市 shares its last character with the suffix 市委.
    if text[at:at + 1] in LEVEL_CHARS:
        hit = s.name_ending.get(at + 1)
        if hit and hit[1].kind == "place" and hit[0].start < at:
            pos = hit[0].start
            has_name = True
    joined = False  # whether a department's fields were joined (文化广电和旅游局)
    while pos > limit and at - pos < _MAX_NAME:
        if joined and text.startswith(_NATIONAL_OPENINGS, pos) and s.token_starts.get(pos) == pos + 2:
            # 国家粮食和物资储备局: a national department opens with 国家 (应急管理部会同|国家…: what
            # comes before is another body's), or with the country it is of (法国|国家…)
            hit = s.name_ending.get(pos)
            if hit is not None and hit[1].kind == "place" and hit[0].start >= limit:
                pos, has_name = hit[0].start, True
            break
        hit = s.name_ending.get(pos)
        if hit or pos in names:
            is_place = bool(hit) and hit[1].kind == "place"
            pos = hit[0].start if hit else names[pos]
            has_name = True
            if joined and is_place and hit[1].category == "country" and (before := s.token_ends.get(pos)) is not None \
                    and (word_tag(text[before:pos]) or "")[:1] == "v":
                break  # 中央广播电视总台携手|西班牙文化和体育部: the country a ministry is of opens it
            if kind != "document" and is_place and text.endswith(_PLACE_BODIES, limit, pos):
                break  # 北京市人民政府|山东省人民政府: the body of one place ends where the next place begins
            # 中国全国人大与塔议会上院合作协议: a document may join two named parties.
            if kind == "document" and pos - 1 > limit and text[pos - 1] in "与和同" and \
                    (s.name_ending.get(pos - 1) or pos - 1 in names):
                pos -= 1
            continue
        if has_name and text[pos - 1] in "次批" and kind in _ORDINAL_KINDS \
                and (ordinal := _ORDINAL.search(text, max(limit, pos - 8), pos)):
            # 中国第13次北冰洋科学考察队: the expedition's number joins the country that sends it
            sender = s.name_ending.get(ordinal.start())
            if sender is not None and sender[1].kind == "place" and sender[0].start >= limit:
                pos = sender[0].start
            break
        ch = text[pos - 1]
        if ch in _JOINERS and has_name and pos - 1 > limit:
            before = s.name_ending.get(pos - 1)
            if before is not None and before[1].kind == "place" and (
                    before[1].category == "country" or (ch == "·" and before[1].category == "division")):
                # 中国－东盟信息港股份有限公司, 北京·贵阳大数据应用展示中心: two sides joined by a dash
                # (countries) or a middle dot (places) open the name (落实好|中国—东盟…行动计划: nothing
                # before them is of it)
                pos = before[0].start
                break
        if ch == ")":
            close = text.rfind("(", limit, pos)
            inner = text[close + 1:pos - 1] if close >= 0 else ""
            if close >= 0 and 1 <= len(inner) <= 6 and all_han(inner) and not inner.startswith(_BYLINES) \
                    and not _CAPTION_PLACES.fullmatch(inner):
                pos = close
                continue
            break
        if has_name and kind in _NAMES_ONLY:
            break  # 辽宁省委: a party or government body is its place and nothing before it
        if kind == "delegation":
            title = next((h.start for h in s.hits if h.end == pos and limit <= h.start and h.of("title")), None)
            if title is not None:
                pos = title  # 世界银行|执行董事|访问团: an office jieba cuts in two (执行|董事) names the group
                continue
        start = s.token_ends.get(pos)
        if start is None or start < limit:
            break
        if (pos - start >= 3 or pos - start == 2 and text[start] in "及与") and text[start] in FUNCTION_CHARS \
                and word_tag(text[start:pos]) is None:
            if _joins_two_fields(s, start, start + 1, at, limit, kind, has_name):
                pos = start  # (医科|及牙|科学院: the 及 of two fields, whatever jieba glued to it)
                continue
            pos = start + 1  # jieba's guess joined a preposition to the name: 由林达|集团, 及厂|商会
            break
        if pos == at and text[at] in LEVEL_CHARS and text[pos - 1] in CONJUNCTION_CHARS and pos - start >= 2:
            break  # 曹新平和市委副书记 (曹新|平和|市委): a level's bare body after a name and 和
        if kind == "delegation" and text[pos - 1] in _LEADING and pos - start >= 2:
            break  # 黄焕|利率|象山代表团: a leader's last character glued to 率, the verb that leads it
        if kind == "delegation" and text[start] in _LEADING and pos - start >= 2 and word_tag(text[start:pos]) is None \
                and text[start + 1:pos] not in LEVEL_CHARS:
            # 洪南杓|率昌|原市友好代表团: 率 glued to the place that names the group (not 率领; and
            # 率市|党政代表团, the level of the story's own place, is read as it was)
            pos = start + 1
            break
        if _joins_two_fields(s, start, pos, at, limit, kind, has_name):
            pos, joined = start, kind in _DEPARTMENTS
            continue
        if not _word_ok(text[start:pos], kind, has_name) and not (
                kind == "unit" and pos == at and (word_tag(text[start:pos]) or "").startswith("v")):
            break  # (a centre may name what it does right before 中心: 研究开发|中心)
        pos = start
    # A name does not start with a common verb (了解学院, 检阅…仪仗队); a rare one
    # may be a brand (飞腾信息技术有限公司).
    while pos < at:
        end = s.token_starts.get(pos)
        if end is None or end > at or s.name_ending.get(end) or pos in s.name_starts:
            break
        word = text[pos:end]
        tag = word_tag(word)
        if kind == "delegation" and is_side(word):
            break  # 中方|代表团 (中方 a direction to jieba)
        if tag and ((tag[0] == "v" and tag != "vn" and word_freq(word) > 300)
                    or tag[0] in _NEVER_OPENING
                    or (tag == "m" and not word.startswith("第") and not _numbered_settlement(s, end, kind))):
            pos = end  # nor with an adverb, preposition, pronoun or time word (下半场中国队)
        else:
            break
    # 美国队下场打败伊朗队, 内阁拥有日本银行: a verb right before a named part ends what
    # came before (but 国家超级计算天津中心, a national body, keeps its whole name).
    # So does a verb between two places (宁波|援建|兴义|高级职业中学: Ningbo built the school; but
    # 肯尼亚|联合|民主同盟, 巴黎|创新|中心 are names).
    if has_name and not (text.startswith(_NATIONAL_OPENINGS, pos) and s.token_starts.get(pos) == pos + 2):
        i, cut = pos, None
        while i < at and (end := s.token_starts.get(i)) is not None and end <= at:
            tag = word_tag(text[i:end])
            if tag and tag[0] == "v" and tag != "vn" and (end in s.name_starts or (
                    _place_ends_at(s, i) and word_freq(text[i:end]) < _RARE_VERB
                    and _place_like(text[end:s.token_starts.get(end, end)]))) \
                    and not any(n.start < end and i < n.end for n, _ in s.names):
                cut = end
            i = end
        pos = cut or pos
    # 在公司|上海飞机设计研究院: a body's kind alone before a name is the body it belongs to, not
    # the name's opening
    end = s.token_starts.get(pos)
    if has_name and end is not None and end < at and end in s.name_starts \
            and any(e.kind == "org_suffix" for e in gazetteer().lookup(text[pos:end])):
        pos = end
    return pos, has_name


# Below this dictionary frequency a verb is one of deeds (援建, 承建, 捐建), not one names are made
# of (联合, 创新, 协调).
_RARE_VERB = 300


def _place_like(word: str) -> bool:
    """Whether jieba holds ``word`` as a place, or as a rare noun (兴义 27)."""
    tag = word_tag(word)
    return tag == "ns" or (tag == "n" and word_freq(word) < _RARE)


def _place_ends_at(s: SentenceView, pos: int) -> bool:
    """Whether a known place's name ends at ``pos``."""
    hit = s.name_ending.get(pos)
    return hit is not None and hit[1].kind == "place"


def _numbered_settlement(s: SentenceView, after: int, kind: str) -> bool:
    """Whether a number opens a village's or street's name: a word jieba does not know follows
    it (十八|洞村), where a counted common noun would be known (三个|村)."""
    end = s.token_starts.get(after)
    return kind in _SETTLED and end is not None and word_tag(s.text[after:end]) is None


# Dashes and the middle dot that join two sides at the opening of a name (中国－东盟, 北京·贵阳).
_JOINERS = frozenset("-－—–·")

# An expedition's or a team's number between the place that sends it and its name (第13次, 第四批).
_ORDINAL = re.compile("第[0-9０-９一二三四五六七八九十百]{1,4}[次批]$")
_ORDINAL_KINDS = frozenset(("team", "delegation"))

# The bodies of a level (市委, 市政府) whose offices are bodies of their own (市委办公室, 市政府办公室).
_LEVEL_BODIES = frozenset(("委", "政府"))

# Word classes a name never opens with: adverbs, prepositions, conjunctions, pronouns,
# time and direction words, particles.
_NEVER_OPENING = frozenset("dpcrtfu")

# Bodies whose name is their place and the body alone (辽宁省委, 山东省人民政府).
_NAMES_ONLY = {"party-gov-strict", "legislature"}


def _token_start(s: SentenceView, pos: int) -> int | None:
    """Start of the jieba word that contains ``pos``."""
    if pos in s.token_starts:
        return pos
    word = s.word_around.get(pos)
    return word[0] if word else None


def _team_name_ok(material: str) -> bool:
    """A team is a place's (中国队) or has a proper name (国安队), not a common noun (车队)."""
    tag = word_tag(material)
    return tag is None or tag in ("nz", "nt", "j", "nr", "nrt", "ns")


# Function characters that follow a name and that jieba may glue to its last character.
_AFTER_NAME_CHARS = frozenset("的为在是和与将也已对以把被就都还又")


def _suffix_aligned(s: SentenceView, h: Hit) -> bool:
    """Whether a suffix hit stands on word boundaries (部 in 部署 does not)."""
    text = s.text
    end_ok = (h.end >= s.end or h.end in s.token_starts or not is_han(text[h.end])
              or bool(title_at(text, h.end))
              # jieba's guess joined the suffix to a function word after it (苏格兰|队为|自己)
              or (text[h.end] in _AFTER_NAME_CHARS and word_tag(text[h.end - 1:h.end + 1]) is None))
    if not end_ok:
        return False
    if h.start in s.token_starts:
        return True
    hit = s.name_ending.get(h.start) or (s.name_ending.get(h.start + 1) if text[h.start] in LEVEL_CHARS
                                          else None)
    return hit is not None


# Where a place lies beside another, in words jieba does not know: 南邻, 西靠, 北至.
_SIDE_OF = re.compile(r"[东南西北][邻靠至临接侧]")

# Words that count places (四大景区, 两个网吧, 各大商场; not 三亚湾).
_COUNTING = re.compile(r"[一二三四五六七八九十两几各][大个家座处些名所条]")

# Prepositions and verbs of motion that stand before a place without being part of it.
_BEFORE_PLACE_CHARS = frozenset("到至往从在向经沿赴")


def _trim_place_opening(s: SentenceView, start: int, suffix_start: int, kind: str = "") -> int:
    """Drop the words a place name cannot open with: verbs, adjectives, adverbs,
    numbers, distinguishing words and demonstratives (发展家庭牧场, 重要景区, 这座纪念馆,
    四大景区, 步入加拉加斯儿童博物馆 → 加拉加斯儿童博物馆)."""
    text = s.text
    while start < suffix_start and not s.name_ending.get(s.token_starts.get(start, -1)):
        end = s.token_starts.get(start)
        if end is None or end > suffix_start:
            break
        tag = word_tag(text[start:end]) or ""
        if tag == "m" and _numbered_settlement(s, end, kind):
            break  # 十八洞村
        if not (tag[:1] in ("v", "a", "d", "r", "p", "c", "m") or tag == "b" or text[start] in DEMONSTRATIVES
                or _COUNTING.fullmatch(text[start:end])
                or (not tag and _SIDE_OF.fullmatch(text[start:end]))):
            break
        start = end
    return start


# What ends an item of a list or a clause, and what comes before one, where a trade after a brand
# is a company's short name: a site of a visit (参观了九缘食品、中伦纺织等企业).
_ITEM_ENDS = frozenset("、，,。；;：:等和及与")
_SITE_BEFORE = re.compile("(?:、|(?:" + "|".join(SITE_VERBS) + ")了?)$")
# … in a clause that a visit opens (投早、投小、投硬科技 lists no sites).
_VISITED_IN_CLAUSE = re.compile("(?:" + "|".join(SITE_VERBS) + ")[^，,。；;]*$")
# … but not a list of industries (发展高端装备、生物医药、新能源汽车等产业).
_INDUSTRIES = re.compile(r"[^，,。；;：:]*?(?:产业|行业|领域)")

def _listed_as_visited(s: SentenceView, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is an item of the sites a visit lists: right after the visit word or a
    、, in a clause the visit opens, ending where the item does, in no list of industries."""
    text = s.text
    return (text[b:b + 1] in _ITEM_ENDS and _SITE_BEFORE.search(text, s.start, a) is not None
            and _VISITED_IN_CLAUSE.search(text, s.start, a) is not None and not _INDUSTRIES.match(text, b, s.end))


# Kinds of place a province or a country has many of: its name and the kind name none of them.
_OF_A_REGION = frozenset(("口岸",))


def _region_alone(s: SentenceView, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one province, region or country and nothing else (北京, 广西)."""
    hit = s.name_ending.get(end)
    return hit is not None and hit[0].start == start and hit[1].kind == "place" and (
        hit[1].category == "country" or (hit[1].level is not None and hit[1].level <= 1))


def _checked_start(s: SentenceView, h: Hit, e: Entry, start: int, grow_from: int, has_name: bool) -> int | None:
    """Where a name that ends in the suffix ``h`` starts, once the words that
    cannot open it are dropped; None where the words before the suffix do not
    name anything."""
    text = s.text
    if e.category not in _STRONG_ORG and e.kind == "org_suffix" and not has_name \
            and not (e.category.startswith("party-gov") and text.startswith(_NATIONAL_OPENINGS, start)):
        return None
    if e.kind == "org_suffix" and text[h.end:h.end + 1] in ("杯", "赛"):
        return None  # 联盟杯: a competition
    if e.name in _OF_A_REGION and _region_alone(s, start, h.start):
        return None  # 北京口岸: the ports of a province or a country, not one port
    if e.category == "team" and not has_name:
        # a team without a known place is named by the one word before 队 (布莱克本队),
        # and not before a tournament (四国女篮邀请赛)
        start = grow_from if grow_from < h.start else s.token_ends.get(h.start, h.start)
        if start == h.start or not _team_name_ok(text[start:h.start]) or "赛" in text[h.end:h.end + 4]:
            return None
    international = e.category == "civic" and text.startswith(_INTERNATIONAL, start)  # 国际游泳联合会
    if e.category in _DESCRIBED and not has_name and not international and _describes(s, start, h.start):
        return None  # 个别银行, 外贸公司, 行业协会: described, not named
    if e.category == "brand" and _describes(s, start, h.start, places_name=False):
        return None  # 中国钢铁, 房地产: an industry, not a company
    if e.category == "trade" and not (_listed_as_visited(s, start, h.end)
                                      and not _describes(s, start, h.start, places_name=False)):
        return None  # 参观了九缘食品、中伦纺织 as companies; 信息|支援部队, 发展高质量科技, …、新能源汽车等产业 not
    if e.category in _SETTLED and not has_name and (h.start - start < 2 or _describes(s, start, h.start)):
        return None  # 发展新路, 商业街, 新农村, 大型超市: no street, village or venue is named
    if e.category == "site" and not has_name:
        return None  # 能源基地, 科研基地: what a region is for, not a named base (惠普基地, 关岛空军基地)
    if word_tag(text[start:h.end]) in ("f", "s") or (e.name == "部" and text[h.start - 1] in QUARTERS):
        return None  # 西南部, 东北部, 中东部: a direction, not a department
    if e.name == "中心" and s.name_ending.get(h.start) and s.name_ending[h.start][0].start == start:
        return None  # 太平洋中心, 城市中心: the middle of a place
    if (e.category.startswith("party-gov") or e.category in _OPEN_WITH_PLACE) and has_name:
        # 管理部门虹口区教育局, 战胜美国队: a government body or a team opens with its place
        first = min((n.start for n, x in s.names if x.kind == "place" and start <= n.start < h.start),
                    default=start)
        if first > start and _describes(s, start, first):
            start = first
    if e.kind == "place_suffix":
        start = _trim_place_opening(s, start, h.start, e.category)
        if h.start - start < 2:
            return None
    return start


# What opens a Hong Kong or Macao body's name in the regions' own writing (香港保安局, 特区政府发展局).
_REGION_OPENINGS = ("香港", "澳门", "港", "澳", "特区", "政府")
_REGIONS_INSIDE = ("香港", "澳门", "特区", "特别行政区")
# The kinds of place of the two regions' own gazetteer (北角, 氹仔, 沙田区).
_REGIONAL_PLACES = frozenset(("area", "district"))


def _mainland_namesake(s: SentenceView, known: Hit, e: Entry) -> int | None:
    """Where a body's name starts that ends in the name of a Hong Kong or Macao one and opens with a
    place of elsewhere (海南国际经济发展局: not 香港's 发展局), or None."""
    if s.text[known.start:known.end] not in regional_bodies():
        return None
    start, _ = grow_back(s, known.start, e.category, s.start)
    opening = s.text[start:known.start]
    if start >= known.start or opening.startswith(_REGION_OPENINGS) or any(r in opening for r in _REGIONS_INSIDE):
        return None
    # (北角廉政公署: the commission's office in a district of Hong Kong, the regions' own places)
    return start if any(n.start == start and x.kind == "place" and x.category not in _REGIONAL_PLACES
                        and x.parent not in _REGIONS_INSIDE for n, x in s.names) else None


def find_suffixed_names(s: SentenceView) -> list[Span]:
    """Names that end in an organisation or place suffix."""
    out: list[Span] = []
    text = s.text
    # The longest suffix wins at each end position (党政代表团 over 代表团), unless it starts inside a
    # word and a shorter one starts a word (福州新大陆|科技股份|有限公司: 有限公司, which grows back over
    # 股份 to the place that opens the name).
    best: dict[int, tuple[Hit, Entry]] = {}
    aligned: dict[int, tuple[Hit, Entry]] = {}
    for h in s.hits:
        for e in h.entries:
            if e.kind in ("org_suffix", "place_suffix"):
                cur = best.get(h.end)
                if cur is None or h.start < cur[0].start:
                    best[h.end] = (h, e)
                if h.start in s.token_starts and (h.end not in aligned or h.start < aligned[h.end][0].start):
                    aligned[h.end] = (h, e)
                break
    shorter = {end for end, (h, _) in best.items()
               if end in aligned and aligned[end][0] is not h and not _suffix_aligned(s, h)}
    best.update((end, aligned[end]) for end in shorter)
    title_spans = [(t.start, t.end) for t in s.hits if t.of("title")]
    for _, (h, e) in sorted(best.items()):
        if any(a == h.end - 1 and h.start < a and h.end < b for a, b in title_spans):
            continue  # 学校 in 清华大学校长: the title 校长 takes the suffix's last character
        if h.start > s.start and text[h.start - 1] == text[h.start] and any(
                a == h.start and h.end < b for a, b in title_spans):
            continue  # the second 局 of 库务局局长 opens the title 局长, the first ends the body
        # A suffix inside a known name (人民日报 in 人民日报海外版) is not one.
        inside = [n for n, _ in s.names if n.start < h.start < n.end or n.start < h.end < n.end]
        if inside and not (text[h.start] in LEVEL_CHARS and s.name_ending.get(h.start + 1)):
            known = inside[0]
            if known.start < h.start < known.end < h.end and e.kind == "org_suffix":
                # 人民日报社, 新华社澳门分社: the suffix extends a known name
                out.append(Span(known.start, h.end, "Organization", text[known.start:h.end], "suffix",
                                0.8, SpanAttrs(category=e.category, suffix=e.name)))
                continue
            start = _mainland_namesake(s, known, e) if known.end == h.end and e.kind == "org_suffix" else None
            if start is not None:
                out.append(Span(start, h.end, "Organization", text[start:h.end], "suffix", 0.8,
                                SpanAttrs(category=e.category, suffix=e.name)))
            continue
        grow_from, level_body = h.start, False
        if not _suffix_aligned(s, h):
            # 税务局: the suffix ends a word that jieba knows as an organisation
            # or a compound noun with a name-like head of two or more characters (航空公司,
            # 电管局) — not a word whose head is one character (干部, 工厂, 结局)
            head = _token_start(s, h.start)
            token_end = s.token_starts.get(head) if head is not None else None
            title_after = title_at(text, h.start)
            if e.category == "delegation" and head is not None and token_end is not None \
                    and h.start < token_end < h.end and h.end in s.token_ends:
                # 经贸|文化交流|团: a delegation's kind that jieba cut across its words grows from the word
                # it opens inside
                start, _ = grow_back(s, head, e.category, s.start)
                if head - start >= 1 or s.name_ending.get(head):
                    out.append(Span(start, h.end, "Organization", text[start:h.end], "suffix", 0.8,
                                    SpanAttrs(category=e.category, suffix=e.name)))
                continue
            if head is None or head == h.start or (token_end != h.end and not (
                    text[h.start] in SHARED_CHARS and title_after and h.start + len(title_after) == token_end
                    and title_at(text, head) != text[head:token_end])):
                continue  # (but 交通部长, one word of jieba's, holds the body 交通部 and the title 部长)
            if any(title and i + len(title) == h.end
                   for i in range(head, h.start + 1) for title in (title_at(text, i),)):
                continue  # 中央政治局常委: the suffix ends a title
            tag = word_tag(text[head:h.end])
            level_body = e.kind == "org_suffix" and h.start - head == 1 and text[head] in LEVEL_CHARS
            if tag not in ("nt", None) and not level_body and not (
                    tag in ("n", "nz", "j", "l") and h.start - head >= 2 and e.kind == "org_suffix"
                    and not any(title_at(text, i) for i in range(head, h.start))
                    and word_tag(text[h.start - 1:h.end]) in (None, "nt")):
                continue  # (but 省政协, one word of jieba's, is the bare body 政协 of the story's province)
            grow_from = head
            if tag is None and text[head] in _BEFORE_PLACE_CHARS and h.start - head >= 2:
                grow_from = head + 1  # jieba's guess joined a preposition to the name (到京良路)
        start, has_name = grow_back(s, grow_from, e.category, s.start)
        if h.end in shorter and not has_name:
            continue  # (隆基绿能|科技股份|有限公司: no known name opens it; the models may read it)
        if text[start] == "我" and text[start + 1:start + 2] in LEVEL_CHARS and start + 2 <= h.start:
            start += 2  # 我市党政代表团: "our city's" names nothing; the words refer (代表团 …)
        if grow_from != h.start and text[grow_from - 1] in _BEFORE_PLACE_CHARS:
            start = grow_from
        # a known name, or right before the suffix a word jieba's dictionary holds as a
        # place (朝天门|派出所, 日兴|证券)
        before = s.token_ends.get(grow_from)
        has_name = has_name or any(grow_from <= n.start and n.end <= h.start for n, _ in s.names) or (
            e.category != "team" and h.end - h.start >= 2 and before is not None and grow_from - before >= 2
            and word_tag(text[before:grow_from]) == "ns" and word_freq(text[before:grow_from]) < COMMON_WORD_FREQ)
        if grow_from != h.start and not has_name and not level_body \
                and word_tag(text[grow_from:h.end]) not in (None, "nt"):
            continue  # 保险公司, 上市公司: a common noun, unless a name opens it (海南省航空公司)
        if e.category == "legislature" and _party_before(s, start, h.start):
            continue  # 民主党|立法会议员: a member's party and his legislature, two bodies, not one
        material = h.start - start
        typ = "Place" if e.kind == "place_suffix" else "Organization"
        if e.kind == "org_suffix" and not has_name and (
                (material <= 0 and text[h.start] in LEVEL_CHARS and h.end - h.start >= 2)
                or (material == 1 and text[start] in LEVEL_CHARS)
                or (text[start:start + 1] in LEVEL_CHARS and text[start + 1:h.start] in _LEVEL_BODIES)
                or text[start:h.start] in AUTONOMOUS):
            # 省委, 市人大常委会, 市委办公室, 市政府办公室: a body whose place the context supplies.
            out.append(Span(start, h.end, "Organization", text[start:h.end], "bare-body",
                            0.5, SpanAttrs(bare=True, category=e.category)))
            continue
        if material <= 0:
            continue
        start = _checked_start(s, h, e, start, grow_from, has_name)
        if start is None:
            continue
        # 原湖北省政府: a former body is still the body; the prefix is not its name.
        while text[start] in "原前" and start < h.start and not s.name_ending.get(start + 1):
            start += 1
        out.append(Span(start, h.end, typ, text[start:h.end], "suffix", 0.8,
                        SpanAttrs(category=e.category, suffix=e.name)))
    return out


def _party_before(s: SentenceView, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a party's name, as a known name or by its suffix (民主党, 民建联)."""
    return any(n.start == start and n.end == end for n, _ in s.names) and any(
        h.start == start and h.end == end and any(x.category == "party" for x in h.entries) for h in s.hits)


# Kinds of body that common words may describe without naming (个别银行, 一审法院, 行业协会).
_DESCRIBED = {"company", "civic", "court", "hospital", "school", "unit"}

# Kinds of body whose name opens with the place they belong to (北京市人民检察院, 美国队).
_OPEN_WITH_PLACE = {"team", "legislature", "court"}

# Tags of words that name: names, places, organisations, proper nouns, abbreviations, foreign words.
_NAMING_TAGS = ("nr", "ns", "nt", "nz", "j", "eng")

# Below this dictionary frequency a word is rare enough to be a brand (飞腾 85; 贷款 4000).
_RARE = 100


def _describes(s: SentenceView, start: int, end: int, places_name: bool = True) -> bool:
    """Whether the words before a suffix only describe the body (国内|银行, 大型|国有|银行,
    房产|中介|公司) instead of naming it: none is unknown to jieba, rare (飞腾, 本钢),
    a name or a Latin word — nor, unless ``places_name`` is false, a place (中国|钢铁
    is an industry, not a company)."""
    places = {h.start: h.end for h, e in s.names if e.kind == "place"} if not places_name else {}
    pos = start
    while pos < end:
        if places.get(pos, end + 1) <= end:
            pos = places[pos]
            continue
        stop = s.token_starts.get(pos)
        if stop is None:
            return False
        if stop > end and word_tag(s.text[pos:stop]) is None:
            return False  # a word jieba does not know joined to the suffix (十八|洞村): a name's
        stop = min(stop, end)  # jieba may join the last word to the suffix (外贸公司)
        word = s.text[pos:stop]
        tag = word_tag(word)
        naming = tag is None or tag.startswith(_NAMING_TAGS) or word.isascii() or word_freq(word) < _RARE
        if naming and (places_name or tag != "ns"):
            return False
        pos = stop
    return True
