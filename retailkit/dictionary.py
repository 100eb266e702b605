"""Category and valence dictionaries: load them from common formats and count them in texts.

A :class:`Dictionary` is a table of ``term, category, weight`` with a name and a source. Read one
with :func:`load` from

* **YAML as cntext writes it** (``Name``, ``Desc``, ``Refer``, ``Category``, ``Dictionary``;
  under ``Dictionary`` each category holds a list of terms, or a mapping term → number for a
  valence dictionary),
* **LIWC-style ``.dic``** (a header between two ``%`` lines numbering the categories, then one
  term per line followed by its category numbers; one category per term here),
* **CSV** with a header ``term,category`` or ``term,category,weight``,

or take a packaged one with :func:`packaged` (sources and licences in
``retailkit/data/dictionaries/README.md``), or the theme lexicons with :func:`from_themes`.

:func:`apply` counts the dictionary in each document or sentence: matches, matches per 1,000
tokens, negated matches and the mean valence. Negation follows the stance scorer
(:mod:`retailkit.stance`): a negator (不, 没有, 并非 ..., the ``negator`` rows of the stance
package data ``modifiers.csv``) in the three tokens before a match, in the same clause, flips its
weight once per negator.

Every term must belong to one category: a term listed under two categories, a category without
terms, or a line that cannot be read raises :class:`~retailkit.errors.DictionaryError` naming
the file and line.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from retailkit.errors import DictionaryError

__all__ = [
    "NEGATION_WINDOW",
    "Dictionary",
    "apply",
    "from_frame",
    "from_themes",
    "load",
    "load_negators",
    "packaged",
]

#: How many tokens before a match a negator may stand (same clause), as in the stance scorer.
NEGATION_WINDOW = 3
#: Longest run of tokens joined to look up a dictionary term (so 社交 + 电商 finds 社交电商).
MAX_SPAN_TOKENS = 4
#: Tokens that end a clause for negation scope (the stance scorer's list).
CLAUSE_PUNCTUATION = frozenset("，,；;：:、。！!？?…—()（）「」『』“”\"'《》")
#: Packaged dictionaries: name -> (stance data file, description). See the data folder README.
PACKAGED = {
    "business_commentary": "evaluative words of Chinese business commentary (retailkit, MIT)",
    "financial_sentiment": "formal and informal financial sentiment words (Yao et al. 2021)",
    "hownet_sentiment": "HowNet positive and negative words (Dong 2007)",
}

Unit = Literal["document", "sentence"]


@dataclass(frozen=True, eq=False)
class Dictionary:
    """A category (and optionally valence) dictionary.

    Parameters
    ----------
    name
        Short name, shown in :func:`apply`'s output.
    entries
        ``term, category, weight``: one row per term, sorted by category and term; ``weight``
        is NaN in a pure category dictionary.
    source
        Where it comes from (file path, citation).

    Examples
    --------
    >>> d = from_frame(pd.DataFrame({"term": ["好", "差"], "category": ["pos", "neg"]}))
    >>> d.categories, d.terms("pos"), d.has_weights
    (['neg', 'pos'], ['好'], False)
    """

    name: str
    entries: pd.DataFrame
    source: str = ""
    description: str = field(default="", repr=False)

    @property
    def categories(self) -> list[str]:
        """Category names, sorted."""
        return sorted(self.entries["category"].unique().tolist())

    @property
    def has_weights(self) -> bool:
        """Whether every term carries a numeric weight (a valence dictionary)."""
        return bool(self.entries["weight"].notna().all())

    def terms(self, category: str | None = None) -> list[str]:
        """Terms of ``category`` (all terms if None), sorted."""
        frame = self.entries
        if category is not None:
            if category not in set(frame["category"]):
                raise KeyError(f"dictionary {self.name!r} has no category {category!r}")
            frame = frame[frame["category"] == category]
        return sorted(frame["term"].tolist())

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return (
            f"Dictionary({self.name!r}, {len(self)} terms, "
            f"categories={self.categories!r}, weights={self.has_weights})"
        )


# --------------------------------------------------------------------------- building


def _build(
    rows: Sequence[tuple[str, str, float, int]], *, name: str, source: str, where: str
) -> Dictionary:
    """Check ``(term, category, weight, line)`` rows and make a :class:`Dictionary`."""
    owner: dict[str, tuple[str, int]] = {}
    kept = []
    for term, category, weight, line in rows:
        term, category = term.strip(), category.strip()
        if not term:
            raise DictionaryError(f"{where}: line {line}: empty term")
        if not category:
            raise DictionaryError(f"{where}: line {line}: term {term!r} has no category")
        if "*" in term:
            raise DictionaryError(
                f"{where}: line {line}: wildcard in {term!r} is not supported; list each word"
            )
        key = term.casefold()
        if key in owner:
            first_category, first_line = owner[key]
            if first_category != category:
                raise DictionaryError(
                    f"{where}: line {line}: term {term!r} is in category {category!r} and "
                    f"already in {first_category!r} (line {first_line}); a term may belong to "
                    "one category only"
                )
            continue  # the same term listed twice in one category counts once
        owner[key] = (category, line)
        kept.append((term, category, weight))
    if not kept:
        raise DictionaryError(f"{where}: no terms")
    entries = pd.DataFrame(kept, columns=["term", "category", "weight"])
    entries["weight"] = entries["weight"].astype(float)
    if entries["weight"].notna().any() and entries["weight"].isna().any():
        term = entries.loc[entries["weight"].isna(), "term"].iloc[0]
        raise DictionaryError(f"{where}: term {term!r} has no weight while others have one")
    entries = entries.sort_values(["category", "term"], ignore_index=True)
    return Dictionary(name=name, entries=entries, source=source)


def _number(value: object, where: str, line: int) -> float:
    try:
        number = float(str(value))
    except ValueError:
        raise DictionaryError(f"{where}: line {line}: weight {value!r} is not a number") from None
    if not math.isfinite(number):
        raise DictionaryError(f"{where}: line {line}: weight {value!r} is not finite")
    return number


def _yaml_node(root: Any, key: str) -> Any:
    """The value node of ``key`` in a YAML mapping node (None if absent)."""
    for key_node, value_node in root.value:
        if getattr(key_node, "value", None) == key:
            return value_node
    return None


def _read_yaml(path: Path, text: str) -> Dictionary:
    # Composed nodes rather than loaded values: every term keeps its line number, and terms
    # stay text (618 or 1.0 as written), as in a cntext file.
    import yaml

    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"line {mark.line + 1}: " if mark is not None else ""
        raise DictionaryError(f"{path}: {place}not valid YAML ({error})") from error
    body = _yaml_node(root, "Dictionary") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(data, dict) or not isinstance(body, yaml.MappingNode):
        raise DictionaryError(
            f"{path}: line 1: expected cntext's YAML layout (keys Name, Desc, Refer, Category, "
            "Dictionary; Dictionary maps each category to its terms)"
        )
    rows: list[tuple[str, str, float, int]] = []
    for key_node, terms in body.value:
        category, line = str(key_node.value), key_node.start_mark.line + 1
        if isinstance(terms, yaml.ScalarNode) and terms.value in ("", "~", "null"):
            raise DictionaryError(f"{path}: line {line}: category {category!r} has no terms")
        if isinstance(terms, yaml.MappingNode):
            for term_node, weight_node in terms.value:
                at = term_node.start_mark.line + 1
                weight = _number(getattr(weight_node, "value", None), str(path), at)
                rows.append((str(term_node.value), category, weight, at))
        elif isinstance(terms, yaml.SequenceNode):
            for term_node in terms.value:
                at = term_node.start_mark.line + 1
                if not isinstance(term_node, yaml.ScalarNode):
                    raise DictionaryError(
                        f"{path}: line {at}: category {category!r}: a term must be a word"
                    )
                rows.append((str(term_node.value), category, math.nan, at))
        else:
            raise DictionaryError(
                f"{path}: line {line}: category {category!r} must hold a list of terms or a "
                "mapping term: weight"
            )
        if not terms.value:
            raise DictionaryError(f"{path}: line {line}: category {category!r} has no terms")
    declared = _yaml_node(root, "Category")
    if isinstance(declared, yaml.SequenceNode):
        present = {str(key_node.value) for key_node, _ in body.value}
        for node in declared.value:
            if str(node.value) not in present:
                line = node.start_mark.line + 1
                raise DictionaryError(f"{path}: line {line}: category {node.value!r} has no terms")
    name = str(data.get("Name") or path.stem)
    source = " ".join(str(data.get(key, "")) for key in ("Refer", "Desc")).strip()
    return _build(rows, name=name, source=source or str(path), where=str(path))


def _read_dic(path: Path, text: str) -> Dictionary:
    lines = text.splitlines()
    marks = [n for n, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise DictionaryError(
            f"{path}: line {marks[0] + 1 if marks else 1}: a LIWC .dic file starts with a "
            "category header between two '%' lines"
        )
    categories: dict[str, tuple[str, int]] = {}
    for n in range(marks[0] + 1, marks[1]):
        content = lines[n].strip()
        if not content:
            continue
        parts = content.split()
        if len(parts) < 2 or not parts[0].isdigit():
            raise DictionaryError(
                f"{path}: line {n + 1}: expected 'number<TAB>category', got {content!r}"
            )
        if parts[0] in categories:
            raise DictionaryError(f"{path}: line {n + 1}: category number {parts[0]} twice")
        categories[parts[0]] = (" ".join(parts[1:]), n + 1)
    rows: list[tuple[str, str, float, int]] = []
    used: set[str] = set()
    for n in range(marks[1] + 1, len(lines)):
        content = lines[n].strip()
        if not content:
            continue
        parts = content.split()
        if len(parts) < 2:
            raise DictionaryError(f"{path}: line {n + 1}: term {parts[0]!r} has no category")
        unknown = [p for p in parts[1:] if p not in categories]
        if unknown:
            raise DictionaryError(
                f"{path}: line {n + 1}: {unknown[0]!r} is not a category number of the header"
            )
        names = sorted({categories[p][0] for p in parts[1:]})
        if len(names) > 1:
            raise DictionaryError(
                f"{path}: line {n + 1}: term {parts[0]!r} has two categories "
                f"({', '.join(names)}); a term may belong to one category only"
            )
        used.update(parts[1:])
        rows.append((parts[0], names[0], math.nan, n + 1))
    for number, (category, line) in categories.items():
        if number not in used:
            raise DictionaryError(f"{path}: line {line}: category {category!r} has no terms")
    return _build(rows, name=path.stem, source=str(path), where=str(path))


def _read_csv(path: Path, text: str) -> Dictionary:
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip() for cell in next(reader, [])]
    if header[:2] != ["term", "category"] or len(header) > 3 or header[2:] not in ([], ["weight"]):
        raise DictionaryError(
            f"{path}: line 1: header must be 'term,category' or 'term,category,weight', got "
            f"{','.join(header)!r}"
        )
    weighted = len(header) == 3
    rows: list[tuple[str, str, float, int]] = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise DictionaryError(
                f"{path}: line {line}: expected {len(header)} fields, got {len(cells)}: "
                f"{','.join(cells)!r}"
            )
        if not cells[1].strip():
            raise DictionaryError(f"{path}: line {line}: empty category for {cells[0]!r}")
        weight = _number(cells[2], str(path), line) if weighted else math.nan
        rows.append((cells[0], cells[1], weight, line))
    return _build(rows, name=path.stem, source=str(path), where=str(path))


def load(path: str | Path) -> Dictionary:
    """Read a dictionary from a cntext YAML, LIWC ``.dic`` or ``term,category[,weight]`` CSV file.

    Parameters
    ----------
    path
        ``.yaml``/``.yml``, ``.dic`` or ``.csv`` file, UTF-8 (with or without BOM).

    Returns
    -------
    Dictionary

    Raises
    ------
    DictionaryError
        Naming the file and line: unreadable file or line, a term in two categories, a category
        without terms, a weight that is not a number, an unsupported extension.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "tone.csv").write_text("term,category,weight\\n利好,pos,1\\n泡沫,neg,-1\\n")
    >>> load(folder / "tone.csv")
    Dictionary('tone', 2 terms, categories=['neg', 'pos'], weights=True)
    >>> _ = (folder / "bad.csv").write_text("term,category\\n利好,pos\\n利好,neg\\n")
    >>> load(folder / "bad.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    retailkit.errors.DictionaryError: ...bad.csv: line 3: term '利好' is in category 'neg' ...
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DictionaryError(f"{path}: file not found") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DictionaryError(f"{path}: line {line}: not UTF-8; save it as UTF-8") from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path, text)
    if suffix == ".dic":
        return _read_dic(path, text)
    if suffix == ".csv":
        return _read_csv(path, text)
    raise DictionaryError(f"{path}: unsupported dictionary type {suffix!r}; use .yaml, .dic, .csv")


