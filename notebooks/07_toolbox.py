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
# # 07 Toolbox: dictionaries, word vectors, collocations, dispersion and readability
#
# **Question.** What do the tools researchers bring from cntext, quanteda and Voyant add to the
# theme analysis: which words would word vectors propose for the theme lexicons, can a
# praise–criticism axis in vector space tell approving from skeptical sentences, which words
# stand beside 社交 (social), 互动 (interaction) and 信息流 (feed), where in each piece the
# themes are talked about, and how hard each piece is to read?
#
# **Findings.**
#
# * **Dictionaries.** With the shipped HowNet lists, the essay of the 2013 archive page (004.1)
#   has the most negative words (46 per 1,000 word tokens; 000: 11) and the lowest mean valence
#   after negation (HowNet 0.15, retailkit's business-commentary list −0.02), in line with its
#   hand-labelled skepticism (notebooks 03, 05); 002, Alimama's product launch, is the most
#   positive (0.71 and 0.91).
# * **Word vectors** trained on the 6,346-review sample plus the articles' sentences (120,921
#   tokens) propose lexicon candidates such as 社会化 (socialised), U微计划 (the Alibaba–Weibo
#   U-Wei plan) for social commerce and 电商营销, 全域 (omni-channel), 共创 for feed marketing,
#   beside noise (狭义 "in the narrow sense", 对接 "connect"); words common in reviews drift to
#   review usage (活动 → 618, 囤货 stock up, 促销 promotion; 分享 → 友谊 friendship). The table
#   is for the lexicon review; nothing was added.
# * **Projection loses.** On a praise–criticism axis the 166 labelled sentences separate with
#   AUC 0.62 (review pole words) and 0.63 (commentary pole words), against 0.78 for the stance
#   scorer and 0.65 for the review model; on all 62,773 reviews the benchmark gets 0.60–0.67.
# * **Collocations** (G²): 社交 goes with 消费 (consumption; 17 times, G² 32) and 撬动 / 盘活
#   (lever / revive: 003's question whether social drives consumption or the reverse), 拔草
#   (buying after a recommendation) and 新零售; 互动 with 天猫 (13 times, G² 26), 传播
#   (spreading) and 双向 (two-way); 信息流 with Alimama's ad products 猜你喜欢 ("you may also
#   like"), 直通车, 钻展 and with 分发 (distribution) and 全域.
# * **Where the themes sit.** In 004.1 the platforms are named mostly in the first third (42 of
#   64 mentions) and the feed vocabulary comes in the last two thirds; 002 talks feed marketing
#   from start to end; 004.2 is about O2O (new retail) throughout.
# * **Term trends** (per 1,000 tokens, 2013 → 2017 → 2018): 社交 0.5 → 5.9 → 11.8, 微信
#   (WeChat) 10.2 → 0 → 0.4, 信息流 0 → 0 → 3.2; three years and seven chosen pieces, so a
#   comparison of these texts, not a trend.
# * **Readability.** 000 has the longest sentences (71.5 characters; 37 words) and 002 the
#   shortest (33.5); by characters per clause (徐巍 et al. 2021) 004.2 (16.8) and 000 (16.2)
#   read hardest, 004.1 (10.9) easiest. Almost every character is a common one (GB 2312 level 1:
#   94–100 %). MTLD ranges from 127 (004.2) to 266 (000).

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from sklearn.metrics import roc_auc_score

from retailkit import dictionary, plotting, vectors
from retailkit.association import collocations, plot_network
from retailkit.cleaning import split_sentences
from retailkit.complexity import lexical_diversity, readability
from retailkit.corpus import load_seeds, short_ids
from retailkit.dispersion import dispersion, plot_dispersion, plot_trends, term_trends
from retailkit.reviews import load_validation_reviews
from retailkit.segment import tokenize_many
from retailkit.stance import evaluation_summary, load_labelled
from retailkit.themes import load_themes

_ = plotting.setup()

# %% tags=["parameters"]
SEEDS = "../seeds"  # a folder in the seeds' format (catalog.csv with parts)
REVIEWS = None  # None: the committed review sample; or a CSV with columns cat, label, review
FIGURES = "../figures"
SEED = 0  # word-vector seed (one worker thread: reproducible)
EPOCHS = 20  # passes over a corpus this small (5 leave every word near every other)
MIN_COUNT = 3  # words seen fewer times get no vector
EXPANSION_SEEDS = {  # two terms per theme whose neighbours are proposed for review
    "social_commerce": ["社交", "分享"],
    "interactive_marketing": ["互动", "活动"],
    "feed_marketing": ["信息流", "广告"],
    "new_retail": ["线下", "门店"],
    "platforms": ["微博", "淘宝"],
}
AXES = {  # pole words of two praise-criticism axes (Kozlowski et al. 2019)
    "review words": (["好", "满意", "喜欢", "值得", "不错", "推荐"],
                     ["差", "失望", "后悔", "垃圾", "糟糕", "退货"]),
    "commentary words": (["成功", "优势", "创新", "领先", "机会", "看好"],
                         ["失败", "问题", "风险", "困境", "泡沫", "质疑"]),
}  # fmt: skip
NODES = ["社交", "互动", "信息流"]  # collocation node words
TREND_TERMS = ["社交", "互动", "信息流", "微博", "微信", "内容"]

# %% [markdown]
# ## The pieces
#
# Seven pieces: articles 000–003 and the three pieces of the 2013 archive page 004
# (`load_seeds(by="part")`), each named by its article and part (004.2 = the second piece).

# %%
pieces = load_seeds(by="part", directory=SEEDS)
short = short_ids(pieces["doc_id"])
pieces["piece"] = [
    f"{short[d]}.{p}" if (pieces["doc_id"] == d).sum() > 1 else short[d]
    for d, p in zip(pieces["doc_id"], pieces["part"], strict=True)
]
pieces[["piece", "published", "title"]]

# %% [markdown]
# ## Dictionaries
#
# `retailkit.dictionary` reads cntext YAML, LIWC `.dic` and CSV dictionaries and ships the
# ones whose terms allow it (sources and licences in `retailkit/data/dictionaries/README.md`;
# DUTIR, NTUSD and C-LIWC are cited there, not shipped). Applied per piece: matches per 1,000
# word tokens and the mean valence after negation (不, 没有, 并非 ... in the three tokens before
# a word flip it, as in the stance scorer).

# %%
tone = []
for name in ["hownet_sentiment", "financial_sentiment", "business_commentary"]:
    table = dictionary.apply(pieces, dictionary.packaged(name), id_column="piece")
    table["dictionary"] = name
    tone.append(table)
tone = pd.concat(tone)
(tone.pivot_table(index="piece", columns=["dictionary", "category"], values="per_1000").round(1))

# %%
valence = tone.groupby(["piece", "dictionary"]).apply(
    lambda t: (t["valence"] * t["count"]).sum() / t["count"].sum(), include_groups=False
)
valence.unstack().round(2)

# %% [markdown]
# ## Word vectors and dictionary expansion
#
# Word2Vec (skip-gram, 100 dimensions, window 5, 20 epochs, one worker thread, seed 0) trained
# on the held-out review sample of online_shopping_10_cats (ChineseNlpCorpus, SophonPlus,
# https://github.com/SophonPlus/ChineseNlpCorpus) plus every sentence of the five articles, so
# the commentary words have vectors too. The benchmark trains on all 62,773 reviews plus the
# articles (5 epochs; `benchmarks/README.md`).

# %%
reviews = load_validation_reviews(REVIEWS)
sentences = [s for text in pieces["text"] for s in split_sentences(text)]
training = tokenize_many(reviews["review"].tolist() + sentences)
model = vectors.train(training, epochs=EPOCHS, min_count=MIN_COUNT, seed=SEED)
print(f"{len(training):,} documents, {sum(map(len, training)):,} tokens, {len(model):,} words")

# %% [markdown]
# Candidates for the theme lexicons: the nearest neighbours of two terms per theme, those not
# yet in any lexicon. This is a table for the lexicon review, not a change: a term enters a
# lexicon only when someone adds it to the YAML file with its gloss and source.

# %%
themes = load_themes()
candidates = pd.concat(
    model.expand(terms, n=6, exclude=themes["term"], min_count=MIN_COUNT).assign(theme=theme)
    for theme, terms in EXPANSION_SEEDS.items()
)
review_table = (
    candidates[candidates["in_vocabulary"]]
    .groupby(["theme", "seed"], sort=False)
    .agg(candidates=("candidate", lambda c: " ".join(c)), top_similarity=("similarity", "max"))
    .round(2)
)
review_table

