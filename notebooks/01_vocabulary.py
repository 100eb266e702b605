# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (retailkit)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 Vocabulary: which words carry each article?
#
# **Question.** What is each of the five articles about, in its own words, and what does it say
# that the others do not?
#
# **Findings.**
#
# * Keyness (each article against the other four) names each article's subject in its own
#   words. 000 (2017): Tmall's 双11 (Singles' Day) interactive marketing — 互动营销, 玩法
#   ("ways to play"), 互动吧 (Interaction Bar), AR. 001 (2018): 电商 (e-commerce), 新零售
#   (new retail), 天猫 (Tmall), 618 and 社交货币 (social currency) — Tmall's 618 campaign on
#   Weibo. 002 (2018): 信息流营销 (feed marketing; G² 58.4, 15 occurrences against 0),
#   阿里妈妈 (Alimama), 信息流 (the feed), 拉新 (acquiring new customers). 003 (2018): 社交
#   (social; G² 52.7), 社交电商 (social commerce), 广告 (advertising), 微博 (Weibo),
#   社交关系 (social relationships). 004 (2013): 微淘 (Weitao; G² 68.8, 39 against 1), O2O,
#   微营销 (micro-marketing), 微信 (WeChat).
# * These G² values rank words; they are not tests: the 8 largest of hundreds per article were
#   picked, with no multiple-testing correction. The articles are short (676–2,050 tokens), so
#   29 of the 40 rows rest on an expected count below 5 (`low_expected`, hatched grey in the
#   figure): read them as each article's emphasis, not as estimates for a wider population.
# * TF-IDF (IDF from 56,427 shopping reviews) and TextRank share 8–10 of their top-10 words
#   per article. TF-IDF lifts names that shopping reviews never use (天猫, 阿里妈妈, O2O,
#   微营销); TextRank lifts the generic hubs (品牌 brand, 消费者 consumer, 商家 merchant).
# * In context, 社交电商 occurs only in 001 (3 lines: a stage of e-commerce history, and the
#   ceiling met by 微商, WeChat sellers) and 003 (11, of which 2 are its title and the title
#   repeated as a heading, which cleaning keeps as body text); 互动营销 in 000 (6) and once in
#   001; 信息流 as a word of its own only in 002 (9 lines, beside 15 of 信息流营销), where it
#   is a distribution channel named with 直通车 (search ads) and 钻展 (display ads).
# * Co-occurrence (within five tokens): 社交's strongest neighbour is 消费 (consumption, 16
#   times, all in 003), but 8 of the 16 come from one phrase, 003's title question
#   是社交撬动消费还是消费盘活社交 ("does social lever consumption, or consumption revive
#   social?"), printed as the title and again as a subheading; next come 电商 (8) and 阿里
#   (Alibaba, 7). 营销 (marketing) sits beside 平台 (platform, 9, in 004 and 003), 商家
#   (merchant, 8) and 素材 (ad creative, 6), both in 002's account of Alimama's tools for
#   merchants, and 微营销 (micro-marketing, 8, in 004); only 产品 (product) and 粉丝 (fans)
#   accompany it in three articles.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib.patches import Patch
from wordcloud import WordCloud

from retailkit import plotting
from retailkit.corpus import load_articles
from retailkit.glossary import add_gloss, load_glossary
from retailkit.keyness import keyness
from retailkit.keywords import load_reference_idf, textrank_keywords, tfidf_keywords
from retailkit.kwic import cooccurrence, kwic
from retailkit.segment import tokenize_many

_ = plotting.setup()

# %% tags=["parameters"]
SEEDS = "../seeds"  # or your folder of .txt/.html/.csv/.jsonl files (retailkit.load_articles)
FIGURES = "../figures"
TOP_N = 10  # keywords per article
SEED = 0  # word-cloud layout

# %% [markdown]
# Short English titles of the seed articles, for figure panels (another corpus uses its labels):

# %%
SHORT_TITLES = {
    "000": "Interaction as new retail's booster",
    "001": "Tmall's 618 Weibo post seen by 60 million",
    "002": "Alimama upgrades its e-commerce marketing",
    "003": "Alibaba and Weibo's social-commerce duet",
    "004": "Weibo, WeChat, Weitao: interaction vs marketing",
}

# %% [markdown]
# ## The articles and their tokens
#
# `load_articles` gives the cleaned Simplified text of each article (seed 004's three 2013 items
# joined) with its catalog metadata. `tokenize_many` segments it with jieba's algorithm (the
# fast `rjieba` engine) plus retailkit's domain dictionary, so 新零售 (new retail),
# 信息流营销 (feed marketing), 天猫互动吧 (Tmall's "Interaction Bar") or 种草 ("planting
# grass": recommending) stay whole; stopwords (function words, Cantonese particles, page
# leftovers), punctuation and whitespace are dropped, numbers such as 618 and 双11 (Singles'
# Day) are kept. (With `SEEDS` pointing elsewhere, the folder is loaded with `load_corpus`,
# cleaned the same way, with its `catalog.csv` if it has one; articles are then labelled by
# file name, with the year when the catalog gives one.)