def from_frame(frame: pd.DataFrame, *, name: str = "dictionary", source: str = "") -> Dictionary:
    """Make a :class:`Dictionary` from a table with ``term, category`` (and optional ``weight``).

    Rows are numbered from 1 in error messages.

    Examples
    --------
    >>> from_frame(pd.DataFrame({"term": ["好"], "category": ["pos"], "weight": [1.0]}))
    Dictionary('dictionary', 1 terms, categories=['pos'], weights=True)
    """
    for column in ("term", "category"):
        if column not in frame.columns:
            raise DictionaryError(f"{name}: no column {column!r} (columns: {list(frame.columns)})")
    weights = frame["weight"] if "weight" in frame.columns else [math.nan] * len(frame)
    rows = [
        (str(term), str(category), float(weight), number)
        for number, (term, category, weight) in enumerate(
            zip(frame["term"], frame["category"], weights, strict=True), start=1
        )
    ]
    return _build(rows, name=name, source=source, where=name)


def from_themes(directory: str | Path | None = None, *, core_only: bool = False) -> Dictionary:
    """The theme lexicons (:func:`retailkit.themes.load_themes`) as a :class:`Dictionary`.

    Category = theme name; no weights. The theme files are read as they are (any extra
    per-term fields are ignored), so this follows every revision of the lexicons.

    Parameters
    ----------
    directory
        A folder of theme YAML files (default: the packaged lexicons).
    core_only
        Keep only terms marked ``core: true``.

    Examples
    --------
    >>> themes = from_themes()
    >>> themes.categories
    ['feed_marketing', 'interactive_marketing', 'new_retail', 'platforms', 'social_commerce']
    >>> "社交电商" in themes.terms("social_commerce")
    True
    """
    from retailkit.themes import load_themes

    table = load_themes(directory)
    if core_only:
        table = table[table["core"]]
    frame = table.rename(columns={"theme": "category"})[["term", "category"]]
    return from_frame(frame, name="themes", source="retailkit/data/themes (retailkit.themes)")


