"""kg.text.ingest: encodings, binary files, metadata, HTML, JSONL, folders and stdin.

Everything here runs on bytes made in the test (or the example articles);
nothing runs the extraction pipeline, so the file stays fast.
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import without_root_powers  # noqa: F401
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.text.ingest import decode, metadata_from_text, parse_html, parse_jsonl, read_file, read_inputs
from kg.types import Document
from tests.conftest import png

ROOT = Path(__file__).resolve().parents[2]
D000 = ROOT / "examples" / "d000-shandong-delegation-beijing.txt"
D000_TEXT = D000.read_text(encoding="utf-8")
SIMPLIFIED = (ROOT / "examples" / "a034.txt").read_text(encoding="utf-8")
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


def encodable(text: str, encoding: str) -> str:
    """``text`` as far as ``encoding`` can carry it: GBK has no NBSP, Big5
    no toned pinyin letters, so those are replaced or dropped (one for one
    where possible)."""
    text = text.replace("\xa0", " ")
    if encoding in ("big5", "cp950"):
        text = re.sub(rf"\([a-z{TONED}]{{1,7}}\)", "", text)

    def ok(c: str) -> bool:
        try:
            c.encode(encoding)
            return True
        except UnicodeEncodeError:
            return False

    return "".join(c for c in text if ok(c))




def elf() -> bytes:
    """The first 64 KB of the running Python interpreter (a real executable)."""
    return Path(os.path.realpath(sys.executable)).read_bytes()[:65536]


# --------------------------------------------------------------------------- decode

GOOD_ENCODINGS = [
    ("utf-8", D000_TEXT, "utf-8"),
    ("utf-8-sig", D000_TEXT, "utf-8"),
    ("utf-16", D000_TEXT, "utf-16"),          # with BOM
    ("utf-16-be", "\ufeff" + D000_TEXT, "utf-16"),
    ("utf-32", D000_TEXT, "utf-32"),
    ("gb18030", D000_TEXT, "gb18030"),        # traditional text, pinyin and NBSP included
    ("gbk", encodable(D000_TEXT, "gbk"), "gb18030"),
    ("gb2312", encodable(SIMPLIFIED, "gb2312"), "gb18030"),
    ("big5", encodable(D000_TEXT, "big5"), "cp950"),
    ("cp950", encodable(D000_TEXT, "cp950"), "cp950"),
    ("gbk", "山东省委书记刘家义", "gb18030"),   # short texts too
    ("big5", "山東省委書記劉家義", "cp950"),
    ("gbk", "北京", "gb18030"),
    ("big5", "北京", "cp950"),
    ("big5", "蔡奇陪同調研。", "cp950"),
    ("utf-16-le", "省委书记刘家义率领山东省党政代表团来到北京市。", "utf-16"),  # no BOM
]


@pytest.mark.parametrize("encoding,text,family", GOOD_ENCODINGS,
                         ids=[f"{e}-{len(t)}" for e, t, _ in GOOD_ENCODINGS])
def test_decode_detects_encoding(encoding, text, family):
    from kg.text.ingest import _decode

    got, used = _decode(text.encode(encoding), "x.txt")
    assert got == text.lstrip("\ufeff")
    assert used.replace("_", "-").startswith(family) or family == "utf-8" and used.startswith("utf-8")


ARTICLES = sorted((ROOT / "examples").glob("*.txt")) + sorted(
    (ROOT.parent / "shared" / "eval" / "dev").glob("*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_decode_real_articles_in_every_encoding(path):
    """Every example and dev article, whole and as its first 30 characters (a
    short file is the hard case), in GB18030, GBK, Big5 (traditional) and
    BOM-less UTF-16, decodes to exactly its text."""
    from kg.text.ingest import _decode
    from kg.text.normalize import to_traditional

    text = path.read_text(encoding="utf-8")
    variants = [("gb18030", text), ("gbk", encodable(text, "gbk")), ("utf-16-le", text),
                ("cp950", encodable(to_traditional(text), "cp950")),
                ("big5", encodable(to_traditional(text), "big5"))]
    for encoding, source in variants:
        for sample in (source, source[:30]):
            assert _decode(sample.encode(encoding), path.name)[0] == sample, (encoding, sample[:30])


BAD_BYTES = [
    (b"", "empty file"),
    (b"   \n\t\r\n  ", "only whitespace"),
    ("\u3000\u3000\n\xa0".encode(), "only whitespace"),            # ideographic spaces
    (b"\xef\xbb\xbf", "only whitespace"),                          # a BOM and nothing
    ("\u200b\ufeff \n".encode(), "only whitespace"),               # zero-width characters
    (png(), "not text: looks like a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "not text: looks like a JPEG image"),
    (b"%PDF-1.7\n%\xe2\xe3", "not text: looks like a PDF file"),
    (b"PK\x03\x04\x14\x00", "not text: looks like a ZIP archive"),
    (b"\x1f\x8b\x08\x00", "not text: looks like a gzip archive"),
    (b"MZ\x90\x00\x03\x00\x00\x00", "not text: looks like an executable"),
    (b"SQLite format 3\x00\x10\x00", "not text: looks like an SQLite database"),
    ("山东省委书记刘家义".encode()[:-1], "truncated UTF-8: the file ends inside a character (byte 24)"),
    ("山东".encode() + b"\xff\xfe" + "刘家义".encode(), "not valid UTF-8 (bad byte at 6)"),
    (bytes(range(256)) * 8, "not text: binary content"),
    (b"text\x01\x02\x03\x04\x05\x06\x07\x08 more" * 40, "not text: binary content (control characters)"),
]


@pytest.mark.parametrize("data,problem", BAD_BYTES, ids=[p[:30] for _, p in BAD_BYTES])
def test_decode_refuses_with_a_message(data, problem):
    with pytest.raises(InputError) as info:
        decode(data, "dir/a.txt")
    assert str(info.value).startswith(f"dir/a.txt: {problem}")
    assert "\n" not in str(info.value)


def test_decode_elf_executable():
    with pytest.raises(InputError, match=r"^py: not text: looks like an executable$"):
        decode(elf(), "py")


@pytest.mark.parametrize("text", ["MZ Corporation announced results.", "BZh is not bzip2 here",
                                  "Hello é".encode("latin-1").decode("latin-1")])
def test_decode_text_that_starts_like_a_binary(text):
    data = text.encode("latin-1")
    assert decode(data) in (text, data.decode("cp1252", "replace"), data.decode("cp1250", "replace"))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=400))
def test_decode_random_bytes_text_or_input_error(data):
    try:
        text = decode(data)
    except InputError as exc:
        assert str(exc).startswith("<input>: ")
    else:
        assert isinstance(text, str) and text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1).filter(lambda t: t.strip() and not t.startswith("\ufeff")))
def test_decode_utf8_round_trip(text):
    data = text.encode("utf-8")
    try:
        assert decode(data) == text
    except InputError as exc:  # only what is really not text is refused
        assert "binary" in str(exc) or "whitespace" in str(exc)


# ------------------------------------------------------------------------- metadata

METADATA = [
    (D000_TEXT, {"title": "山東省黨政代表團到北京市學習", "date": "2019-07-23", "source": "大眾日報·新銳大眾"}),
    ("山东省党政代表团到北京市学习\n\n2019年07月23日 17:43  来源:大众日报·新锐大众\n\n正文。",
     {"title": "山东省党政代表团到北京市学习", "date": "2019-07-23", "source": "大众日报·新锐大众"}),
    ("王沪宁会见越南共产党代表团\n央视网消息（新闻联播）：中共中央政治局常委王沪宁28日在京会见代表团。",
     {"title": "王沪宁会见越南共产党代表团", "source": "央视网"}),
    ("央视网消息（新闻联播）：李强出席会议。\n第二段。", {"source": "央视网"}),
    ("新华社北京7月23日电（记者王小明）习近平会见了代表团。\n第二段。", {"source": "新华社"}),
    ("标题\n新華社北京7月23日電 今天", {"title": "标题", "source": "新華社"}),
    ("一行文字，没有标题。", {}),
    ("这是一个句子。\n这是第二个句子。", {}),                     # a sentence is not a title
    ("2019年07月23日 17:43 来源：人民网\n正文。", {"date": "2019-07-23", "source": "人民网"}),
    ("标题\n二〇一九年七月二十三日\n正文。", {"title": "标题", "date": "2019-07-23"}),
    ("Title in English\nNo Chinese at all.", {"title": "Title in English"}),
]


@pytest.mark.parametrize("text,expected", METADATA, ids=[str(i) for i in range(len(METADATA))])
def test_metadata_from_text(text, expected):
    assert metadata_from_text(text) == expected


def test_metadata_of_example_files():
    got = {d.id: (d.title, d.date, d.source) for d in read_inputs([str(ROOT / "examples")])}
    assert got["d000-shandong-delegation-beijing.txt"] == (
        "山東省黨政代表團到北京市學習", "2019-07-23", "大眾日報·新銳大眾")
    assert got["a027.txt"][2] == "央视网"


# ----------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>山东省党政代表团到北京市学习</title>
<style>body {{ font: 12px }} .x:after {{ content: "样式里的张三丰" }}</style>
<script>var who = "脚本里的王小明"; document.write("<p>写入的李四光</p>");</script>
<script type="application/ld+json">{{"headline": "结构化数据里的赵五"}}</script>
</head><body>
<nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
<!-- 注释里的钱六 -->
<iframe src="ad.html">框架里的孙七</iframe>
<article>
<h1>山东省党政代表团到北京市学习</h1>
<p>2019年07月23日 17:43 来源:大众日报</p>
<p>7月21日至22日，省委书记刘家义，省委副书记、省长龚正率领山东省党政代表团来到北京市&#x5B66;&#x4E60;考察。</p>
<p>北京市委书记蔡奇陪同调研并在工作交流座谈会上讲话，市委副书记、市长陈吉宁参加&amp;出席。
<p>双方签署了<b>战略合作<i>框架</b>协议</i>，&lt;深化&gt;交流合作。
<div><span>未闭合的标签里的文字
<noscript>无脚本提示里的周八</noscript>
<script>alert("脚本里的吴九")</script>
</body>"""