# %%
seeds = load_articles(SEEDS)
seeds["article"] = seeds["label"]
seeds["tokens"] = tokenize_many(seeds["text"])
seeds["n_tokens"] = seeds["tokens"].map(len)
seeds["n_types"] = seeds["tokens"].map(lambda tokens: len(set(tokens)))
label = dict(zip(seeds["doc_id"], seeds["article"], strict=True))
seeds[["article", "title", "published", "n_tokens", "n_types"]]

# %% [markdown]
# `n_tokens` counts the tokens kept (stopwords, punctuation and whitespace removed), `n_types`
# the distinct ones. An English gloss for the terms in the tables below comes from
# `retailkit.load_glossary()`: the theme lexicons' glosses plus a small documented word list
# (`retailkit/data/lexicon/glossary.csv`); a term with no gloss is left blank.

# %%
glossary = load_glossary()
gloss = dict(zip(glossary["term"], glossary["gloss"], strict=True))


def with_gloss(term: str) -> str:
    return f"{term} · {gloss[term]}" if gloss.get(term) else term


# %% [markdown]
# ## Keywords: TF-IDF and TextRank
#
# **TF-IDF** weighs a word's share of the article (TF) by how rare it is in a reference corpus
# (IDF). The reference is the train split of the Chinese e-commerce product reviews
# (online_shopping_10_cats, ChineseNlpCorpus), so everyday shopping words (好 good, 质量 quality,
# 物流 delivery) weigh little and the vocabulary of marketing commentary weighs a lot. Numbers
# are not candidates. Each cell shows the term and its gloss.

# %%
print(f"IDF reference: {load_reference_idf().n_documents:,} reviews (train split)")

# %%
tfidf = tfidf_keywords(seeds, top_n=TOP_N)
tfidf["article"] = tfidf["doc_id"].map(label)
tfidf.assign(term=tfidf["term"].map(with_gloss)).pivot(
    index="rank", columns="article", values="term"
)

# %% [markdown]
# **TextRank** ranks words by their centrality in a graph linking words that occur within five
# tokens of each other (weighted PageRank); it needs no reference corpus and favours the words
# an article keeps returning to.

# %%
textrank = textrank_keywords(seeds, top_n=TOP_N)
textrank["article"] = textrank["doc_id"].map(label)
textrank.assign(term=textrank["term"].map(with_gloss)).pivot(
    index="rank", columns="article", values="term"
)

# %% [markdown]
# Words found by both methods in the top 10, per article:

# %%
both = tfidf.merge(textrank, on=["article", "term"], suffixes=("_tfidf", "_textrank"))
both.groupby("article")["term"].agg(", ".join).to_frame("keywords in both lists")

# %% [markdown]
# ## Keyness: what each article says more than the others
#
# Each article against the other four together: log-likelihood G² (Rayson & Garside) and Log
# Ratio (Hardie; the binary log of the ratio of relative frequencies, +1 = twice as frequent
# per token; a zero count in the reference is replaced by 0.5 so the ratio stays finite, which
# is why every term absent from the others has a Log Ratio between 5.4 and 7.5 set by its own
# count). Only over-used words are shown, the 8 with the largest G² per article.
#
# The G² values are **descriptive**: each article's words were tested by the hundred and the
# largest were picked, with no correction for multiple testing, so the usual χ² thresholds
# (3.84 for p < 0.05, 15.13 for p < 0.0001) do not hold for these rows. They rank words; they do
# not test them. `low_expected` flags words whose smaller expected count is below 5, where even
# a single test's χ² approximation fails: such words rest on a handful of occurrences.

# %%
tables = []
for doc_id in seeds["doc_id"]:
    table = keyness(seeds, doc_id, keep="over").head(8)
    tables.append(table.assign(article=label[doc_id]))
key = add_gloss(pd.concat(tables, ignore_index=True))
columns = ["article", "term", "gloss", "target_count", "reference_count", "g2", "log_ratio"]
with pd.option_context("display.max_rows", 60):
    display(key[[*columns, "low_expected"]].round(2))
print(f"low_expected: {key['low_expected'].sum()} of {len(key)} rows")

