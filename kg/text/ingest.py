"""Read articles from files, folders and standard input.

``.txt`` files, ``.html``/``.htm`` pages (the article text, not the menus
and scripts), ``.jsonl`` files with one ``{"id", "text", ...}`` record a
line, any of them gzip-compressed (``.jsonl.gz``), folders (walked recursively, in sorted order) and ``-`` for standard
input.  Encodings are detected, not assumed: a BOM wins, then strict UTF-8,
then GB18030 (GBK), Big5 and BOM-less UTF-16, whichever reads most like
Chinese, then ``charset-normalizer`` for other languages' code pages.
Document ids are unique within a run; names from input (file names, JSONL
ids) are data, never paths to write to (see :func:`kg.io.safe_child`).

:func:`read_inputs` yields :class:`~kg.types.Document` values and, for what
cannot be read, :class:`~kg.errors.InputError` values naming the file (and
line) and the problem, so one bad document never stops the others.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.text.dates import iso_date, publication_date
from kg.types import Document

__all__ = ["KnownFile", "read_inputs", "read_file", "decode", "parse_text", "parse_html", "parse_jsonl",
           "metadata_from_text", "content_suffix", "is_input_file"]

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: Files over this size are refused (a 50 MB article is read; a 2 GB one is an accident).
MAX_BYTES = 512 * 1024 * 1024

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Magic numbers of common binary files that a corpus folder may hold.
_MAGIC = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive"), (b"\x7fELF", "an executable"),
          (b"\x1f\x8b", "a gzip archive"), (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
          (b"SQLite format 3\x00", "an SQLite database"), (b"\xd0\xcf\x11\xe0", "an Office document"))


def decode(data: bytes, source: str = "<input>", hint: str | None = None) -> str:
    """Decode bytes of any common encoding to text, or raise :class:`InputError`.

    ``hint`` is an encoding the file declares (an HTML ``<meta charset>``);
    it is used when the bytes are valid in it.

    >>> decode("山東".encode("big5"))
    '山東'
    >>> decode("山东省党政代表团".encode("gbk"))
    '山东省党政代表团'
    >>> decode(b"\\xe5\\xb1\\xb1\\xe4\\xb8")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: <input>: truncated UTF-8: the file ends inside a character (byte 3)
    """
    return _decode(data, source, hint)[0]


def _decode(data: bytes, source: str, hint: str | None = None) -> tuple[str, str]:
    """The text and the name of the encoding it was read in."""
    if not data:
        raise InputError("empty file", source)
    text, encoding = None, None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name).lstrip("\ufeff"), name
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {name} after its byte-order mark "
                                 f"(byte {exc.start})", source) from None
            break
    if text is None:
        what = _magic(data)
        if what:
            raise InputError(f"not text: looks like {what}", source)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding = _detect(data, source, exc, hint)
    if _blank(text):
        raise InputError("only whitespace", source)
    if _looks_binary(text):
        raise InputError("not text: binary content (control characters)", source)
    return text, encoding


def _magic(data: bytes) -> str | None:
    """What a binary file is, from its first bytes (None for text)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    # "MZ" and "BZh" also start ordinary words: check the header further.
    if data.startswith(b"MZ") and b"\x00" in data[2:64]:
        return "an executable"
    if data.startswith(b"BZh") and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    return None


_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _blank(text: str) -> bool:
    return all(c.isspace() or c in _INVISIBLE for c in text)


#: Candidate encodings of a Chinese file that is not UTF-8, in order of preference.
_CJK_ENCODINGS = ("gb18030", "cp950", "big5hkscs")
#: A decoding whose non-ASCII characters score at least this is clearly Chinese
#: (real articles score 1.6-2.0; mojibake and other languages 1.3 at most).
_CLEARLY_CHINESE = 1.4
_DECLARED = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
             "gb_2312-80": "gb18030", "euc-cn": "gb18030", "big5": "cp950", "big-5": "cp950",
             "x-x-big5": "cp950", "big5-hkscs": "big5hkscs"}


