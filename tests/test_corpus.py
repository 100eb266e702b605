"""Specifications of retailkit.corpus: the seed catalog, the loaders and bad input."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from pathlib import Path

import opencc
import pandas as pd
import pytest

from retailkit.corpus import (
    CATALOG_COLUMNS,
    CATALOG_OPTIONAL_COLUMNS,
    CORPUS_COLUMNS,
    GENRES,
    SEEDS_DIR,
    audit_summary,
    character_shares,
    corpus_profile,
    detect_encoding,
    html_to_text,
    load_articles,
    load_corpus,
    load_seeds,
    read_catalog,
    seed_audit,
    split_parts,
)
from retailkit.errors import CorpusError

T2S = opencc.OpenCC("t2s")

# A Traditional paragraph of seed 004 (encodable in Big5) and a Simplified one of seed 003.
TRADITIONAL = "微信是什麼?微信對於個人而言,是一個與朋友、私密關係群體交流的工具。"
SIMPLIFIED = "6月13日,阿里巴巴集团和微博在北京共同宣布启动“U微计划”。"


# --------------------------------------------------------------------- catalog and seeds


def test_catalog_has_one_row_per_article_and_per_part() -> None:
    catalog = read_catalog()
    assert list(catalog.columns) == CATALOG_COLUMNS + CATALOG_OPTIONAL_COLUMNS
    assert (catalog["part"] == "").sum() == 5
    assert (catalog["part"] != "").sum() == 7
    assert catalog["evidence"].str.len().min() > 20
    assert set(catalog["original_script"]) == {"traditional", "simplified"}
    assert set(catalog["script"]) <= {"simplified", "mainland", "hongkong", "taiwan"}


@pytest.mark.parametrize(
    ("seed", "part", "published"),
    [
        ("000", "", "2017-11-08"),
        ("001", "", "2018-06-25"),
        ("002", "", "2018-10"),
        ("003", "", "2018-06"),
        ("004", "", "2013"),
        ("004", "1", "2013"),
        ("004", "2", "2013-12-27"),
        ("004", "3", "2013-10-30"),
    ],
)
def test_catalog_dates(seed: str, part: str, published: str) -> None:
    catalog = read_catalog()
    row = catalog[catalog["doc_id"].str.startswith(seed) & (catalog["part"] == part)]
    assert row["published"].tolist() == [published]


@pytest.mark.parametrize(
    ("seed", "original_script", "script"),
    [
        ("000", "traditional", "mainland"),
        ("001", "simplified", "simplified"),
        ("004", "traditional", "mainland"),
    ],
)
def test_catalog_scripts(seed: str, original_script: str, script: str) -> None:
    catalog = read_catalog()
    row = catalog[catalog["doc_id"].str.startswith(seed) & (catalog["part"] == "")].iloc[0]
    assert (row["original_script"], row["script"]) == (original_script, script)


def test_catalog_glosses_every_title_in_english() -> None:
    catalog = read_catalog()
    assert (catalog["title_en"].str.len() > 10).all()
    assert not catalog["title_en"].str.contains(r"[\u4e00-\u9fff]").any()
    part_2 = catalog[catalog["doc_id"].str.startswith("004") & (catalog["part"] == "2")]
    assert part_2["title_en"].item().startswith("On O2O")


def test_read_catalog_without_optional_columns_fills_them_empty(tmp_path: Path) -> None:
    catalog = read_catalog().drop(columns=CATALOG_OPTIONAL_COLUMNS)
    catalog.to_csv(tmp_path / "catalog.csv", index=False)
    again = read_catalog(tmp_path)
    assert list(again.columns) == CATALOG_COLUMNS + CATALOG_OPTIONAL_COLUMNS
    assert (again["title_en"] == "").all()
    assert again["title"].tolist() == catalog["title"].tolist()


@pytest.mark.parametrize(
    ("seed", "part", "genre", "republished_from"),
    [
        ("000", "1", "essay", ""),
        ("001", "1", "republished post", "金错刀 (WeChat account, ID ijincuodao)"),
        ("002", "1", "press-release rewrite", ""),
        ("003", "1", "contributed commentary", ""),
        ("004", "", "", ""),  # an archive page: its three parts differ
        ("004", "1", "essay", "i黑马 (iheima.com)"),
        ("004", "2", "news", "i黑马 (iheima.com)"),
        ("004", "3", "column", "蘋果日報 Apple Daily (Hong Kong), column 中環在線"),
    ],
)
def test_catalog_genre_and_provenance(
    seed: str, part: str, genre: str, republished_from: str
) -> None:
    catalog = read_catalog()
    row = catalog[catalog["doc_id"].str.startswith(seed) & (catalog["part"] == part)].iloc[0]
    assert (row["genre"], row["republished_from"]) == (genre, republished_from)
    assert len(row["genre_evidence"]) > 20


def test_catalog_genres_come_from_the_vocabulary_and_every_piece_has_one() -> None:
    catalog = read_catalog()
    assert set(catalog["genre"]) <= {*GENRES, ""}
    assert (catalog.loc[catalog["part"] != "", "genre"] != "").all()
    single = catalog.groupby("doc_id")["part"].transform("size") == 2  # article row + 1 part
    article, part = (
        catalog[single & (catalog["part"] == "")],
        catalog[single & (catalog["part"] == "1")],
    )
    cols = ["genre", "republished_from"]
    assert article[cols].to_numpy().tolist() == part[cols].to_numpy().tolist()


# A quotation in the evidence: '...' after a non-letter (not the apostrophe of "Tmall's").
_QUOTE = re.compile(r"(?<![A-Za-z])'([^']*[\u4e00-\u9fff][^']*)'")
_PINYIN = re.compile(r"\([a-zü\u0300-\u036f\u00e0-\u01dc]+\)")


def test_catalog_genre_evidence_quotes_the_seed_text() -> None:
    """Every Chinese quotation in ``genre_evidence`` is in the seed as written (``…`` marks a
    cut; runs of spaces and no-break spaces count as one space; 000's pinyin annotations such
    as ``(rèn)`` are left out of quotations)."""
    quoted = 0
    for _, row in read_catalog().iterrows():
        raw = (SEEDS_DIR / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        raw = _PINYIN.sub("", re.sub(r"[\u00a0 ]+", " ", raw))
        for quote in _QUOTE.findall(row["genre_evidence"]):
            quoted += 1
            missing = [piece for piece in quote.split("…") if piece and piece not in raw]
            assert not missing, f"{row['doc_id']} part {row['part'] or '-'}: {missing}"
    assert quoted >= 15


def test_load_seeds_and_load_corpus_carry_genre_and_provenance() -> None:
    parts = load_seeds(by="part")
    assert parts["genre"].tolist() == [
        "essay",
        "republished post",
        "press-release rewrite",
        "contributed commentary",
        "essay",
        "news",
        "column",
    ]
    corpus = load_corpus(SEEDS_DIR)
    assert corpus["genre"].tolist() == load_seeds()["genre"].tolist()
    assert corpus.loc[1, "republished_from"].startswith("金错刀")


def test_catalog_urls_of_seed_004_parts_come_from_the_text() -> None:
    parts = load_seeds(by="part")
    urls = parts.loc[parts["doc_id"].str.startswith("004"), "url"].tolist()
    raw = (SEEDS_DIR / "004_3f9db06cc5bb1528.txt").read_text(encoding="utf-8")
    assert len(urls) == 3
    assert all(url and url in raw for url in urls)
    assert "/2013/1227/" in urls[1] and "20131030" in urls[2]


def test_load_seeds_by_article_gives_five_sorted_rows_with_metadata() -> None:
    seeds = load_seeds()
    assert list(seeds.columns) == CORPUS_COLUMNS
    assert len(seeds) == 5
    assert seeds["doc_id"].tolist() == sorted(seeds["doc_id"])
    assert seeds.loc[0, "author"] == "COCO"


def test_load_seeds_raw_is_the_verbatim_file() -> None:
    for _, row in load_seeds().iterrows():
        path = SEEDS_DIR / f"{row['doc_id']}.txt"
        assert row["raw"] == path.read_bytes().decode("utf-8")


def test_load_seeds_by_part_gives_three_parts_for_seed_004() -> None:
    parts = load_seeds(by="part")
    assert len(parts) == 7
    assert list(parts.columns) == ["doc_id", "part", *CORPUS_COLUMNS[1:]]
    seed_004 = parts[parts["doc_id"].str.startswith("004")]
    assert seed_004["part"].tolist() == [1, 2, 3]
    assert seed_004["text"].str[:4].tolist() == ["生的互动", "关于O2", "中环在线"]
    assert seed_004["published"].tolist() == ["2013", "2013-12-27", "2013-10-30"]


def test_parts_are_verbatim_slices_and_articles_join_their_parts() -> None:
    articles = load_seeds().set_index("doc_id")
    parts = load_seeds(by="part")
    for doc_id, group in parts.groupby("doc_id"):
        assert "".join(group["raw"]) == articles.loc[doc_id, "raw"]
        assert "\n\n".join(group["text"]) == articles.loc[doc_id, "text"]


def test_seed_texts_are_simplified() -> None:
    for text in load_seeds(by="part")["text"]:
        assert T2S.convert(text) == text


def test_load_seeds_returns_a_fresh_copy() -> None:
    seeds = load_seeds()
    seeds.loc[0, "text"] = "changed"
    assert load_seeds().loc[0, "text"] != "changed"


def test_load_seeds_rejects_unknown_by() -> None:
    with pytest.raises(ValueError, match="by='paragraph'"):
        load_seeds(by="paragraph")  # type: ignore[arg-type]


def test_seed_audit_lists_removals_per_document() -> None:
    audit = seed_audit()
    by_part = seed_audit(by="part")
    assert list(audit.columns) == [
        "doc_id",
        "step",
        "rule",
        "start",
        "end",
        "removed",
        "replacement",
    ]
    assert "part" in by_part.columns and len(by_part) == len(audit)
    counts = audit.groupby(audit["doc_id"].str[:3]).size()
    assert counts.index.tolist() == ["000", "001", "002", "003", "004"]
    assert (by_part.loc[by_part["rule"] == "permalink", "part"].tolist()) == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "n_parts"),
    [
        ("甲。\nPermaLink: https://a/?id=1\n乙。\nPermaLink: https://a/?id=2\n", 2),
        ("没有存档结构的文章。\n第二段。", 1),
        ("甲。\nPermaLink: x\n乙。\nPermaLink: y\n丙。\nPermaLink: z\nNext Page\n", 3),
    ],
)
def test_split_parts_cuts_after_permalink_lines(text: str, n_parts: int) -> None:
    parts = split_parts(text)
    assert len(parts) == n_parts
    assert "".join(parts) == text


# --------------------------------------------------------------------- load_corpus: good input


def test_load_corpus_on_the_seeds_folder_uses_its_catalog() -> None:
    corpus = load_corpus(SEEDS_DIR)
    seeds = load_seeds()
    assert corpus["doc_id"].tolist() == seeds["doc_id"].tolist()
    assert corpus["published"].tolist() == seeds["published"].tolist()
    assert (corpus["encoding"] == "utf-8").all()
    assert corpus["text"].tolist() == seeds["text"].tolist()  # 004 cleaned part by part too


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-be", None),  # written with an explicit BOM below
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("big5", "big5hkscs"),
    ],
)
def test_load_corpus_detects_the_encoding(tmp_path: Path, encoding: str, expected: str) -> None:
    text = TRADITIONAL + "\n" + TRADITIONAL.replace("微信", "微博")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data, expected = codecs.BOM_UTF16_BE + data, "utf-16"
    (tmp_path / "article.txt").write_bytes(data)
    corpus = load_corpus(tmp_path)
    assert corpus.loc[0, "encoding"] == expected
    assert corpus.loc[0, "raw"] == text
    assert corpus.loc[0, "text"].startswith("微信是什么？微信对于个人而言，")
    assert corpus.loc[0, "original_script"] == "traditional"


@pytest.mark.parametrize("encoding", ["gbk", "big5"])
def test_detect_encoding_tells_gbk_from_big5_on_a_whole_seed(encoding: str) -> None:
    text = load_seeds(by="part").query("part == 2")["raw"].iloc[-1]
    data = text.encode(encoding, errors="ignore")
    assert detect_encoding(data) == {"gbk": "gb18030", "big5": "big5hkscs"}[encoding]


def test_load_corpus_converts_mixed_traditional_and_simplified(tmp_path: Path) -> None:
    (tmp_path / "mixed.txt").write_text("這是简体和繁體混合的文本,天貓互動吧。", encoding="utf-8")
    corpus = load_corpus(tmp_path / "mixed.txt")
    assert corpus.loc[0, "text"] == "这是简体和繁体混合的文本，天猫互动吧。"
    assert corpus.loc[0, "doc_id"] == "mixed"


def test_load_corpus_reads_visible_html_text_only(tmp_path: Path) -> None:
    html = (
        "<html><head><title>新零售</title><style>p {color: red}</style>"
        "<script>var 广告 = '不应出现';</script></head><body><p>天猫做了<b>什么</b>?</p>"
        "<script>document.write('脚本文字')</script><p>微信扫一扫</p><p>第二段。</p></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    row = load_corpus(tmp_path).iloc[0]
    assert row["text"] == "天猫做了什么？\n\n第二段。"
    assert row["title"] == "新零售"
    assert row["raw"] == html
    assert "不应出现" not in row["text"] and "脚本文字" not in row["text"]


def test_html_to_text_keeps_inline_elements_on_one_line() -> None:
    assert html_to_text("<p>这是<a href='#'>链接</a>里的话。</p>")[1].strip() == "这是链接里的话。"


def test_load_corpus_reads_csv_rows_with_metadata_sorted_by_row(tmp_path: Path) -> None:
    rows = pd.DataFrame(
        {"text": [f"第{i}篇文章。" for i in range(1, 12)], "shop": [f"店{i}" for i in range(1, 12)]}
    )
    rows.to_csv(tmp_path / "reviews.csv", index=False)
    corpus = load_corpus(tmp_path / "reviews.csv")
    assert corpus["doc_id"].tolist()[:3] == ["reviews:1", "reviews:2", "reviews:3"]
    assert corpus["doc_id"].tolist()[-1] == "reviews:11"
    assert corpus["shop"].tolist()[1] == "店2"
    assert corpus["text"].tolist()[10] == "第11篇文章。"


def test_load_corpus_reads_jsonl_with_a_named_text_column(tmp_path: Path) -> None:
    lines = [{"id": 1, "body": "天貓互動吧。", "title": "甲"}, {"id": 2, "body": "第二篇。"}]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    corpus = load_corpus(path, text_column="body")
    assert corpus["doc_id"].tolist() == ["posts:1", "posts:2"]
    assert corpus["text"].tolist() == ["天猫互动吧。", "第二篇。"]
    assert corpus["title"].tolist() == ["甲", ""]
    assert corpus["id"].tolist() == [1, 2]


def test_load_corpus_sorts_files_by_doc_id(tmp_path: Path) -> None:
    for name in ["b", "a", "c"]:
        (tmp_path / f"{name}.txt").write_text(f"文章{name}。", encoding="utf-8")
    assert load_corpus([tmp_path / "c.txt", tmp_path])["doc_id"].tolist()[:1] == ["a"]


# --------------------------------------------------------------------- load_corpus: bad input


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", r"empty\.txt: empty file"),
        ("blank.txt", "  \n\n ", r"blank\.txt: empty file \(only whitespace\)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", r"image\.txt: binary file"),
        ("control.txt", bytes(range(1, 9)) * 20, r"control\.txt: binary file"),
        ("latin.txt", b"\x80\x81\x82 caf\xe9 \xff\xfe\xfd" * 5, r"latin\.txt: unknown encoding"),
        ("notes.md", "# 标题", r"notes\.md: unsupported file type '\.md'"),
        (
            "table.csv",
            "title,body\n甲,乙\n",
            r"table\.csv: no text column 'text' \(columns: title, body\)",
        ),
        ("header.csv", "text,shop\n", r"header\.csv: no rows"),
        ("posts.jsonl", '{"body": "甲"}\n', r"posts\.jsonl: no text column 'text'"),
        ("broken.jsonl", '{"text": "甲"}\n{"text": \n', r"broken\.jsonl: line 2: not JSON"),
        ("list.jsonl", '["text"]\n', r"list\.jsonl: line 1: expected a JSON object"),
        ("empty.html", "<html><script>var a;</script></html>", r"empty\.html: no visible text"),
    ],
)
def test_load_corpus_rejects_bad_files_naming_them(
    tmp_path: Path, name: str, data: bytes | str, message: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(CorpusError, match=message):
        load_corpus(path)
    with pytest.raises(CorpusError, match=message):  # also when met inside a folder
        load_corpus(tmp_path)


def test_load_corpus_rejects_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / "sub").mkdir()
    with pytest.raises(CorpusError, match="folder has no readable files"):
        load_corpus(tmp_path)


def test_load_corpus_rejects_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"missing\.txt: no such file or folder"):
        load_corpus(tmp_path / "missing.txt")


def test_load_corpus_rejects_no_paths() -> None:
    with pytest.raises(CorpusError, match="no path given"):
        load_corpus([])


def test_load_corpus_rejects_duplicate_doc_ids(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "甲文。")
    write(tmp_path, "a.html", "<p>乙文。</p>")
    with pytest.raises(CorpusError, match=r"a\.txt: doc_id 'a' already used by .*a\.html"):
        load_corpus(tmp_path)


def test_detect_encoding_reports_the_first_bad_byte() -> None:
    with pytest.raises(CorpusError, match=r"x\.txt: unknown encoding.*first bad UTF-8 byte at 3"):
        detect_encoding("天猫".encode()[:3] + b"\x80\x80\xff\xff" * 4, name="x.txt")


# --------------------------------------------------------------------- description helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("双11狂欢夜74亿次", {"han": 0.6, "digit": 0.4}),
        ("AR、VR", {"latin": 0.8, "punctuation": 0.2}),
        ("  \n", {}),
    ],
)
def test_character_shares(text: str, expected: dict[str, float]) -> None:
    shares = character_shares(text)
    assert shares == pytest.approx(
        {"han": 0, "latin": 0, "digit": 0, "punctuation": 0, "other": 0} | expected
    )


def test_corpus_profile_shows_traditional_before_and_none_after_cleaning() -> None:
    profile = corpus_profile(load_seeds(by="part")).set_index(["doc_id", "part"])
    assert len(profile) == 7
    assert (profile["text_traditional_share"] == 0).all()
    assert profile.loc[profile.index[0], "raw_traditional_share"] > 0.2  # seed 000
    assert (profile["kept_share"] < 1).all() and (profile["kept_share"] > 0.7).all()


def test_audit_summary_counts_removals_per_rule() -> None:
    summary = audit_summary(seed_audit())
    pinyin = summary[summary["rule"] == "pinyin_annotation"]
    assert pinyin["n"].tolist() == [119]
    assert summary["n"].sum() == len(seed_audit())
    assert list(summary.columns) == ["doc_id", "step", "rule", "n", "chars", "net_chars", "example"]


@pytest.mark.parametrize(
    ("removed", "replacement", "chars", "net_chars"),
    [
        ("?jié)摿Γ瑢⒊蔀榘⒗锩髂甑囊豁椫攸c", "〓力，將成為阿里明年的一項重點", 20, 5),
        ("?", "©", 1, 0),
        ("(rèn)", "", 5, 5),
        ("微信扫一扫\n", "", 5, 5),
    ],
)
def test_audit_summary_net_chars_subtract_the_replacement(
    removed: str, replacement: str, chars: int, net_chars: int
) -> None:
    audit = pd.DataFrame(
        [["x", "step", "rule", 0, len(removed), removed, replacement]],
        columns=["doc_id", "step", "rule", "start", "end", "removed", "replacement"],
    )
    row = audit_summary(audit).iloc[0]
    assert (row["chars"], row["net_chars"]) == (chars, net_chars)


def test_audit_summary_net_chars_account_for_every_removed_seed_character() -> None:
    profile = corpus_profile(load_seeds(by="part")).set_index(["doc_id", "part"])
    audit = seed_audit(by="part")
    for (doc_id, part), rows in audit.groupby(["doc_id", "part"]):
        net = audit_summary(rows)["net_chars"].sum()
        document = profile.loc[(doc_id, part)]
        assert document["raw_chars"] - document["text_chars"] == net, (doc_id, part)


def test_load_articles_reads_the_seeds_with_load_seeds() -> None:
    for by in ("article", "part"):
        articles = load_articles(SEEDS_DIR, by=by)  # type: ignore[arg-type]
        expected = load_seeds(by)  # type: ignore[arg-type]
        pd.testing.assert_frame_equal(articles.drop(columns=["short", "label"]), expected)
    parts = load_articles(by="part")
    assert parts["short"].tolist() == ["000", "001", "002", "003", "004", "004", "004"]
    assert parts["label"].iloc[-1] == "004 (2013)"


def test_load_articles_reads_another_folder_with_load_corpus(tmp_path: Path) -> None:
    (tmp_path / "alpha.txt").write_text("社交电商正在崛起。", "utf-8")
    (tmp_path / "beta.html").write_bytes("<p>信息流营销。</p>".encode("gb18030"))
    catalog = pd.DataFrame([dict.fromkeys(CATALOG_COLUMNS, "") | {"doc_id": "alpha"}])
    catalog.loc[0, "published"] = "2019-03"
    catalog.to_csv(tmp_path / "catalog.csv", index=False)  # dates, but no parts: not seeds
    parts = load_articles(tmp_path, by="part")
    assert parts[["doc_id", "part", "short", "label"]].values.tolist() == [
        ["alpha", 1, "alpha", "alpha (2019)"],
        ["beta", 1, "beta", "beta"],
    ]
    assert parts["text"].tolist() == ["社交电商正在崛起。", "信息流营销。"]
    assert "part" not in load_articles(tmp_path).columns


def test_a_seeds_like_folder_with_an_extra_file_is_read_as_a_corpus(tmp_path: Path) -> None:
    for path in SEEDS_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert len(load_articles(tmp_path, by="part")) == 7  # the seeds' format
    (tmp_path / "extra.txt").write_text("新零售。", "utf-8")
    parts = load_articles(tmp_path, by="part")
    assert len(parts) == 6 and parts["part"].eq(1).all()  # 5 seeds (whole) + extra
    assert parts["label"].tolist()[:2] == ["000 (2017)", "001 (2018)"]  # catalog metadata kept


def test_load_articles_rejects_unknown_by() -> None:
    with pytest.raises(ValueError, match="by='chapter'"):
        load_articles(by="chapter")  # type: ignore[arg-type]


def test_load_articles_keeps_a_csvs_own_part_and_label_columns(tmp_path: Path) -> None:
    table = pd.DataFrame({"text": ["社交电商。", "信息流。"], "part": ["上", "下"]})
    table["label"] = [1, 0]
    table.to_csv(tmp_path / "posts.csv", index=False)
    parts = load_articles(tmp_path / "posts.csv", by="part")
    assert parts["part"].tolist() == [1, 1]
    assert parts["meta_part"].tolist() == ["上", "下"]
    assert parts["meta_label"].tolist() == ["1", "0"]
    assert parts["label"].tolist() == ["posts:1", "posts:2"]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_load_corpus_cleans_the_same_in_worker_processes(
    method: str,
    start_method: Callable[[str], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from retailkit import corpus
    from retailkit.reviews import load_review_sample

    load_review_sample().head(200).to_csv(tmp_path / "reviews.csv", index=False)
    paths = [SEEDS_DIR, tmp_path / "reviews.csv"]  # seed 004 is cleaned part by part
    serial = load_corpus(paths, text_column="review")
    start_method(method)
    monkeypatch.setattr(corpus, "PARALLEL_MIN_DOCUMENTS", 2)
    pd.testing.assert_frame_equal(load_corpus(paths, text_column="review", n_jobs=3), serial)


def test_the_catalog_title_wins_and_unmatched_catalog_rows_are_reported(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<title>网站首页</title><p>社交电商。</p>", "utf-8")
    empty = dict.fromkeys(CATALOG_COLUMNS, "")
    rows = [empty | {"doc_id": "page", "title": "社交电商的未来"}]
    rows.append(empty | {"doc_id": "page.html", "published": "2019"})  # a file name, not an id
    pd.DataFrame(rows).to_csv(tmp_path / "catalog.csv", index=False)
    with pytest.warns(UserWarning, match=r"1 catalog row\(s\) match no file .*: page\.html"):
        corpus = load_corpus(tmp_path)
    assert corpus["title"].tolist() == ["社交电商的未来"]


def test_html_page_chrome_is_dropped_but_an_articles_own_footer_is_kept() -> None:
    page = (
        "<body><nav>首页 | 新闻 | 登录</nav><article><p>社交电商崛起。</p>"
        "<footer>作者：张三</footer></article><footer>版权所有 © 2018</footer></body>"
    )
    _, text = html_to_text(page)
    assert "社交电商崛起。" in text and "作者：张三" in text
    assert "登录" not in text and "版权所有" not in text
