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
# # 03 Sentiment: can we trust the scores, and how positive is each article, sentence by sentence?
#
# **Question.** Can the sentiment scores be trusted, and — scored sentence by sentence, never as
# whole texts — how approving is each article, along its length and per theme?
#
# Terms (polar pair, verdict, AUC, κ, v1/v2 …): the glossary at the top of notebook 05.
#
# **Findings.**
# * *The review model holds up on held-out reviews.* On the 6,346 test-split reviews of
#   online_shopping_10_cats it reaches accuracy 0.932, ROC AUC 0.977 and Brier score 0.052, and
#   its scores are calibrated: the mean score (0.503) matches the positive rate (0.502) and the
#   reliability curve follows the diagonal. SnowNLP, on the same 600 reviews, is less accurate
#   (0.84 against 0.93; AUC 0.899 against 0.965) and worse calibrated (Brier 0.125 against
#   0.060). Weakest category by accuracy: 书籍 (books, 0.88); by AUC: 热水器 (water heaters,
#   0.878, only 65 reviews). Leave-one-category-out figures (mean AUC 0.936, accuracy 0.880)
#   are in `benchmarks/README.md`.
# * *Reviews are not commentary.* On the annotated seed sentences (`data/stance/`) the review
#   model separates approving from skeptical sentences far worse (AUC 0.65) than the scorer used
#   here for article sentences, the **commentary model** learned from other outlets' commentary
#   (AUC 0.82 [0.75, 0.89], accuracy 0.78 [0.72, 0.84]; the lexicon scorer `stance` gives
#   0.78 / 0.75 and its v2 0.77 / 0.78, all three intervals overlapping: with no target named,
#   it is not clearly better than the lexicon). None meets the project's targets (AUC 0.85,
#   accuracy 0.80). All figures below are read from `retailkit` at
#   run time and carry the scorer's measured quality.
# * *Against 0.5 every piece looks approving; against the scorer's own yardstick, most lie
#   near the neutral class.* The commentary model gives annotated skeptical sentences 0.56 on
#   average, neutral ones 0.69 and approving ones 0.79: its scores are compressed and shifted
#   up. It calls 122 of the 197 neutral sentences approving and only 8 of the 48 skeptical
#   sentences skeptical (its neutral band is 0.35–0.65), and its accuracy (0.78 [0.72, 0.84])
#   is only just above the all-approving baseline (0.711; the interval starts at 0.717). Per
#   piece (section c), 000 (天猫互动吧, Tmall's "interaction bar", 0.83 [0.76, 0.89]) lies at
#   or above the approving class's mean (0.79) and 003 (0.78 [0.73, 0.82]) at it; 002 and
#   004/2 (0.69–0.71) and 001 (0.68 [0.64, 0.72]) near the neutral mean; the 2013 essay
#   004/1 (0.65 [0.61, 0.69]) and 004/3 (0.64, 12 sentences) lowest, just below it. The
#   intervals cover sampling of sentences, not scorer error. In the arcs (section b) 000 runs
#   around or above the approving mean throughout; the others move between the neutral and
#   approving means, except a stretch of 001 at about a fifth of its length and a stretch of
#   004/1 between about 0.45 and 0.7 of its length that sit near the skeptical mean — 004/1's
#   section 微营销误区 ("misconceptions of micro-marketing").
# * *Toward each practice* (section d, `retailkit.arguments.code`: what each sentence is
#   about, and its stance toward that): toward the coded target the coder reaches AUC 0.87
#   [0.80, 0.92] and accuracy 0.84 [0.77, 0.89] on the seeds' hand codings (159 pairs, only 32
#   of them skeptical, 28 of those in 004/1), against a majority baseline of 0.80; in 004/1
#   its accuracy (0.59) is below the baseline of always answering "skeptical" (0.68). Its
#   verdicts: approval of social, interactive or feed-based commerce in most pieces,
#   skepticism in a minority of sentences. **Where the hand codings (notebook 05) decide
#   differently** (`differs`): 004/1 on social commerce (coder approving, 19 : 8; hand
#   skeptical, 4 : 24) and on feed-based marketing (coder no clear lean, 3 : 2; hand
#   skeptical, 0 : 4) — the contrast that matters most is the one the coder gets wrong, in
#   the opposite direction; 002 on feed-based marketing, where the coder finds far fewer polar
#   sentences (6 : 2, no clear lean; hand approving, 20 : 0); and 002 on social commerce,
#   where the coder finds approval (4 : 0) in sentences the hand codings mostly do not count
#   as about social commerce (1 : 0, too few for a verdict). Not flagged, but different too:
#   003 on interactive marketing, where the same 4 : 0 falls just short of a verdict for the
#   coder (no clear lean) and is approving in the hand codings (notebook 05). Use the coder to
#   find passages, and the hand codings to state findings about the seeds.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import retailkit as rk
from retailkit import pieces, plotting, sentiment, synthesis
from retailkit.reviews import CITATION, load_validation_reviews