def _detect(data: bytes, source: str, utf8_error: UnicodeDecodeError,
            hint: str | None) -> tuple[str, str]:
    # Truncated UTF-8 is UTF-8 with its last character cut: say so rather than
    # letting a detector guess another code page.
    # (Only when the rest holds UTF-8 characters: one Latin-1 letter at the end
    # of ASCII text looks the same.)
    if (utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data"
            and any(b >= 0x80 for b in data[:utf8_error.start])):
        raise InputError(f"truncated UTF-8: the file ends inside a character (byte {utf8_error.start})",
                         source)
    if hint:
        encoding = _DECLARED.get(hint.lower(), hint.lower())
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass  # pages often declare a charset they are not in
    nul = b"\x00" in data[:4096]
    candidates = () if nul else _CJK_ENCODINGS
    if len(data) % 2 == 0:  # UTF-16 without a byte-order mark
        candidates += ("utf-16-le", "utf-16-be")
    best: tuple[float, str, str] | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _chinese_score(text)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is not None and best[0] >= _CLEARLY_CHINESE:
        return best[1], best[2]
    if nul:
        raise InputError("not text: binary content (NUL bytes)", source)
    found = _detect_other(data)
    if found is not None:
        return found
    if best is not None and best[0] >= 0.5:
        return best[1], best[2]
    raise InputError(f"not valid UTF-8 (bad byte at {utf8_error.start}), nor GB18030, Big5 "
                     "or another known encoding", source)


#: Encodings other than Chinese ones worth telling apart (European, Cyrillic,
#: Greek, Hebrew, Arabic, Thai, Japanese and Korean code pages).
_OTHER_ENCODINGS = ["cp1252", "cp1250", "cp1251", "koi8_r", "cp1253", "cp1254", "cp1255", "cp1256",
                    "cp874", "cp932", "euc_jp", "euc_kr", "utf_16"]


def _detect_other(data: bytes) -> tuple[str, str] | None:
    """Non-Chinese encodings (Latin, Cyrillic, Japanese...), by charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1 << 20], cp_isolation=_OTHER_ENCODINGS).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


@cache
def _char_weight(c: str) -> float:
    """How plausible a character is in Chinese text (mojibake scores low).

    Frequent hanzi (GB2312 level 1, Big5 common set) score highest; rare
    hanzi, kana, symbols and half-width katakana (typical mojibake) low.
    """
    o = ord(c)
    if 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or c in _CJK_PUNCT:
        return 1.0
    if not ("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"):
        mojibake = 0xFF61 <= o <= 0xFF9F or 0xE000 <= o <= 0xF8FF or o < 0xA0
        return -2.0 if mojibake else -0.5
    try:
        b = c.encode("gb2312")
        return 2.0 if 0xB0 <= b[0] <= 0xD7 else 0.5
    except UnicodeEncodeError:
        pass
    try:
        b = c.encode("big5")
        return 1.5 if 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E else 0.25
    except UnicodeEncodeError:
        return -0.5


_CJK_PUNCT = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü·—“”‘’…、\xa0")


def _chinese_score(text: str) -> float:
    """Mean plausibility of the non-ASCII characters of ``text`` (a sample)."""
    sample = [c for c in text[:50_000] if c >= "\x80"][:20_000]
    if not sample:
        return 0.0
    return sum(_char_weight(c) for c in sample) / len(sample)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / len(sample) > 0.05


# ------------------------------------------------------------------------ metadata

# Both scripts are matched, so traditional-script copies (來源, 央視網) are read too.
_SOURCE = re.compile(r"[来來]源\s*[:：]\s*([^\s|｜/,，]{2,30})")
_CCTV = re.compile(r"\s*([\u4e00-\u9fff]{2,8}(?:网|網|社|台|臺|报|報))(?:消息|讯|訊|电|電)")
_DATELINE = re.compile(r"(新华社|新華社|中新社|中新网|中新網|人民网|人民網|央视网|央視網)"
                       r"[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日[电電]")
_HEAD_CHARS = 1000
_MAYBE_NOISE = re.compile(r"[(（?\ufffd]")


def metadata_from_text(text: str) -> dict[str, str]:
    """Title, date and source outlet read from the top of an article.

    The title and source are given as written (traditional script stays
    traditional), without pinyin annotations.

    >>> metadata_from_text("山東省黨政代表團到北京市學(xué)習(xí)\\n\\n2019年07月23日 17:43  來源:大眾日報·新銳大眾\\n正文")
    {'title': '山東省黨政代表團到北京市學習', 'date': '2019-07-23', 'source': '大眾日報·新銳大眾'}
    >>> metadata_from_text("王沪宁会见越南共产党代表团\\n央视网消息（新闻联播）：中共中央政治局常委王沪宁28日在京会见代表团。")
    {'title': '王沪宁会见越南共产党代表团', 'source': '央视网'}
    """
    head = text[:_HEAD_CHARS]
    meta: dict[str, str] = {}
    lines = _lines(head)
    if len(lines) > 1:
        first = head[slice(*lines[0])]
        if (len(first) <= 80 and not first.endswith(("。", ".", "！", "？", "!", "?"))
                and not _SOURCE.search(first) and any(c.isalpha() for c in first)):
            meta["title"] = _without_noise(first)
    date = publication_date(text)
    if date:
        meta["date"] = date
    m = _SOURCE.search(head)
    if m is None:
        for a, b in lines[:4]:
            m = _CCTV.match(head, a, b) or _DATELINE.search(head, a, b)
            if m:
                break
    if m is not None:
        meta["source"] = _without_noise(m.group(1))
    return meta


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``, stripped."""
    from kg.text.segment import trim_span

    spans = (trim_span(text, *m.span()) for m in re.finditer(r"[^\r\n]+", text))
    return [(a, b) for a, b in spans if b > a]