# %%
fig, axes = plt.subplots(1, len(seeds), figsize=(13, 3.6), sharex=True, squeeze=False)
for ax, (article, group) in zip(axes.flat, key.groupby("article"), strict=True):
    shaky = group["low_expected"].to_numpy()
    colours = ["#b8b8b8" if flag else "#4c72b0" for flag in shaky]
    bars = ax.barh(group["term"], group["g2"], color=colours, edgecolor="#555555")
    for bar, flag in zip(bars, shaky, strict=True):
        bar.set_hatch("///" if flag else "")
    ax.invert_yaxis()
    ax.set_title(article, fontsize=10)
    ax.set_xlabel("G² (descriptive)")
legend = [
    Patch(facecolor="#4c72b0", edgecolor="#555555", label="expected counts ≥ 5"),
    Patch(facecolor="#b8b8b8", edgecolor="#555555", hatch="///", label="expected count < 5"),
]
fig.legend(handles=legend, loc="lower center", ncol=2, fontsize=9, frameon=False)
others = "four" if len(seeds) == 5 else str(len(seeds) - 1)
fig.suptitle(f"Most over-used words of each article against the other {others} (G², no correction)")
fig.tight_layout(rect=(0, 0.07, 1, 1))
_ = plotting.save_figure(fig, "01_vocabulary_keyness", directory=FIGURES)

# %% [markdown]
# ## Keywords in context
#
# Concordance lines (KWIC) for the three marketing ideas the collection is about: 社交电商
# (social commerce), 互动营销 (interactive marketing) and 信息流 (the content feed). Tokens
# must match whole, so 信息流 inside 信息流营销 is not listed here (it is a term of its own).
# `position` is the index of the hit in the article's full token sequence (punctuation and
# stopwords included, so the context reads as the text): 0 is the first token of the cleaned
# text, which begins with the title. Hence 003's lines at positions 4 and 213 are its title and
# the first half of the title repeated as a heading inside the page, not two uses in the body.
# Cleaning keeps them (other notebooks depend on its output), so 003's counts include its title:
# 2 of its 11 社交电商, 2 of its 26 社交 and 2 of its 消费 come from title and heading, and the
# title question adds 4 to the 社交–消费 co-occurrence below. Read 003's keyness and keyword
# rows for 社交 / 社交电商 / 消费 with that in mind.

# %%
with pd.option_context("display.max_colwidth", None, "display.max_rows", 60):
    for term in ["社交电商", "互动营销", "信息流"]:
        lines = kwic(seeds, term, window=8)
        lines["doc_id"] = lines["doc_id"].map(label)
        display(lines.rename(columns={"doc_id": "article"}))

# %% [markdown]
# ## Co-occurrence
#
# Which words appear within five tokens of 社交 (social) and of 营销 (marketing), across all
# five articles (pairs seen at least 3 times; tokens as in the keyword tables, stopwords
# removed). `count`: times the pair occurs within the window; `documents`: in how many articles.
# The ten most frequent neighbours are shown, plus any tied with the tenth. 撬动 (lever) and
# 盘活 (revive) are here only because 003's title question 是社交撬动消费还是消费盘活社交 occurs
# twice in the cleaned text (as the title and as a subheading); it also gives 8 of the 16
# 社交–消费 pairs.

# %%
pairs = cooccurrence(seeds["tokens"].tolist(), window=5, min_count=3)
for term in ["社交", "营销"]:
    near = pairs[(pairs["term_a"] == term) | (pairs["term_b"] == term)]
    near = near.assign(neighbour=near["term_a"].where(near["term_b"] == term, near["term_b"]))
    near = near.nlargest(10, "count", keep="all").sort_values(
        ["count", "neighbour"], ascending=[False, True]
    )
    near = add_gloss(near[["neighbour", "count", "documents"]], column="neighbour")
    display(near.rename(columns={"neighbour": f"near {term}"}).reset_index(drop=True))

# %% [markdown]
# ## Word clouds
#
# Word size is proportional to frequency (tokens as above, numbers included; no bigram
# "collocations", which would repeat words). Drawn with the packaged Noto Sans CJK font and a
# fixed layout seed, so the figure is the same on every run.

# %%
rows = -(-len(seeds) // 3)
fig, axes = plt.subplots(rows, 3, figsize=(13, 3.75 * rows), squeeze=False)
for ax in axes.flat[len(seeds) :]:
    ax.axis("off")
for ax, (_, row) in zip(axes.flat, seeds.iterrows(), strict=False):
    counts = pd.Series(row["tokens"]).value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    cloud = WordCloud(
        font_path=plotting.cjk_font_path(),
        width=600,
        height=400,
        background_color="white",
        collocations=False,
        max_words=80,
        random_state=SEED,
    ).generate_from_frequencies(counts.to_dict())
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    title = SHORT_TITLES.get(row["short"], "") if SEEDS == "../seeds" else ""
    ax.set_title(f"{row['article']} {title}".strip(), fontsize=10)
    ax.axis("off")
fig.tight_layout()
_ = plotting.save_figure(fig, "01_vocabulary_wordclouds", directory=FIGURES)