_ = plotting.setup()

# %% tags=["parameters"]
CORPUS = "../seeds"  # or your folder of .txt/.html/.csv/.jsonl files (retailkit.load_articles)
FIGURES = "../figures"
SEED = 0
# "commentary" (the model learned from other outlets' commentary, issue 14), "stance"
# (retailkit.stance.score) or "reviews" (review model)
ARTICLE_SCORER = "commentary"
SNOWNLP_SAMPLE = 600  # reviews scored by both engines (SnowNLP is slow)
N_BOOT = 1000
ARC_WINDOW = 7  # sentences in the centred rolling mean of the arcs
N_QUOTES = 1  # evidence sentences per side, document and theme
REVIEWS = None  # or a CSV of your own labelled reviews (columns cat, label, review)

# %% [markdown]
# ## (a) Validation on held-out reviews
#
# The review model (`engine="retailkit"`) was trained on the *train* split of
# online_shopping_10_cats; here it scores the committed *test*-split sample, which it never saw.
# Data: ChineseNlpCorpus, online_shopping_10_cats. (With `REVIEWS` set, your labelled file is
# used instead, minus any review the model was trained on: `rk.reviews.load_validation_reviews`.)

# %%
reviews = load_validation_reviews(REVIEWS)
print(CITATION if REVIEWS is None else f"data: {REVIEWS}")
print(f"{len(reviews):,} labelled reviews the model never saw")
print(f"left out because the model was trained on them: {reviews.attrs['seen_in_training']:,}")
review_scores = sentiment.score(reviews["review"].tolist())
overall = pd.DataFrame([sentiment.evaluate_scores(reviews["label"], review_scores)])
sample_name = "all test-sample reviews" if REVIEWS is None else "all your reviews it never saw"
overall.insert(0, "engine", f"retailkit ({sample_name})")
overall.round(3)

# %% [markdown]
# SnowNLP beside it, on the same random sample of reviews (both engines score the same texts).

# %%
subset = reviews.sample(n=min(SNOWNLP_SAMPLE, len(reviews)), random_state=SEED).sort_index()
engines = {
    name: sentiment.score(subset["review"].tolist(), engine=name)
    for name in ("retailkit", "snownlp")
}
side_by_side = pd.DataFrame(
    [
        {"engine": name, **sentiment.evaluate_scores(subset["label"], p)}
        for name, p in engines.items()
    ]
)
side_by_side.round(3)

# %%
per_category = pd.DataFrame(
    [
        {"category": cat, **sentiment.evaluate_scores(group["label"], review_scores[group.index])}
        for cat, group in reviews.groupby("cat", sort=True)
    ]
)
per_category[["category", "n", "accuracy", "auc", "brier"]].round(3)

# %% [markdown]
# A calibrated score lies on the diagonal of the reliability plot: of the reviews scored about
# 0.8, about 80 % are positive. Bins holding fewer than 10 reviews are not drawn (too noisy),
# so a small sample gives a curve with few points; a marker's area is proportional to the
# number of reviews in its bin, and the table under the figure gives the counts.