def _without_noise(text: str) -> str:
    """``text`` as written, minus the pinyin annotations that normalization
    drops (``學(xué)習`` → ``學習``); script and width are kept."""
    if not _MAYBE_NOISE.search(text):
        return text
    from kg.text.normalize import normalize

    norm = normalize(text)
    return "".join(text[i] for i in norm.origin).strip()


# -------------------------------------------------------------------------- parsers


def parse_text(text: str, doc_id: str, path: str | None = None,
               meta: dict | None = None) -> Document:
    """A plain-text article, with title, date and source read from its top.

    >>> d = parse_text("标题\\n2019年07月23日 来源:人民网\\n正文。", "a.txt")
    >>> d.title, d.date, d.source
    ('标题', '2019-07-23', '人民网')
    """
    found = metadata_from_text(text)
    return Document(id=doc_id, text=text, path=path, title=found.get("title"),
                    date=found.get("date"), source=found.get("source"), meta=dict(meta or {}))


#: Elements whose text is never article text (trafilatura already drops
#: scripts, styles and comments; iframe and noscript fallbacks it keeps).
_PRUNE = ["//iframe", "//noscript", "//template", "//object", "//embed", "//frameset"]


def parse_html(html: str, doc_id: str, path: str | None = None,
               meta: dict | None = None) -> Document:
    """The article text of an HTML page (trafilatura), with its metadata.

    Scripts, styles, menus and comments are dropped; character references
    (``&#x5B66;``) are decoded.  When trafilatura finds no main text (a page
    of bare paragraphs), all visible text is taken.

    >>> parse_html("<html><body><script>x()</script><p>北京&#x5B66;习</p></body></html>", "a").text
    '北京学习'
    """
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True,
                                   favor_recall=True, deduplicate=False, prune_xpath=_PRUNE)
        found = trafilatura.extract_metadata(html, extensive=False)  # extensive loads dateparser: 10 s+
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        text, found = None, None
    if not text or not text.strip():
        text = _visible_text(html)
    if not text.strip():
        text = _bare_text(html)  # markup too deep for lxml (it stops at 256 levels)
    if not text.strip():
        raise InputError("no article text in the HTML page", path or doc_id)
    from_text = metadata_from_text(text)
    title = getattr(found, "title", None) or from_text.get("title")
    # The article's own dateline first: htmldate guesses (a bare year becomes 1 January).
    date = from_text.get("date") or iso_date(getattr(found, "date", None))
    source = getattr(found, "sitename", None) or from_text.get("source")
    meta = dict(meta or {})
    if getattr(found, "url", None):
        meta["url"] = found.url
    return Document(id=doc_id, text=text, path=path, title=title, date=date, source=source, meta=meta)


_INVISIBLE_ELEMENTS = re.compile(r"(?is)<(script|style|noscript|iframe|template|head)\b.*?</\1\s*>")


