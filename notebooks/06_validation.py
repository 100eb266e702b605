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
# # 06 · Method validation: retailkit against SnowNLP and plain gensim on labelled data
#
# **Question.** How well do retailkit's methods do on data with known answers, compared with
# the tools researchers usually reach for?
#
# **Data.** The committed held-out sample of **online_shopping_10_cats** (ChineseNlpCorpus,
# SophonPlus, https://github.com/SophonPlus/ChineseNlpCorpus): reviews in ten product
# categories labelled positive/negative, none of which the shipped sentiment model saw in
# training (`data/reviews/README.md`). For stance, the hand-labelled sentences of the five
# seed articles (`data/stance/`) and their codings toward each practice (`data/arguments/`).
# Speed is measured in `benchmarks/`, not here (timings would make the stored outputs
# unrepeatable).
#
# Terms (polar pair, verdict, AUC, κ, v1/v2 …): the glossary at the top of notebook 05.
#
# **Findings (from the run below).**
# * Segmentation: the Rust engine gives jieba's token lists for 98.9 % of held-out reviews.
# * Review sentiment: on all 6,346 held-out reviews retailkit reaches accuracy 0.932 [0.926,
#   0.938] (target 0.93, met) and AUC 0.977 [0.974, 0.980] (target 0.98, **missed** by 0.003,
#   though the interval reaches it), with a reliability curve close to the diagonal (Brier
#   0.052). On the same 599-review subsample retailkit reaches 0.942 / 0.979 (Brier 0.047) and
#   SnowNLP 0.845 / 0.903 with a much worse calibration (Brier 0.119; 13 % of the reviews it
#   scores below 0.1 are positive); the intervals do not overlap.
# * Topics: on 1,864 reviews (up to 200 per category; both methods on the same tokens),
#   retailkit's default LDA recovers the product categories with NMI 0.50–0.52 over three
#   seeds against 0.25–0.26 for plain gensim
#   `LdaModel` — but **misses** the 0.55 target on this held-out sample (the benchmark meets
#   it on 9,574 reviews of the full file; see `benchmarks/README.md`, not shown here). Hotels,
#   books, phones, computers, Mengniu dairy, clothes and fruit get topics of their own;
#   shampoo and tablets scatter over several, and water heaters (65 reviews) fall mostly into
#   the clothes topic.
# * Stance in commentary, one label per sentence (section 4): the lexicon scorer and the
#   commentary model (no target named) rank approving above skeptical sentences better than
#   SnowNLP (their AUC intervals do not overlap SnowNLP's); the commentary model's interval
#   also clears the review model's, the lexicon scorer's overlaps it. All **miss** both
#   targets (AUC 0.85, accuracy 0.80); only the commentary model's and v2's accuracy
#   intervals (both 0.717–0.837) lie above the 0.711 of calling every sentence approving, and
#   only just.
# * Stance *toward a target* (section 5, the seeds' codings of `data/arguments/`): the
#   commentary model, which never saw a seed sentence, reaches AUC 0.867 [0.798, 0.920] and
#   accuracy 0.843 [0.774, 0.893] on the 159 approving/skeptical pairs through
#   `arguments.code`, whose contrast-frame rules were written while reading these codings
#   (scored alone: 0.870 / 0.836, by the training script, not shown here; issue 14's targets:
#   AUC 0.88 **missed**, accuracy 0.82 met — but both intervals include the targets, the
#   accuracy interval also the 0.80 of calling every pair approving, and only 32 pairs are
#   skeptical). In point estimate it is ahead of v2 (0.811 / 0.818), v1 (0.790 / 0.748), the
#   review model (0.750 / 0.673) and SnowNLP (0.566 / 0.723); its AUC interval overlaps those
#   of v2, v1 and the review model, and only SnowNLP's lies clearly below. It calls 66 % of
#   the neutral pairs neutral, and 61 % of its neutral calls are right (target 0.7,
#   **missed** here; 0.70 in cross-validation on the commentary, where the threshold on
#   P(neutral) was set as the lowest reaching 0.7). Its
#   weak piece is the one that matters most for the comparison: in 004/1, the only piece with
#   more skeptical (28) than approving (13) pairs, it ranks fairly well (AUC 0.771) but at 0.5
#   gets 0.585 right, below always answering "skeptical" (0.683). Piece by piece its accuracy
#   never beats that piece's majority baseline (it ties in 000 and 004/2 and falls below in
#   001, 002, 003 and 004/1): the pooled gain over 0.80 comes from telling the pieces apart,
#   not from reading sentences within one.
# * On the commentary itself (figures the training script recorded in the model file, end of
#   section 5): article-grouped cross-validation gives stance AUC 0.860 and accuracy 0.814,
#   and 70 % of neutral calls right. Each of the eleven WeChat public accounts (2014–2019),
#   scored by a model fitted without it, is harder: stance AUC 0.776 and accuracy 0.696 (204
#   polar pairs; majority 0.529; the lexicon scorers and the review model reach about 0.70
#   there, by `benchmarks/eval_commentary.py`, not shown here), 71 % of neutral calls right,
#   targets micro-F1 0.505 over 2,562 sentences (rules 0.430; by round, in
#   `benchmarks/README.md`: 0.68 on the 490 sentences of the first round, 0.43 on the 1,394
#   hard negatives of the fourth). Of issue 14's targets, 0.88, 0.82 and 0.75 are **missed**
#   there and the neutral precision of 0.7 is met. Every commentary sentence was coded twice,
#   blind, and the disagreements adjudicated; on the accounts the two passes agree on the
#   targets at micro-F1 0.75
#   (`data/commentary/README.md`), so 0.75 is about as high as a second annotator gets.
#
# The headline figures are collected in the summary table at the end; the few computed
# elsewhere are marked "not shown here".

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.metrics import normalized_mutual_info_score

