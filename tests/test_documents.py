"""PDF and DOCX input: text extracted, and clear errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from retailkit.corpus import load_corpus
from retailkit.documents import read_docx, read_pdf
from retailkit.errors import CorpusError

TEXT = "社交电商正在改变零售。"


def make_pdf(path: Path, text: str | None) -> Path:
    """A one-page PDF with ``text`` in its text layer (None: a drawing only, like a scan)."""
    import matplotlib
    import matplotlib.pyplot as plt

    from retailkit.plotting import setup

    setup()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(4, 2))
        if text is None:
            fig.add_artist(plt.Rectangle((0.2, 0.2), 0.5, 0.5))
        else:
            fig.text(0.05, 0.5, text)
        fig.savefig(path, format="pdf")
        plt.close(fig)
    return path


def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    assert read_pdf(make_pdf(tmp_path / "a.pdf", TEXT)) == TEXT


def test_image_only_pdf_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "scan.pdf", None)
    with pytest.raises(CorpusError, match=r"scan\.pdf: no text layer on any of its 1 page"):
        read_pdf(path)


def test_encrypted_pdf_is_an_error_naming_the_file(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=make_pdf(tmp_path / "plain.pdf", TEXT))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(CorpusError, match=r"locked\.pdf: encrypted PDF"):
        read_pdf(path)


def test_broken_pdf_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(CorpusError, match=r"broken\.pdf: "):
        read_pdf(path)


def test_docx_paragraphs_and_tables_are_read(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", ["第一段。", "", "第二段。"], [["平台", "微博"]])
    assert read_docx(path) == "第一段。\n第二段。\n平台\t微博"


def test_renamed_doc_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old binary Word file")
    with pytest.raises(CorpusError, match=r"old\.docx: not a readable \.docx file"):
        read_docx(path)


def test_empty_docx_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "blank.docx", [""])
    with pytest.raises(CorpusError, match=r"blank\.docx: no text in the document body"):
        read_docx(path)


def test_load_corpus_reads_pdf_and_docx_beside_txt(tmp_path: Path) -> None:
    make_pdf(tmp_path / "p.pdf", TEXT)
    make_docx(tmp_path / "d.docx", ["互动营销很重要。"])
    (tmp_path / "t.txt").write_text("信息流营销。", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus["doc_id"].tolist() == ["d", "p", "t"]
    assert corpus["text"].tolist() == ["互动营销很重要。", TEXT, "信息流营销。"]
    assert corpus["encoding"].tolist() == ["docx", "pdf", "utf-8"]


def test_load_corpus_names_the_scanned_pdf(tmp_path: Path) -> None:
    make_pdf(tmp_path / "scan.pdf", None)
    with pytest.raises(CorpusError, match=r"scan\.pdf: no text layer"):
        load_corpus(tmp_path)
