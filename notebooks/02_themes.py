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
# * With the full lexicons (theme-term tokens per 1,000 tokens), each article leans on one
#   theme: 002 (2018) on feed marketing (115: 信息流营销 15, 内容 content 13, 信息流 9 ...);
#   003 (2018) on social commerce (75: 社交 social 26, 社交电商 11), with much feed vocabulary
#   too (69: 广告 advertising 14, 人群 audience 8, 内容 6, 触达 reach 6); 000 (2017) on
#   interactive marketing (78: 互动 interaction 10, 体验 experience 10, 互动营销 6, 玩法 6,
#   互动吧 4). 001 (2018) spreads over all five (24–36). 004 (2013) mostly names platforms (71)
#   and talks O2O, new retail's predecessor (40).
# * Counting core terms only (the practice's own names, listed as data in the lexicons), the
#   leanings that rest on naming the practice hold: 002 feed 49, 000 interactive 40, 003 social
#   34, and 001 social 11 (社交货币 social currency, 社交电商, 微商 WeChat sellers). Those that
#   rest on general words collapse: 003 feed 69 → 2, 004 feed 19 → 1.5 (推送 push, 内容),
#   001 interactive 34 → 2 (体验), 002 social 5 → 2.5 (分享, which there means "presented").
# * Platforms, aliases merged (阿里/阿里巴巴 = Alibaba, 手淘/手机淘宝 = Mobile Taobao, 公众号
#   counted under WeChat): 004 (2013) names the most (微淘 Weitao 39, Alibaba 26, WeChat 24,
#   Weibo 21, and 来往 Laiwang 5, 腾讯 Tencent 4, 淘点点 Taodiandian 3); Weibo recurs in 001,
#   003 and 004; 002 stays inside Alibaba (阿里妈妈 Alimama 14, Mobile Taobao 3). WeChat is a
#   2013 topic: 24 of its 25 mentions.
# * The articles were chosen for their topics, and 2017 is a single text, so the years compare
#   which articles were picked, not a trend. Pooled per year (all theme tokens over all tokens),
#   2013 → 2018: social commerce 10.7 → 37.9, feed marketing 19.0 → 63.7, platforms 70.7 →
#   39.4, new retail / O2O 39.5 → 17.5; interactive marketing peaks with the one 2017 text
#   (78.4). The spread within 2018 is wider than these gaps (feed 23.8, 115.3, 68.9; social 5.1
#   to 74.6). The mean of the per-text rates, used by notebook 05 and the README (feed 15.1 →
#   69.3), differs from the pooled rate shown here.
# * Keyness of 2018 against 2013: far more frequent in 2018 are 社交 (33 against 1), 消费
#   (consumption, 38 against 3), 消费者 (consumer), 新零售, 阿里妈妈, 信息流营销 and 社交电商
#   (14 against 0); far less frequent are 微淘 (1 against 39), 微营销 (micro-marketing, 0
#   against 26), O2O (1 against 30) and 微信 (1 against 21).
# * Evidence sentences, ranked by core terms first, show each theme in use, e.g. 003:
#   "从种草到拔草的距离和过渡将无限接近" (the way from "planting grass" to "pulling grass" —
#   recommendation to purchase — will become very short); 002's best social-commerce line is
#   now 把这些公域的消费者更好沉淀到私域里 (settle public-domain consumers into the brand's
#   private domain), not a sentence where 分享 means "presented"; 000's best interactive line
#   says 互动营销玩法 ("play" in interactive marketing) is no longer just handing out 红包 (red
#   envelopes), naming AR and VR.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from retailkit import plotting
from retailkit.corpus import load_articles, publication_year
from retailkit.glossary import add_gloss
from retailkit.keyness import keyness
from retailkit.themes import load_theme_info, load_themes, theme_profile, theme_sentences

_ = plotting.setup()

# %% tags=["parameters"]
SEEDS = "../seeds"  # or your folder of .txt/.html/.csv/.jsonl files (retailkit.load_articles)
FIGURES = "../figures"
EVIDENCE_PER_ARTICLE = 2  # evidence sentences shown per article and theme
MIN_MENTIONS = 2  # platforms named fewer times overall are left out of the platform table