import retailkit as rk
from retailkit import plotting, reviews, segment, sentiment, stance, topics
from retailkit.arguments.model import load_model

pd.set_option("display.width", 160)
_ = plotting.setup()

# %% tags=["parameters"]
FIGURES = "../figures"
SEED = 0
SNOWNLP_SAMPLE = 600  # SnowNLP scores ~100 reviews/s; a stratified subsample keeps this fast
REVIEWS = None  # or a CSV of your own labelled reviews (columns cat, label, review)
N_BOOT = 500
TOPIC_SAMPLE_PER_CATEGORY = 200
TOPIC_SEEDS = (0, 1, 2)
K = 10

# %% [markdown]
# ## The labelled reviews

# %%
sample = reviews.load_validation_reviews(REVIEWS)  # minus reviews the model was trained on
print(reviews.CITATION if REVIEWS is None else f"data: {REVIEWS}")
seen = sample.attrs["seen_in_training"]
print(f"left out because the sentiment model was trained on them: {seen:,}")
categories = sample.groupby("cat")["label"].agg(n="count", positive_rate="mean").round(3)
categories.insert(
    0, "category", categories.index.map(lambda c: reviews.CATEGORY_GLOSSES.get(c, ""))
)
categories

# %% [markdown]
# Categories are roughly balanced between positive and negative reviews, except 热水器 (water
# heaters: 65 reviews, 85 % positive), which is small and skewed.
#
# ## 1 · Segmentation: rjieba (default engine) against jieba
#
# Share of reviews whose token lists are identical under both engines, with the same
# dictionary and stopwords.

# %%
texts = sample["review"].tolist()
fast = rk.tokenize_many(texts, engine="rjieba")
reference = rk.tokenize_many(texts, engine="jieba")
segmentation_agreement = segment.agreement(fast, reference)
print(f"identical token lists: {segmentation_agreement:.3f} of {len(texts):,} reviews")

# %% [markdown]
# ## 2 · Review sentiment: retailkit against SnowNLP
#
# retailkit scores the whole held-out sample; SnowNLP (about 100 reviews/s) a stratified
# subsample, which retailkit also scores so the two can be compared on the same reviews.
# Accuracy is at the 0.5 cut; AUC measures ranking; Brier is the mean squared error of the
# probability (lower is better). Brackets: bootstrap 95 % intervals (reviews resampled).

# %%
subset = sample.groupby(["cat", "label"]).sample(
    frac=min(1.0, SNOWNLP_SAMPLE / len(sample)), random_state=SEED
)
scores = {
    "retailkit, all held-out": (sample["label"], sentiment.score(sample["review"])),
    "retailkit, subsample": (subset["label"], sentiment.score(subset["review"])),
    "SnowNLP, subsample": (subset["label"], sentiment.score(subset["review"], engine="snownlp")),
}
print(f"subsample: {len(subset)} of {len(sample):,} reviews, stratified by category and label")
sentiment_table = pd.concat(
    {
        name: sentiment.evaluate_scores_interval(y, p, n_boot=N_BOOT, seed=SEED).set_index(
            "measure"
        )
        for name, (y, p) in scores.items()
    },
    names=["method"],
).reset_index()
sentiment_table.round(3)

