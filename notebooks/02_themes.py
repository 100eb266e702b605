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
# # 02 Themes: how much does each article talk about social, interactive and feed marketing?
#
# **Question.** How strongly does each article engage with 社交电商 (social commerce), 互动营销
# (interactive marketing) and 信息流营销 (feed-based marketing), which sentences show it, which
# platforms does it name, and how does the vocabulary move from 2013 to 2018?
#
# **Findings.**
#
# * Each article leans on one theme (theme-term tokens per 1,000 tokens): 002 (2018) on feed
#   marketing (115: 信息流营销 15, 内容 content 13, 信息流 9 ...); 003 (2018) on social
#   commerce (75: 社交 26, 社交电商 11), with much feed vocabulary too (69: 广告 advertising,
#   人群 audience, 触达 reach); 000 (2017) on interactive marketing (78: 互动, 体验
#   experience, 互动营销, 玩法, 互动吧). 001 (2018) spreads over all five (24–36). 004 (2013)
#   mostly names platforms (71) and talks O2O, new retail's predecessor (40).
# * Platforms: 004 (2013) names the most (微淘 39, 阿里 25, 微信 21, 微博 20, and 来往
#   Laiwang, 腾讯 Tencent, 淘点点); 微博 (Weibo) recurs in 001, 003 and 004; 002 stays inside
#   Alibaba (阿里妈妈 14, 手淘 Mobile Taobao). WeChat (微信) is a 2013 topic: 21 of its 22
#   mentions.
# * 2013 → 2018, pooled by year: social-commerce vocabulary rises from 10.7 to 37.9 per 1,000
#   and feed-marketing from 19.0 to 63.7, while platform naming falls from 70.7 to 39.4 and
#   the O2O / new-retail frame from 39.5 to 17.5; interactive marketing peaks with the single
#   2017 article (78.4). Keyness of 2018 against 2013: new are 社交, 消费 (consumption),
#   新零售, 阿里妈妈, 信息流营销, 社交电商; gone are 微淘, 微营销, O2O, 微信. With one to
#   three texts a year, this is the drift of these texts, not a measured trend of the press.
# * The evidence sentences show how each theme is used, e.g. 003: "从种草到拔草的距离和过渡将无限
#   接近" (the way from "planting grass" to "pulling grass" — recommendation to purchase — will
#   become very short), and 000's AR vending machines at 天猫互动吧.

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from retailkit import plotting
from retailkit.corpus import load_corpus, load_seeds
from retailkit.keyness import keyness
from retailkit.themes import load_theme_info, load_themes, theme_profile, theme_sentences

warnings.filterwarnings("ignore")
_ = plotting.setup()

# %% tags=["parameters"]
SEEDS = "../seeds"  # another folder is read with retailkit.load_corpus (txt, html, csv, jsonl)
FIGURES = "../figures"
EVIDENCE_PER_ARTICLE = 2  # evidence sentences shown per article and theme

# %% [markdown]
# ## The lexicons
#
# Five small, documented lexicons (`retailkit/data/themes/*.yaml`, each term with an English
# gloss and its source). Terms are counted as whole tokens of retailkit's tokenizer; each term
# belongs to one theme. `platforms` (平台与主体) counts who is named, not a topic; `new_retail`
# (新零售, with its predecessor O2O) is the frame the articles share.

# %%
info = load_theme_info()
terms = load_themes()
info["n_terms"] = info["theme"].map(terms["theme"].value_counts())
with pd.option_context("display.max_colwidth", None):
    display(info)

# %% [markdown]
# ## Theme profiles per article
#
# `rate_per_1000`: theme-term tokens per 1,000 tokens of the article (stopwords and punctuation
# excluded), so long and short articles compare. `n_sentences`: sentences carrying at least one
# term, out of `sentences`. (With `SEEDS` pointing elsewhere, the folder is loaded with
# `load_corpus`; the over-time section then uses the years in its `catalog.csv`, if any.)

# %%
seeds = load_seeds(directory=SEEDS) if SEEDS == "../seeds" else load_corpus(SEEDS)
seeds["article"] = seeds["doc_id"].str[:3] + " (" + seeds["published"].str[:4] + ")"
label = dict(zip(seeds["doc_id"], seeds["article"], strict=True))
profile = theme_profile(seeds)
profile["article"] = profile["doc_id"].map(label)
rates = profile.pivot(index="article", columns="theme", values="rate_per_1000")
rates.round(1)

# %%
fig, ax = plt.subplots(figsize=(7.5, 3.6))
image = ax.imshow(rates.to_numpy(), cmap="Blues", aspect="auto")
ax.set_xticks(range(len(rates.columns)), rates.columns, rotation=20, ha="right")
ax.set_yticks(range(len(rates.index)), rates.index)
for (i, j), value in pd.DataFrame(rates.to_numpy()).stack().items():
    shade = "white" if value > 0.6 * rates.to_numpy().max() else "black"
    ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=9, color=shade)
