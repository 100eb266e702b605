"""Build the commentary corpus of issue 14 from public Git repositories, and its labelling sample.

The article texts belong to their authors and publishers and are *not* committed: the repository
holds only ``data/commentary/manifest.csv`` (where each article lives, with a SHA-256 of its
extracted text) and ``data/commentary/sample.csv`` (which sentences to label, by offset and hash).
This script turns those back into text on a machine that has the source repositories.

Three steps, each deterministic::

    python benchmarks/build_commentary_corpus.py select   # scan the sources -> manifest.csv
    python benchmarks/build_commentary_corpus.py rebuild  # manifest.csv -> texts/ (hash-checked)
    python benchmarks/build_commentary_corpus.py sample   # texts/ -> sample.csv (seeded)

``rebuild`` is the one a newcomer runs: it reads each article from its repository at the pinned
commit, extracts the text, checks it against ``text_sha256`` and writes
``data/commentary/texts/<article_id>.txt`` (git-ignored). If ``sample.csv`` exists it also writes
``data/commentary/texts/sample_sentences.csv``, the sentences to label with one sentence of
context either side, after checking every sentence hash.

Where the repositories are found: ``--mirrors DIR`` (or ``$RETAILKIT_MIRRORS``, else
``/work/.mirror``) holding, for each source ``owner/name``, either a bare mirror at
``DIR/owner+name/repo`` (the layout the project's ``fetch`` tool writes) or a clone at
``DIR/owner/name`` (``git clone https://github.com/owner/name DIR/owner/name``). Sources and the
filter are documented in ``data/commentary/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import os
import re
import subprocess
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from retailkit.cleaning import clean, split_sentences
from retailkit.themes import load_themes

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data" / "commentary"
MANIFEST_PATH = DATA_DIR / "manifest.csv"
SAMPLE_PATH = DATA_DIR / "sample.csv"
SAMPLE2_PATH = DATA_DIR / "sample2.csv"  # later rounds: see EXTRA_ROUNDS
SAMPLE3_PATH = DATA_DIR / "sample3.csv"
SAMPLE4_PATH = DATA_DIR / "sample4.csv"
TEXTS_DIR = DATA_DIR / "texts"
DEFAULT_MIRRORS = Path("/work/.mirror")

MANIFEST_COLUMNS = [
    "article_id",
    "repo",
    "commit",
    "path",
    "record",
    "outlet",
    "date",
    "title",
    "text_sha256",
    "n_chars",
    "licence",
]
SAMPLE_COLUMNS = [
    "sentence_id",
    "article_id",
    "sentence_index",
    "start",
    "end",
    "text_sha256",
    "stratum",
]

NO_LICENCE = "none stated (all rights reserved)"  # texts are not redistributed


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """One article as extracted from a source file."""

    path: str
    outlet: str
    date: str  # YYYY-MM-DD
    title: str
    text: str  # extracted body, paragraphs separated by a blank line


@dataclass(frozen=True)
class Source:
    """A public repository holding articles, pinned at one commit."""

    key: str
    repo: str
    commit: str
    licence: str
    path_pattern: re.Pattern[str]
    extract: Callable[[str, str], Article | None]
    article_key: Callable[[str], str]


# ---- woshipm: levineooo/woshipm-book, one Markdown file per 人人都是产品经理 article ----------

_WOSHIPM_STATS = re.compile(r"^\d+\s*评论\s*\d+\s*浏览")
_WOSHIPM_END = re.compile(
    r"^(\*\*专栏作家\*\*|本文由|本文作者|原文作者|题图来自|该文观点仅代表|赞赏\s|更多精彩内容)"
)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|`")
_HTML_TAG = re.compile(r"<[^>]+>")


def _markdown_line_to_text(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    line = re.sub(r"^\s*(#{1,6}|>)\s*", "", line)
    line = _MD_EMPHASIS.sub("", line)
    return html.unescape(line).strip()


def extract_woshipm(path: str, raw: str) -> Article | None:
    """Title, date and body of one woshipm-book Markdown file (header, ads and footer dropped)."""
    lines = raw.splitlines()
    if not lines or not lines[0].startswith("# "):
        return None
    title = lines[0][2:].strip()
    published = re.search(r"\*\*Published:\*\*\s*(\d{4}-\d{2}-\d{2})", raw)
    if not published:
        return None
    start = next((i + 1 for i, line in enumerate(lines) if _WOSHIPM_STATS.match(line)), None)
    if start is None:
        return None
    end = next(
        (i for i in range(start, len(lines)) if _WOSHIPM_END.match(lines[i].strip())), len(lines)
    )
    paragraphs = []
    for line in lines[start:end]:
        if line.lstrip().startswith("[🔗"):  # the course advert woshipm puts above each article
            continue
        text = _markdown_line_to_text(line)
        if text and text != "---":
            paragraphs.append(text)
    return Article(path, "人人都是产品经理", published.group(1), title, "\n\n".join(paragraphs))


# ---- wechat: lijiaocn/wechat, Jekyll posts copied from WeChat public accounts -----------------

_BLOCK_TAGS = frozenset(
    ("p", "div", "br", "section", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
     "blockquote", "table", "tr", "pre", "figure", "hr")
)  # fmt: skip


class _BlockText(HTMLParser):
    """Text of an HTML fragment, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._parts: list[str] = []
        self._skip = 0

    def _flush(self) -> None:
        text = "".join(self._parts).strip()
        if text:
            self.paragraphs.append(text)
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts.append(re.sub(r"\s+", " ", data).strip())

    def close(self) -> None:
        super().close()
        self._flush()