def packaged(name: str) -> Dictionary:
    """A dictionary that ships with retailkit (see ``retailkit/data/dictionaries/README.md``).

    ``"hownet_sentiment"``, ``"financial_sentiment"`` and ``"business_commentary"`` are the
    stance scorer's lexicons (categories ``positive``/``negative``, weight = signed strength);
    ``"themes"`` is :func:`from_themes`.

    Examples
    --------
    >>> d = packaged("business_commentary")
    >>> d.categories, d.has_weights
    (['negative', 'positive'], True)
    >>> float(d.entries.set_index("term").loc["泡沫", "weight"])
    -1.5
    """
    if name == "themes":
        return from_themes()
    if name not in PACKAGED:
        raise DictionaryError(
            f"no packaged dictionary {name!r}; choose one of {sorted([*PACKAGED, 'themes'])}"
        )
    path = resources.files("retailkit") / "data" / "stance" / f"{name}.csv"
    frame = pd.read_csv(io.StringIO(path.read_text(encoding="utf-8")), keep_default_na=False)
    weight = frame["polarity"].astype(float)
    if "weight" in frame.columns:
        weight = weight * frame["weight"].astype(float)
    table = pd.DataFrame(
        {
            "term": frame["word"].astype(str),
            "category": ["positive" if w > 0 else "negative" for w in weight],
            "weight": weight,
        }
    )
    source = f"retailkit/data/stance/{name}.csv; {PACKAGED[name]}"
    return from_frame(table, name=name, source=source)