# %%
fig, ax = plt.subplots(figsize=(5.5, 5))
curves = {
    f"retailkit ({'test sample' if REVIEWS is None else 'your reviews'})": (
        reviews["label"],
        review_scores,
    ),
    f"retailkit ({SNOWNLP_SAMPLE} reviews)": (subset["label"], engines["retailkit"]),
    f"SnowNLP ({SNOWNLP_SAMPLE} reviews)": (subset["label"], engines["snownlp"]),
}
bin_counts = {}
for (label, (y, p)), bins in zip(curves.items(), (10, 5, 5), strict=True):
    table = sentiment.reliability_table(y, p, bins=bins).query("n >= 10")
    line = ax.plot(table["mean_score"], table["observed_positive"], label=label)[0]
    area = 200 * table["n"] / table["n"].max()
    ax.scatter(table["mean_score"], table["observed_positive"], s=area, color=line.get_color())
    bin_counts[label] = table
ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect calibration")
ax.set(xlabel="mean score in bin", ylabel="observed share positive", title="Reliability")
ax.legend(loc="upper left")
_ = plotting.save_figure(fig, "03_sentiment_reliability", directory=FIGURES)

# %%
# The drawn bins of each curve: mean score, observed share positive and reviews (`n`).
columns = ["mean_score", "observed_positive", "n"]
pd.concat(
    {label: table[columns] for label, table in bin_counts.items()}, names=["curve"]
).droplevel(1).round(3)
# %% [markdown]
# ## Article sentences: which scorer, and how good it is
#
# Review sentiment transfers badly to business commentary, so article sentences are scored with
# the scorer named by `ARTICLE_SCORER`: by default the **commentary model**
# (`retailkit.arguments.model.sentence_stance`: learned from 6,983 hand-coded sentences of
# other outlets' commentary, never a seed sentence; with no target named, the mean of its
# scores toward the three practices), or the lexicon stance scorer `retailkit.stance.score`,
# or the review model. Their measured quality on the annotated seed sentences
# (`data/stance/`, approving vs skeptical sentences; 95 % bootstrap intervals) comes from
# `retailkit.stance.evaluation_summary()` and `retailkit.stance.evaluate` and is repeated under
# every stance comparison below.

# %%
scorer_name, article_scorer = pieces.resolve_scorer(ARTICLE_SCORER)
print(f"article scorer: {scorer_name}")

# %%
QUALITY_COLUMNS = [*rk.stance.HEADLINE_COLUMNS, "coverage"]
evaluation = rk.stance.evaluation_summary(n_boot=N_BOOT, seed=SEED)  # computed from the CSVs
duplicate = evaluation["scorer"] == f"stance_{rk.stance.DEFAULT_VERSION}"
quality = evaluation.loc[(evaluation["article"] == "all") & ~duplicate, QUALITY_COLUMNS]
commentary_quality = rk.arguments.codings.commentary_sentence_quality(n_boot=N_BOOT, seed=SEED)
quality = pd.concat([pd.DataFrame([commentary_quality])[QUALITY_COLUMNS], quality])
quality = quality.reset_index(drop=True)
display(quality.round(3))

# %%
names = {"commentary": "commentary", "stance": "stance", "reviews": "review_model"}
chosen = quality[quality["scorer"] == names[scorer_name]]
QUALITY_NOTE = (
    f"{scorer_name} scorer on annotated seed sentences: accuracy "
    f"{chosen['accuracy'].iloc[0]:.2f} [{chosen['accuracy_low'].iloc[0]:.2f}, "
    f"{chosen['accuracy_high'].iloc[0]:.2f}], AUC {chosen['auc'].iloc[0]:.2f} "
    f"[{chosen['auc_low'].iloc[0]:.2f}, {chosen['auc_high'].iloc[0]:.2f}]"
    if len(chosen)
    else f"{scorer_name} scorer: measured accuracy not available"
)
print(QUALITY_NOTE)