fig.colorbar(image, ax=ax, label="per 1,000 tokens")
ax.set_title("Theme vocabulary per 1,000 tokens")
fig.tight_layout()
_ = plotting.save_figure(fig, "02_themes_rates", directory=FIGURES)

# %% [markdown]
# Which terms make up each rate (term and count, most frequent first), for the three marketing
# themes:

# %%
marketing = ["social_commerce", "interactive_marketing", "feed_marketing"]
with pd.option_context("display.max_colwidth", None):
    display(
        profile[profile["theme"].isin(marketing)]
        .pivot(index="article", columns="theme", values="terms")
        .loc[:, marketing]
    )

# %% [markdown]
# ## Evidence sentences
#
# For each marketing theme, the sentences of each article with the most theme terms (ties: the
# earlier sentence). `sentence_index` is the position in `retailkit.split_sentences(text)`, so
# these rows join with the sentence tables of the other notebooks.

# %%
evidence = theme_sentences(seeds, themes=marketing)
evidence["article"] = evidence["doc_id"].map(label)
per_sentence = (
    evidence.groupby(["theme", "article", "sentence_index", "sentence"], as_index=False)
    .agg(count=("count", "sum"), terms=("term", "、".join))
    .sort_values(["theme", "article", "count", "sentence_index"], ascending=[1, 1, 0, 1])
)
top = per_sentence.groupby(["theme", "article"]).head(EVIDENCE_PER_ARTICLE)
with pd.option_context("display.max_colwidth", None, "display.max_rows", 40):
    for theme in marketing:
        display(top[top["theme"] == theme].drop(columns="theme").reset_index(drop=True))

# %% [markdown]
# ## Platforms mentioned
#
# Counts of each platform or company name per article (names seen at least twice overall).

# %%
platforms = theme_sentences(seeds, themes=["platforms"])
platforms["article"] = platforms["doc_id"].map(label)
mentions = platforms.pivot_table(
    index="term", columns="article", values="count", aggfunc="sum", fill_value=0
)
mentions = mentions[mentions.sum(axis=1) >= 2]
mentions = mentions.loc[mentions.sum(axis=1).sort_values(ascending=False, kind="stable").index]
mentions

# %%
fig, ax = plt.subplots(figsize=(8, 4.2))
mentions.T.plot.bar(stacked=True, ax=ax, colormap="tab20", width=0.7)
ax.set_ylabel("mentions")
ax.set_xlabel("")
ax.tick_params(axis="x", rotation=0)
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, ncol=2)
ax.set_title("Platforms and companies named in each article")
fig.tight_layout()
_ = plotting.save_figure(fig, "02_themes_platforms", directory=FIGURES)

# %% [markdown]
# ## From 2013 to 2018
#
# The seven dated texts (`load_seeds(by="part")`: seed 004 holds three items of 2013) grouped by
# year of publication: 2013 (three items of seed 004), 2017 (000) and 2018 (001, 002, 003).
# Rates are pooled per year (theme tokens / all tokens). With one to three texts a year, this
# describes these texts, not the trade press at large.

# %%
parts = load_seeds(by="part", directory=SEEDS) if SEEDS == "../seeds" else seeds.assign(part=1)
parts["part_id"] = parts["doc_id"].str[:3] + "/" + parts["part"].astype(str)
parts["year"] = pd.to_numeric(parts["published"].str[:4], errors="coerce")
parts = parts.dropna(subset=["year"]).astype({"year": int})
part_profile = theme_profile(parts, id_column="part_id")
part_profile = part_profile.merge(parts[["part_id", "year", "published"]], on="part_id")
part_profile.pivot(index=["year", "part_id"], columns="theme", values="rate_per_1000").round(1)

# %%
yearly = part_profile.groupby(["year", "theme"])[["count", "tokens"]].sum().reset_index()
yearly["rate_per_1000"] = 1000 * yearly["count"] / yearly["tokens"]
by_year = yearly.pivot(index="year", columns="theme", values="rate_per_1000")
by_year.round(1)

# %%
fig, ax = plt.subplots(figsize=(7, 3.8))
for theme in by_year.columns:
    ax.plot(by_year.index, by_year[theme], marker="o", label=theme)
ax.set_xticks(by_year.index)
ax.set_ylabel("per 1,000 tokens (pooled per year)")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
ax.set_title("Theme vocabulary by year of publication")
fig.tight_layout()
_ = plotting.save_figure(fig, "02_themes_over_time", directory=FIGURES)

# %% [markdown]
# What 2018's texts say more (and less) than 2013's, by keyness (G², Log Ratio; the 2017 article
# left out). `low_expected` marks counts too small to trust.

# %%
pair = parts[parts["year"].isin([2013, 2018])]
columns = ["term", "target_count", "reference_count", "g2", "log_ratio", "low_expected"]
if pair["year"].nunique() == 2:  # another corpus may lack one of the years
    shift = keyness(pair, 2018, by="year")
    more = shift[shift["direction"] == "over"].head(10)[columns].reset_index(drop=True)
    less = shift[shift["direction"] == "under"].head(10)[columns].reset_index(drop=True)
    display(more.round(2), less.round(2))
