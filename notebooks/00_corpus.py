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
# * Five web pages, seven texts (labelled "number (year)": `000 (2017)`, `004/2 (2013)`). Seed
#   004 is an archive page (ZKIZ Archives) holding three separate 2013 items: an i黑马 (iheima, a
#   start-up news site) essay, an iheima news piece of 2013-12-27 and a Cantonese 蘋果日報 (Apple
#   Daily, Hong Kong) column of 2013-10-30. The other four date from 2017-11-08 (000) to 2018
#   (001 2018-06-25, 003 2018-06, 002 2018-10), each date with its evidence in
#   `seeds/catalog.csv`, each title with an English gloss (`title_en`).
# * They are different kinds of text, which changes what "approving" means: 000 is a signed
#   essay, 001 a WeChat post of 金错刀 republished by 派代网, 002 a rewrite of Alimama's own
#   product launch (a press-release rewrite, inferred: no release is named), 003 contributed
#   commentary (电子发烧友网's 入驻作者 notice), and 004's parts an essay and a news item
#   republished from i黑马 and a 蘋果日報 column. No page is marked as an advertorial (软文),
#   but 000's only figures are Tmall's and 002 quotes only Alimama's executives: their approval
#   is close to the company's own voice (`genre`, `republished_from` and their evidence below).
# * Cleaning kept 75 % of the non-whitespace characters of 000, 84 % of 001, 92 % of 002 and
#   94 % of 003 and 004 (004's parts 97 %, 95 % and 78 % — the short Cantonese column, where
#   the post header, URL, permalink and archive footer weigh more). In 000 the loss (720
#   characters net) is almost all pinyin annotations (119 of them, 622 characters, e.g.
#   認(rèn)知); in 001 it is page furniture (692 characters: a conference advertisement,
#   disclaimers, share widgets, counters). 52 furniture removals in all: one example per
#   rule and article in the first table below, then all 52 listed (first 40 characters
#   each); none is a sentence of an article.
# * Some text was on the page twice and is counted once: 002's three speaker photo captions
#   (阿里妈妈副总裁张勤 …, each repeated at the head of the paragraph that quotes the speaker;
#   `person_caption`) and its two summary lines at the top, near-verbatim copies of body
#   sentences (52 characters; `repeated_lead`); 003's title halves reused as two section
#   headings (29 characters; `title_echo`). 004/2's section heading 阿里O2O的几张牌, fused into
#   the next sentence on the page, is put on a line of its own (nothing removed).
# * Seed 000 had two runs of GBK byte-shift mojibake (乱码, garbled text); both were re-decoded
#   into readable text, and the three characters lost for good are marked 〓 rather than guessed
#   (by context 乃, the full stop 。 and 潛). One repair *is* an inference: a lone `?` before
#   版權所有 ("all rights reserved") is taken for a lost ©, recorded as such in the audit
#   (`lost_copyright_sign`); that copyright line is then removed as furniture anyway.
# * Item 004/2 is two long paragraphs (50 sentences) under its title and one section heading
#   (4 paragraphs in the table): the page gives it as one 2,791-character line. Paragraph-level
#   analyses such as topic models on paragraphs must not treat it like the short paragraphs of
#   the other texts.
# * About a third of the hanzi of 000 and 004 were in Traditional forms (繁体, 32–35 %:
#   32.0 % in 000, 33–35 % in 004's parts); none are left after conversion (OpenCC `t2s`, or
#   `hk2s` for the Cantonese column). The check counts 著 used for the particle 着 (有著,
#   隨著), which OpenCC leaves alone: cleaning writes it 着 (12 times: 9 in 000, 3 in 004).
#   The raw Cantonese column 004/3 has the largest Latin (16 %) and digit (8 %) shares: its
#   URL and archive lines, English words (share, like, facebook) and stock codes (騰訊(700)).

# %%
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

_ = plotting.setup()
# %% tags=["parameters"]
SEEDS = "../seeds"
FIGURES = "../figures"