# %% [markdown]
# ## The lexicons
#
# Five small, documented lexicons (`retailkit/data/themes/*.yaml`, each term with an English
# gloss and its source). Terms are counted as whole tokens of retailkit's tokenizer; each term
# belongs to one theme. `platforms` (平台与主体) counts who is named, not a topic; `new_retail`
# (新零售, with its predecessor O2O) is the frame the articles share.
#
# Each lexicon mixes **core terms**, which name the practice itself or a tool specific to it
# (社交电商 social commerce, 微商 WeChat sellers, 社交货币 social currency; 互动营销, 互动吧;
# 信息流 feed, 信息流营销, 猜你喜欢 "Guess you like", 达摩盘 DMP), with **general words** the
# theme also uses but any business text may contain (分享 share, 粉丝 fans, 社交 social; 互动
# interaction, 体验 experience; 内容 content, 广告 advertising, 推送 push). The core list is
# data (`core: true` in the YAML files; the rule and the full lists are in
# `retailkit/data/themes/README.md`), so every rate below is given twice: with the full lexicon
# and with core terms only.

# %%
info = load_theme_info()
terms = load_themes()
info["n_terms"] = info["theme"].map(terms["theme"].value_counts())
info["n_core"] = info["theme"].map(terms.groupby("theme")["core"].sum())
with pd.option_context("display.max_colwidth", None):
    display(info)

# %%
core_list = terms[terms["core"]].groupby("theme")["term"].agg("、".join).to_frame("core terms")
with pd.option_context("display.max_colwidth", None):
    display(core_list)

# %% [markdown]
# Display names used in tables and figures (English gloss with the Chinese label):

# %%
theme_name = {row.theme: f"{row.gloss} {row.label}" for row in info.itertuples()}
marketing = ["social_commerce", "interactive_marketing", "feed_marketing"]
order = [*marketing, "new_retail", "platforms"]
pd.Series(theme_name, name="display name").loc[order].to_frame()

# %% [markdown]
# ## Theme profiles per article
#
# `rate_per_1000`: theme-term tokens per 1,000 tokens of the article (stopwords and punctuation
# excluded), so long and short articles compare; `full` counts every lexicon term, `core` only
# the core terms. (With `SEEDS` pointing elsewhere, the folder is loaded with `load_corpus`; the
# over-time section then uses the years in its `catalog.csv`, if any.)

# %%
seeds = load_articles(SEEDS)
seeds["article"] = seeds["label"]
label = dict(zip(seeds["doc_id"], seeds["article"], strict=True))
core_lexicon = terms[terms["core"]]
profile = theme_profile(seeds).assign(lexicon="full")
core_profile = theme_profile(seeds, lexicon=core_lexicon).assign(lexicon="core")
both = pd.concat([profile, core_profile], ignore_index=True)
both["article"] = both["doc_id"].map(label)
both["theme"] = pd.Categorical(both["theme"].map(theme_name), [theme_name[t] for t in order])
both["lexicon"] = pd.Categorical(both["lexicon"], ["full", "core"])
rates = both.pivot_table(
    index="article", columns=["theme", "lexicon"], values="rate_per_1000", observed=True
)
rates.round(1)

# %%
full = rates.xs("full", axis=1, level="lexicon")
core = rates.xs("core", axis=1, level="lexicon")
fig, ax = plt.subplots(figsize=(10.5, 4.6))
image = ax.imshow(full.to_numpy(), cmap="Blues", aspect="auto")
ax.set_xticks(
    range(len(full.columns)), ["\n".join(name.rsplit(" ", 1)) for name in full.columns], fontsize=9
)
ax.set_yticks(range(len(full.index)), full.index)
for i in range(full.shape[0]):
    for j in range(full.shape[1]):
        value, kernel = full.iat[i, j], core.iat[i, j]
        shade = "white" if value > 0.6 * full.to_numpy().max() else "black"
        ax.text(
            j,
            i,
            f"{value:.0f}\n(core {kernel:.0f})",
            ha="center",
            va="center",
            fontsize=8,
            color=shade,
        )
fig.colorbar(image, ax=ax, label="theme tokens per 1,000 tokens (full lexicon)")
ax.set_xlabel("theme")
ax.set_ylabel("article")
ax.set_title("Theme vocabulary per 1,000 tokens: full lexicon (core terms only)")
fig.tight_layout()
_ = plotting.save_figure(fig, "02_themes_rates", directory=FIGURES)