# %% [markdown]
# In the table, `commentary` is the commentary model, `stance` the lexicon scorer
# (`retailkit.stance`, version v1 — see its docstring), `stance_v2` its alternative version;
# `coverage` is the share of sentences with any evaluative evidence (the others score 0.5).
# Targets: AUC ≥ 0.85, accuracy ≥ 0.80. What the errors look like, over *all* annotated
# sentences including neutral ones: the chosen scorer's label (with its neutral band) against
# the annotated label, and the mean score per annotated class. The majority baseline — calling
# every polar sentence approving — is printed first.

# %%
annotated = rk.stance.load_labelled()
polar = annotated["label"].isin(["approving", "skeptical"])
print(f"majority baseline accuracy: {(annotated.loc[polar, 'label'] == 'approving').mean():.3f}")
BANDS = {"commentary": rk.arguments.model.model_band(), "stance": rk.stance.default_band()}
low, high = BANDS.get(scorer_name, (0.5, 0.5))
annotated = annotated.assign(score=article_scorer(annotated["text"].tolist()))
annotated["scorer_label"] = np.where(
    annotated["score"] > high,
    "approving",
    np.where(annotated["score"] < low, "skeptical", "neutral"),
)
display(pd.crosstab(annotated["label"], annotated["scorer_label"], margins=True))
CLASS_MEANS = annotated.groupby("label")["score"].mean()  # where each annotated class lands
annotated.groupby("label")["score"].agg(["count", "mean"]).round(3)

# %% [markdown]
# The mean score of each annotated class is the scorer's own yardstick: a piece whose sentences
# average the neutral class's mean is not "approving" because it lies above 0.5. The figures
# below draw these three means beside the 0.5 line.

# %% [markdown]
# ## (b) Sentiment arcs: score by sentence position
#
# Each piece (004's three pieces apart) is split into sentences (`rk.split_sentences`), each
# sentence scored; the line is a centred rolling mean over `ARC_WINDOW` sentences, the dots the
# single sentences.

# %%
seeds = rk.load_articles(CORPUS)
by_piece = synthesis.parts_as_documents(rk.load_articles(CORPUS, by="part"))
scored = pieces.sentences(by_piece, scorer=article_scorer)
arcs = pieces.sentiment_arc(scored, window=ARC_WINDOW)
scored.groupby("doc_id").agg(
    sentences=("score", "size"), at_exactly_half=("score", lambda s: int((s == 0.5).sum()))
)

# %%
doc_ids = sorted(arcs["doc_id"].unique())
CLASS_COLOURS = {"approving": "tab:green", "neutral": "tab:grey", "skeptical": "tab:red"}
LABELS = dict(zip(seeds["doc_id"], seeds["label"], strict=True))  # "000 (2017)", as elsewhere
PIECE_LABELS = dict(zip(by_piece["doc_id"], by_piece["label"], strict=True))  # "004/2 (2013)"
fig, axes = plt.subplots(len(doc_ids), 1, figsize=(8, 2 * len(doc_ids)), sharex=True, sharey=True)
for ax, (doc_id, arc) in zip(np.atleast_1d(axes), arcs.groupby("doc_id", sort=True), strict=True):
    ax.scatter(arc["position"], arc["score"], s=8, color="grey", alpha=0.5)
    ax.plot(arc["position"], arc["smoothed"], color="tab:blue")
    ax.axhline(0.5, color="black", linewidth=0.6, linestyle=":")
    for label, mean in CLASS_MEANS.items():
        ax.axhline(mean, color=CLASS_COLOURS[label], linewidth=0.8, linestyle="--")
    ax.set(ylim=(0, 1), ylabel="P(approving)", title=PIECE_LABELS.get(doc_id, doc_id))