# %% [markdown]
# ## The corpus and its metadata
#
# `seeds/catalog.csv` was curated by reading the articles: one row per article and one per
# *part* (seed 004 is an archive page holding three items). `published` has the precision the
# text supports; `evidence` says how it was established; `title_en` is a short English gloss of
# the title. `script` is the OpenCC configuration used for Traditional→Simplified conversion
# (`mainland` = `t2s`, `hongkong` = `hk2s`).
#
# A `doc_id` is the file stem as the files were received: a three-digit number and a
# 16-hex-digit identifier that came with the file (it is not a hash of the file's content, which
# matches none of its SHA-256, SHA-1 or MD5 prefixes). Tables and figures use the short label
# "number (year)", e.g. `000 (2017)`, and `004/2 (2013)` for a part.
#
# The outlets: 派代网 (Paidai, a site for e-commerce practitioners; 商道 "business path" is its
# column for small entrepreneurs), 金错刀 (Jin Cuodao, a WeChat business-commentary account),
# 电子发烧友网 (Elecfans, "electronics enthusiasts' network"; 电子说 "electronics talk" is its
# channel for contributed articles), i黑马 (iheima, a start-up news site), 蘋果日報 (Apple
# Daily, Hong Kong; 中環在線 "Central Online" is its finance column) and ZKIZ Archives (a Hong
# Kong archive of reposted articles). Seed 000 names no outlet.

# %%
articles = load_seeds(directory=SEEDS)
parts = load_seeds(by="part", directory=SEEDS)
articles["unit"] = articles["doc_id"].str[:3] + " (" + articles["published"].str[:4] + ")"
several = parts.groupby("doc_id")["part"].transform("size") > 1
part_number = ("/" + parts["part"].astype(str)).where(several, "")
parts["unit"] = parts["doc_id"].str[:3] + part_number + " (" + parts["published"].str[:4] + ")"
label = dict(zip(articles["doc_id"], articles["unit"], strict=True))
catalog = read_catalog(SEEDS)
catalog["unit"] = catalog["doc_id"].map(label)
keys = parts[["doc_id", "part", "unit"]].astype({"part": str})
part_rows = keys.merge(catalog.drop(columns="unit"), on=["doc_id", "part"], validate="1:1")
with pd.option_context("display.max_colwidth", None):
    display(part_rows[["unit", "title", "title_en"]].set_index("unit"))

# %%
columns = ["author", "source", "published", "original_script", "script"]
part_rows[["unit", *columns]].set_index("unit")

# %% [markdown]
# How each date was established (article rows):

# %%
with pd.option_context("display.max_colwidth", None):
    display(catalog.loc[catalog["part"] == "", ["unit", "published", "evidence"]].set_index("unit"))

# %% [markdown]
# ## Genre and provenance
#
# What kind of piece a text is changes what its approval means: a press-release rewrite speaks
# for the company it reports on, contributed commentary for an author the site does not vouch
# for, a republished post for the account that first wrote it, an advertorial (软文) for whoever
# paid. `genre` (one of news, essay, column, contributed commentary, press-release rewrite,
# republished post, advertorial) and `republished_from` (the earlier publisher, when the text we
# have is a copy) were read off each text, per part; `genre_evidence` gives the signals, quoting
# the text (… marks a cut). `load_seeds` and `load_articles` carry both columns; an archive
# page's article row (004) has no single genre.

# %%
# A single-part article's evidence is on its article row; 004's on each part's row.
article_evidence = catalog[catalog["part"] == ""].set_index("doc_id")["genre_evidence"]
evidence = parts["doc_id"].map(article_evidence).where(~several, part_rows["genre_evidence"])
with pd.option_context("display.max_colwidth", None):
    display(
        parts[["unit", "genre", "republished_from"]]
        .assign(genre_evidence=evidence)
        .set_index("unit")
    )