# %% [markdown]
# **Sensitivity to the lexicon.** Where an article names the practice, its leaning survives the
# core-only count: 002 on feed marketing (115 → 49: 信息流营销 15, 信息流 9, 直通车 4, 达摩盘
# 4 ...), 000 on interactive marketing (78 → 40: 互动营销, 玩法, 互动吧, AR, VR), 003 on social
# commerce (75 → 34: 社交电商 11, 社交关系 5, 拔草 4 ...), and 001's social commerce (33 → 11:
# 社交货币 5, 社交电商 3, 微商 2). Where the rate rested on general words it collapses: 003's
# feed marketing (69 → 2: 广告 advertising, 人群 audience and 触达 reach are advertising words,
# not feeds), 004's (19 → 1.5: 推送 push, 内容 content), 001's interactive marketing (34 → 2:
# 体验 experience, 互动 interaction) and 002's social commerce (5 → 2.5: 分享 here means
# "presented"). The full-lexicon rate measures how much an article uses a theme's vocabulary;
# only the core rate says that it discusses the practice itself. The split is a judgement (the
# rule is in the lexicon README), so both are shown.

# %% [markdown]
# Which terms make up each rate, for the three marketing themes: count per article, English
# gloss, and whether the term is a core term (most frequent first).

# %%
hits = theme_sentences(seeds, themes=marketing)
hits["article"] = hits["doc_id"].map(label)
term_counts = hits.pivot_table(
    index=["theme", "term"], columns="article", values="count", aggfunc="sum", fill_value=0
)
term_counts["total"] = term_counts.sum(axis=1)
term_counts = term_counts.reset_index().merge(
    terms[["theme", "term", "core"]], on=["theme", "term"]
)
term_counts = add_gloss(term_counts).sort_values(
    ["theme", "total", "term"], ascending=[True, False, True]
)
with pd.option_context("display.max_rows", 80, "display.max_colwidth", 45):
    for theme in marketing:
        table = term_counts[term_counts["theme"] == theme].drop(columns="theme")
        display(table.rename(columns={"term": theme_name[theme]}).reset_index(drop=True))

# %% [markdown]
# ## Evidence sentences
#
# For each marketing theme, the sentences of each article that carry the most **core** terms,
# then the most theme terms in all (ties: the earlier sentence), so a sentence held up only by a
# general word (分享, 内容, 广告) is shown only when an article has nothing better.
# `sentence_index` is the position in `retailkit.split_sentences(text)`, so these rows join
# with the sentence tables of the other notebooks. `glosses` gives the English of the matched
# terms (core terms starred); the sentences themselves are not translated.

# %%
is_core = dict(zip(terms["term"], terms["core"], strict=True))
hits["core"] = hits["term"].map(is_core) * hits["count"]
hits = add_gloss(hits)
hits["glossed"] = hits["term"] + hits["term"].map(lambda t: "*" if is_core[t] else "")
hits["glossed"] = hits["glossed"] + " " + hits["gloss"]
per_sentence = (
    hits.groupby(["theme", "article", "sentence_index", "sentence"], as_index=False)
    .agg(core=("core", "sum"), count=("count", "sum"), glosses=("glossed", "; ".join))
    .sort_values(["theme", "article", "core", "count", "sentence_index"], ascending=[1, 1, 0, 0, 1])
)
top = per_sentence.groupby(["theme", "article"]).head(EVIDENCE_PER_ARTICLE)
with pd.option_context("display.max_colwidth", None, "display.max_rows", 40):
    for theme in marketing:
        print(theme_name[theme])
        display(top[top["theme"] == theme].drop(columns="theme").reset_index(drop=True))

# %% [markdown]
# ## Platforms mentioned
#
# Mentions of each platform or company per article, with aliases merged through the lexicon's
# `entity` field: 阿里 and 阿里巴巴 are both Alibaba, 手淘 and 手机淘宝 both Mobile Taobao, 微博
# and 新浪微博 both Weibo, and 公众号 (official accounts, a WeChat feature rather than a
# platform) is counted under WeChat. Entities named fewer than `MIN_MENTIONS` times overall are
# left out.