def _front_matter(raw: str) -> tuple[dict[str, str], str]:
    match = re.match(r"---\n(.*?)\n---\n", raw, flags=re.S)
    if not match:
        return {}, raw
    fields = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[a-z_]+", key):
            value = re.sub(r"^!!python/\w+\s*", "", value.strip())
            fields[key] = value.strip().strip("'\"")
    return fields, raw[match.end() :]


def extract_wechat(path: str, raw: str) -> Article | None:
    """Title, date, account name and body of one Jekyll post copied from a public account."""
    fields, body = _front_matter(raw)
    date = fields.get("createtime", "")[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or "title" not in fields:
        return None
    parser = _BlockText()
    parser.feed(body)
    parser.close()
    outlet = f"{fields.get('channel_name') or fields.get('channel_id', '')} (微信公众号)"
    return Article(path, outlet, date, fields["title"], "\n\n".join(parser.paragraphs))


SOURCES = (
    Source(
        key="woshipm",
        repo="levineooo/woshipm-book",
        commit="5d890993c0077460f742423588a6bbd4f4c6c2bf",
        licence=NO_LICENCE,
        path_pattern=re.compile(r"^WOSHIPM-Library/articles/[a-z-]+/\d{4}/\d{2}/\d+\.md$"),
        extract=extract_woshipm,
        article_key=lambda path: Path(path).stem,
    ),
    Source(
        key="wechat",
        repo="lijiaocn/wechat",
        commit="f0b21a0b6212265bff1bb0c0b5b183ed0ef483c4",
        licence=NO_LICENCE,
        path_pattern=re.compile(r"^_posts/\d{4}-\d{2}-\d{2}-[A-Za-z0-9_-]+-\d+\.md$"),
        extract=extract_wechat,
        article_key=lambda path: re.sub(r"^\d{4}-\d{2}-\d{2}-", "", Path(path).stem),
    ),
)
SOURCES_BY_REPO = {source.repo: source for source in SOURCES}


# --------------------------------------------------------------------------------------------
# Reading the repositories
# --------------------------------------------------------------------------------------------


def mirrors_root(explicit: str | None) -> Path:
    return Path(explicit or os.environ.get("RETAILKIT_MIRRORS") or DEFAULT_MIRRORS)


def git_dir(root: Path, repo: str, commit: str) -> Path:
    """The git directory of ``repo`` under ``root`` that contains ``commit``; exit if none."""
    owner, name = repo.split("/")
    candidates = [
        root / f"{owner}+{name}" / "repo",
        root / f"{owner}+{name}",
        root / owner / name / ".git",
        root / name / ".git",
    ]
    for candidate in candidates:
        if not candidate.is_dir():
            continue
        found = subprocess.run(
            ["git", "--git-dir", str(candidate), "cat-file", "-e", f"{commit}^{{commit}}"],
            capture_output=True,
        )
        if found.returncode == 0:
            return candidate
        raise SystemExit(
            f"{candidate}: a copy of {repo} without commit {commit}; "
            f"run `git --git-dir {candidate} fetch origin {commit}` or clone it afresh"
        )
    tried = ", ".join(str(c) for c in candidates[:3])
    raise SystemExit(
        f"{repo}: no mirror found (tried {tried}). Clone it with "
        f"`git clone https://github.com/{repo} {root / owner / name}` "
        "or pass --mirrors DIR / set RETAILKIT_MIRRORS"
    )


def list_files(directory: Path, commit: str) -> list[tuple[str, str]]:
    """(path, blob id) of every file at ``commit``, sorted by path."""
    out = subprocess.run(
        ["git", "--git-dir", str(directory), "ls-tree", "-r", "-z", commit],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    rows = []
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        _mode, kind, blob = meta.split()
        if kind == "blob":
            rows.append((path, blob))
    return sorted(rows)


def read_blobs(directory: Path, specs: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """Contents of each ``commit:path`` or blob id, in order, through one ``git cat-file``."""
    specs = list(specs)
    proc = subprocess.Popen(
        ["git", "--git-dir", str(directory), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for spec in specs:
            proc.stdin.write(spec.encode("utf-8") + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline().decode("utf-8").split()
            if len(header) != 3:  # "<spec> missing"
                yield spec, None
                continue
            size = int(header[2])
            content = proc.stdout.read(size)
            proc.stdout.read(1)  # the newline after each object
            yield spec, content
    finally:
        proc.stdin.close()
        proc.wait()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Selection: which articles are about e-commerce, retail and marketing
# --------------------------------------------------------------------------------------------

# An article is kept when its title + text mention these often enough (see is_relevant).
CORE_TERMS = (
    "电商", "零售", "营销", "微商", "带货", "淘宝", "天猫", "京东", "拼多多", "网购", "新零售",
    "私域", "种草", "有赞", "唯品会", "小红书",
)  # fmt: skip
ANCHOR_TERMS = (
    "电商", "零售", "营销", "社交电商", "微商", "带货", "淘宝", "天猫", "京东", "拼多多",
    "网购", "购物", "商家", "广告", "品牌", "消费者", "新零售", "私域", "种草",
)  # fmt: skip
CONTEXT_TERMS = (
    "直播电商", "直播带货", "信息流", "有赞", "唯品会", "苏宁", "小红书", "抖音", "快手", "微信",
    "微博", "社群", "裂变", "流量", "转化率", "GMV", "双11", "双十一", "618", "O2O", "下单",
    "促销", "用户画像", "精准营销", "KOL", "网红", "公众号", "小程序",
)  # fmt: skip
YEARS = range(2012, 2024)  # the issue asks for commentary across 2012–2023
MIN_CHARS, MAX_CHARS = 600, 30_000


def relevance(article: Article) -> tuple[int, int, int, int]:
    """(core-term hits, anchor-term hits, all-term hits, distinct terms) in title + text."""
    text = f"{article.title}\n{article.text}"
    core = sum(text.count(term) for term in CORE_TERMS)
    anchor = {term: text.count(term) for term in ANCHOR_TERMS}
    context = {term: text.count(term) for term in CONTEXT_TERMS}
    hits = sum(anchor.values()) + sum(context.values())
    distinct = sum(1 for n in (*anchor.values(), *context.values()) if n)
    return core, sum(anchor.values()), hits, distinct


def is_relevant(article: Article) -> bool:
    """3+ core hits, 5+ anchor hits, 10+ hits, 5+ distinct terms; 600–30,000 chars; 2012–2023."""
    core, anchor, hits, distinct = relevance(article)
    return (
        core >= 3
        and anchor >= 5
        and hits >= 10
        and distinct >= 5
        and MIN_CHARS <= len(article.text) <= MAX_CHARS
        and int(article.date[:4]) in YEARS
    )


def select(root: Path) -> None:
    """Scan every source at its pinned commit and write the relevant articles to the manifest."""
    rows: list[dict[str, object]] = []
    for source in SOURCES:
        directory = git_dir(root, source.repo, source.commit)
        files = [(p, b) for p, b in list_files(directory, source.commit)
                 if source.path_pattern.match(p)]  # fmt: skip
        seen_texts: set[str] = set()
        n_duplicates = 0
        blobs = dict(read_blobs(directory, (blob for _path, blob in files)))
        for path, blob in files:
            content = blobs[blob]
            if content is None:
                continue
            article = source.extract(path, content.decode("utf-8", errors="replace"))
            if article is None or not is_relevant(article):
                continue
            digest = sha256(article.text)
            if digest in seen_texts:  # the same article under two paths: keep the first
                n_duplicates += 1
                continue
            seen_texts.add(digest)
            rows.append(
                {
                    "article_id": f"{source.key}-{source.article_key(article.path)}",
                    "repo": source.repo,
                    "commit": source.commit,
                    "path": article.path,
                    "record": "",
                    "outlet": article.outlet,
                    "date": article.date,
                    "title": f"sha256:{sha256(article.title)}",
                    "text_sha256": digest,
                    "n_chars": len(article.text),
                    "licence": source.licence,
                }
            )
        print(
            f"{source.repo}: {len(files):,} article files, {len(seen_texts):,} relevant kept, "
            f"{n_duplicates:,} duplicate texts dropped"
        )
    rows.sort(key=lambda row: str(row["article_id"]))
    ids = [row["article_id"] for row in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate article_id in the selection; make article_key unique")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    write_csv(MANIFEST_PATH, MANIFEST_COLUMNS, rows)
    print(f"wrote {len(rows):,} articles to {MANIFEST_PATH.relative_to(REPO_ROOT)}")


# --------------------------------------------------------------------------------------------
# Rebuild: manifest -> texts, hash-checked
# --------------------------------------------------------------------------------------------


def write_csv(path: Path, columns: list[str], rows: Iterable[Mapping[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SystemExit(f"{path}: not found; run the step that writes it first")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rebuild_texts(root: Path) -> dict[str, str]:
    """Extract every manifest article from its repository and check its hash; {id: text}."""
    manifest = read_csv(MANIFEST_PATH)
    texts: dict[str, str] = {}
    by_repo: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in manifest:
        by_repo[(row["repo"], row["commit"])].append(row)
    bad = []
    for (repo, commit), rows in sorted(by_repo.items()):
        if repo not in SOURCES_BY_REPO:
            raise SystemExit(f"manifest.csv: unknown source repository {repo}")
        source = SOURCES_BY_REPO[repo]
        directory = git_dir(root, repo, commit)
        specs = [f"{commit}:{row['path']}" for row in rows]
        for row, (spec, content) in zip(rows, read_blobs(directory, specs), strict=True):
            if content is None:
                bad.append(f"{row['article_id']}: {spec} missing from {directory}")
                continue
            article = source.extract(row["path"], content.decode("utf-8", errors="replace"))
            if article is None or sha256(article.text) != row["text_sha256"]:
                bad.append(f"{row['article_id']}: {spec} text does not match text_sha256")
                continue
            texts[row["article_id"]] = article.text
    if bad:
        shown = "\n  ".join(bad[:10])
        raise SystemExit(f"{len(bad)} article(s) could not be rebuilt:\n  {shown}")
    return texts


def cleaned_sentences(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``clean(text)`` and its sentences as (start, end, sentence) offsets into the cleaned text."""
    cleaned = clean(text)
    spans = []
    cursor = 0
    for sentence in split_sentences(cleaned):
        start = cleaned.index(sentence, cursor)
        spans.append((start, start + len(sentence), sentence))
        cursor = start + len(sentence)
    return cleaned, spans


def rebuild(root: Path) -> None:
    texts = rebuild_texts(root)
    TEXTS_DIR.mkdir(parents=True, exist_ok=True)
    for article_id, text in texts.items():
        (TEXTS_DIR / f"{article_id}.txt").write_text(text + "\n", encoding="utf-8")
    print(f"rebuilt {len(texts):,} articles (all hashes match) into {TEXTS_DIR}")
    rounds = [(r.path, r.sentences_name) for r in EXTRA_ROUNDS.values()]
    for sample_path, name in [(SAMPLE_PATH, "sample_sentences.csv"), *rounds]:
        if sample_path.is_file():
            export_sample(texts, sample_path, name)


def export_sample(
    texts: dict[str, str], sample_path: Path = SAMPLE_PATH, name: str = "sample_sentences.csv"
) -> None:
    """Write the sample's sentences, with one sentence of context either side, for annotators.

    Each sentence is found by its hash among the article's current sentences (the one nearest
    its recorded index), so a later change of ``retailkit.clean`` that shifts offsets does not
    lose it; a sentence the cleaning no longer produces at all is reported and left out.
    """
    manifest = {row["article_id"]: row for row in read_csv(MANIFEST_PATH)}
    sample = read_csv(sample_path)
    spans_by_article: dict[str, list[tuple[int, int, str]]] = {}
    rows, lost = [], []
    for row in sample:
        article_id = row["article_id"]
        if article_id not in spans_by_article:
            spans_by_article[article_id] = cleaned_sentences(texts[article_id])[1]
        spans = spans_by_article[article_id]
        recorded = int(row["sentence_index"])
        found = [i for i, (_, _, s) in enumerate(spans) if sha256(s) == row["text_sha256"]]
        if not found:
            lost.append(row["sentence_id"])
            continue
        index = min(found, key=lambda i: (abs(i - recorded), i))
        rows.append(
            {
                "sentence_id": row["sentence_id"],
                "article_id": article_id,
                "outlet": manifest[article_id]["outlet"],
                "date": manifest[article_id]["date"],
                "context_before": spans[index - 1][2] if index > 0 else "",
                "sentence": spans[index][2],
                "context_after": spans[index + 1][2] if index + 1 < len(spans) else "",
            }
        )
    if lost:
        print(
            f"{len(lost)} sample sentences are no longer produced by retailkit.clean "
            f"(left out): {', '.join(lost[:5])}{' …' if len(lost) > 5 else ''}"
        )
    path = TEXTS_DIR / name
    columns = ["sentence_id", "article_id", "outlet", "date"]
    write_csv(path, [*columns, "context_before", "sentence", "context_after"], rows)
    print(f"wrote {len(rows):,} sample sentences (hashes checked) to {path}")


# --------------------------------------------------------------------------------------------
# Sample: sentences to label, stratified by target, with hard negatives
# --------------------------------------------------------------------------------------------

TARGETS = ("feed_marketing", "interactive_marketing", "social_commerce")  # rarest first
# Words that make a sentence *look* like one of the three practices without being about it.
DECOY_TERMS = (
    "社交", "互动", "推送", "流量", "推荐", "广告", "直播", "粉丝", "社群", "分享", "朋友圈",
    "算法", "曝光", "点赞", "评论",
)  # fmt: skip
# Filled in this order; what a target stratum cannot fill goes to the two negative strata.
QUOTAS = {
    "feed_marketing": 700,
    "interactive_marketing": 650,
    "social_commerce": 850,
    "hard_negative": 750,
    "none": 650,
}
TOTAL = sum(QUOTAS.values())
MAX_PER_ARTICLE = 16
MIN_SENTENCE_CHARS, MAX_SENTENCE_CHARS = 8, 160
SAMPLE_SEED = 14


def target_patterns() -> dict[str, re.Pattern[str]]:
    """One regex per target over the core terms of its theme in retailkit's lexicons.

    Latin terms (AR, VR, KOL) must stand alone, so AR does not match inside ARPU or MARKETING.
    """
    themes = load_themes()
    core = themes[themes["core"] & themes["theme"].isin(TARGETS)]
    patterns = {}
    for name in TARGETS:
        terms = sorted(set(core.loc[core["theme"] == name, "term"]), key=lambda t: (-len(t), t))
        alternatives = [
            rf"(?<![A-Za-z]){re.escape(t)}(?![A-Za-z])" if t.isascii() else re.escape(t)
            for t in terms
        ]
        patterns[name] = re.compile("|".join(alternatives))
    return patterns


def stratum(sentence: str, patterns: dict[str, re.Pattern[str]]) -> str:
    """The first target (rarest first) whose core term the sentence has, else a negative kind."""
    for name in TARGETS:
        if patterns[name].search(sentence):
            return name
    if any(term in sentence for term in DECOY_TERMS):
        return "hard_negative"
    return "none"


def interleave_sources(article_ids: list[str]) -> list[str]:
    """Alternate between sources (the article_id prefix), keeping each source's own order.

    The product-manager community holds most articles; alternating gives the public-account
    essays an equal turn until they run out.
    """
    by_source: dict[str, list[str]] = defaultdict(list)
    for article_id in article_ids:
        by_source[article_id.split("-", 1)[0]].append(article_id)
    ranked = [
        (rank, source, article_id)
        for source, ids in by_source.items()
        for rank, article_id in enumerate(ids)
    ]
    return [article_id for _rank, _source, article_id in sorted(ranked)]


def candidate_sentences(
    texts: dict[str, str],
    article_ids: Iterable[str],
    kind_of: Callable[[str], str | None],
    seed: int,
    exclude: frozenset[str] = frozenset(),
) -> dict[str, list[dict[str, object]]]:
    """Every labellable sentence of the articles, by stratum (``kind_of``; None: not drawn).

    A sentence is labellable with 8–160 characters and at least six Han characters; ``order``
    is its seeded place in the draw.
    """
    candidates: dict[str, list[dict[str, object]]] = defaultdict(list)
    for article_id in sorted(article_ids):
        _cleaned, spans = cleaned_sentences(texts[article_id])
        for index, (start, end, sentence) in enumerate(spans):
            n_han = len(re.findall(r"[\u4e00-\u9fff]", sentence))
            if not MIN_SENTENCE_CHARS <= len(sentence) <= MAX_SENTENCE_CHARS or n_han < 6:
                continue
            sentence_id = f"{article_id}:{index:04d}"
            kind = kind_of(sentence)
            if kind is None or sentence_id in exclude:
                continue
            candidates[kind].append(
                {
                    "sentence_id": sentence_id,
                    "article_id": article_id,
                    "sentence_index": index,
                    "start": start,
                    "end": end,
                    "text_sha256": sha256(sentence),
                    "stratum": kind,
                    "order": sha256(f"{seed}:{sentence_id}"),
                }
            )
    return candidates


def round_robin(
    pool: list[dict[str, object]],
    quota: int,
    article_order: Callable[[list[str]], list[str]],
    per_article: Counter[str],
    max_per_article: int,
) -> list[dict[str, object]]:
    """Up to ``quota`` rows of ``pool``, one per article in turn (in ``article_order``), each
    article's rows in their seeded order, no article past ``max_per_article`` (counted over
    all strata in ``per_article``), so that many articles contribute to each stratum."""
    by_article: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in sorted(pool, key=lambda r: str(r["order"])):
        by_article[str(row["article_id"])].append(row)
    order = article_order(list(by_article))
    taken: list[dict[str, object]] = []
    depth = 0
    while len(taken) < quota and any(len(by_article[a]) > depth for a in order):
        for article_id in order:
            if len(taken) >= quota:
                break
            rows = by_article[article_id]
            if depth < len(rows) and per_article[article_id] < max_per_article:
                taken.append(rows[depth])
                per_article[article_id] += 1
        depth += 1
    return taken


def write_sample(path: Path, chosen: list[dict[str, object]], per_article: Counter[str]) -> None:
    chosen.sort(key=lambda r: (str(r["article_id"]), int(str(r["sentence_index"]))))
    for row in chosen:
        del row["order"]
    write_csv(path, SAMPLE_COLUMNS, chosen)
    print(
        f"wrote {len(chosen):,} sentences from {len(per_article):,} articles "
        f"to {path.relative_to(REPO_ROOT)}"
    )


def sample(root: Path) -> None:
    texts = rebuild_texts(root)
    patterns = target_patterns()
    candidates = candidate_sentences(
        texts, texts, lambda sentence: stratum(sentence, patterns), SAMPLE_SEED
    )
    per_article: Counter[str] = Counter()
    chosen: list[dict[str, object]] = []
    for name, quota in QUOTAS.items():
        if name == "hard_negative":  # share out what the targets left unfilled
            shortfall = sum(QUOTAS[t] for t in TARGETS) - len(chosen)
            quota += shortfall // 2
        elif name == "none":
            quota = TOTAL - len(chosen)

        def article_order(ids: list[str], name: str = name) -> list[str]:
            return interleave_sources(
                sorted(ids, key=lambda a: sha256(f"{SAMPLE_SEED}:{name}:{a}"))
            )

        taken = round_robin(candidates[name], quota, article_order, per_article, MAX_PER_ARTICLE)
        chosen += taken
        print(
            f"{name:>22}: {len(taken):>5,} of {len(candidates[name]):>6,} candidates "
            f"(quota {quota:,})"
        )
    write_sample(SAMPLE_PATH, chosen, per_article)
    export_sample(texts)


# --------------------------------------------------------------------------------------------
# Second sample: where the first was thin (skeptical stance, interactive marketing)
# --------------------------------------------------------------------------------------------

# A sentence may be about a practice when it has one of these (the core terms, plus the words
# the first round's annotators coded targets on most often beyond them).
BROAD_TERMS = (
    "社交", "社群", "微商", "分销", "裂变", "拼团", "私域", "种草", "朋友圈", "KOL", "网红", "达人",
    "带货", "直播", "互动", "信息流", "推荐", "推送", "算法", "个性化", "千人千面", "小红书",
    "抖音", "快手", "微博", "公众号", "小程序", "粉丝", "口碑", "分享",
)  # fmt: skip
# Words of doubt, criticism, limits and decline: the skeptical side the first round lacked
# (96 skeptical sentences toward social commerce, 23 toward feeds, 2 toward interaction).
SKEPTICAL_CUES = (
    "问题", "困境", "瓶颈", "天花板", "泡沫", "质疑", "失败", "难以", "无法", "缺乏", "风险",
    "乱象", "割韭菜", "传销", "骚扰", "反感", "下滑", "衰退", "焦虑", "弊端", "局限", "隐患",
    "争议", "过度", "低效", "误区", "陷阱", "封号", "监管", "违规", "反噬", "流失", "疲劳",
    "失效", "不再", "没落", "降温", "尴尬", "鸡肋", "噱头", "虚假", "刷单", "诟病", "担忧",
    "透支", "伪命题", "难题", "短板", "越来越贵", "内卷", "饱和", "见顶", "困难", "不靠谱",
    "昙花一现", "套路", "红利消失", "不买账", "厌倦", "打扰",
)  # fmt: skip


@dataclass(frozen=True)
class ExtraRound:
    """A later labelling sample: where it draws from and how many sentences of each stratum."""

    path: Path
    sentences_name: str  # the rebuilt file for annotators, under texts/
    accounts: bool  # False: 人人都是产品经理 only; True: the WeChat public accounts only
    quotas: dict[str, int]
    seed: int
    max_per_article: int


EXTRA_ROUNDS = {
    # Round 2: the product-manager community only, so the accounts stay unseen for the
    # evaluation on other outlets; skeptical and interactive sentences, where round 1 was thin.
    "sample2": ExtraRound(
        SAMPLE2_PATH,
        "sample2_sentences.csv",
        accounts=False,
        quotas={
            "skeptical_cue": 1000,
            "interactive_marketing": 250,
            "feed_marketing": 150,
            "hard_negative": 600,
        },
        seed=1402,
        max_per_article=6,
    ),
    # Round 3: the WeChat public accounts of 2014–2019, closer in time and genre to the seeds;
    # evaluated outlet by outlet (each account scored by a model that never saw it).
    "sample3": ExtraRound(
        SAMPLE3_PATH,
        "sample3_sentences.csv",
        accounts=True,
        quotas={
            "skeptical_cue": 400,
            "interactive_marketing": 100,
            "feed_marketing": 100,
            "social_commerce": 100,
            "hard_negative": 350,
            "none": 150,
        },
        seed=1403,
        max_per_article=12,
    ),
    # Round 4: the rest of the accounts' hard negatives (a practice-like word, no core term):
    # in round 3 one in seven of them was about a practice after all, in the seeds' era.
    "sample4": ExtraRound(
        SAMPLE4_PATH,
        "sample4_sentences.csv",
        accounts=True,
        quotas={"hard_negative": 1400},
        seed=1404,
        max_per_article=60,
    ),
}


def stratum2(sentence: str, patterns: dict[str, re.Pattern[str]]) -> str:
    """The stratum of a sentence in the later rounds (a round draws only the strata it names)."""
    core = next((name for name in TARGETS if patterns[name].search(sentence)), None)
    broad = core is not None or any(term in sentence for term in BROAD_TERMS)
    if broad and any(cue in sentence for cue in SKEPTICAL_CUES):
        return "skeptical_cue"
    if core is not None:
        return core
    if any(term in sentence for term in DECOY_TERMS):
        return "hard_negative"
    return "none"


def extra_sample(root: Path, step: str) -> None:
    """A later labelling sample (``EXTRA_ROUNDS``) of sentences in no earlier sample.

    Same sentence filter, seeded order and round-robin over articles as ``sample``.
    """
    spec = EXTRA_ROUNDS[step]
    texts = rebuild_texts(root)
    manifest = {row["article_id"]: row for row in read_csv(MANIFEST_PATH)}
    earlier = [SAMPLE_PATH, *(r.path for r in EXTRA_ROUNDS.values() if r.seed < spec.seed)]
    exclude = frozenset(row["sentence_id"] for path in earlier for row in read_csv(path))
    articles = [a for a in texts if (manifest[a]["outlet"] != "人人都是产品经理") == spec.accounts]
    patterns = target_patterns()
    candidates = candidate_sentences(
        texts, articles, lambda sentence: stratum2(sentence, patterns), spec.seed, exclude
    )
    per_article: Counter[str] = Counter()
    chosen: list[dict[str, object]] = []
    for name, quota in spec.quotas.items():

        def article_order(ids: list[str], name: str = name) -> list[str]:
            return sorted(ids, key=lambda a: sha256(f"{spec.seed}:{name}:{a}"))

        taken = round_robin(
            candidates[name], quota, article_order, per_article, spec.max_per_article
        )
        chosen += taken
        print(
            f"{name:>22}: {len(taken):>5,} of {len(candidates[name]):>6,} candidates "
            f"(quota {quota:,})"
        )
    write_sample(spec.path, chosen, per_article)
    export_sample(texts, spec.path, spec.sentences_name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["select", "rebuild", "sample", *EXTRA_ROUNDS])
    parser.add_argument("--mirrors", help="folder holding the source repositories")
    args = parser.parse_args(argv)
    root = mirrors_root(args.mirrors)
    if args.step in EXTRA_ROUNDS:
        extra_sample(root, args.step)
    else:
        {"select": select, "rebuild": rebuild, "sample": sample}[args.step](root)


if __name__ == "__main__":
    main()