# %% [markdown]
# ## What cleaning removed
#
# `retailkit.clean` runs small steps: `repair_mojibake` (GBK byte-shift damage), whitespace and
# width normalisation, `remove_pinyin` (annotations such as 認(rèn)知), Traditional→Simplified
# (`to_simplified`, which also writes the particle 著 as 着: 有著 → 有着), `remove_furniture`
# (page chrome, by the YAML rules in `retailkit/data/cleaning`), `separate_headings` (a section
# heading fused into the next sentence is put on its own line), `remove_title_echoes` (a later
# heading that only repeats a clause of the title) and `remove_repeated_lead` (a lead sentence
# that the body repeats nearly word for word). Every removal, repair or inserted line break is
# a row of the audit; here is the count per article and step.

# %%
audit = seed_audit(by="part", directory=SEEDS)
audit["article"] = audit["doc_id"].map(label)
audit.pivot_table(index="article", columns="step", values="rule", aggfunc="size", fill_value=0)

# %% [markdown]
# Per rule: removals (`n`), non-whitespace characters removed (`chars`), net characters the
# text lost (`net_chars`: `chars` minus what was put back, which differs for the mojibake
# repairs and the 著 → 着 replacements; the line breaks of `separate_headings` remove nothing)
# and **one example per rule** — the first removal, cut at 30 characters (⏎ = line
# break). The other removals of a rule are in the `audit` table.

# %%
summary = audit_summary(audit)
summary.insert(0, "article", summary["doc_id"].map(label))
with pd.option_context("display.max_rows", 100):
    display(summary.drop(columns="doc_id").set_index(["article", "step", "rule"]))

# %% [markdown]
# Every furniture removal, in document order (first 40 characters, ⏎ = line break):

# %%
furniture = audit.loc[audit["step"] == "remove_furniture", ["article", "part", "rule"]]
furniture["removed"] = (
    audit["removed"].str.strip().str.replace(r"\s*\n\s*", "⏎", regex=True).str.slice(0, 40)
)
with pd.option_context("display.max_rows", 100):
    display(furniture.set_index(["article", "part"]))

# %% [markdown]
# The three repairs of `repair_mojibake`, all in seed 000. In the two `gbk_byte_shift` runs a
# byte was lost (shown as `?`, followed by the tail of a swallowed pinyin annotation such as
# `zāi)`), and the rest of the run decoded one byte out of step; it is re-decoded one byte later.
# The character whose byte was lost is marked 〓 (geta mark, "missing character") rather than
# guessed: by context 乃 (乃至, "even") at the start of the first run and 潛 (潛力, "potential")
# at the start of the second. The first run also ends on half a character — its surviving byte
# 0xA1 opens GBK's punctuation row and the line ends there, so by context the full stop 。 — and
# that third character is marked 〓 too. The `lost_copyright_sign` row is different: a lone `?`
# before 版權所有 ("all rights reserved") is *inferred* to be a lost © from its context alone
# (no bytes survive to show it); the audit records this inference, and the whole copyright line
# is then removed as furniture (`copyright_notice`), so the guessed © never reaches the text.

# %%
repairs = audit.loc[
    audit["step"] == "repair_mojibake", ["article", "rule", "removed", "replacement"]
]
repairs.set_index("article")

# %% [markdown]
# ## Lengths before and after cleaning
#
# Non-whitespace characters of the verbatim file (`raw_chars`) and of the cleaned text
# (`text_chars`) per article, and for seed 004 per part as well (`004 (2013)` is the whole
# page). Item 004/2 has four paragraphs for 50 sentences: the page gives the item as a title
# line, a source line and one 2,791-character line of text (the line lengths of its raw text
# are just below). Its paragraph breaks were lost before the page was captured, and cleaning
# does not invent them; it only puts the one section heading it can recognise, 阿里O2O的几张牌
# ("Alibaba's O2O cards", fused into the next sentence), on its own line. Paragraph-level
# analyses (topic models on paragraphs) should treat 004/2 as one long document, not as
# comparable to, say, 001's 76 short paragraphs.

# %%
raw_004_2 = parts.loc[parts["unit"] == "004/2 (2013)", "raw"].item()
pd.Series([len(line) for line in raw_004_2.splitlines() if line.strip()], name="line length")

