"""Text of PDF and Word (DOCX) files, for :func:`retailkit.load_corpus`.

* PDF: the text layer of every page, with ``pypdf`` (pages joined by a blank line). A PDF
  without a text layer (scanned pages, images only) or one that needs a password raises
  :class:`~retailkit.errors.CorpusError` naming the file: run OCR or remove the password
  first. No OCR is attempted.
* DOCX: the paragraphs of the body, then the text of each table row (cells joined by a tab),
  with ``python-docx``. Headers, footers, comments and footnotes are left out.
"""

from __future__ import annotations

from pathlib import Path

from retailkit.errors import CorpusError

__all__ = ["DOCUMENT_SUFFIXES", "read_document", "read_docx", "read_pdf"]

#: File types read here (lower case).
DOCUMENT_SUFFIXES = (".pdf", ".docx")


def read_pdf(path: str | Path) -> str:
    """The text layer of a PDF, page by page.

    Raises
    ------
    CorpusError
        Naming the file: not a readable PDF, encrypted with a password, or no text on any
        page (a scan: run OCR first, e.g. with ocrmypdf, then load its output).
    """
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    path = Path(path)
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorpusError(
                f"{path}: encrypted PDF that needs a password; save a copy without the "
                "password and load that"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except (FileNotDecryptedError, DependencyError) as error:
        raise CorpusError(
            f"{path}: encrypted PDF that cannot be opened ({error}); save a copy without the "
            "password and load that"
        ) from error
    except (PdfReadError, OSError, ValueError) as error:
        raise CorpusError(f"{path}: not a readable PDF ({error})") from error
    if not any(page.strip() for page in pages):
        raise CorpusError(
            f"{path}: no text layer on any of its {len(pages)} page(s) (a scan or images only); "
            "run OCR first (e.g. ocrmypdf) and load the result"
        )
    return "\n\n".join(page.strip() for page in pages if page.strip())


def read_docx(path: str | Path) -> str:
    """The body text of a Word ``.docx`` file: paragraphs, then table rows.

    Raises
    ------
    CorpusError
        Naming the file: not a ``.docx`` (e.g. an old binary ``.doc`` renamed) or no text.

    Examples
    --------
    >>> import docx, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "note.docx"
    >>> document = docx.Document()
    >>> _ = document.add_paragraph("社交电商。")
    >>> document.save(path)
    >>> read_docx(path)
    '社交电商。'
    """
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CorpusError(
            f"{path}: not a readable .docx file ({error}); save it from Word as .docx"
        ) from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(line for line in lines if line.strip())
    if not text.strip():
        raise CorpusError(f"{path}: no text in the document body")
    return text


def read_document(path: str | Path) -> tuple[str, str]:
    """``(text, kind)`` of a ``.pdf`` or ``.docx`` file; ``kind`` is ``"pdf"`` or ``"docx"``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(path), "pdf"
    if suffix == ".docx":
        return read_docx(path), "docx"
    raise CorpusError(f"{path}: not a PDF or DOCX file")