# %% [markdown]
# Reliability: within each score bin, the share of reviews that are really positive. A
# calibrated model follows the diagonal. retailkit is shown on the whole held-out sample,
# SnowNLP on its subsample; `n` is the number of reviews per bin.

# %%
reliability = pd.concat(
    {
        name: sentiment.reliability_table(*scores[name], bins=10).dropna()
        for name in ("retailkit, all held-out", "SnowNLP, subsample")
    },
    names=["method"],
).reset_index(level=0)
reliability.round(3)

# %%
fig, ax = plt.subplots(figsize=(4.6, 4.2))
for name, table in reliability.groupby("method", sort=False):
    ax.plot(table["mean_score"], table["observed_positive"], marker="o", label=name)
ax.plot([0, 1], [0, 1], color="grey", linewidth=0.8, linestyle="--", label="perfect calibration")
ax.set_xlabel("mean predicted P(positive)")
ax.set_ylabel("observed share positive")
ax.set_title("Reliability on held-out reviews")
ax.legend(fontsize=8)
_ = plotting.save_figure(fig, "06_reliability", directory=FIGURES)

# %% [markdown]
# ## 3 · Topics: retailkit's default LDA against plain gensim
#
# The same tokens (up to 200 reviews per category), k = 10, three seeds per engine. How well
# does each review's dominant topic recover its product category (normalised mutual
# information, 0 = unrelated, 1 = identical partitions)? Coherence c_npmi: do a topic's top
# words co-occur more than chance (> 0) in these reviews?

# %%
topic_sample = pd.concat(
    group.sample(n=min(len(group), TOPIC_SAMPLE_PER_CATEGORY), random_state=SEED)
    for _, group in sample.groupby("cat")
)
topic_tokens = rk.tokenize_many(topic_sample["review"].tolist())
engines = {
    f"retailkit default ({topics.DEFAULT_ENGINE})": topics.DEFAULT_ENGINE,
    "plain gensim LdaModel (passes=10)": "gensim",
}
models = {
    (name, seed): topics.fit_lda(topic_tokens, K, seed=seed, engine=engine)
    for name, engine in engines.items()
    for seed in TOPIC_SEEDS
}
topic_runs = pd.DataFrame(
    [
        {
            "method": name,
            "seed": seed,
            "nmi_vs_category": normalized_mutual_info_score(
                topic_sample["cat"], model.dominant_topic()
            ),
            "coherence_c_npmi": model.coherence("c_npmi"),
        }
        for (name, seed), model in models.items()
    ]
)
topic_table = (
    topic_runs.groupby("method", sort=False)
    .agg(
        n_docs=("seed", lambda _: len(topic_tokens)),
        nmi_mean=("nmi_vs_category", "mean"),
        nmi_min=("nmi_vs_category", "min"),
        nmi_max=("nmi_vs_category", "max"),
        c_npmi_mean=("coherence_c_npmi", "mean"),
    )
    .reset_index()
)
topic_table.round(3)

# %% [markdown]
# Which categories each topic of the default model (seed 0) collects, with its top words:

# %%
best = models[(next(iter(engines)), TOPIC_SEEDS[0])]
crosstab = pd.crosstab(
    topic_sample["cat"].map(lambda c: reviews.CATEGORY_GLOSSES.get(c, c)).to_numpy(),
    best.dominant_topic(),
    rownames=["category"],
    colnames=["dominant topic"],
)
crosstab

# %%
best.top_words(6).groupby("topic")["word"].agg(" ".join).rename("top words").to_frame()

# %% [markdown]
# ## 4 · Stance in commentary: the seed sentences
#
# AUC and accuracy on the approving vs skeptical sentences of the five articles (hand labels;
# neutral sentences are left out of these two measures), per scorer, with bootstrap 95 %
# intervals. A score of exactly 0.5 (no evidence) counts as half right. The *majority
# baseline* — calling every sentence approving — shows what accuracy means here. `stance` is
# the lexicon scorer's default version (v1); `commentary` is the commentary model of section 5
# with no target named (`retailkit.arguments.model.sentence_stance`), the scorer notebook 03
# uses for article sentences. See
# notebook 05 and `data/stance/` for the labelling and agreement.