# %%
named = theme_sentences(seeds, themes=["platforms"])
named["article"] = named["doc_id"].map(label)
named = named.merge(terms[["term", "entity"]], on="term")
mentions = named.pivot_table(
    index="entity", columns="article", values="count", aggfunc="sum", fill_value=0
)
aliases = named.groupby("entity")["term"].agg(lambda t: "、".join(sorted(set(t))))
mentions.insert(0, "terms", aliases)
mentions["total"] = mentions.drop(columns="terms").sum(axis=1)
mentions = mentions[mentions["total"] >= MIN_MENTIONS]
mentions = mentions.sort_values(["total"], ascending=False, kind="stable")
mentions

# %%
counts = mentions.drop(columns=["terms", "total"])
fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(counts) + 1.4))
image = ax.imshow(counts.to_numpy(), cmap="Purples", aspect="auto")
ax.set_yticks(range(len(counts)), [f"{e} ({mentions.at[e, 'terms']})" for e in counts.index])
ax.set_xticks(range(len(counts.columns)), counts.columns)
if max(map(len, counts.columns)) > 12:  # long file names: slanted, so they do not overlap
    plt.setp(ax.get_xticklabels(), rotation=40, ha="right")
for i in range(counts.shape[0]):
    for j in range(counts.shape[1]):
        value = counts.iat[i, j]
        shade = "white" if value > 0.6 * counts.to_numpy().max() else "black"
        ax.text(
            j, i, f"{value}" if value else "·", ha="center", va="center", fontsize=9, color=shade
        )
ax.set_xlabel("article")
ax.set_ylabel("platform or company (terms counted)")
ax.set_title("Platforms and companies named in each article (mentions)")
fig.tight_layout()
_ = plotting.save_figure(fig, "02_themes_platforms", directory=FIGURES)

# %% [markdown]
# ## From 2013 to 2018: these texts, not a trend
#
# The seven dated texts (`load_articles(by="part")`: seed 004 holds three items of 2013) by year of
# publication: 2013 (the three items of seed 004), 2017 (000 alone) and 2018 (001, 002, 003).
# **The articles were chosen for their topics** (each is about one of the themes), so the
# differences between years mostly reflect which article was picked, not how the trade press
# moved; with one text in 2017 and three in each other year, no trend can be estimated. The
# figure shows every text as its own dot (texts of one year side by side), with no lines between
# years; a black dash marks the year's pooled rate.
#
# **Over time, only core terms are counted** (the practice's own names: 微营销
# and 社交电商, not 分享 or 粉丝; 信息流, not 内容 or 流量): generic words change with the
# genre and the fashion of the day, so a rise in them says little about the
# practices. The table after the rates lists the words behind every count.

# %%
parts = load_articles(SEEDS, by="part")
parts["part_id"] = parts["short"] + "/" + parts["part"].astype(str)
parts["year"] = publication_year(parts["published"]).to_numpy()
undated = parts.loc[parts["year"].isna(), "part_id"].tolist()
parts = parts.dropna(subset=["year"]).astype({"year": int})
# Another corpus may have no catalog.csv (no dates): the over-time cells then say so and stop.
OVER_TIME = parts["year"].nunique() >= 2
if undated:
    print("left out (no year of publication in catalog.csv):", ", ".join(undated))
if OVER_TIME:
    part_profile = theme_profile(parts, id_column="part_id", lexicon=core_lexicon)
    part_profile = part_profile.merge(parts[["part_id", "year", "published"]], on="part_id")
    part_profile["theme_name"] = part_profile["theme"].map(theme_name)
    part_rates = part_profile.pivot(
        index=["year", "part_id"], columns="theme_name", values="rate_per_1000"
    )
    display(part_rates[[theme_name[t] for t in order]].round(1))
else:
    print("fewer than two years of publication: no comparison over time")

# %% [markdown]
# The core terms behind each piece's count (marketing themes), most frequent first:

# %%
if OVER_TIME:
    piece_hits = theme_sentences(parts, themes=marketing, id_column="part_id", lexicon=core_lexicon)
    behind = piece_hits.groupby(["theme", "part_id", "term"], as_index=False)["count"].sum()
    behind = behind.sort_values(["theme", "part_id", "count", "term"], ascending=[1, 1, 0, 1])
    behind["terms"] = behind["term"] + " " + behind["count"].astype(str)
    words = behind.groupby(["theme", "part_id"])["terms"].agg(", ".join).unstack("theme")
    display(words.rename(columns=theme_name).fillna(""))