np.atleast_1d(axes)[-1].set_xlabel(
    "relative position in the piece (0 = first sentence); dashed: mean score of the annotated "
    "skeptical (red), neutral (grey) and approving (green) sentences"
)
fig.suptitle(QUALITY_NOTE, fontsize=10)
fig.tight_layout()
_ = plotting.save_figure(fig, "03_sentiment_arcs", directory=FIGURES)
# %% [markdown]
# ## (c) Piece-level means with bootstrap 95 % confidence intervals
#
# One mean per piece (004's essay, news item and column apart). `share_positive` /
# `share_negative` are the shares of sentences scored above / below 0.5, not the scorer's
# labels (which use its neutral band); read the means against the class means printed above,
# not only against 0.5.

# %%
articles = pieces.article_sentiment(by_piece, scorer=article_scorer, n_boot=N_BOOT, seed=SEED)
print(QUALITY_NOTE)
print("mean score of the annotated classes:", CLASS_MEANS.round(3).to_dict())
by_piece[["doc_id", "label"]].merge(articles, on="doc_id").drop(columns="doc_id").round(3)

# %%
fig, ax = plt.subplots(figsize=(7, 3.6))
ordered = articles.sort_values("doc_id", ascending=False)
ax.errorbar(
    ordered["mean"],
    ordered["doc_id"].map(PIECE_LABELS),
    xerr=[ordered["mean"] - ordered["ci_low"], ordered["ci_high"] - ordered["mean"]],
    fmt="o",
    capsize=3,
)
ax.axvline(0.5, color="grey", linestyle=":")
for label, mean in CLASS_MEANS.items():
    ax.axvline(mean, color=CLASS_COLOURS[label], linewidth=0.8, linestyle="--", label=label)
ax.legend(title="annotated class mean", fontsize=7, title_fontsize=7, loc="lower left")
ax.set(xlabel=f"mean P(approving) per sentence, 95 % bootstrap CI\n{QUALITY_NOTE}", xlim=(0, 1))
ax.set_title(f"Piece means by the {scorer_name} scorer")
fig.tight_layout()
_ = plotting.save_figure(fig, "03_sentiment_articles", directory=FIGURES)
# %% [markdown]
# ## (d) Stance toward each practice, per piece
#
# A sentence that *mentions* a theme word is not necessarily *about* that practice, and its
# overall tone is not its stance toward it ("推送不是互动" is skeptical of pushing and approving
# of interaction). `retailkit.arguments.code` finds what each sentence is about — social,
# interactive or feed-based commerce — and scores it *toward* each of its targets with the
# commentary model; `retailkit.pieces.piece_stance` turns the codings into approving and
# skeptical counts per piece × target, the approving share among polar sentences with a 95 %
# interval that allows for neighbouring sentences arguing together, and a verdict only where
# the interval excludes 0.5 (the polar sentences behind each count are listed in
# `by_target["sentences"]`: `a3` approving sentence 3, `s7` skeptical sentence 7). The
# coder's measured quality on the seeds' hand codings comes first, overall and per piece,
# beside the majority baseline (calling every pair by the more common side); then its
# verdicts, and on the seeds the hand-coded ones beside them (`differs`: the two verdicts
# differ and so do the counts — read the hand-coded one). A verdict needs at least
# `pieces.MIN_POLAR` (3) polar sentences ("too few polar sentences" below that); identical
# counts can still get different verdicts, because the interval resamples whole paragraph
# blocks and the same sentences may sit in different blocks — such rows are not flagged.
# Notebook 05 separates the author's voice from reported speech.

# %%
toward = rk.arguments.codings.stance_evaluation(scorers=("commentary",))
toward["majority baseline"] = toward[["n_approving", "n_skeptical"]].max(axis=1) / toward[
    ["n_approving", "n_skeptical"]
].sum(axis=1)
overall = toward[toward["piece"] == "all"].iloc[0]
TOWARD_NOTE = (
    "commentary model toward the coded target (seeds' hand codings, "
    f"{overall['n_approving'] + overall['n_skeptical']} polar pairs): AUC {overall['auc']:.2f} "
    f"[{overall['auc_low']:.2f}, {overall['auc_high']:.2f}], accuracy {overall['accuracy']:.2f} "
    f"[{overall['accuracy_low']:.2f}, {overall['accuracy_high']:.2f}] (majority baseline "
    f"{overall['majority baseline']:.2f})"
)
print(TOWARD_NOTE)
columns = ["piece", "n_approving", "n_skeptical", "auc", "accuracy", "majority baseline"]
toward[columns].round(3)

