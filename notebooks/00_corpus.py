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
# # 00 Corpus: what are the five seed articles, and what did cleaning take out of them?
#
# **Question.** Which texts do we analyse, when and where were they published, and what did
# the clean-up (`retailkit.clean`) have to take out before any counting can be trusted?
#
# **Findings.**
#
# * Five web pages, seven texts: seed 004 is an archive page (ZKIZ Archives) holding three
#   separate 2013 items — an i黑马 (iheima) essay, an iheima news piece of 2013-12-27 and a
#   Cantonese 蘋果日報 (Apple Daily HK) column of 2013-10-30. The other four date from
#   2017-11-08 (000) to 2018 (001 2018-06-25, 003 2018-06, 002 2018-10), each date with its
#   evidence in `seeds/catalog.csv`.
# * Cleaning kept 75 % of the non-whitespace characters of 000, 84 % of 001 and 94–95 % of
#   002, 003 and 004 (78 % of 004's short Cantonese column, where the post header, URL,
#   permalink and archive footer weigh more). In 000 the loss is almost all pinyin
#   annotations (119 of them, 622 characters, e.g. 認(rèn)知); in 001 it is page furniture
#   (692 characters: a conference advertisement, disclaimers, share widgets, counters).
#   49 furniture removals in all, each listed below with the rule that made it; none is a
#   sentence of an article.
# * Seed 000 had two runs of GBK byte-shift mojibake (乱码); both were re-decoded into
#   readable text, with the three characters lost for good marked 〓 rather than guessed.
# * About a third of the hanzi of 000 and 004 were in Traditional-only forms (繁体,
#   32–35 %); none are left after conversion (OpenCC `t2s`, or `hk2s` for the Cantonese
#   column). The raw Cantonese column has the largest Latin (16 %) and digit (8 %) shares:
#   its URL and archive lines, English words (share, like, facebook) and stock codes
#   (騰訊(700)).

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from retailkit import plotting
from retailkit.corpus import (
    audit_summary,
    corpus_profile,
    load_seeds,
    read_catalog,
    seed_audit,
)

warnings.filterwarnings("ignore")
_ = plotting.setup()
# %% tags=["parameters"]
SEEDS = "../seeds"
FIGURES = "../figures"

# %% [markdown]
# ## The corpus and its metadata
#
# `seeds/catalog.csv` was curated by reading the articles: one row per article and one per
# *part* (seed 004 is an archive page holding three items). `published` has the precision the
# text supports; `evidence` says how it was established. `script` is the OpenCC configuration
# used for Traditional→Simplified conversion (`mainland` = `t2s`, `hongkong` = `hk2s`).

# %%
parts = load_seeds(by="part", directory=SEEDS)
catalog = read_catalog(SEEDS)
catalog.loc[
    catalog["part"] != "",
    ["doc_id", "part", "title", "author", "source", "published", "original_script", "script"],
]

# %% [markdown]
# How each date was established (article rows):

# %%
with pd.option_context("display.max_colwidth", None):
    display(catalog.loc[catalog["part"] == "", ["doc_id", "published", "evidence"]])

# %% [markdown]
# ## What cleaning removed
#
# `retailkit.clean` runs small steps: `repair_mojibake` (GBK byte-shift damage), whitespace and
# width normalisation, `remove_pinyin` (annotations such as 認(rèn)知), Traditional→Simplified,
# and `remove_furniture` (page chrome, by the YAML rules in `retailkit/data/cleaning`). Every
# removal or repair is a row of the audit; here is the count per document and step.

# %%
audit = seed_audit(by="part", directory=SEEDS)
audit.pivot_table(index="doc_id", columns="step", values="rule", aggfunc="size", fill_value=0)

# %% [markdown]
# Per rule, with the number of characters removed and the first example (⏎ = line break).

# %%
summary = audit_summary(audit)
with pd.option_context("display.max_rows", 100):
    display(summary)

# %% [markdown]
# The two byte-shift repairs in seed 000: the run after a lost byte (`?`) is re-decoded one
# byte later; the character whose byte was lost is marked 〓 (geta mark, "missing character")
# rather than guessed (by context 乃 and 潛).

# %%
audit.loc[audit["step"] == "repair_mojibake", ["doc_id", "rule", "removed", "replacement"]]

# %% [markdown]
# ## Lengths before and after cleaning
#
# Non-whitespace characters of the verbatim file (`raw_chars`) and of the cleaned text
# (`text_chars`), per part.

# %%
profile = corpus_profile(parts)
columns = ["raw_chars", "text_chars", "kept_share", "paragraphs", "sentences"]
profile[["doc_id", "part", *columns]].round(3)

# %%
removed = summary.groupby(["doc_id", "step"])["chars"].sum().unstack(fill_value=0)
lengths = profile.groupby("doc_id")[["text_chars"]].sum().join(removed).fillna(0)
lengths.index = lengths.index.str[:3]
lengths = lengths.rename(
    columns={
        "text_chars": "cleaned text",
        "remove_furniture": "page furniture",
        "remove_pinyin": "pinyin annotations",
        "repair_mojibake": "mojibake (replaced)",
    }
)
fig, ax = plt.subplots(figsize=(7, 3.2))
lengths.plot.barh(stacked=True, ax=ax, color=["#4c72b0", "#dd8452", "#55a868", "#c44e52"])
ax.invert_yaxis()
ax.set_xlabel("非空白字符数 (non-whitespace characters)")
ax.set_ylabel("seed")
ax.set_title("What cleaning kept and removed, per seed")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
_ = plotting.save_figure(fig, "00_corpus_lengths", directory=FIGURES)
# %% [markdown]
# ## Script composition
#
# Share of hanzi that OpenCC `t2s` would change (i.e. Traditional-only forms) before and after
# cleaning, and the character mix of the raw files. In seed 000 the Latin share is inflated by
# the pinyin annotations, whose tone-marked vowels (ā, ǐ ...) count as "other".

# %%
shares = ["raw_han", "raw_latin", "raw_digit", "raw_punctuation", "raw_other"]
scripts = ["raw_traditional_share", "text_traditional_share"]
composition = profile[["doc_id", "part", *scripts, *shares]]
composition.round(3)

# %%
mix = composition.set_index(composition["doc_id"].str[:3] + "/" + composition["part"].astype(str))
mix = mix[shares]
mix.columns = ["hanzi", "Latin", "digits", "punctuation", "other"]
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), sharey=True)
mix.plot.barh(stacked=True, ax=axes[0], legend=False)
axes[0].invert_yaxis()
axes[0].set_xlabel("share of raw characters")
axes[0].set_ylabel("seed/part")
axes[0].legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=7, ncol=5)
axes[0].set_title("Character mix (raw)")
axes[1].barh(mix.index, composition["raw_traditional_share"], color="#8172b3")
axes[1].set_xlabel("share of hanzi changed by t2s")
axes[1].set_title("繁体 Traditional-only forms (raw; 0 after cleaning)", fontsize=10)
fig.tight_layout()
_ = plotting.save_figure(fig, "00_corpus_script", directory=FIGURES)