def _visible_text(html: str) -> str:
    """All visible text of a page, one line per block (the fallback)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml refuses empty and some broken documents
        return _bare_text(html)
    for bad in root.xpath("//script|//style|//noscript|//iframe|//template|//head"):
        if bad.getparent() is not None:
            bad.drop_tree()  # keeps the text that follows the element (its tail)
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def _bare_text(html: str) -> str:
    """The text of a page by pattern alone: invisible elements, comments and
    tags removed, character references decoded (the last resort)."""
    import html as html_lib

    bare = re.sub(r"<[^>]*>", "\n", _INVISIBLE_ELEMENTS.sub("\n", re.sub(r"(?s)<!--.*?-->", "", html)))
    return "\n".join(ln.strip() for ln in html_lib.unescape(bare).splitlines() if ln.strip())


def parse_jsonl(lines: Iterable[str], source: str, name: str | None = None
                ) -> Iterator[Document | InputError]:
    """Documents of a JSONL stream, and an error for each bad line.

    A record needs a string ``text``; its ``id`` (or ``NAME:LINE``, where
    ``NAME`` defaults to ``source``) names it; ``title``, ``date``, ``source``
    become metadata, any other field is kept in ``meta``.  A repeated id is
    an error on the line that repeats it.  Lines are split on ``\\n`` only:
    JSON strings may hold U+2028 and other characters that
    :meth:`str.splitlines` would cut at.

    >>> [str(x) if isinstance(x, InputError) else x.id
    ...  for x in parse_jsonl(['{"id": "a", "text": "北京"}', '{"id": "a", "text": "上海"}', '{'], "c.jsonl")]
    ['a', "c.jsonl:2: duplicate id 'a'", 'c.jsonl:3: not valid JSON: expecting property name enclosed in double quotes at column 2']
    """
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        item = _record(line, source, number, name or source)
        if isinstance(item, Document):
            if item.id in seen:
                item = InputError(f"duplicate id {item.id!r}", source, number)
            else:
                seen.add(item.id)
        yield item


_SURROGATE_ESCAPE = re.compile(r"\\[uU][dD][89a-fA-F]")


def _record(line: str, source: str, number: int, name: str) -> Document | InputError:
    """The document of one JSONL line, or the error that line is."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # exc.msg is cut before its position ("Unterminated string starting at"): say where
        where = f"column {exc.colno}"
        problem = f"{exc.msg} {where}" if exc.msg.endswith(" at") else f"{exc.msg} at {where}"
        return InputError(f"not valid JSON: {problem[:1].lower()}{problem[1:]}", source, number)
    except (ValueError, RecursionError) as exc:  # nesting too deep, numbers too long
        return InputError(f"not valid JSON ({type(exc).__name__})", source, number)
    if not isinstance(record, dict):
        return InputError(f"a record must be a JSON object, not {_json_type(record)}", source, number)
    if _SURROGATE_ESCAPE.search(line):
        record = _scrub(record)  # lone surrogates cannot be written out as UTF-8
    text = record.get("text")
    if text is None:
        return InputError('no "text" field', source, number)
    if not isinstance(text, str):
        return InputError(f'"text" must be a string, not {_json_type(text)}', source, number)
    if _blank(text):
        return InputError('"text" is empty', source, number)
    raw_id = record.get("id")
    if isinstance(raw_id, str) and raw_id.strip() or type(raw_id) is int:
        doc_id = str(raw_id)
    else:
        doc_id = f"{name}:{number}"
    found = metadata_from_text(text)
    extra = {k: v for k, v in record.items() if k not in ("id", "text", "title", "date", "source")}
    title, src, date = record.get("title"), record.get("source"), record.get("date")
    return Document(id=doc_id, text=text, path=source,
                    title=title if isinstance(title, str) else found.get("title"),
                    date=iso_date(date) if isinstance(date, str) else found.get("date"),
                    source=src if isinstance(src, str) else found.get("source"), meta=extra)


def _json_type(value) -> str:
    return {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number",
            bool: "a boolean", type(None): "null"}.get(type(value), type(value).__name__)


def _scrub(value):
    """``value`` with lone surrogates in its strings replaced by U+FFFD
    (one for one, so offsets into a text stay valid)."""
    if isinstance(value, str):
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------- files


def _kind(path: Path) -> str:
    suffix = content_suffix(path)
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text"