# %% [markdown]
# Two ways to summarise a year. **Pooled** (used below): all theme tokens of the year's texts
# over all their tokens, so a long text weighs more. **Mean of texts**: the average of the
# per-text rates, each text weighing the same; this is how notebook 05's timeline and the
# README's "15 → 69 per 1,000" for feed marketing are computed. The two differ, and the spread
# within a year (2018 feed marketing: 23.8, 115.3 and 68.9) is larger than either change.

# %%
if OVER_TIME:
    yearly = part_profile.groupby(["year", "theme"])[["count", "tokens"]].sum().reset_index()
    yearly["pooled"] = 1000 * yearly["count"] / yearly["tokens"]
    summary = part_profile.groupby(["year", "theme"], as_index=False).agg(
        n_texts=("part_id", "size"),
        mean_of_texts=("rate_per_1000", "mean"),
        lowest=("rate_per_1000", "min"),
        highest=("rate_per_1000", "max"),
    )
    summary = summary.merge(yearly[["year", "theme", "pooled"]], on=["year", "theme"])
    summary["theme"] = pd.Categorical(
        summary["theme"].map(theme_name), [theme_name[t] for t in order]
    )
    display(summary.sort_values(["theme", "year"]).set_index(["theme", "year"]).round(1))

# %%
if OVER_TIME:
    years = sorted(part_profile["year"].unique())
    n_texts = part_profile.groupby("year")["part_id"].nunique()
    fig, axes = plt.subplots(1, len(order), figsize=(13, 3.6), sharey=True, squeeze=False)
    for ax, theme in zip(axes.flat, order, strict=True):
        rows = part_profile[part_profile["theme"] == theme]
        spread = (
            rows.groupby("year").cumcount()
            - (rows.groupby("year")["year"].transform("size") - 1) / 2
        )
        x = rows["year"].map({year: i for i, year in enumerate(years)}) + 0.12 * spread
        ax.scatter(x, rows["rate_per_1000"], color="#4c72b0", zorder=3, label="one text")
        pooled = yearly[yearly["theme"] == theme]
        ax.scatter(
            pooled["year"].map({year: i for i, year in enumerate(years)}),
            pooled["pooled"],
            marker="_",
            s=400,
            color="black",
            zorder=2,
            label="pooled rate of the year",
        )
        ax.set_xticks(range(len(years)), [f"{year}\nn={n_texts[year]}" for year in years])
        ax.set_xlim(-0.5, len(years) - 0.5)
        ax.set_title(theme_name[theme], fontsize=10)
        ax.set_xlabel("year of publication (n texts)")
    axes.flat[0].set_ylabel("theme tokens per 1,000 tokens")
    axes.flat[0].legend(loc="upper left", fontsize=8)
    fig.suptitle("Theme vocabulary of each text by year (texts chosen by topic: not a trend)")
    fig.tight_layout()
    _ = plotting.save_figure(fig, "02_themes_over_time", directory=FIGURES)

# %% [markdown]
# Which words 2018's texts use far more (and far less) often than 2013's, by keyness (G², Log
# Ratio; the 2017 article left out). As in notebook 01, G² ranks the words (the largest of
# hundreds, no multiple-testing correction); `low_expected` marks counts too small for the χ²
# approximation. A word "far less frequent" in 2018 may still occur there (`target_count`).

# %%
columns = ["term", "gloss", "target_count", "reference_count", "g2", "log_ratio", "low_expected"]
if OVER_TIME:  # the last year of publication against the first (seeds: 2018 against 2013)
    first, last = int(parts["year"].min()), int(parts["year"].max())
    pair = parts[parts["year"].isin([first, last])]
    shift = add_gloss(keyness(pair, last, by="year"))
    more = shift[shift["direction"] == "over"].head(10)[columns].reset_index(drop=True)
    less = shift[shift["direction"] == "under"].head(10)[columns].reset_index(drop=True)
    print(f"far more frequent in {last} (target) than in {first} (reference)")
    display(more.round(2))
    print(f"far less frequent in {last} than in {first}")
    display(less.round(2))
else:
    print("fewer than two years of publication: no comparison of vocabulary between years")