# %%
stance_table = stance.evaluation_summary()
duplicate = f"stance_{stance.DEFAULT_VERSION}"  # the default version again under its own name
stance_overall = stance_table[
    (stance_table["article"] == "all") & (stance_table["scorer"] != duplicate)
]
commentary_row = rk.arguments.codings.commentary_sentence_quality()  # no target named
stance_overall = pd.concat([pd.DataFrame([commentary_row]), stance_overall], ignore_index=True)
majority = stance_overall["n_approving"].iloc[0] / (
    stance_overall["n_approving"].iloc[0] + stance_overall["n_skeptical"].iloc[0]
)
print(f"majority baseline accuracy (all approving): {majority:.3f}")
stance_overall[list(stance.HEADLINE_COLUMNS)].round(3)

# %% [markdown]
# ## 5 · Stance toward a target: the commentary model out of domain
#
# The scorer `retailkit.arguments.code` uses (issue 14) was learned from 6,983 hand-coded
# sentences of *other* outlets' commentary (`data/commentary/`; its word vectors from the
# unlabelled text of 人人都是产品经理 and of the reviews) and never saw a seed sentence.
# Here every sentence × target of the seeds' hand codings (`data/arguments/`, a different
# coding from section 4's: stance *toward* social, interactive or feed-based commerce) is
# scored toward its coded target, per piece: AUC and accuracy at 0.5 on approving vs skeptical
# pairs (overall with 95 % bootstrap intervals over the pairs), and for the target-aware
# scorers the precision of their neutral calls (share of the pairs called neutral that are
# coded neutral) and recall (share of the neutral pairs called neutral): the commentary model
# calls a pair neutral when its P(neutral) reaches a threshold chosen by cross-validation on
# the commentary, v1 and v2 when the score lies in their band.
# The review model and SnowNLP do not know the target; v1 and v2 do not either, but the
# contrast frames of `retailkit.arguments.toward` decide some sentences for all three
# target-aware rows. A piece without one side has no AUC.

# %%
toward = rk.arguments.codings.stance_evaluation()
polar_pairs = toward["n_approving"] + toward["n_skeptical"]
# Calling every pair by the more common side:
toward["majority baseline"] = toward[["n_approving", "n_skeptical"]].max(axis=1) / polar_pairs
toward_all = toward[toward["piece"] == "all"].drop(columns="piece").reset_index(drop=True)
figures_first = ["scorer", "n_approving", "n_skeptical", "n_neutral", "auc", "auc_low"]
figures_first += ["auc_high", "accuracy", "accuracy_low", "accuracy_high"]
toward_all = toward_all[figures_first + [c for c in toward_all if c not in figures_first]]
toward_all.round(3)

# %% [markdown]
# Per piece (approving / skeptical / neutral pairs, then each scorer's AUC and accuracy):

# %%
per_piece = toward[toward["piece"] != "all"].pivot(
    index="piece", columns="scorer", values=["auc", "accuracy"]
)
per_piece[("accuracy", "majority baseline")] = (
    toward[toward["scorer"] == "commentary"].set_index("piece")["majority baseline"].drop("all")
)
counts = toward[toward["scorer"] == "commentary"].set_index("piece")
per_piece.insert(
    0,
    ("pairs", "approving/skeptical/neutral"),
    (
        counts["n_approving"].astype(str)
        + "/"
        + counts["n_skeptical"].astype(str)
        + "/"
        + counts["n_neutral"].astype(str)
    ).drop("all"),
)
per_piece.round(3)

# %% [markdown]
# What the training script (`benchmarks/train_commentary_models.py`) measured on the commentary
# itself. Its sentences are not redistributed (their sources carry no open licence), so these
# figures cannot be recomputed here: they are read from the model file, where the script
# recorded them. *Cross-validation*: article-grouped, on all coded commentary. *Other
# outlets*: each of the eleven WeChat public accounts (2014–2019) scored by the same design
# fitted on every other outlet, so no account is judged by a model that saw it; targets are
# judged sentence by sentence.

