"""Decoding and discovery: every encoding the issue names, and clear refusals."""

import codecs
import os
from pathlib import Path

import pytest

from toolkit.ingest.reading import Unreadable, decode, discover, plain_markdown, read_bytes

TEXT = "Президент заявил, что переговоры продолжатся.\nThe minister said talks will go on.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 (BOM)"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16 (BOM)"),
    ],
)
def test_unicode_encodings_decode_exactly(data, encoding):
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_utf16_without_bom_is_detected():
    text = "The minister said talks will go on, and the delegation agreed. " * 5
    assert decode(text.encode("utf-16-le")).text == text


def test_cp1251_is_detected():
    text = "Министр иностранных дел заявил журналистам, что переговоры в Стамбуле продолжатся на следующей неделе. " * 3
    decoded = decode(text.encode("cp1251"))
    assert decoded.text == text
    assert any("decoded as" in w for w in decoded.warnings)


def test_latin1_is_detected():
    text = "Le président a déclaré que les négociations à Genève étaient très difficiles, a-t-il ajouté. " * 3
    assert decode(text.encode("latin-1")).text == text


def test_a_few_foreign_words_in_english_text_decode_right():
    english = "The minister said the talks in Geneva would resume next week, officials confirmed on Monday. " * 4
    for extra, encoding in (("министр транспорта", "cp1251"), ("naïve café", "latin-1")):
        text = english + extra + ". " + english
        assert decode(text.encode(encoding)).text == text, encoding


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty file"), (b"  \n\t\n", "white space"),
                                              (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
                                              (b"PK\x03\x04" + bytes(100), "ZIP archive"),
                                              (bytes(range(256)) * 20, "binary|undecodable")])  # fmt: skip
def test_refusals_have_reasons(data, reason):
    with pytest.raises(Unreadable, match=reason):
        decode(data)


def test_nul_bytes_and_truncated_utf8_are_repaired_with_warnings():
    decoded = decode(b"A sentence about talks.\x00 Another one." + "é".encode()[:1])
    assert "\x00" not in decoded.text
    assert {"NUL bytes removed", "truncated UTF-8 character at the end removed"} <= set(decoded.warnings)


def test_line_endings_are_normalised():
    assert decode(b"one\r\ntwo\rthree\n").text == "one\ntwo\nthree\n"


def test_html_is_sniffed_whatever_the_suffix():
    assert decode(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", ".txt").is_html
    plain = decode(b"Just text named as a web page.", ".html")
    assert not plain.is_html and plain.warnings


def test_markdown_reads_as_its_page_would():
    text = "# Pier to close\n\n*By Ana Lind*\n\nThe **northern** pier, [the authority](https://example.org/a) said, is _unsafe_."
    assert plain_markdown(text) == "Pier to close\n\nBy Ana Lind\n\nThe northern pier, the authority said, is unsafe."
    assert plain_markdown("snake_case_name, 2*3*4 and\n* a list item") == "snake_case_name, 2*3*4 and\n* a list item"
    assert decode(text.encode(), ".md").text.startswith("Pier to close") and decode(text.encode(), ".txt").text.startswith("# Pier")


def test_discover_stays_inside_the_folder(tmp_path):
    inside, outside = tmp_path / "in", tmp_path / "out"
    inside.mkdir(), outside.mkdir()
    (inside / "a.txt").write_text("a")
    (inside / "sub").mkdir()
    (inside / "sub" / "b.html").write_text("b")
    (inside / "notes.csv").write_text("c")
    (outside / "secret.txt").write_text("s")
    os.symlink(outside, inside / "link")
    os.symlink(inside, inside / "sub" / "loop")
    found = [p.relative_to(inside).as_posix() for p in discover(inside)]
    assert found == ["a.txt", "notes.csv", "sub/b.html"]  # every file inside, to be read or reported


def test_size_limit_and_outside_links(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(Unreadable, match="over the"):
        read_bytes(big, tmp_path, limit=1000)
    target = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    target.write_text("outside")
    (tmp_path / "link.txt").symlink_to(target)
    with pytest.raises(Unreadable, match="outside the input folder"):
        read_bytes(tmp_path / "link.txt", tmp_path)


def test_a_file_reached_through_a_linked_folder_is_checked_where_it_really_is(tmp_path, monkeypatch):
    root, outside = tmp_path / "raw", tmp_path / "outside"
    (root / "sub").mkdir(parents=True), outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (root / "sub" / "a.txt").write_text("a")
    (root / "sub" / "away").symlink_to(outside, target_is_directory=True)
    (root / "sub" / "near").symlink_to(root / "sub", target_is_directory=True)
    with pytest.raises(Unreadable, match="outside the input folder"):
        read_bytes(root / "sub" / "away" / "secret.txt", root)  # a link in the middle of the path, not at its end
    with pytest.raises(Unreadable, match="outside the input folder"):
        read_bytes(root / ".." / "outside" / "secret.txt", root)
    assert read_bytes(root / "sub" / "near" / "a.txt", root) == b"a"  # a link that stays inside
    monkeypatch.chdir(tmp_path)
    assert read_bytes(Path("raw") / "sub" / "a.txt", Path("raw")) == b"a"  # a folder named relative to the working directory


def test_a_folder_link_pointed_elsewhere_between_runs_is_read_where_it_now_points(tmp_path):
    first, second, link = tmp_path / "first", tmp_path / "second", tmp_path / "raw"
    first.mkdir(), second.mkdir()
    (first / "a.txt").write_text("first")
    (second / "a.txt").write_text("second")
    link.symlink_to(first, target_is_directory=True)
    assert [read_bytes(p, link) for p in discover(link)] == [b"first"]
    link.unlink()
    link.symlink_to(second, target_is_directory=True)  # as a notebook user re-points data/raw at another collection
    assert [read_bytes(p, link) for p in discover(link)] == [b"second"]
