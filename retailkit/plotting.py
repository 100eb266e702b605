"""Figures with readable Chinese: the packaged CJK font and a reproducible ``save_figure``.

The font is Noto Sans CJK SC as shipped by the PyPI package ``mplfonts`` (SIL Open Font
License), so figures never depend on fonts installed on the machine and never show
missing-glyph boxes. ``save_figure`` writes PNG and SVG without timestamps or software
versions, and with the SVG's numbers rounded (:func:`round_svg_numbers`), so re-running a
notebook leaves the files byte-identical.

Where files go: the ``directory`` a caller names, unless the environment variable
``RETAILKIT_FIGURES_DIR`` (:data:`FIGURES_ENV`) is set; then every file that ``save_figure``
and :func:`retailkit.topics.to_pyldavis_html` write goes to that folder instead. The notebook
tests set it (``notebooks/conftest.py``), so that executing the notebooks under test never
writes into the work tree; ``make report`` leaves it unset and writes ``figures/``.
"""

from __future__ import annotations

import io
import math
import os
import re
import warnings
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

FONT_FILE = "NotoSansCJKsc-Regular.otf"
DPI = 120
#: Environment variable that redirects every figure and page retailkit writes (see above).
FIGURES_ENV = "RETAILKIT_FIGURES_DIR"


@cache
def cjk_font_path() -> str:
    """Path of the packaged Noto Sans CJK SC font (for matplotlib, wordcloud or PIL).

    Examples
    --------
    >>> cjk_font_path().endswith("NotoSansCJKsc-Regular.otf")
    True
    """
    path = resources.files("mplfonts") / "fonts" / FONT_FILE
    return str(path)