# %%
coded = rk.arguments.code(rk.load_articles(CORPUS, by="part"))
by_target = pieces.piece_stance(coded, seed=SEED)
columns = ["n_approving", "n_skeptical", "approving_share", "ci_low", "ci_high", "verdict"]
everyone = by_target[by_target["voices"] == "all"].set_index(["piece", "target"])[columns]
IS_SEEDS = Path(CORPUS).resolve() == rk.corpus.SEEDS_DIR.resolve()
if IS_SEEDS:  # the hand-coded verdicts beside the coder's, and where they differ
    hand, _ = rk.arguments.codings.align_codings(coded)
    by_hand = pieces.piece_stance(hand, seed=SEED)
    by_hand = by_hand[by_hand["voices"] == "all"].set_index(["piece", "target"])
    everyone = everyone.join(
        by_hand[["n_approving", "n_skeptical", "verdict"]].add_prefix("hand "), how="outer"
    )
    for column in ["hand n_approving", "hand n_skeptical"]:
        everyone[column] = everyone[column].astype("Int64")  # empty: not coded about it
    decisive = everyone[["verdict", "hand verdict"]].isin(["approving", "skeptical"]).any(axis=1)
    disagree = everyone["verdict"].fillna("-") != everyone["hand verdict"].fillna("-")
    # The same counts can fall on either side of the interval's edge when their sentences sit
    # in different paragraph blocks; that is not a disagreement about the piece.
    same_counts = (everyone["n_approving"] == everyone["hand n_approving"]) & (
        everyone["n_skeptical"] == everyone["hand n_skeptical"]
    )
    everyone["differs"] = np.where(decisive & disagree & ~same_counts.fillna(False), "yes", "")
everyone.round(2)

# %%
theme_of = {t: synthesis.THEME_LABELS[rk.arguments.TARGET_THEMES[t]] for t in rk.arguments.TARGETS}
fig = plotting.piece_stance_chart(by_target, labels=theme_of)
fig.suptitle(f"automatic coder — {TOWARD_NOTE}", fontsize=9, y=1.06)
_ = plotting.save_figure(fig, "03_sentiment_theme_stance", directory=FIGURES)

# %% [markdown]
# The sentences behind the figures: for each piece, practice and side, the sentence the coder
# scores most decidedly, with its voice and speaker, and — on the seeds — the hand-coded stance
# toward the same practice beside it (empty where the annotator did not code the sentence as
# about it). Where the two differ, the quote shows the coder's error, not the article's stance.

# %%
polar = coded[coded["stance"].isin(["approving", "skeptical"])]
polar = polar.assign(
    piece=polar["doc_id"].str[:3] + "/" + polar["part"].astype(str),
    decidedness=(polar["score"] - 0.5).abs(),
)
quotes = (
    polar.sort_values(["decidedness", "sentence_index"], ascending=[False, True])
    .groupby(["piece", "target", "stance"], sort=True)
    .head(N_QUOTES)
    .sort_values(["piece", "target", "stance"])
)
if IS_SEEDS:
    hand = rk.arguments.codings.load_codings()
    match = rk.arguments.codings.match_key
    hand = hand.assign(match=match(hand["sentence"]))[
        ["doc_id", "part", "match", "target", "stance"]
    ]
    quotes = quotes.assign(match=match(quotes["sentence"])).merge(
        hand.rename(columns={"stance": "hand-coded"}),
        on=["doc_id", "part", "match", "target"],
        how="left",
    )
shown = ["piece", "target", "stance", "score", "hand-coded", "voice", "speaker", "sentence"]
with pd.option_context("display.max_colwidth", None, "display.max_rows", 100):
    display(quotes[[c for c in shown if c in quotes]].round(3).reset_index(drop=True))