@pytest.mark.parametrize("charset", ["utf-8", "gbk", "gb2312", "big5"])
def test_parse_html_takes_the_article_not_scripts(tmp_path, charset):
    html = PAGE.format(charset=charset)
    if charset == "big5":
        from kg.text.normalize import to_traditional

        html = encodable(to_traditional(html), "cp950")
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp950" if charset == "big5" else charset))
    (doc,) = read_file(path)
    assert isinstance(doc, Document), doc
    text = doc.text
    for absent in ("王小明", "李四光", "张三丰", "赵五", "钱六", "孙七", "周八", "吴九", "<", "&#x"):
        absent = to_traditional(absent) if charset == "big5" else absent
        assert absent not in text.replace("<深化>", ""), (absent, text)
    assert "学习考察" in text  # from &#x5B66;&#x4E60;, in every charset
    expected = ["刘家义", "蔡奇陪同", "参加&出席", "框架协议", "<深化>", "未闭合的标签里的文字"]
    if charset == "big5":
        expected = [to_traditional(e) for e in expected]
    for present in expected:
        assert present in text, (present, text)
    assert doc.title and doc.date == "2019-07-23"


@pytest.mark.parametrize("html", ["<html><body></body></html>", "<html><script>x()</script></html>",
                                  "<!-- only a comment -->", "<html><head><title>t</title></head></html>"])