@cache
def setup() -> str:
    """Register the CJK font with matplotlib and set reproducible defaults; return the font name.

    Safe to call many times. Sets a fixed figure dpi, the SVG hash salt (stable element ids),
    text as paths in SVG (no font needed to view them) and an ASCII minus sign (the CJK font
    has no U+2212).

    Examples
    --------
    >>> setup()
    'Noto Sans CJK SC'
    """
    import matplotlib
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(path)
    name = str(font_manager.FontProperties(fname=path).get_name())
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [name, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "svg.hashsalt": "retailkit",
            "svg.fonttype": "path",
            "figure.max_open_warning": 0,
        }
    )
    return name


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` that the packaged CJK font cannot draw (sorted, unique).

    Examples
    --------
    >>> missing_glyphs("社交电商 618 互动营销")
    []
    """
    from matplotlib.ft2font import FT2Font

    font = FT2Font(cjk_font_path())
    charmap = font.get_charmap()
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in charmap})


def output_directory(directory: str | Path) -> Path:
    """Where files meant for ``directory`` are written: ``$RETAILKIT_FIGURES_DIR`` when set.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {FIGURES_ENV: ""}):  # unset or empty
    ...     output_directory("../figures").as_posix()
    '../figures'
    >>> with mock.patch.dict(os.environ, {FIGURES_ENV: "/tmp/test-figures"}):
    ...     output_directory("../figures").as_posix()
    '/tmp/test-figures'
    """
    override = os.environ.get(FIGURES_ENV, "")
    return Path(override) if override else Path(directory)


# A decimal number in an attribute value (matplotlib writes at most 6 decimals, no exponents).
_DECIMAL = re.compile(r"(?<![\d.])-?\d+\.\d+(?![\d.])")
_NEGATIVE_ZERO = re.compile(r"(?<![\w.])-0(?![\d.])")
_ATTRIBUTE = re.compile(r'="([^"]*)"')


def _round_decimal(match: re.Match[str]) -> str:
    value = float(match.group())
    if value == 0:
        return "0"
    # 4 significant digits, at least 2 decimals: 307.584 -> 307.58, 0.0048828 -> 0.004883.
    decimals = max(2, 4 - (math.floor(math.log10(abs(value))) + 1))
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def round_svg_numbers(svg: str) -> str:
    """Round the numbers in an SVG's attribute values: 4 significant digits, at least 2 decimals.

    Matplotlib writes coordinates with 6 decimals; their last digits can differ between CPUs
    (vectorised arithmetic rounds differently), so saved figures would not be byte-identical
    across machines. A hundredth of a point is far below what anyone can see. ``-0`` (a value
    just below zero) becomes ``0``. Text nodes and comments (matplotlib keeps each label's text
    in a comment) are left alone.

    Examples
    --------
    >>> round_svg_numbers('<path d="M 57.6 307.584123 L -0 1.5"/><!-- 0.123456 -->')
    '<path d="M 57.6 307.58 L 0 1.5"/><!-- 0.123456 -->'
    >>> round_svg_numbers('<use transform="scale(0.0048828125)" width="281.259673pt"/>')
    '<use transform="scale(0.004883)" width="281.26pt"/>'
    """

    def attribute(match: re.Match[str]) -> str:
        value = _DECIMAL.sub(_round_decimal, match.group(1))
        return '="' + _NEGATIVE_ZERO.sub("0", value) + '"'

    return _ATTRIBUTE.sub(attribute, svg)


def save_figure(
    fig: Any,
    name: str,
    *,
    directory: str | Path = "figures",
    formats: Iterable[str] = ("png", "svg"),
) -> list[Path]:
    """Save ``fig`` as ``directory/name.png`` and ``.svg`` reproducibly; return the paths.

    PNG files carry no ``Software`` tag and SVG files no ``Date``, and the SVG's numbers are
    rounded (:func:`round_svg_numbers`), so identical figures give identical bytes.
    ``$RETAILKIT_FIGURES_DIR``, when set, replaces ``directory`` (:func:`output_directory`).
    Raises ``ValueError`` if any text in the figure uses a glyph the font lacks.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> _ = setup()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("社交电商")
    >>> [p.name for p in save_figure(fig, "demo", directory=tempfile.mkdtemp())]
    ['demo.png', 'demo.svg']
    >>> plt.close(fig)
    """
    setup()
    texts = "".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    lacking = missing_glyphs(texts)
    if lacking:
        raise ValueError(f"figure {name!r}: the CJK font cannot draw {''.join(lacking)!r}")
    out = output_directory(directory)
    out.mkdir(parents=True, exist_ok=True)
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
    paths = []
    for fmt in formats:
        path = out / f"{name}.{fmt}"
        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)  # "Glyph missing from font" is a bug here
            if fmt == "svg":
                buffer = io.StringIO()
                fig.savefig(buffer, format=fmt, metadata=metadata[fmt], bbox_inches="tight")
                svg = round_svg_numbers(buffer.getvalue())
                path.write_text(svg, encoding="utf-8", newline="\n")
            else:
                fig.savefig(path, format=fmt, metadata=metadata.get(fmt), bbox_inches="tight")
        paths.append(path)
    return paths


def piece_stance_chart(table: Any, *, labels: dict[str, str] | None = None) -> Any:
    """Dot-and-interval chart of :func:`retailkit.pieces.piece_stance`, one panel per target.

    Each piece gets two rows of dots, the author's own sentences and all voices, at its
    approving share among polar sentences with the 95 % interval, annotated ``a:s`` (approving :
    skeptical sentences). A piece coded about a target but with too few polar sentences for a
    share (all voices) is marked in grey at the even split, ``too few a:s``, so that it is not
    mistaken for a piece silent on the target.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`retailkit.pieces.piece_stance`.
    labels : dict, optional
        Panel title per target (``social`` …); default the target names.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    targets = sorted(table["target"].unique(), key=["social", "interactive", "feed"].index)
    pieces = sorted(table["piece"].unique())
    fig, axes = plt.subplots(1, len(targets), figsize=(4 * len(targets), 4), sharey=True)
    axes = list(axes) if len(targets) > 1 else [axes]
    styles = ((-0.15, "author", "tab:blue"), (0.15, "all", "tab:orange"))
    for ax, target in zip(axes, targets, strict=True):
        for offset, voices, color in styles:
            rows = table[(table["target"] == target) & (table["voices"] == voices)]
            rows = rows.dropna(subset=["approving_share"])
            y = [pieces.index(p) + offset for p in rows["piece"]]
            share = rows["approving_share"]
            error = [share - rows["ci_low"], rows["ci_high"] - share]
            ax.errorbar(share, y, xerr=error, fmt="o", color=color, capsize=3, label=voices)
            counts = zip(share, y, rows["n_approving"], rows["n_skeptical"], strict=True)
            for x, row, approving, skeptical in counts:
                ax.annotate(
                    f"{approving}:{skeptical}", (x, row), xytext=(4, 3),
                    textcoords="offset points", fontsize=7,
                )  # fmt: skip
        few = table[
            (table["target"] == target)
            & (table["voices"] == "all")
            & table["approving_share"].isna()
        ]
        for row in few.itertuples(index=False):
            ax.annotate(
                f"too few {row.n_approving}:{row.n_skeptical}", (0.5, pieces.index(row.piece)),
                xytext=(4, -3), textcoords="offset points", fontsize=7, color="grey",
            )  # fmt: skip
        ax.axvline(0.5, color="grey", linewidth=0.8)
        ax.set(xlim=(0, 1), title=(labels or {}).get(target, target))
        ax.set_xlabel("approving share of polar sentences (line: even split)")
    axes[0].set_yticks(range(len(pieces)), pieces)
    axes[0].set_ylim(-0.6, len(pieces) - 0.4)
    axes[0].legend(title="voices", fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig
