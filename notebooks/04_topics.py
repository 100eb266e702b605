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
# # 04 Topics: which topics run through the five articles, and can we trust them?
#
# **Question.** Which latent topics (LDA) structure the paragraphs of the five articles, how
# many topics do the data support, how are the topics spread over the articles, and does the
# same method find real structure where we know the answer?
#
# **Findings.**
#
# * **Vocabulary:** 685 terms from 222 paragraphs. The `MAX_DF` = 20 % cap removes a single
#   word, 用户 "users" (48 of 222 paragraphs); 微博 Weibo (19 %), 电商 "e-commerce" and 消费
#   "consumption" (17 %) stay below it. Four extra stopwords for this notebook only: 人
#   "person", 多 "many", 新 "new", 月 "month".
# * **k = 6** topics, by mean rank over k = 3..8 (three seeds each): best on c_npmi (−0.040)
#   and c_v (0.378), while k = 3 and k = 7 are more stable (0.724, 0.729 vs 0.707). Coherence
#   gives no evidence of topics: c_npmi is negative for every k, and the same models fitted to
#   a shuffled copy of the paragraphs (same words, same lengths, chance co-occurrence) reach
#   c_npmi −0.062 and an even higher c_v, 0.426. Stability separates them a little: 0.707 vs
#   0.620 on the shuffled copy. The choice of k is fragile (the cleaning of issue 13 moved it
#   from 5 to 6): a weak preference, not a proof.
# * The six topics (labels read off the top words and most representative paragraphs):
#   (1) social vs traditional e-commerce (社交 "social", 社交电商 "social commerce", 流量
#   "traffic", 传统电商 "traditional e-commerce"); (2) Weitao and O2O (微淘, Taobao's feed;
#   O2O online-to-offline; 线下 "offline"); (3) micro-marketing on Weibo and WeChat (微营销
#   "micro-marketing", 微博, 微信, 传播 "spreading"); (4) Alimama feed marketing (信息流营销
#   "feed marketing", 阿里妈妈 Alimama); (5) Tmall, brands and shopping experience (天猫 Tmall,
#   品牌 "brand", 体验 "experience", 互动 "interaction"); (6) ads, audiences and data (广告
#   "advertising", 人群 "audience", 数据 "data", 触达 "reach").
# * **Topics mostly coincide with articles:** topic 4 is 0.73 of 002 (2018, the Alimama
#   launch), topic 5 0.66 of 000 (2017, Tmall's interactive marketing), topic 3 0.62 and topic
#   2 0.25 of the 2013 archive piece 004; 003 (2018, Alibaba and Weibo) is topic 1 (0.50) and 6
#   (0.31), and 001 (2018) mixes topics 1 and 5 (0.36 each). With five articles, the topics
#   largely reproduce each article's own vocabulary rather than themes shared across articles.
# * **Sharpness is mostly the prior:** each paragraph's largest topic share has median 0.933
#   (quartiles 0.780–0.981); on the shuffled paragraphs it is 0.891 (0.660–0.973). The prior
#   α = 0.05 pushes every paragraph towards one topic, with or without structure.
# * **Validation on known categories** (held-out review sample, 6,346 reviews, k = 10, library
#   defaults): NMI of dominant topic vs product category 0.505–0.524 over three seeds —
#   **below** the 0.55 target, which the benchmark meets on 9,574 reviews of the full file
#   (0.62–0.66). This notebook does not explain the gap; the two runs differ in size (6,346 vs
#   9,574 reviews), and the benchmark figure is not held-out (its priors and vocabulary filter
#   were chosen on the benchmark sample). The cross-table shows where categories and topics
#   part: hotel reviews split into two topics (2: rooms, service, facilities; 8: front desk,
#   check-in, staff); two topics collect delivery and complaint reviews from many categories
#   (3: 京东 JD, 快递 "delivery", 快 "fast", 速度 "speed" — mostly shampoo, tablets, fruit;
#   4: 京东, 差评 "bad review", 客服 "customer service" — mostly tablets, clothes, shampoo);
#   tablets and computers merge (topic 10); and 蒙牛 (Mengniu dairy) merges with shampoo
#   through counterfeit complaints (topic 6, 假货 "fake goods"). LDA finds what reviews talk
#   about, which is not always the product.

# %%
import warnings
from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import normalized_mutual_info_score

import retailkit as rk
from retailkit import plotting
from retailkit.corpus import load_articles
from retailkit.reviews import CATEGORY_GLOSSES, CITATION, load_review_sample, load_reviews
from retailkit.topics import (
    article_paragraphs,
    build_vocabulary,
    fit_lda,
    representative_documents,
    select_k,
    shuffle_tokens,
    stability,
    to_pyldavis_html,
    topic_by_document,
)

warnings.filterwarnings("ignore", category=DeprecationWarning)
warnings.filterwarnings("ignore", category=FutureWarning)
_ = plotting.setup()
pd.set_option("display.max_colwidth", 90)

# %% tags=["parameters"]
CORPUS = "../seeds"  # or your folder of .txt/.html/.csv/.jsonl files (retailkit.load_articles)
FIGURES = "../figures"
SEED = 0
KS = [3, 4, 5, 6, 7, 8]  # candidate numbers of topics
STABILITY_SEEDS = [0, 1, 2]  # one model per (k, seed)
MIN_DF = 2  # a term must occur in at least 2 paragraphs (the corpus is small)
MAX_DF = 0.2  # ... and in at most 20 % of them
# Extra stopwords for the paragraph model only (fit_lda's defaults are unchanged): frequent
# words that filled the topics' top words without meaning anything there.
EXTRA_STOPWORDS = ["人", "多", "新", "月"]  # person, many, new, month
N_WORDS = 10
REVIEW_K = 10
REVIEWS = None  # or a CSV of your own labelled reviews (columns cat, label, review)
REVIEW_MAX = 20_000  # a larger review file is sampled down to this many reviews (seed SEED)

# %% [markdown]
# ## Documents: the paragraphs of the five articles
#
# Five articles are far too few documents for LDA, so the unit is the paragraph of the cleaned
# text (`retailkit.load_articles`, one paragraph per line). Paragraphs are segmented with
# `retailkit.tokenize_many` (domain dictionary, packaged stopwords). The vocabulary keeps terms
# with a Chinese character or Latin letter that occur in at least `MIN_DF` paragraphs and in at
# most `MAX_DF` of them, minus `EXTRA_STOPWORDS` 人 "person", 多 "many", 新 "new" and 月
# "month" (in a first run they sat among the top words of three topics and named none).

# %%
seeds = load_articles(CORPUS)
article = dict(zip(seeds["doc_id"], seeds["label"], strict=True))  # "000 (2017)"
short = dict(zip(seeds["doc_id"], seeds["short"], strict=True))  # "000"
paragraphs = article_paragraphs(seeds)
docs = rk.tokenize_many(paragraphs["text"])
paragraphs["tokens"] = [len(doc) for doc in docs]
paragraphs.groupby("doc_id").agg(paragraphs=("paragraph", "size"), tokens=("tokens", "sum")).rename(
    index=article
).rename_axis("article")

# %% [markdown]
# How much does `MAX_DF` remove? The terms found in the largest share of paragraphs:

# %%
vocabulary = build_vocabulary(docs, min_df=MIN_DF, max_df=MAX_DF, stopwords=EXTRA_STOPWORDS)
in_paragraphs = Counter(term for doc in docs for term in set(doc))
spread = (
    pd.Series(in_paragraphs, name="paragraphs")
    .sort_index()
    .sort_values(ascending=False, kind="stable")
)
widest = spread.head(10).to_frame()
widest["share"] = widest["paragraphs"] / len(docs)
widest["in vocabulary"] = widest.index.isin(vocabulary)
print(f"vocabulary: {len(vocabulary)} terms from {len(docs)} paragraphs")
widest.round(3)

# %% [markdown]
# ## How many topics? Coherence and stability
#
# For each k, one model per seed. **Coherence** (c_v and c_npmi, gensim `CoherenceModel`, top 10
# words, paragraphs as reference texts) asks whether a topic's top words occur together; c_npmi
# is 0 when they co-occur as often as chance predicts and negative when less often. **Stability**
# asks whether another random start finds the same topics: the topics of two runs are paired by
# Hungarian matching on their word distributions, and similarity is 1 − Jensen–Shannon distance
# (1 = identical topics), averaged over the other seeds. A k is chosen by its mean rank over the
# three measures.

# %%
selection = select_k(
    docs, KS, STABILITY_SEEDS, min_df=MIN_DF, max_df=MAX_DF, stopwords=EXTRA_STOPWORDS
)
summary = selection.groupby("k")[["c_v", "c_npmi", "stability"]].mean()
summary["mean rank"] = summary.rank(ascending=False).mean(axis=1)
K = int(summary["mean rank"].idxmin())
summary.round(3)

# %%
fig, axes = plt.subplots(1, 3, figsize=(10, 3), sharex=True)
for ax, measure in zip(axes, ["c_v", "c_npmi", "stability"], strict=True):
    ax.plot(selection["k"], selection[measure], "o", color="0.7", label="one seed")
    ax.plot(summary.index, summary[measure], "-o", color="C0", label="mean over seeds")
    ax.axvline(K, color="C3", linestyle=":")
    ax.set_title(measure)
    ax.set_xlabel("k (topics)")
axes[0].legend(fontsize=8)
fig.suptitle(f"Choosing k for the article paragraphs (chosen: k = {K})")
fig.tight_layout()
_ = plotting.save_figure(fig, "04_topics_k_selection", directory=FIGURES)

# %% [markdown]
# ### A reference point: the same models on shuffled paragraphs
#
# Coherence and stability have no natural scale, so the chosen k is also fitted, with the same
# vocabulary and seeds, to a structure-free copy of the corpus (`retailkit.topics.shuffle_tokens`:
# all tokens pooled, shuffled and dealt back, so every paragraph keeps its length and every word
# its frequency, but which words share a paragraph is chance). Whatever the shuffled corpus also
# reaches is not evidence of topics.

# %%
shuffled = shuffle_tokens(docs, seed=SEED)
fits = {
    "paragraphs": [fit_lda(docs, K, seed=s, vocabulary=vocabulary) for s in STABILITY_SEEDS],
    "shuffled paragraphs": [
        fit_lda(shuffled, K, seed=s, vocabulary=vocabulary) for s in STABILITY_SEEDS
    ],
}
reference = pd.DataFrame(
    {
        name: {
            "c_v": np.mean([m.coherence("c_v") for m in models]),
            "c_npmi": np.mean([m.coherence("c_npmi") for m in models]),
            "stability": stability(models),
        }
        for name, models in fits.items()
    }
).T.rename_axis(f"k = {K}, seeds {STABILITY_SEEDS}")
reference.round(3)

# %% [markdown]
# ## The topics and their words
#
# The model with the chosen k and seed `SEED` (tomotopy, 300 Gibbs sweeps, fixed priors; see
# `retailkit.topics`). Topics are numbered 1..k here, in the heatmap and in the pyLDAvis page.

# %%
model = fit_lda(docs, K, seed=SEED, min_df=MIN_DF, max_df=MAX_DF, stopwords=EXTRA_STOPWORDS)
words = model.top_words(N_WORDS)
top = words.groupby("topic")["word"].apply(" ".join).to_frame("top words")
top["share of tokens"] = (model.doc_topics * model.doc_lengths_[:, None]).sum(axis=0) / (
    model.doc_lengths_.sum()
)
print(
    f"k = {model.k} topics over {len(model.vocabulary_)} terms and {len(docs)} paragraphs "
    f"({len(model.empty_documents_)} paragraphs without any term)"
)
top.round(3)

# %% [markdown]
# Short labels, read off the top words above and the representative paragraphs below (written
# by hand for the seeds' model; they name what the words and paragraphs show, nothing more).
# Another corpus gets each topic's three top words instead.

# %%
SEED_TOPIC_LABELS = {
    1: "social vs traditional e-commerce (社交电商 流量 传统电商)",
    2: "Weitao and O2O (微淘 O2O 线下)",
    3: "micro-marketing on Weibo, WeChat (微营销 微博 微信)",
    4: "Alimama feed marketing (信息流营销 阿里妈妈)",
    5: "Tmall, brands, experience (天猫 品牌 体验 互动)",
    6: "ads, audiences and data (广告 人群 数据 触达)",
}
if CORPUS == "../seeds":
    assert sorted(SEED_TOPIC_LABELS) == list(top.index), "the seeds' model changed: relabel"
    TOPIC_LABELS = SEED_TOPIC_LABELS
else:
    TOPIC_LABELS = {t: " ".join(w.split()[:3]) for t, w in top["top words"].items()}

# %% [markdown]
# ## Topics × articles
#
# Mean topic share over each article's paragraphs (paragraphs without any vocabulary term are
# left out); each column sums to 1.

# %%
shares = topic_by_document(model, paragraphs["doc_id"]).rename(columns=article)
shares.columns.name = "article"
shares.rename(index=TOPIC_LABELS).round(2)

# %%
fig, ax = plt.subplots(figsize=(8.5, 0.45 * K + 1.6))
image = ax.imshow(shares.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
ax.set_xticks(range(len(shares.columns)), shares.columns)
ax.set_yticks(range(K), [f"{t}: {TOPIC_LABELS[t]}" for t in shares.index])
for (i, j), value in pd.DataFrame(shares.to_numpy()).stack().items():
    ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8,
            color="white" if value > 0.6 else "black")  # fmt: skip
fig.colorbar(image, ax=ax, label="mean topic share")
ax.set_title("Topics × articles")
fig.tight_layout()
_ = plotting.save_figure(fig, "04_topics_articles", directory=FIGURES)

# %% [markdown]
# ## How sharp are the paragraph topics?
#
# Each paragraph's largest topic share, over all paragraphs with a vocabulary term, for the
# model above and for the seed-`SEED` model of the shuffled paragraphs. The prior α = 0.05
# pushes every paragraph towards one topic, so the shuffled corpus shows how sharp paragraphs
# look without any topics.

# %%
largest = pd.DataFrame(
    {
        name: pd.Series(m.doc_topics.max(axis=1)[m.doc_lengths_ > 0]).describe()
        for name, m in [
            ("paragraphs", model),
            ("shuffled paragraphs", fits["shuffled paragraphs"][0]),
        ]
    }
).T[["count", "min", "25%", "50%", "75%", "max"]]
largest.round(3)

# %% [markdown]
# ## Representative paragraphs
#
# The two paragraphs with the largest share of each topic (`doc_id` = article number #
# paragraph number; text cut at 90 characters). By construction these are the extremes of the
# distribution above.

# %%
ids = paragraphs["doc_id"].map(short) + "#" + paragraphs["paragraph"].astype(str)
examples = representative_documents(model, list(paragraphs["text"]), n=2, doc_ids=list(ids))
examples.round(3).set_index(["topic", "rank"])

# %% [markdown]
# ## Interactive view
#
# [Open the pyLDAvis page](../figures/04_ldavis.html) (`figures/04_ldavis.html`; works offline,
# topics numbered as above). Circles are topics placed by the distance between their word
# distributions; the bars show a topic's most relevant terms for a chosen λ (λ = 1: most
# probable in the topic, λ → 0: most specific to it).

# %%
page = to_pyldavis_html(model, Path(FIGURES) / "04_ldavis.html", title="04 Topics: seed paragraphs")
print(f"pyLDAvis page written to figures/{page.name}")

# %% [markdown]
# ## Validation: do the topics find known categories?
#
# The articles have no known topics, so the method is checked where the answer is known: the
# committed held-out sample of product reviews (online_shopping_10_cats, ChineseNlpCorpus; test
# split, 6,346 reviews in ten categories). With `REVIEW_K` = 10 topics and the library defaults
# (no extra stopwords), how well does each review's dominant topic recover its category
# (normalised mutual information, NMI: 0 = unrelated, 1 = identical partitions)? The benchmark
# (`benchmarks/bench_topics.py`; target of issue 5: NMI ≥ 0.55) measured 0.62–0.66 on 9,574
# reviews of the full file, against 0.35–0.45 for a plain gensim `LdaModel`; its priors and
# vocabulary filter were chosen on that same sample, so its figure is not held-out.

# %%
reviews = load_review_sample() if REVIEWS is None else load_reviews(REVIEWS)
if len(reviews) > REVIEW_MAX:
    reviews = reviews.sample(n=REVIEW_MAX, random_state=SEED).sort_index().reset_index(drop=True)
review_docs = rk.tokenize_many(reviews["review"])
review_models = {
    seed: fit_lda(review_docs, REVIEW_K, seed=seed) for seed in sorted({SEED, *STABILITY_SEEDS})
}
validation = pd.DataFrame(
    {
        "seed": list(review_models),
        "NMI": [
            normalized_mutual_info_score(reviews["cat"], m.dominant_topic())
            for m in review_models.values()
        ],
    }
)
print(f"{len(reviews):,} reviews, k = {REVIEW_K}; data: {CITATION if REVIEWS is None else REVIEWS}")
validation.round(3)

# %% [markdown]
# Dominant topic × category for the model with seed `SEED` (counts of reviews), with each
# topic's top words:

# %%
review_model = review_models[SEED]
review_words = review_model.top_words(6).groupby("topic")["word"].apply(" ".join)
crosstab = pd.crosstab(review_model.dominant_topic(), reviews["cat"]).rename_axis("topic")
crosstab = crosstab.rename(columns=lambda cat: f"{cat} {CATEGORY_GLOSSES.get(cat, '')}".strip())
crosstab.insert(0, "top words", review_words)
crosstab