# --------------------------------------------------------------------------- applying


@cache
def load_negators() -> frozenset[str]:
    """The negators of the stance scorer (``kind == "negator"`` in its ``modifiers.csv``).

    Examples
    --------
    >>> {"不", "没有", "并非"} <= load_negators()
    True
    """
    path = resources.files("retailkit") / "data" / "stance" / "modifiers.csv"
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return frozenset(row["word"] for row in reader if row["kind"] == "negator")


@cache
def _tokenizer() -> Any:
    from retailkit.segment import Tokenizer

    return Tokenizer(stopwords=None, keep_punct=True)


def _match(
    tokens: list[str], lookup: dict[str, tuple[str, float]], max_span: int
) -> Iterable[tuple[int, str, str, float]]:
    """(start, casefolded term, category, weight) of greedy longest-first matches."""
    i = 0
    while i < len(tokens):
        for span in range(min(max_span, len(tokens) - i), 0, -1):
            key = "".join(tokens[i : i + span]).casefold()
            found = lookup.get(key)
            if found is not None:
                yield i, key, found[0], found[1]
                i += span
                break
        else:
            i += 1


def _units(
    docs: pd.DataFrame | Sequence[str], by: Unit, text_column: str, id_column: str
) -> tuple[str, list[tuple[object, int, str]]]:
    from retailkit.cleaning import split_sentences

    if isinstance(docs, pd.DataFrame):
        for column in (id_column, text_column):
            if column not in docs.columns:
                raise KeyError(f"docs has no column {column!r} (columns: {list(docs.columns)})")
        pairs = list(zip(docs[id_column], docs[text_column], strict=True))
    elif isinstance(docs, str):
        raise TypeError("docs must be a DataFrame or a list of texts, not one string")
    else:
        pairs = list(enumerate(docs))
        id_column = "doc_id"
    units = []
    for doc_id, text in pairs:
        text = text if isinstance(text, str) else ""
        if by == "document":
            units.append((doc_id, 0, text))
        else:
            units += [(doc_id, i, s) for i, s in enumerate(split_sentences(text))]
    return id_column, units