def test_parse_html_without_text(html):
    with pytest.raises(InputError, match="no article text"):
        parse_html(html, "a.html", "a.html")


def test_parse_html_markup_deeper_than_lxml_goes():
    doc = parse_html("<div>" * 100_000 + "北京市委书记蔡奇" + "</div>" * 100_000, "a.html")
    assert doc.text == "北京市委书记蔡奇"


def test_parse_html_bogus_declared_charset(tmp_path):
    path = tmp_path / "a.html"
    path.write_bytes('<meta charset="x-no-such"><p>北京市委书记蔡奇陪同调研</p>'.encode("gbk"))
    (doc,) = read_file(path)
    assert doc.text == "北京市委书记蔡奇陪同调研" and doc.meta["encoding"] == "gb18030"


def test_parse_html_broken_markup_bare_paragraphs():
    doc = parse_html("<p>刘家义率领代表团<p>来到北京市<div><span>参观<b>考察", "a.html")
    assert all(w in doc.text for w in ("刘家义率领代表团", "来到北京市", "参观", "考察"))


# ---------------------------------------------------------------------------- JSONL

def jsonl_lines(records) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]


JSONL_ERRORS = [
    ('{"id": 1, "text": "北京"', "not valid JSON: expecting ',' delimiter at column 23"),
    ('{"id": "a", "text": "北京', "not valid JSON: unterminated string starting at column 21"),
    ("not json at all", "not valid JSON: expecting value at column 1"),
    ('["a", "b"]', "a record must be a JSON object, not an array"),
    ('"just a string"', "a record must be a JSON object, not a string"),
    ('{"id": "x"}', 'no "text" field'),
    ('{"id": "x", "text": null}', 'no "text" field'),
    ('{"id": "x", "text": 42}', '"text" must be a string, not a number'),
    ('{"id": "x", "text": ["北京"]}', '"text" must be a string, not an array'),
    ('{"id": "x", "text": {"zh": "北京"}}', '"text" must be a string, not an object'),
    ('{"id": "x", "text": true}', '"text" must be a string, not a boolean'),
    ('{"id": "x", "text": "  \\u3000 "}', '"text" is empty'),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON"),  # nesting too deep for the parser
    ('{"id": 1' + "0" * 5000 + ', "text": "北京"}', "not valid JSON"),  # an integer too long
    ('{"id": "x", "text": "北京"} trailing', "not valid JSON"),
]