# %%
units = pd.concat([articles, parts[several]], ignore_index=True)
profile = corpus_profile(units)
profile.insert(0, "unit", units["unit"])
columns = ["raw_chars", "text_chars", "kept_share", "paragraphs", "sentences"]
profile[["unit", *columns]].sort_values("unit").set_index("unit").round(3)

# %% [markdown]
# What the characters removed from each article were, as net counts: the mojibake repairs
# replaced 39 damaged characters by 29 readable ones, so they shorten the text by 10. With net
# counts the segments of each bar add up exactly to the raw file (`check` = 0 below).

# %%
kinds = {
    "remove_furniture": "page furniture",
    "remove_pinyin": "pinyin annotations",
    "repair_mojibake": "mojibake repair (net)",
    "remove_title_echoes": "repeated title or lead",
    "remove_repeated_lead": "repeated title or lead",
}  # to_simplified (著 → 着) and separate_headings (line breaks) change no count
kind = summary["step"].map(kinds)
net = summary.groupby(["doc_id", kind])["net_chars"].sum().unstack(fill_value=0)
net = net[[column for column in dict.fromkeys(kinds.values()) if column in net.columns]]
sizes = profile.set_index("unit").loc[articles["unit"], ["text_chars", "raw_chars"]]
lengths = sizes[["text_chars"]].join(net.rename(index=label)).fillna(0).astype(int)
lengths = lengths.rename(columns={"text_chars": "cleaned text"})
lengths.assign(raw_chars=sizes["raw_chars"], check=sizes["raw_chars"] - lengths.sum(axis=1))

# %%
fig, ax = plt.subplots(figsize=(7, 3.2))
colors = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3"]
lengths.plot.barh(stacked=True, ax=ax, color=colors[: len(lengths.columns)])
ax.invert_yaxis()
ax.set_xlabel("非空白字符数 (non-whitespace characters; bar = raw file)")
ax.set_ylabel("article")
ax.set_title("What cleaning kept and removed (net), per article")
ax.legend(
    title="net; adds up to the raw file",
    title_fontsize=8,
    loc="upper left",
    bbox_to_anchor=(1.01, 1),
    fontsize=8,
)
_ = plotting.save_figure(fig, "00_corpus_lengths", directory=FIGURES)
# %% [markdown]
# ## Script composition
#
# Share of hanzi in Traditional forms before and after cleaning, with the Traditional
# characters left in the cleaned text (`text_traditional_left`, empty when none), and the
# character mix of the raw files. A character counts as Traditional if OpenCC `t2s` would change
# it, or if it is 著 used for the particle 着 (有著, 隨著): `t2s` leaves 著 alone, since it is
# also a Simplified character (著名 "famous"), so a check that only asks `t2s` cannot see it
# (`retailkit.cleaning.traditional_remnants`). In seed 000 the Latin share is inflated by
# the pinyin annotations, whose tone-marked vowels (ā, ǐ ...) count as "other".

# %%
shares = ["raw_han", "raw_latin", "raw_digit", "raw_punctuation", "raw_other"]
scripts = ["raw_traditional_share", "text_traditional_share", "text_traditional_left"]
composition = profile[["unit", *scripts, *shares]].sort_values("unit").set_index("unit")
composition.round(3)

# %%
mix = composition.loc[parts["unit"], shares]
mix.columns = ["hanzi", "Latin", "digits", "punctuation", "other"]
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), sharey=True)
mix.plot.barh(stacked=True, ax=axes[0], legend=False)
axes[0].invert_yaxis()
axes[0].set_xlabel("share of raw characters")
axes[0].set_ylabel("article or part")
axes[0].legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=7, ncol=5)
axes[0].set_title("Character mix (raw)")
axes[1].barh(mix.index, composition.loc[parts["unit"], "raw_traditional_share"], color="#8172b3")
axes[1].set_xlabel("share of hanzi in Traditional form")
axes[1].set_title("繁体 Traditional forms (raw; 0 after cleaning)", fontsize=10)
fig.tight_layout()
_ = plotting.save_figure(fig, "00_corpus_script", directory=FIGURES)
