"""Helpers shared by tests in several folders (the tests folder is on sys.path; see conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.graph import KnowledgeGraph
from kg.types import Document, Entity, Evidence, Mention, Relation

EVIL = "> <http://evil> ."
HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>",
    'he said "hi" \\ and \\" left',
    "line one\nline two\r\n\ttabbed",
    "'); MATCH (n) DETACH DELETE n; //",
    EVIL,
    "=cmd|' /C calc'!A0",
    "\u202e\u200f右到左\u200e",
    "nul\x00bell\x07esc\x1b[31mdel\x7f",
    '"""triple"""',
    "ends with backslash\\",
]


def hostile_graph() -> KnowledgeGraph:
    """A small graph with every entity type, every relation type, an interval-dated event,
    and names, sentences and ids full of characters that break careless serializers."""
    doc_a = Document("a.txt", "", path="news/a.txt", title="山东省党政代表团来京 " + EVIL,
                     date="2019-07-23", source="大众日报", meta={"url": "http://example.com/a?x=1&y=\"2\""})
    doc_b = Document("新闻/b\n" + EVIL, "", title=HOSTILE_NAMES[1], date="2019-07", source=None)
    a, b = doc_a.id, doc_b.id

    def person(i, name, mentions=()):
        return Entity(f"per-{i}", "Person", name, {"zh-Hans": name, "zh-Hant": name + "繁", "pinyin": "pin yin"},
                      (name + "别名",), mentions)

    people = [person(1, "刘家义", (Mention(a, 10, 13, "劉家義", "Person", "刘家义", "title"),
                                   Mention(b, 0, 3, "刘家义", "Person", "刘家义", "gazetteer"))),
              person(2, "龚正"), person(3, "蔡奇")]
    people += [person(10 + i, name, (Mention(b, 5 + i, 6 + i, name[:1] or "x", "Person", name, "rule"),))
               for i, name in enumerate(HOSTILE_NAMES)]
    entities = people + [
        Entity("org-1", "Organization", "山东省党政代表团", {"zh-Hans": "山东省党政代表团"}, ("代表团", "山东省党政代表团")),
        Entity("org-2", "Organization", "北京市人民政府", {"zh-Hans": "北京市人民政府", "zh-Hant": "北京市人民政府"}),
        Entity("org-3", "Organization", "山东省委", {"zh-Hans": "山东省委"}),
        Entity("plc-1", "Place", "北京市", {"zh-Hans": "北京市", "zh-Hant": "北京市", "pinyin": "bei jing shi"},
               ("北京",), (Mention(a, 20, 23, "北京市", "Place", "北京市", "gazetteer"),)),
        Entity("pos-1", "Position", "山东省委书记", {"zh-Hans": "山东省委书记"}, ("省委书记",),
               attributes={"title": "书记", "body": "山东省委"}),
        Entity("pos-2", "Position", "国务委员", {"zh-Hans": "国务委员"}, attributes={"title": "国务委员"}),
        Entity("doc-1", "Document", "战略合作框架协议 " + EVIL, {"zh-Hans": "战略合作框架协议"}),
        Entity("evt-1", "Event", "山东省党政代表团访问北京市", {"zh-Hans": "山东省党政代表团访问北京市"},
               attributes={"event_type": "visit", "date": "2019-07-21/2019-07-22", "place": "plc-1",
                           "cameo": "042", "roles": [{"role": "guest", "entity": "org-1"},
                                                     {"role": "leader", "entity": "per-1"},
                                                     {"role": "leader", "entity": "per-2"},
                                                     {"role": "host", "entity": "per-3"},
                                                     {"role": "site", "entity": "plc-1"}]}),
        Entity("evt-2", "Event", "签署协议", {"zh-Hans": "签署协议"},
               attributes={"event_type": "signing", "date": "2019-07-22", "place": None, "cameo": "057",
                           "roles": [{"role": "document", "entity": "doc-1"},
                                     {"role": "signatory", "entity": "org-2"}]}),
        Entity("evt-3", "Event", "座谈会", {"zh-Hans": "座谈会"},
               attributes={"event_type": "forum", "date": "2019", "place": "plc-1", "cameo": "040",
                           "roles": [{"role": "attendee", "entity": "per-3"},
                                     {"role": "speaker", "entity": "per-1"}]}),
        Entity("evt-4", "Event", "会见", {"zh-Hans": "会见"},
               attributes={"event_type": "meeting", "date": None, "place": None, "cameo": None,
                           "roles": [{"role": "host", "entity": "per-3"}, {"role": "guest", "entity": "per-1"}]}),
    ]

    def ev(doc, start, text, trigger, confidence=0.85):
        return Evidence(doc, start, start + len(text), text, trigger, confidence)

    sentence = "省委书记刘家义、省长龚正率领山东省党政代表团来到北京市。"
    relations = [
        Relation("rel-1", "leads", "per-1", "org-1", 0.9, (ev(a, 30, sentence, "率领"), ev(b, 1, sentence, "率领"))),
        Relation("rel-2", "leads", "per-2", "org-1", 0.85, (ev(a, 30, sentence, "率领"),)),
        Relation("rel-3", "accompanies", "per-3", "org-1", 0.75, (ev(a, 80, "北京市委书记蔡奇陪同调研。", "陪同", 0.75),)),
        Relation("rel-4", "visits", "org-1", "plc-1", 0.8, (ev(a, 30, sentence, "来到", 0.8),)),
        Relation("rel-5", "signs", "org-2", "doc-1", 0.7, (ev(b, 40, HOSTILE_NAMES[7], "签署", 0.7),)),
        Relation("rel-6", "holds_position", "per-1", "pos-1", 1.0, (ev(a, 30, sentence, None, 1.0),)),
        Relation("rel-7", "attends", "per-3", "evt-3", 0.75, (ev(b, 60, HOSTILE_NAMES[2], "参加", 0.75),)),
        Relation("rel-8", "speaks_at", "per-1", None, 0.6, (ev(b, 70, "刘家义讲话。", "讲话", 0.6),)),
        Relation("rel-9", "meets", "per-3", "per-1", 0.123456789, (ev(b, 90, HOSTILE_NAMES[6], "会见", 1e-05),)),
        Relation("rel-10", "holds_position", "per-12", "pos-2", 1.0, (ev(b, 100, EVIL, None),)),
    ]
    return KnowledgeGraph([doc_a, doc_b], entities, relations)



def without_root_powers(cmd: list[str]) -> list[str]:
    """``cmd``, run so that file permissions bind it: as is for a normal user;
    for root, under ``setpriv`` without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH
    (skip the test when that is not available)."""
    if os.geteuid() != 0:
        return cmd
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root, and no setpriv to drop the capabilities that ignore chmod")
    probe = subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", "--",
                            sys.executable, "-c", "import os; os.listdir('/proc/1/root')"],
                           capture_output=True)
    if probe.returncode == 0:
        pytest.skip("running as root, and setpriv cannot take away root's powers here")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--", *cmd]


ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
D000 = EXAMPLES / "d000-shandong-delegation-beijing.txt"


def entity_mentions(text: str) -> list[tuple[str, str]]:
    """``(type, name)`` of every mention the entity step finds in ``text`` (bare titles left out)."""
    from kg.extract.entities import find_mentions
    from kg.text.normalize import normalize
    from kg.text.segment import segment

    seg = segment("t", normalize(text))
    return [(m.type, m.name) for m in find_mentions(seg) if not m.attrs.bare]


def entity_names(text: str, type_: str) -> set[str]:
    """The names of one type the entity step finds in ``text``."""
    return {n for t, n in entity_mentions(text) if t == type_}
