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
# * TF-IDF (IDF from 56,427 shopping reviews) and TextRank share 8–10 of their top-10 words
#   per article. TF-IDF lifts names that shopping reviews never use (天猫, 阿里妈妈, O2O,
#   微营销); TextRank lifts the generic hubs (品牌 brand, 消费者 consumer, 商家 merchant).
# * The articles are short (681–2,052 tokens), so 29 of the 40 keyness rows shown rest on an
#   expected count below 5 (`low_expected`): read them as each article's emphasis, not as
#   estimates for a wider population.
# * In context, 社交电商 occurs only in 001 (3 lines: a stage of e-commerce history, and the
#   ceiling met by 微商, WeChat sellers) and 003 (11); 互动营销 in 000 (6) and once in 001;
#   信息流 as a word of its own only in 002 (9 lines, beside 15 of 信息流营销), where it is
#   a distribution channel named with 直通车 (search ads) and 钻展 (display ads).

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from wordcloud import WordCloud

from retailkit import plotting
from retailkit.corpus import load_corpus, load_seeds
from retailkit.keyness import keyness
from retailkit.keywords import textrank_keywords, tfidf_keywords
from retailkit.kwic import cooccurrence, kwic
from retailkit.segment import tokenize_many

warnings.filterwarnings("ignore")
_ = plotting.setup()

# %% tags=["parameters"]
SEEDS = "../seeds"  # another folder is read with retailkit.load_corpus (txt, html, csv, jsonl)
FIGURES = "../figures"
TOP_N = 10  # keywords per article
SEED = 0  # word-cloud layout

# %% [markdown]
# ## The articles and their tokens
#
# `load_seeds` gives the cleaned Simplified text of each article (seed 004's three 2013 items
# joined). `tokenize_many` segments it with jieba's algorithm (the fast `rjieba` engine) plus
# retailkit's domain dictionary, so 新零售 (new retail), 信息流营销 (feed marketing), 天猫互动吧
# (Tmall's "Interaction Bar") or 种草 ("planting grass": recommending) stay whole; stopwords
# (function words, Cantonese particles, page leftovers), punctuation and whitespace are dropped,
# numbers such as 618 and 双11 (Singles' Day) are kept. (With `SEEDS` pointing elsewhere, the
# folder is loaded with `load_corpus`, cleaned the same way, with its `catalog.csv` if it has one.)

# %%
seeds = load_seeds(directory=SEEDS) if SEEDS == "../seeds" else load_corpus(SEEDS)
seeds["article"] = seeds["doc_id"].str[:3] + " (" + seeds["published"].str[:4] + ")"
seeds["tokens"] = tokenize_many(seeds["text"])
seeds["n_tokens"] = seeds["tokens"].map(len)
seeds["n_types"] = seeds["tokens"].map(lambda tokens: len(set(tokens)))
label = dict(zip(seeds["doc_id"], seeds["article"], strict=True))
seeds[["article", "title", "published", "n_tokens", "n_types"]]

# %% [markdown]
# ## Keywords: TF-IDF and TextRank
#
# **TF-IDF** weighs a word's share of the article (TF) by how rare it is in a reference corpus
# (IDF). The reference is the train split of 56,427 Chinese e-commerce product reviews
# (online_shopping_10_cats, ChineseNlpCorpus), so everyday shopping words (好, 质量, 物流) weigh
# little and the vocabulary of marketing commentary weighs a lot. Numbers are not candidates.

# %%
tfidf = tfidf_keywords(seeds, top_n=TOP_N)
tfidf["article"] = tfidf["doc_id"].map(label)
tfidf.pivot(index="rank", columns="article", values="term")

# %% [markdown]
# **TextRank** ranks words by their centrality in a graph linking words that occur within five
# tokens of each other (weighted PageRank); it needs no reference corpus and favours the words
# an article keeps returning to.

# %%
textrank = textrank_keywords(seeds, top_n=TOP_N)
textrank["article"] = textrank["doc_id"].map(label)
textrank.pivot(index="rank", columns="article", values="term")

# %% [markdown]
# Words found by both methods in the top 10, per article:

# %%
both = tfidf.merge(textrank, on=["article", "term"], suffixes=("_tfidf", "_textrank"))
both.groupby("article")["term"].agg(", ".join).to_frame("keywords in both lists")

# %% [markdown]
# ## Keyness: what each article says more than the others
#
# Each article against the other four together: log-likelihood G² (Rayson & Garside; 3.84 is
# p < 0.05, 15.13 is p < 0.0001) and Log Ratio (Hardie; +1 = twice as frequent per token).
# Only over-used words are shown, the 8 with the largest G² per article. `low_expected` flags
# words whose expected count is below 5, where G² is not to be trusted.

# %%
tables = []
for doc_id in seeds["doc_id"]:
    table = keyness(seeds, doc_id, keep="over").head(8)
    tables.append(table.assign(article=label[doc_id]))
key = pd.concat(tables, ignore_index=True)
columns = ["article", "term", "target_count", "reference_count", "g2", "log_ratio"]
key[[*columns, "low_expected"]].round(2)

# %%
fig, axes = plt.subplots(1, len(seeds), figsize=(13, 3.6), sharex=True, squeeze=False)
for ax, (article, group) in zip(axes.flat, key.groupby("article"), strict=True):
    ax.barh(group["term"], group["g2"], color="#4c72b0")
    ax.invert_yaxis()
    ax.set_title(article, fontsize=10)
    ax.set_xlabel("G²")
fig.suptitle("Most over-used words of each article against the other four (G²)")
fig.tight_layout()
_ = plotting.save_figure(fig, "01_vocabulary_keyness", directory=FIGURES)

# %% [markdown]
# ## Keywords in context
#
# Concordance lines (KWIC) for the three marketing ideas the collection is about: 社交电商
# (social commerce), 互动营销 (interactive marketing) and 信息流 (the content feed). Tokens
# must match whole, so 信息流 inside 信息流营销 is not listed here (it is a term of its own).

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
# five articles (pairs seen at least 3 times).

# %%
pairs = cooccurrence(seeds["tokens"].tolist(), window=5, min_count=3)
for term in ["社交", "营销"]:
    near = pairs[(pairs["term_a"] == term) | (pairs["term_b"] == term)].head(10)
    near = near.assign(neighbour=near["term_a"].where(near["term_b"] == term, near["term_b"]))
    near = near[["neighbour", "count", "documents"]].rename(columns={"neighbour": term})
    display(near.reset_index(drop=True))

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
    ax.set_title(f"{row['article']} {row['title'][:16]}", fontsize=10)
    ax.axis("off")
fig.tight_layout()
_ = plotting.save_figure(fig, "01_vocabulary_wordclouds", directory=FIGURES)