def content_suffix(path: Path) -> str:
    """The suffix that says what a file holds, ``.gz`` set aside.

    >>> content_suffix(Path("news.JSONL.gz")), content_suffix(Path("a.txt")), content_suffix(Path("x.gz"))
    ('.jsonl', '.txt', '')
    """
    suffixes = [x.lower() for x in path.suffixes]
    if suffixes[-1:] == [".gz"]:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _shown(name: str) -> str:
    """A file name as text that can be written out: bytes that are not UTF-8
    (kept by Python as lone surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_file(path: str | os.PathLike, doc_id: str | None = None) -> Iterator[Document | InputError]:
    """Documents (or errors) of one file, by its suffix.

    >>> [d.id for d in read_file("examples/a034.txt")]
    ['a034.txt']
    """
    p = Path(path)
    name = _shown(str(path))
    doc_id = _shown(doc_id or p.name)
    try:
        data = _read_bytes(p, name)
    except InputError as exc:
        yield exc
        return
    yield from _parse_bytes(data, _kind(p), doc_id, name)


def _read_bytes(p: Path, name: str) -> bytes:
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a folder", name)
        if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
            raise InputError("is a device, not a file", name)
        if st.st_size > MAX_BYTES:
            raise InputError(f"too large ({st.st_size} bytes; the limit is {MAX_BYTES})", name)
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # a pipe has no size: bound the read itself
    except PermissionError:
        raise InputError("permission denied", name) from None
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except IsADirectoryError:
        raise InputError("is a folder", name) from None
    except OSError as exc:
        problem = "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot read ({exc.strerror or exc})"
        raise InputError(problem, name) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"too large (over {MAX_BYTES} bytes)", name)
    if data.startswith(_GZIP) and p.suffix.lower() == ".gz":
        return _gunzip(data, name)
    return data


_GZIP = b"\x1f\x8b"


def _gunzip(data: bytes, name: str) -> bytes:
    """The content of a gzip file, bounded like any file (a small archive can expand to gigabytes)."""
    import gzip
    import io
    import zlib

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"not a readable gzip file ({exc})", name) from None
    if len(out) > MAX_BYTES:
        raise InputError(f"too large once decompressed (over {MAX_BYTES} bytes)", name)
    return out


def _parse_bytes(data: bytes, kind: str, doc_id: str, name: str) -> Iterator[Document | InputError]:
    hint = _declared_charset(data) if kind == "html" else None
    try:
        text, encoding = _decode(data, name, hint)
    except InputError as exc:
        yield exc
        return
    meta = {} if encoding == "utf-8" else {"encoding": encoding}
    if kind == "jsonl":
        # split on "\n" only, and drop the "\r" of CRLF files
        yield from parse_jsonl((ln.removesuffix("\r") for ln in text.split("\n")),
                               name, doc_id)
        return
    try:
        if kind == "html":
            yield parse_html(text, doc_id, name, meta)
        else:
            yield parse_text(text, doc_id, name, meta)
    except InputError as exc:
        yield exc


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,30})""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its top."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:200].lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:4096].lower():
        return "html"
    return "text"


def _walk(root: Path) -> Iterator[Path | InputError]:
    """Files under ``root`` in sorted order.

    A symbolic link back to a folder above it (a loop) is reported, not
    followed; a second link to a folder or file already read is skipped.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, frozenset]] = [(root, frozenset())]
    while stack:
        folder, above = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            yield InputError(_os_problem(exc, "cannot read folder"), _shown(str(folder)))
            continue
        key = (st.st_dev, st.st_ino)
        if key in above:
            yield InputError("symbolic link loop, skipped", _shown(str(folder)))
            continue
        if key in seen:
            continue
        seen.add(key)
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            yield InputError(_os_problem(exc, "cannot list folder"), _shown(str(folder)))
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files, and the temporary files of atomic writes
            try:
                if entry.is_dir():
                    subdirs.append((entry, above | {key}))
                elif entry.is_file():
                    est = entry.stat()
                    if (est.st_dev, est.st_ino) not in seen:
                        seen.add((est.st_dev, est.st_ino))
                        yield entry
                elif entry.is_symlink():
                    yield InputError(_link_problem(entry), _shown(str(entry)))
            except OSError as exc:
                yield InputError(_os_problem(exc, "cannot read"), _shown(str(entry)))
        stack.extend(reversed(subdirs))


def _link_problem(link: Path) -> str:
    try:
        link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop, skipped"
    return "broken symbolic link"


def _os_problem(exc: OSError, what: str) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop, skipped"
    return f"{what} ({exc.strerror or exc})"


#: Suffixes read when walking a folder; other files there are skipped quietly
#: (a corpus folder holds images and notes too).
WALK_SUFFIXES = (TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES) - {""}


def is_input_file(path: Path) -> bool:
    """Whether a file met walking a folder is read: by its suffix, gzip-compressed or not.

    >>> [is_input_file(Path(n)) for n in ("a.txt", "b.jsonl.gz", "c.png", "d.gz", "README")]
    [True, True, False, False, False]
    """
    return content_suffix(path) in WALK_SUFFIXES and path.suffix.lower() in WALK_SUFFIXES | {".gz"}