# %% [markdown]
# ## Semantic projection of the labelled sentences
#
# Each hand-labelled approving or skeptical sentence of the articles (`data/stance/`) is placed
# on an axis from criticism to praise (the mean of its words' vectors against the difference of
# the two poles' mean vectors); the AUC says how well that position separates approving from
# skeptical sentences, beside the stance scorer's AUC on the same sentences.

# %%
labelled = load_labelled()
labelled = labelled[labelled["label"].isin(["approving", "skeptical"])]
approving = (labelled["label"] == "approving").to_numpy()
sentence_tokens = tokenize_many(labelled["text"].tolist())
rows = []
for axis, (plus, minus) in AXES.items():
    projected = model.project(sentence_tokens, plus, minus)
    auc = roc_auc_score(approving, projected["projection"].fillna(0.0))
    rows.append((f"projection, {axis}", auc, (projected["known"] == 0).mean()))
summary = evaluation_summary(n_boot=0).query("article == 'all'")
scorers = zip(summary["scorer"], summary["auc"], strict=True)
rows += [(f"{scorer} scorer", auc, float("nan")) for scorer, auc in scorers]
comparison = pd.DataFrame(rows, columns=["method", "auc", "share_without_known_words"])
print(f"{approving.sum()} approving, {(~approving).sum()} skeptical sentences")
comparison.round(3)

# %% [markdown]
# ## Collocations of 社交, 互动 and 信息流
#
# Word pairs within five tokens of each other in the seven pieces (stopwords removed), scored by
# log-likelihood G², with pointwise mutual information and the t-score beside it; pairs seen at
# least twice, words seen at least twice.

# %%
piece_tokens = tokenize_many(pieces["text"].tolist())
colloc = collocations(piece_tokens, window=5, min_count=2, min_word_count=2, terms=NODES)
top = colloc.groupby("word", sort=False).head(8)
top = top.sort_values(["word", "g2"], ascending=[True, False], ignore_index=True)
top[["word", "collocate", "count", "expected", "pmi", "t_score", "g2"]].round(2)

# %%
fig = plot_network(colloc, top=8)
plotting.save_figure(fig, "07_collocations", directory=FIGURES)
plt.show()

# %% [markdown]
# ## Where each theme is talked about inside each piece
#
# Every theme-term token, marked at its position in its piece (0 = first token, 1 = last), one
# row per theme, as quanteda's `textplot_xray`.

# %%
positions = dispersion(pieces, themes["term"], id_column="piece")
theme_of = dict(zip(themes["term"], themes["theme"], strict=True))
positions["term"] = positions["term"].map(theme_of)
fig = plot_dispersion(
    positions, terms=sorted(themes["theme"].unique()), documents=list(pieces["piece"]),
    id_column="piece",
)  # fmt: skip
plotting.save_figure(fig, "07_dispersion", directory=FIGURES)
plt.show()

# %%
thirds = positions.assign(
    third=pd.cut(
        positions["relative_position"],
        [0, 1 / 3, 2 / 3, 1],
        labels=["first", "middle", "last"],
        include_lowest=True,
    )
)
thirds.pivot_table(index=["piece", "term"], columns="third", values="position", aggfunc="count",
                   observed=False).astype(int)  # fmt: skip

# %% [markdown]
# ## Term trends across the dated pieces
#
# Occurrences per 1,000 tokens, pieces pooled by publication year (2013: the three pieces of
# 004; 2017: 000; 2018: 001–003). The pieces were chosen for their topics; this compares them,
# it is not a trend in Chinese commentary at large.

# %%
trends = term_trends(pieces, TREND_TERMS)
display(trends.pivot_table(index="term", columns="year", values="per_1000").round(1))
fig = plot_trends(trends)
plotting.save_figure(fig, "07_trends", directory=FIGURES)
plt.show()

# %% [markdown]
# ## Readability and lexical diversity per piece
#
# Sentence and word length (Yang 1971), the share of GB 2312 level-1 characters, the three
# annual-report indices of 徐巍, 姚振晔 and 陈冬华 (2021) (higher = harder), and on tokens
# (stopwords removed) the type-token ratio, MATTR (window 50) and MTLD (definitions in
# `retailkit.complexity`).

# %%
measures = pd.concat(
    [pieces[["piece"]].reset_index(drop=True),
     readability(pieces["text"]).drop(columns=["characters", "clauses"]),
     lexical_diversity(piece_tokens)[["tokens", "ttr", "mattr", "mtld"]]],
    axis=1,
)  # fmt: skip
measures.round(2)