def apply(
    docs: pd.DataFrame | Sequence[str],
    dictionary: Dictionary,
    *,
    by: Unit = "document",
    text_column: str = "text",
    id_column: str = "doc_id",
    negation: bool = True,
    max_span: int = MAX_SPAN_TOKENS,
) -> pd.DataFrame:
    """Count a dictionary's categories in each document or sentence.

    Texts are segmented with retailkit's tokenizer keeping every word and punctuation; terms
    are matched greedily, longest first, over runs of up to ``max_span`` whole tokens
    (case-insensitive), so a term the tokenizer splits is still found. A match is *negated*
    when a negator (:func:`load_negators`) stands in the :data:`NEGATION_WINDOW` tokens before
    it in the same clause; its weight is multiplied by -1 once per negator, as in the stance
    scorer.

    Parameters
    ----------
    docs
        A DataFrame with ``id_column`` and ``text_column``, or a list of texts (ids 0, 1, ...).
    dictionary
        From :func:`load`, :func:`packaged`, :func:`from_themes` or :func:`from_frame`.
    by
        ``"document"`` or ``"sentence"`` (:func:`retailkit.split_sentences`).
    negation
        Apply the negation rule (False: ``negated`` is 0 and weights are never flipped).
    max_span
        Longest run of tokens joined to find a term; 1 matches whole tokens only (as
        :func:`retailkit.theme_profile`).

    Returns
    -------
    DataFrame
        One row per unit and category (also when the count is 0), in input order, categories
        sorted: ``doc_id`` (named after ``id_column``), ``sentence_index`` and ``sentence`` (with
        ``by="sentence"``), ``category``, ``count`` (matches), ``negated`` (matches in a
        negator's scope), ``tokens`` (word tokens of the unit, punctuation excluded),
        ``per_1000`` (``1000 * count / tokens``, 0 for an empty unit), ``valence`` (mean weight
        of the matches after negation; NaN without matches or weights), ``terms`` (matched
        terms with counts, ``"利好 2, 突破 1"``).

    Examples
    --------
    >>> tone = from_frame(pd.DataFrame({"term": ["利好", "泡沫"], "category": ["pos", "neg"],
    ...                                 "weight": [1.0, -1.0]}))
    >>> table = apply(["市场并非泡沫，而是利好。"], tone)
    >>> table[["doc_id", "category", "count", "negated", "tokens", "valence", "terms"]]
       doc_id category  count  negated  tokens  valence terms
    0       0      neg      1        1       5      1.0  泡沫 1
    1       0      pos      1        0       5      1.0  利好 1
    """
    from retailkit.segment import is_punctuation

    if by not in ("document", "sentence"):
        raise ValueError(f"by must be 'document' or 'sentence', got {by!r}")
    if max_span < 1:
        raise ValueError(f"max_span must be at least 1, got {max_span}")
    id_name, units = _units(docs, by, text_column, id_column)
    lookup = {
        term.casefold(): (category, weight)
        for term, category, weight in dictionary.entries[["term", "category", "weight"]].itertuples(
            index=False
        )
    }
    entries = dictionary.entries
    terms_of = dict(zip(entries["term"].str.casefold(), entries["term"], strict=True))
    negators = load_negators() if negation else frozenset()
    categories = dictionary.categories
    tokenizer = _tokenizer()
    all_tokens = tokenizer.tokenize_many([text for _, _, text in units])
    rows = []
    for (doc_id, index, text), tokens in zip(units, all_tokens, strict=True):
        clause = [0] * len(tokens)
        for k in range(1, len(tokens)):
            clause[k] = clause[k - 1] + (tokens[k - 1] in CLAUSE_PUNCTUATION)
        words = sum(not is_punctuation(t) for t in tokens)
        found: dict[str, list[tuple[str, int, float]]] = {c: [] for c in categories}
        for start, key, category, weight in _match(tokens, lookup, max_span):
            negations = sum(
                1
                for k in range(max(0, start - NEGATION_WINDOW), start)
                if clause[k] == clause[start] and tokens[k] in negators
            )
            found[category].append((terms_of[key], negations, weight * (-1.0) ** negations))
        for category in categories:
            hits = found[category]
            counted: dict[str, int] = {}
            for term, _, _ in hits:
                counted[term] = counted.get(term, 0) + 1
            listed = ", ".join(
                f"{t} {n}" for t, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            weights = [w for _, _, w in hits if not math.isnan(w)]
            row: dict[str, object] = {id_name: doc_id}
            if by == "sentence":
                row.update({"sentence_index": index, "sentence": text})
            row.update(
                {
                    "category": category,
                    "count": len(hits),
                    "negated": sum(n > 0 for _, n, _ in hits),
                    "tokens": words,
                    "per_1000": 1000 * len(hits) / words if words else 0.0,
                    "valence": sum(weights) / len(weights) if weights else math.nan,
                    "terms": listed,
                }
            )
            rows.append(row)
    columns = [id_name, *(["sentence_index", "sentence"] if by == "sentence" else [])]
    columns += ["category", "count", "negated", "tokens", "per_1000", "valence", "terms"]
    return pd.DataFrame(rows, columns=columns)