@dataclass(frozen=True)
class KnownFile:
    """A file :func:`read_inputs` did not read because its reader already knows what it holds.

    ``path`` is the file as its documents would name it (``Document.path``); ``given`` the ids
    its documents had as read, in order, and ``ids`` the same made unique in this run (what
    each document's ``id`` would have been).

    >>> KnownFile("news.jsonl", ("a", "b"), ("a", "b#2")).ids
    ('a', 'b#2')
    """

    path: str
    given: tuple[str, ...]
    ids: tuple[str, ...] = ()


#: Asked, before a file is read, for the ids of its documents when they are already known.
KnownIds = Callable[[str], "tuple[str, ...] | None"]


def read_inputs(inputs: Iterable[str], stdin: IO[bytes] | None = None,
                known: KnownIds | None = None) -> Iterator[Document | InputError | KnownFile]:
    """Documents of every input named on a command line, in order.

    ``inputs`` are file paths, folder paths or ``-`` (standard input).  A
    file's document id is its name; a file found in a folder gets its path
    relative to that folder.  Ids are unique: a document whose id an earlier
    input already took gets ``#2``, ``#3``... appended (``meta["id_as_read"]``
    keeps the original).  Whatever goes wrong reading one input becomes an
    :class:`InputError` value, and the next input is read.

    ``known(path)``, when given, is asked before each file is read (``path`` as its documents
    name it): when it returns the ids the file's documents have as read, the file is not read
    and one :class:`KnownFile` stands for its documents, their ids made unique as theirs
    would be (a store skips the files it holds unchanged).

    >>> docs = list(read_inputs(["examples/d000-shandong-delegation-beijing.txt"]))
    >>> docs[0].id, docs[0].date
    ('d000-shandong-delegation-beijing.txt', '2019-07-23')
    >>> list(read_inputs(["examples/a034.txt"], known=lambda path: ("a034.txt",)))
    [KnownFile(path='examples/a034.txt', given=('a034.txt',), ids=('a034.txt',))]
    """
    taken: set[str] = set()
    for item in inputs:
        for found in _guarded(_read_input(item, stdin, known), item):
            if isinstance(found, Document):
                yield _unique(found, taken)
            elif isinstance(found, KnownFile):
                yield replace(found, ids=tuple(_unique_id(i, taken) for i in found.given))
            else:
                yield found


def _read_input(item: str, stdin: IO[bytes] | None,
                known: KnownIds | None = None) -> Iterator[Document | InputError | KnownFile]:
    if item == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            yield InputError(f"too large (over {MAX_BYTES} bytes)", "<stdin>")
            return
        yield from _parse_bytes(data, _sniff(data), "stdin", "<stdin>")
        return
    path = Path(item)
    if path.is_dir():
        for entry in _walk(path):
            if isinstance(entry, InputError):
                yield entry
            elif is_input_file(entry):
                yield from _guarded(_known_or_read(entry, entry.relative_to(path).as_posix(), known),
                                    str(entry))
    elif path.exists() or path.is_symlink():
        yield from _known_or_read(path, path.name, known)
    else:
        yield InputError("no such file or folder", _shown(item))


def _known_or_read(path: Path, doc_id: str, known: KnownIds | None) -> Iterator[Document | InputError | KnownFile]:
    if known is not None:
        ids = known(_shown(str(path)))
        if ids is not None:
            yield KnownFile(_shown(str(path)), tuple(ids))
            return
    yield from read_file(path, doc_id)


def _guarded(items: Iterator[Document | InputError], item: str) -> Iterator[Document | InputError]:
    """``items``, with an unexpected error turned into one InputError, so
    that a bug met on one input never stops the inputs after it."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - reported as a failure of this input
        yield InputError(f"internal error while reading ({type(exc).__name__}: {exc})", _shown(item))


def _unique(doc: Document, taken: set[str]) -> Document:
    new_id = _unique_id(doc.id, taken)
    return doc if new_id == doc.id else replace(doc, id=new_id, meta={**doc.meta, "id_as_read": doc.id})


def _unique_id(doc_id: str, taken: set[str]) -> str:
    if doc_id not in taken:
        taken.add(doc_id)
        return doc_id
    n = 2
    while f"{doc_id}#{n}" in taken:
        n += 1
    new_id = f"{doc_id}#{n}"
    taken.add(new_id)
    return new_id
