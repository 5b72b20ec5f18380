"""Find input files and turn their bytes into text, or into a clear reason why not.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; otherwise strict UTF-8;
otherwise charset-normalizer's guess among the encodings of the web (cp1251, cp1252/latin-1,
UTF-16 without BOM, ...), ties going to the more common encoding.
Known binary formats are recognised by their magic bytes, and text that still decodes to
control characters is refused as binary. The input folder is only ever read.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
ASSETS_FOLDER = "_files"  # "Page_files/", what a browser's "save page, complete" stores beside "Page.html"
MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)  # "# Title"
MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")  # "*By Ana Lind*", "**key**"
MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")  # "[the report](https://...)": its text; an image: its alt text
MAX_BYTES = 10 * 1024 * 1024
MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
    b"RIFF": "RIFF media file",
    b"OggS": "Ogg media file",
    b"ID3": "MP3 audio",
    b"\x00\x00\x01\x00": "icon image",
}
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings found on news pages, most used first: charset-normalizer chooses among these only, and
# when several decode equally cleanly (cp1250 and cp1252 often do), the more common one wins.
WEB_ENCODINGS = (
    "utf_8", "utf_16", "utf_16_le", "utf_16_be", "cp1252", "latin_1", "cp1251", "koi8_r", "cp1250", "iso8859_2",
    "iso8859_15", "cp1254", "cp1253", "cp1257", "cp1256", "cp1255", "gb18030", "big5", "shift_jis", "euc_jp",
    "euc_kr", "mac_roman",
)  # fmt: skip
HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype|<html|<head|<body|<article|<!--)", re.IGNORECASE)
XML_SNIFF = re.compile(rb"^\s*<\?xml\b", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class Unreadable(Exception):
    """A file that cannot become text; the message is the report's reason."""


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and warnings worth reporting."""

    text: str
    encoding: str
    is_html: bool
    warnings: tuple[str, ...] = ()
    markdown: bool = False  # read from Markdown, its marks dropped


def discover(root: Path) -> list[Path]:
    """Every file under root, sorted by relative path, following symlinks only inside root, so that
    each gets a report row (files that are no article, a .docx or a .pdf, get one that says so).
    Left out: hidden files and folders (".git", ".ipynb_checkpoints", "._story.txt"), the root's
    manifest.csv, and the assets folder a browser saves beside a page ("Page_files/" beside
    "Page.html"). A folder that cannot be listed is returned itself, so that it gets a report row."""
    root = root.resolve()
    seen: set[Path] = set()
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root, followlinks=True, onerror=lambda error: found.append(Path(error.filename))):
        real = Path(directory).resolve()
        if real in seen or not real.is_relative_to(root):
            subdirs[:] = []
            continue
        seen.add(real)
        pages = {Path(n).stem for n in files if Path(n).suffix.lower() in HTML_SUFFIXES}
        subdirs[:] = [d for d in subdirs if not d.startswith(".") and not (d.endswith(ASSETS_FOLDER) and d[: -len(ASSETS_FOLDER)] in pages)]
        found.extend(Path(directory) / n for n in files if not n.startswith(".") and not (real == root and n == "manifest.csv"))
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def not_an_article(path: Path) -> str | None:
    """Why a file is not read, by its name (a .docx, a .pdf, a file without extension), or None."""
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return None
    return f"not an article file ({path.suffix.lower() or 'no extension'}): the toolkit reads .txt, .md, .html and .htm files"


def read_bytes(path: Path, root: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing links that leave the input folder and files over the limit."""
    try:
        real_root = _real_folder(root)
        real = _real_path(path, real_root)
    except (OSError, RuntimeError) as error:
        raise Unreadable("broken or looping symbolic link") from error
    if not real.is_relative_to(real_root):
        raise Unreadable("symbolic link pointing outside the input folder")
    try:
        status = real.stat()
        if stat.S_ISDIR(status.st_mode):
            raise Unreadable("a folder whose files cannot be listed (permission denied)")
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable("not a regular file (a pipe or device)")
        size = status.st_size
        if size > limit:
            raise Unreadable(f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
        with real.open("rb") as handle:
            return handle.read()
    except PermissionError as error:
        raise Unreadable("file cannot be read (permission denied)") from error


def _real_folder(root: Path) -> Path:
    """The input folder's real path, worked out once per folder (every file of a run is checked
    against it): remembered by the folder's path and identity, so a path re-pointed at another
    folder, a link switched or a folder replaced, is resolved again."""
    status = os.stat(root)
    return _resolved(root.absolute(), status.st_dev, status.st_ino)


@lru_cache(maxsize=64)
def _resolved(root: Path, device: int, inode: int) -> Path:
    return root.resolve()


def _real_path(path: Path, real_root: Path) -> Path:
    """The file's real path: the path itself when it lies under the real folder and no part of it
    below the folder is a link (one ``lstat`` for each of those parts, usually one or two), else the
    resolved path (``resolve`` costs an ``lstat`` for every part from the file system's root)."""
    if path.is_absolute() and path.is_relative_to(real_root) and ".." not in path.parts:
        current = real_root
        for part in path.relative_to(real_root).parts:
            current = current / part
            if stat.S_ISLNK(os.lstat(current).st_mode):
                break
        else:
            return path
    return path.resolve(strict=True)


def plain_markdown(text: str) -> str:
    """Markdown as the page it stands for would read: headings, emphasis and links without their marks."""
    return MARKDOWN_LINK.sub(r"\1", MARKDOWN_EMPHASIS.sub(r"\2", MARKDOWN_HEADING.sub("", text)))


def decode(data: bytes, suffix: str = ".txt") -> Decoded:
    """Text from bytes, with the encoding used; raises Unreadable with a reason."""
    if not data.strip():
        raise Unreadable("empty file" if not data else "file holds only white space")
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            raise Unreadable(f"binary file ({kind}), not text")
    warnings: list[str] = []
    text, encoding = _decode_text(data, warnings)
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append("NUL bytes removed")
    if len(CONTROL.findall(text[:20000])) > 0.01 * min(len(text), 20000) + 2:
        raise Unreadable("binary content (control characters), not text")
    if not text.strip():
        raise Unreadable("file holds only white space")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix.lower() in MARKDOWN_SUFFIXES:
        text = plain_markdown(text)
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if XML_SNIFF.match(head) and not re.search(rb"<html\b", data[:20000], re.IGNORECASE):
        raise Unreadable("an XML document (a feed or data file), not an article page")
    is_html = bool(HTML_SNIFF.match(head) or XML_SNIFF.match(head)) or (
        suffix.lower() in HTML_SUFFIXES and bool(re.search(r"<(?:p|div|br|h1|title)\b", text[:20000], re.IGNORECASE))
    )
    if suffix.lower() in HTML_SUFFIXES and not is_html:
        warnings.append("named .html but holds plain text; read as a text dump")
    if suffix.lower() in TEXT_SUFFIXES and is_html:
        warnings.append("named .txt but holds HTML; read as HTML")
    return Decoded(text, encoding, is_html, tuple(warnings), markdown=suffix.lower() in MARKDOWN_SUFFIXES and not is_html)


MAX_STRAY_SEQUENCES = 20


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, number of bad sequences) when bytes are UTF-8 but for a few stray bytes: at most
    :data:`MAX_STRAY_SEQUENCES` bad sequences and at least four well-formed non-ASCII characters
    for each (a latin-1 file's accents are all bad, so it goes to charset detection instead)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    well_formed = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return (text, bad) if 0 < bad <= MAX_STRAY_SEQUENCES and well_formed >= 4 * bad else None


def _decode_text(data: bytes, warnings: list[str]) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.replace("-sig", "") + " (BOM)"
    looks_wide = data.count(b"\x00") > len(data) // 8
    try:
        if not looks_wide:
            return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            warnings.append("truncated UTF-8 character at the end removed")
            return data[: error.start].decode("utf-8"), "utf-8"
        mostly = _mostly_utf8(data)
        if mostly is not None:
            text, bad = mostly
            warnings.append(f"{bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} replaced")
            return text, "utf-8"
    matches = list(from_bytes(data[:200_000], cp_isolation=list(WEB_ENCODINGS)))
    if not matches:
        raise Unreadable("undecodable: no text encoding fits these bytes")
    cleanest = min(m.chaos for m in matches)
    encoding = min((m.encoding for m in matches if m.chaos <= cleanest + 0.01), key=WEB_ENCODINGS.index)
    warnings.append(f"decoded as {encoding}")
    return data.decode(encoding, errors="replace"), encoding