@pytest.mark.parametrize("line,problem", JSONL_ERRORS, ids=[p for _, p in JSONL_ERRORS])
def test_parse_jsonl_bad_line(line, problem):
    good = '{"id": "ok", "text": "北京"}'
    out = list(parse_jsonl([good, line, good.replace("ok", "ok2")], "c.jsonl"))
    assert [x.id for x in out if isinstance(x, Document)] == ["ok", "ok2"]
    (err,) = [x for x in out if isinstance(x, InputError)]
    assert str(err).startswith(f"c.jsonl:2: {problem}")
    assert err.line == 2 and err.source == "c.jsonl"


def test_parse_jsonl_ids_and_metadata():
    records = [
        {"id": "a", "text": "北京", "title": "标题", "date": "2019-07-23T10:00:00", "url": "http://x",
         "source": "人民网", "tags": ["x"]},
        {"id": 7, "text": "上海"},
        {"text": "广州"},                      # no id: NAME:LINE
        {"id": True, "text": "深圳"},          # a boolean is not an id
        {"id": "  ", "text": "天津"},          # neither is blank
        {"id": "a", "text": "重庆"},           # duplicate: an error on its own line
    ]
    out = list(parse_jsonl(jsonl_lines(records), "/data/c.jsonl", "c.jsonl"))
    docs = [x for x in out if isinstance(x, Document)]
    assert [d.id for d in docs] == ["a", "7", "c.jsonl:3", "c.jsonl:4", "c.jsonl:5"]
    assert (docs[0].title, docs[0].date, docs[0].source) == ("标题", "2019-07-23", "人民网")
    assert docs[0].meta == {"url": "http://x", "tags": ["x"]}
    assert [str(x) for x in out if isinstance(x, InputError)] == ["/data/c.jsonl:6: duplicate id 'a'"]


