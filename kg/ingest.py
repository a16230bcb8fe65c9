"""Read articles from files, folders and standard input.

``.txt`` files, ``.html``/``.htm`` pages (the article text, not the menus
and scripts), ``.jsonl`` files with one ``{"id", "text", ...}`` record a
line, folders (walked recursively, in sorted order) and ``-`` for standard
input.  Encodings are detected, not assumed: a BOM wins, then strict UTF-8,
then ``charset-normalizer`` (GB18030/GBK, Big5 and the rest).

:func:`read_inputs` yields :class:`~kg.types.Document` values and, for what
cannot be read, :class:`~kg.errors.InputError` values naming the file (and
line) and the problem, so one bad document never stops the others.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

from kg.dates import iso_date, publication_date
from kg.errors import InputError
from kg.types import Document

__all__ = ["read_inputs", "read_file", "decode", "parse_text", "parse_html", "parse_jsonl",
           "metadata_from_text"]

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
          (b"MZ", "an executable"), (b"\x1f\x8b", "a gzip archive"), (b"BZh", "a bzip2 archive"))


def decode(data: bytes, source: str = "<input>") -> str:
    """Decode bytes of any common encoding to text, or raise :class:`InputError`.

    >>> decode("山東".encode("big5"))
    '山東'
    >>> decode("山东省党政代表团".encode("gbk"))
    '山东省党政代表团'
    """
    if not data.strip():
        raise InputError("empty file" if not data else "only whitespace", source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} after its byte-order mark "
                                 f"(byte {exc.start})", source) from None
            text = text.lstrip("\ufeff")
            if not text.strip():
                raise InputError("only whitespace", source)
            return text
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"not text: looks like {what}", source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _detect(data, source, exc)
    if _looks_binary(text):
        raise InputError("not text: binary content (control characters)", source)
    return text


def _detect(data: bytes, source: str, utf8_error: UnicodeDecodeError) -> str:
    # Truncated UTF-8 is UTF-8 with its last character cut: say so rather than
    # letting a detector guess a Latin code page.
    if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
        raise InputError(f"truncated UTF-8: the file ends inside a character (byte {utf8_error.start})",
                         source)
    if b"\x00" in data[:4096]:
        raise InputError("not text: binary content (NUL bytes)", source)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_8", "utf_16", "shift_jis",
                                          "euc_kr", "cp1252"]).best()
    if best is None:
        raise InputError("not text in any known encoding", source)
    encoding = best.encoding
    if encoding in ("gb2312", "gbk", "hz"):
        encoding = "gb18030"  # the superset: names use characters GBK lacks
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / len(sample) > 0.05


# ------------------------------------------------------------------------ metadata

_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s|｜/,，]{2,30})")
_CCTV = re.compile(r"^\s*([\u4e00-\u9fff]{2,8}(?:网|社|台|报))(?:消息|讯|电)")
_DATELINE = re.compile(r"(新华社|中新社|中新网|人民网|央视网)[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电")


def metadata_from_text(text: str) -> dict[str, str]:
    """Title, date and source outlet read from the top of an article.

    >>> metadata_from_text("山東省黨政代表團到北京市學習\\n\\n2019年07月23日 17:43  來源:大眾日報·新銳大眾\\n正文")
    {'title': '山東省黨政代表團到北京市學習', 'date': '2019-07-23', 'source': '大眾日報·新銳大眾'}
    """
    meta: dict[str, str] = {}
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if lines:
        first = lines[0]
        if len(first) <= 80 and not first.endswith(("。", ".", "！", "？")) and len(lines) > 1:
            meta["title"] = first
    date = publication_date(text)
    if date:
        meta["date"] = date
    head = text[:1000]
    m = _SOURCE.search(head)
    if m:
        meta["source"] = m.group(1)
    else:
        for line in lines[1:4]:
            m = _CCTV.match(line) or _DATELINE.search(line)
            if m:
                meta["source"] = m.group(1)
                break
    return meta


# -------------------------------------------------------------------------- parsers


def parse_text(text: str, doc_id: str, path: str | None = None) -> Document:
    """A plain-text article, with title, date and source read from its top."""
    meta = metadata_from_text(text)
    return Document(id=doc_id, text=text, path=path, title=meta.get("title"),
                    date=meta.get("date"), source=meta.get("source"))


def parse_html(html: str, doc_id: str, path: str | None = None) -> Document:
    """The article text of an HTML page (trafilatura), with its metadata.

    Scripts, styles, menus and comments are dropped; character references
    (``&#x5B66;``) are decoded.  When trafilatura finds no main text (a page
    of bare paragraphs), all visible text is taken.
    """
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True,
                                   favor_recall=True, deduplicate=False)
        meta_obj = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        text, meta_obj = None, None
        if not html.strip():
            raise InputError(f"unreadable HTML ({type(exc).__name__})", path or doc_id) from None
    if not text or not text.strip():
        text = _visible_text(html)
    if not text.strip():
        raise InputError("no article text in the HTML page", path or doc_id)
    meta = metadata_from_text(text)
    title = (getattr(meta_obj, "title", None) if meta_obj else None) or meta.get("title")
    date = iso_date(getattr(meta_obj, "date", None) if meta_obj else None) or meta.get("date")
    source = (getattr(meta_obj, "sitename", None) if meta_obj else None) or meta.get("source")
    url = getattr(meta_obj, "url", None) if meta_obj else None
    return Document(id=doc_id, text=text, path=path, title=title, date=date, source=source,
                    meta={"url": url} if url else {})


def _visible_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return re.sub(r"<[^>]*>", " ", html)
    for bad in root.xpath("//script|//style|//noscript|//iframe|//template|//head"):
        bad.getparent().remove(bad) if bad.getparent() is not None else None
    lines = [t.strip() for t in root.itertext() if t.strip()]
    return "\n".join(lines)


def parse_jsonl(lines: Iterable[str], source: str) -> Iterator[Document | InputError]:
    """Documents of a JSONL stream, and an error for each bad line.

    A record needs a string ``text``; its ``id`` (or ``SOURCE:LINE``) names
    it; ``title``, ``date``, ``source`` become metadata, any other field is
    kept in ``meta``.  A repeated id is an error on the line that repeats it.
    """
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"not valid JSON ({exc.msg})", source, number)
            continue
        if not isinstance(record, dict):
            yield InputError("a record must be a JSON object", source, number)
            continue
        text = record.get("text")
        if text is None:
            yield InputError('no "text" field', source, number)
            continue
        if not isinstance(text, str):
            yield InputError(f'"text" must be a string, not {type(text).__name__}', source, number)
            continue
        if not text.strip():
            yield InputError('"text" is empty', source, number)
            continue
        raw_id = record.get("id")
        doc_id = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id) else f"{source}:{number}"
        if doc_id in seen:
            yield InputError(f"duplicate id {doc_id!r}", source, number)
            continue
        seen.add(doc_id)
        meta = metadata_from_text(text)
        extra = {k: v for k, v in record.items() if k not in ("id", "text", "title", "date", "source")}
        title = record.get("title") if isinstance(record.get("title"), str) else meta.get("title")
        date = iso_date(record.get("date")) if record.get("date") else meta.get("date")
        src = record.get("source") if isinstance(record.get("source"), str) else meta.get("source")
        yield Document(id=doc_id, text=text, path=source, title=title, date=date, source=src,
                       meta=extra)


# ---------------------------------------------------------------------------- files


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text"


def read_file(path: str | os.PathLike, doc_id: str | None = None) -> Iterator[Document | InputError]:
    """Documents (or errors) of one file, by its suffix."""
    p = Path(path)
    name = str(path)
    doc_id = doc_id or p.name
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            yield InputError(f"too large ({size} bytes; the limit is {MAX_BYTES})", name)
            return
        data = p.read_bytes()
    except IsADirectoryError:
        yield InputError("is a directory", name)
        return
    except PermissionError:
        yield InputError("permission denied", name)
        return
    except FileNotFoundError:
        yield InputError("no such file", name)
        return
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror or exc})", name)
        return
    yield from _parse_bytes(data, _kind(p), doc_id, name)


def _parse_bytes(data: bytes, kind: str, doc_id: str, name: str) -> Iterator[Document | InputError]:
    try:
        text = decode(data, name)
    except InputError as exc:
        yield exc
        return
    if kind == "jsonl":
        yield from parse_jsonl(text.splitlines(), name)
        return
    try:
        if kind == "html":
            yield parse_html(text, doc_id, name)
        else:
            yield parse_text(text, doc_id, name)
    except InputError as exc:
        yield exc


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:200].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:4096].lower():
        return "html"
    return "text"


def _walk(root: Path) -> Iterator[Path | InputError]:
    """Files under ``root`` in sorted order; symlink loops and unreadable
    folders are reported, not followed."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            yield InputError(f"cannot read folder ({exc.strerror or exc})", str(folder))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield InputError("symbolic link loop, skipped", str(folder))
            continue
        seen.add(key)
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            yield InputError(f"cannot list folder ({exc.strerror or exc})", str(folder))
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subdirs.append(entry)
                elif entry.is_file():
                    yield entry
                elif entry.is_symlink():
                    yield InputError("broken symbolic link", str(entry))
            except OSError as exc:
                yield InputError(f"cannot read ({exc.strerror or exc})", str(entry))
        stack.extend(reversed(subdirs))


#: Suffixes read when walking a folder; other files there are skipped quietly
#: (a corpus folder holds images and notes too).
WALK_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES - {""}


def read_inputs(inputs: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[Document | InputError]:
    """Documents of every input named on a command line, in order.

    ``inputs`` are file paths, folder paths or ``-`` (standard input).  A
    file's document id is its name; a file found in a folder gets its path
    relative to that folder.

    >>> docs = list(read_inputs(["examples/d000-shandong-delegation-beijing.txt"]))
    >>> docs[0].id, docs[0].date
    ('d000-shandong-delegation-beijing.txt', '2019-07-23')
    """
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            yield from _parse_bytes(data, _sniff(data), "stdin", "<stdin>")
            continue
        path = Path(item)
        if path.is_dir():
            for entry in _walk(path):
                if isinstance(entry, InputError):
                    yield entry
                    continue
                if entry.suffix.lower() not in WALK_SUFFIXES:
                    continue
                rel = entry.relative_to(path).as_posix()
                yield from read_file(entry, rel)
        elif path.exists() or path.is_symlink():
            yield from read_file(path, path.name)
        else:
            yield InputError("no such file or folder", item)