# %%
recorded = load_model()["metrics"]
training_figures = pd.DataFrame(
    [
        ("stance", "AUC", recorded["stance"]["cv_auc"], recorded["stance"]["other_outlets_auc"]),
        (
            "stance",
            "accuracy",
            recorded["stance"]["cv_accuracy"],
            recorded["stance"]["other_outlets_accuracy"],
        ),
        ("stance", "majority baseline", None, recorded["stance"]["other_outlets_majority"]),
        (
            "stance",
            "neutral-call precision",
            recorded["stance"]["cv_neutral_precision"],
            recorded["stance"]["other_outlets_neutral_precision"],
        ),
        (
            "targets",
            "micro-F1, model",
            recorded["targets"]["cv_micro_f1"],
            recorded["targets"]["other_outlets_micro_f1"],
        ),
        ("targets", "micro-F1, rules", None, recorded["targets"]["other_outlets_rules_micro_f1"]),
        (
            "targets",
            "micro-F1, model or rules",
            None,
            recorded["targets"]["other_outlets_model_or_rules_micro_f1"],
        ),
    ],
    columns=["part", "measure", "cross-validation", "other outlets"],
)
print(
    f"stance pairs: {recorded['stance']['cv_polar_pairs']} polar in cross-validation, "
    f"{recorded['stance']['other_outlets_polar_pairs']} polar from other outlets; "
    f"target sentences from other outlets: {recorded['targets']['other_outlets_sentences']}"
)
training_figures.round(3)

# %% [markdown]
# ## Summary against the project's targets

# %%
accuracy = sentiment_table.set_index(["method", "measure"])["value"]
rows = [
    ("segmentation", "rjieba = jieba token lists (share)", segmentation_agreement, None),
    (
        "review sentiment",
        "retailkit accuracy (held-out)",
        accuracy[("retailkit, all held-out", "accuracy")],
        0.93,
    ),
    (
        "review sentiment",
        "retailkit AUC (held-out)",
        accuracy[("retailkit, all held-out", "auc")],
        0.98,
    ),
    (
        "review sentiment",
        "SnowNLP accuracy (subsample)",
        accuracy[("SnowNLP, subsample", "accuracy")],
        None,
    ),
    ("review sentiment", "SnowNLP AUC (subsample)", accuracy[("SnowNLP, subsample", "auc")], None),
    ("topics", "retailkit NMI vs category (mean of seeds)", topic_table.loc[0, "nmi_mean"], 0.55),
    ("topics", "gensim NMI vs category (mean of seeds)", topic_table.loc[1, "nmi_mean"], None),
]
for row in stance_overall.itertuples():
    shipped = str(row.scorer).startswith(("stance", "commentary"))
    rows.append(
        ("stance", f"{row.scorer} AUC (seed sentences)", row.auc, 0.85 if shipped else None)
    )
    rows.append(
        (
            "stance",
            f"{row.scorer} accuracy (seed sentences)",
            row.accuracy,
            0.80 if shipped else None,
        )
    )
rows.append(("stance", "majority baseline accuracy", majority, None))
commentary = toward_all.set_index("scorer").loc["commentary"]
rows += [
    ("stance toward a target", "commentary model AUC (seeds' codings)", commentary["auc"], 0.88),
    (
        "stance toward a target",
        "commentary model accuracy (seeds' codings)",
        commentary["accuracy"],
        0.82,
    ),
    (
        "stance toward a target",
        "commentary model neutral-call precision (seeds' codings)",
        commentary["neutral_precision"],
        0.7,
    ),
    (
        "stance toward a target",
        "majority baseline accuracy (seeds' codings)",
        commentary["majority baseline"],
        None,
    ),
    (
        "stance toward a target",
        "commentary model AUC (other outlets, recorded)",
        recorded["stance"]["other_outlets_auc"],
        0.88,
    ),
    (
        "stance toward a target",
        "commentary model accuracy (other outlets, recorded)",
        recorded["stance"]["other_outlets_accuracy"],
        0.82,
    ),
    (
        "targets",
        "commentary model micro-F1 (other outlets, recorded)",
        recorded["targets"]["other_outlets_micro_f1"],
        0.75,
    ),
]
summary = pd.DataFrame(rows, columns=["method", "measure", "value", "target"])
summary["meets_target"] = np.where(
    summary["target"].isna(), "", np.where(summary["value"] >= summary["target"], "yes", "no")
)
summary["target"] = summary["target"].map(lambda t: "" if pd.isna(t) else f">= {t}")
summary.round(3)