def test_parse_jsonl_line_separators_inside_strings(tmp_path):
    """U+2028, U+0085 and friends are legal inside JSON strings; the record must
    not be cut there (str.splitlines would)."""
    text = "刘家义\u2028率领\u2029代表团\x85来到\x1c北京市\x0b。"
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\r\n"
                    + json.dumps({"id": "b", "text": "上海"}) + "\n", encoding="utf-8")
    docs = list(read_inputs([str(path)]))
    assert [(d.id, d.text) for d in docs] == [("a", text), ("b", "上海")]


def test_parse_jsonl_lone_surrogates_are_replaced():
    (doc,) = parse_jsonl(['{"id": "a\\ud800", "text": "北京\\udc00市", "note": ["\\udbff"]}'], "c.jsonl")
    assert doc.id == "a\ufffd" and doc.text == "北京\ufffd市" and doc.meta["note"] == ["\ufffd"]
    json.dumps(doc.text, ensure_ascii=False).encode("utf-8")  # can be written out


def test_parse_jsonl_100k_lines_every_bad_line_reported_once():
    """100,000 lines: every good record kept, each bad line reported once, by number."""
    lines, bad = [], {}
    for i in range(1, 100_001):
        kind = i % 1000
        if kind == 1:
            lines.append('{"id": "broken", "text": ')
            bad[i] = "not valid JSON"
        elif kind == 2:
            lines.append(f'{{"id": "m{i}"}}')
            bad[i] = 'no "text" field'
        elif kind == 3:
            lines.append(f'{{"id": "n{i}", "text": 5}}')
            bad[i] = '"text" must be a string'
        elif kind == 4:
            if i > 1000:
                lines.append(f'{{"id": "r{i - 10}", "text": "重复"}}')  # repeats line i-10's id
                bad[i] = "duplicate id"
            else:
                lines.append(f'{{"id": "r{i}", "text": "第{i}条"}}')
        else:
            lines.append(f'{{"id": "r{i}", "text": "第{i}条"}}')
    out = list(parse_jsonl(lines, "big.jsonl"))
    errors = [x for x in out if isinstance(x, InputError)]
    docs = [x for x in out if isinstance(x, Document)]
    assert {e.line: e.problem for e in errors}.keys() == bad.keys()
    assert len(errors) == len(bad) == 399
    assert all(e.problem.startswith(bad[e.line]) for e in errors)
    assert len(docs) == 100_000 - 399 and len({d.id for d in docs}) == len(docs)
    assert docs[-1].text == "第100000条"


# -------------------------------------------------------------------- files, folders


def test_folder_walk_order_ids_and_skips(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("北京", encoding="utf-8")
    (tmp_path / "a.txt").write_text("上海", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>广州</p>", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"id": "j1", "text": "深圳"}\n', encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(png())       # not a text suffix: skipped quietly
    (tmp_path / "program").write_bytes(elf())          # no suffix: skipped quietly
    (tmp_path / ".hidden.txt").write_text("隐藏", encoding="utf-8")
    (tmp_path / ".out.json.123.x.tmp").write_text("{", encoding="utf-8")
    (tmp_path / "fake.txt").write_bytes(png())        # a .txt that is an image: reported
    items = list(read_inputs([str(tmp_path)]))
    assert [x.id if isinstance(x, Document) else str(x) for x in items] == [
        "a.txt", "c.html", "j1", f"{tmp_path}/fake.txt: not text: looks like a PNG image", "b/z.txt"]


def test_gzip_compressed_inputs_are_read_as_what_they_hold(tmp_path):
    import gzip

    (tmp_path / "news.jsonl.gz").write_bytes(gzip.compress(
        '{"id": "j1", "text": "北京"}\n{"id": "j2", "text": "上海"}\n'.encode()))
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress("廣州".encode("big5")))
    (tmp_path / "p.html.gz").write_bytes(gzip.compress("<p>深圳</p>".encode()))
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x", "text": "y"}')[:15])
    (tmp_path / "backup.gz").write_bytes(gzip.compress(b"no suffix inside"))  # skipped quietly
    (tmp_path / "plain.txt.gz").write_text("not compressed after all", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    shown = [(x.id, x.text) if isinstance(x, Document) else str(x) for x in items]
    assert shown[:4] == [("a.txt.gz", "廣州"), f"{tmp_path}/cut.jsonl.gz: not a readable gzip file "
                         "(Compressed file ended before the end-of-stream marker was reached)",
                         ("j1", "北京"), ("j2", "上海")]
    assert shown[4:] == [("p.html.gz", "深圳"), ("plain.txt.gz", "not compressed after all")]


def test_gzip_bomb_is_refused(tmp_path, monkeypatch):
    import gzip

    import kg.text.ingest

    monkeypatch.setattr(kg.text.ingest, "MAX_BYTES", 1000)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"0" * 100_000))
    (err,) = read_inputs([str(tmp_path / "bomb.txt.gz")])
    assert str(err).endswith("too large once decompressed (over 1000 bytes)")


def test_folder_symlink_loop_reported_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("北京", encoding="utf-8")
    os.symlink("..", tmp_path / "sub" / "up")          # a loop
    os.symlink("sub", tmp_path / "again")              # a second link: read once
    os.symlink("missing.txt", tmp_path / "dangling.txt")
    os.symlink("self.txt", tmp_path / "self.txt")      # a link to itself
    items = list(read_inputs([str(tmp_path)]))
    docs = [x.id for x in items if isinstance(x, Document)]
    errors = sorted(str(x) for x in items if isinstance(x, InputError))
    assert docs == ["again/a.txt"]
    assert errors == sorted([f"{tmp_path}/dangling.txt: broken symbolic link",
                             f"{tmp_path}/self.txt: symbolic link loop, skipped",
                             f"{tmp_path}/again/up: symbolic link loop, skipped"])


def test_special_files(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")                   # in a folder: skipped, never opened
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    (tmp_path / "a.txt").write_text("北京", encoding="utf-8")
    try:
        items = list(read_inputs([str(tmp_path), "/dev/zero", str(tmp_path / "nope.txt")]))
    finally:
        sock.close()
    assert [x.id if isinstance(x, Document) else str(x) for x in items] == [
        "a.txt", "/dev/zero: is a device, not a file", f"{tmp_path}/nope.txt: no such file or folder"]


def test_named_pipe_given_by_name_is_read(tmp_path):
    """``kg extract <(cat a.txt)`` passes a pipe: it is read like a file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"printf '刘家义' > '{fifo}'"])
    try:
        (doc,) = read_inputs([str(fifo)])
    finally:
        writer.wait(timeout=10)
    assert doc.text == "刘家义"


def test_undecodable_file_name(tmp_path):
    name = os.fsdecode(b"\xff\xfe-bad.txt")
    (tmp_path / name).write_text("北京", encoding="utf-8")
    (doc,) = read_inputs([str(tmp_path)])
    assert doc.id == "\ufffd\ufffd-bad.txt"
    doc.id.encode("utf-8")


def test_unreadable_file(tmp_path):
    """chmod 000: reported, the rest read.  Root reads anything, so as root the
    reading runs in a child process without the capabilities that let root
    ignore file permissions."""
    (tmp_path / "a.txt").write_text("北京", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("上海", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("广州", encoding="utf-8")
    os.chmod(tmp_path / "secret.txt", 0)
    os.chmod(tmp_path / "locked", 0)
    code = ("import json,sys; from kg.text.ingest import read_inputs; "
            "print(json.dumps([x.id if hasattr(x, 'id') else str(x) for x in read_inputs(sys.argv[1:])]))")
    try:
        proc = subprocess.run(without_root_powers([sys.executable, "-c", code, str(tmp_path)]),
                              capture_output=True, text=True, timeout=120)
    finally:
        os.chmod(tmp_path / "secret.txt", 0o644)
        os.chmod(tmp_path / "locked", 0o755)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["a.txt", f"{tmp_path}/secret.txt: permission denied",
                                       f"{tmp_path}/locked: cannot list folder (Permission denied)"]




def test_duplicate_ids_across_inputs_are_made_unique(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(f"北京{sub}", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "a.txt", "text": "上海"}\n', encoding="utf-8")
    docs = list(read_inputs([str(tmp_path / "x" / "a.txt"), str(tmp_path / "y" / "a.txt"),
                             str(tmp_path / "c.jsonl")]))
    assert [(d.id, d.text, d.meta.get("id_as_read")) for d in docs] == [
        ("a.txt", "北京x", None), ("a.txt#2", "北京y", "a.txt"), ("a.txt#3", "上海", "a.txt")]


@pytest.mark.parametrize("data,expected", [
    ("刘家义率领代表团。".encode(), ("stdin", "刘家义率领代表团。")),
    ('{"id": "j", "text": "北京"}\n'.encode(), ("j", "北京")),
    ("\ufeff{\"id\": \"j\", \"text\": \"北京\"}\n".encode(), ("j", "北京")),
    ("<html><body><p>北京</p></body></html>".encode(), ("stdin", "北京")),
    ("刘家义率领代表团。".encode("gb18030"), ("stdin", "刘家义率领代表团。")),
])
def test_stdin(data, expected):
    (doc,) = read_inputs(["-"], stdin=io.BytesIO(data))
    assert (doc.id, doc.text) == expected


def test_stdin_empty():
    (err,) = read_inputs(["-"], stdin=io.BytesIO(b""))
    assert str(err) == "<stdin>: empty file"


def test_a_crash_on_one_file_does_not_stop_the_others(tmp_path, monkeypatch):
    import kg.text.ingest

    real = kg.text.ingest.parse_text

    def flaky(text, doc_id, *args, **kwargs):
        if doc_id == "b.txt":
            raise RuntimeError("boom")
        return real(text, doc_id, *args, **kwargs)

    monkeypatch.setattr(kg.text.ingest, "parse_text", flaky)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("北京", encoding="utf-8")
    out = [x.id if isinstance(x, Document) else str(x)
           for x in read_inputs([str(tmp_path), str(tmp_path / "c.txt")])]
    assert out == ["a.txt", f"{tmp_path}/b.txt: internal error while reading (RuntimeError: boom)",
                   "c.txt", "c.txt#2"]


def test_file_too_large(tmp_path, monkeypatch):
    import kg.text.ingest

    monkeypatch.setattr(kg.text.ingest, "MAX_BYTES", 10)
    (tmp_path / "a.txt").write_text("北京北京北京北京", encoding="utf-8")
    (err,) = read_inputs([str(tmp_path / "a.txt")])
    assert "too large (24 bytes; the limit is 10)" in str(err)
    (err,) = read_inputs(["-"], stdin=io.BytesIO(b"x" * 11))
    assert str(err) == "<stdin>: too large (over 10 bytes)"


def test_encoding_is_recorded(tmp_path):
    (tmp_path / "g.txt").write_bytes("北京市".encode("gb18030"))
    (tmp_path / "u.txt").write_bytes("北京市".encode())
    docs = {d.id: d for d in read_inputs([str(tmp_path)])}
    assert docs["g.txt"].meta == {"encoding": "gb18030"} and docs["u.txt"].meta == {}


def test_hostile_file_names_are_data(tmp_path):
    names = ["a\nb.txt", "<script>alert(1)<\\script>.txt", "\u202ecod.exe.txt", "x'; DROP TABLE t;--.txt",
             "\x1b[31mred.txt", '"}]}.txt']
    for name in names:
        (tmp_path / name).write_text("北京", encoding="utf-8")
    assert sorted(d.id for d in read_inputs([str(tmp_path)])) == sorted(names)
