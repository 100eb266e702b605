"""Stance of sentences of business commentary: how approving or skeptical a sentence is.

Modules: :mod:`~retailkit.stance.lexicon` (v1 rules and fitting), :mod:`~retailkit.stance.model_v2`
(v2), :mod:`~retailkit.stance.scoring` (:func:`score`, :func:`label` for either version) and
:mod:`~retailkit.stance.evaluation` (the hand-labelled seed sentences); everything public is
re-exported here.

Review-trained sentiment models transfer poorly to business commentary, which carries its
judgement in business vocabulary (泡沫 "bubble", 瓶颈 "bottleneck"; 突破 "breakthrough", 领跑
"leading the field") and in hedged argument. This module scores sentences with three published or
curated evaluative lexicons (package data in ``retailkit/data/stance/``, sources in its README),
combined by rules that handle

* negation (不, 没有, 无法, 并非 ... within three tokens before a lexicon word, same clause:
  each negator flips the word's polarity),
* degree adverbs (极, 非常, 明显, 大幅 strengthen; 略, 稍微 weaken),
* contrast (但, 但是, 然而, 不过, 却 ...: words before the last contrast marker, and clauses led
  by 虽然 / 尽管, count :data:`BACKGROUND_WEIGHT` of their weight),
* questions (a sentence ending in ？ counts half; with a rhetorical marker such as 难道 / 岂 /
  真的 its evidence is reversed, since the question implies the opposite).

Each lexicon yields one evidence feature per sentence; in v1 a logistic regression *without
intercept* (so that a sentence without evidence scores exactly 0.5) combines them. Its
coefficients are fitted on the development sentences shipped in
``retailkit/data/stance/development_sentences.csv`` (written for this purpose, none taken from
the seed articles) and stored in ``retailkit/data/stance/model.yaml``; :func:`fit_weights`
refits them.

**Version 2.** ``score(sentences, version="v2")`` stacks v1's three lexicon features (same
rules), the logit of the review model's score (:mod:`retailkit.sentiment`) and the log-odds of a
three-class (approving / neutral / skeptical) character 1–3-gram logistic regression, combined
by a small multinomial logistic regression fitted on out-of-fold evidence (:func:`fit_model_v2`;
files ``model_v2.yaml`` and ``model_v2_char_ngrams.csv``, plain YAML/CSV). Its score is ``0.5 +
(P(approving) - P(skeptical)) / 2``: above 0.5 exactly when approving is the likelier side, and
near 0.5 for sentences the model thinks neutral (numbers, definitions, headings), so the neutral
band works; it is a calibrated *ranking* of approval rather than a literal P(approving). The
n-gram model reads each sentence without negators, their scope and degree adverbs, which only
the lexicon rules interpret (:func:`_char_view`); unlike v1, a sentence without lexicon evidence
still gets a score from its n-grams. It is fitted on the 170 v1 development sentences plus the
666 of ``development_sentences_v2.csv`` (written for retailkit from general knowledge of the
genre: metaphor and business vocabulary, hedges, irony, rhetorical questions, executives'
reported speech, old-versus-new contrasts, hype, warnings, numbers-only and definitional
sentences, ten topics, 2012–2020). Its design was chosen by cross-validation on development data
only (``benchmarks/cv_stance_v2.py``). :func:`explain` and :func:`sentence_features` describe
the lexicon evidence only (shared by both versions); they do not show the n-gram part of v2.

**Default: v1.** A shipping rule fixed before the test run picked v2; on the labelled seed
sentences the two proved equal, and v2 misread the genre's basic skeptical vocabulary, so v1 is
:data:`DEFAULT_VERSION` (the rule, the figures and the override: ``benchmarks/README.md``).

The seed articles' sentences, hand-labelled in ``data/stance/``, are the *test set*:
:func:`evaluation_summary` measures the shipped scorer on them at run time, beside the review
model and SnowNLP, and :func:`agreement_summary` gives the two annotators' agreement. Show
those figures next to any comparison built on :func:`score`: on commentary the scorer is far
from perfect (see ``benchmarks/README.md``).

Tokens come from a private ``rjieba`` instance rather than :mod:`retailkit.segment`: the rules
need every token (punctuation, 不, 但), and the fitted weights must not move when the shared
tokenizer's dictionaries change.

Missing input: ``None`` / NaN sentences score NaN (and are labelled ``"neutral"``); an empty or
punctuation-only string has no evidence and scores 0.5 (v2: any string without a Chinese
character).
"""

from __future__ import annotations

from retailkit.stance._constants import (
    BACKGROUND_WEIGHT,
    BAND_GRID,
    BAND_TOLERANCE,
    DATA_DIR,
    DEFAULT_VERSION,
    DEGREE_WINDOW,
    LABELS,
    LEXICONS,
    MAX_SPAN_TOKENS,
    MIN_COMPOUND_LENGTH,
    MODIFIER_KINDS,
    NEGATION_WINDOW,
    QUESTION_WEIGHT,
    VERSIONS,
)
from retailkit.stance.evaluation import (
    HEADLINE_COLUMNS,
    LABELLED_DIR,
    REPO_ROOT,
    SCORERS,
    SUMMARY_COLUMNS,
    agreement_summary,
    baseline_scores,
    evaluate,
    evaluation_summary,
    leave_one_article_out_scores,
    load_labelled,
)
from retailkit.stance.lexicon import (
    explain,
    fit_model,
    fit_weights,
    load_development_set,
    load_lexicon,
    load_model,
    load_modifiers,
    load_neutral_terms,
    sentence_features,
)
from retailkit.stance.model_v2 import (
    V2_CLASSES,
    V2_FEATURES,
    V2_FOCUS_AFTER_CONTRAST,
    V2_FOLDS,
    V2_HIDE_DEGREE,
    V2_HIDE_NEGATED,
    V2_MIN_DF,
    V2_NGRAM_RANGE,
    V2_STACK_C,
    V2_TEXT_C,
    cross_validated_scores_v2,
    fit_model_v2,
    load_model_v2,
    save_model_v2,
)
from retailkit.stance.scoring import (
    default_band,
    label,
    score,
)

__all__ = [
    "BACKGROUND_WEIGHT",
    "BAND_GRID",
    "BAND_TOLERANCE",
    "DATA_DIR",
    "DEFAULT_VERSION",
    "DEGREE_WINDOW",
    "HEADLINE_COLUMNS",
    "LABELLED_DIR",
    "LABELS",
    "LEXICONS",
    "MAX_SPAN_TOKENS",
    "MIN_COMPOUND_LENGTH",
    "MODIFIER_KINDS",
    "NEGATION_WINDOW",
    "QUESTION_WEIGHT",
    "REPO_ROOT",
    "SCORERS",
    "SUMMARY_COLUMNS",
    "V2_CLASSES",
    "V2_FEATURES",
    "V2_FOCUS_AFTER_CONTRAST",
    "V2_FOLDS",
    "V2_HIDE_DEGREE",
    "V2_HIDE_NEGATED",
    "V2_MIN_DF",
    "V2_NGRAM_RANGE",
    "V2_STACK_C",
    "V2_TEXT_C",
    "VERSIONS",
    "agreement_summary",
    "baseline_scores",
    "cross_validated_scores_v2",
    "default_band",
    "evaluate",
    "evaluation_summary",
    "explain",
    "fit_model",
    "fit_model_v2",
    "fit_weights",
    "label",
    "leave_one_article_out_scores",
    "load_development_set",
    "load_labelled",
    "load_lexicon",
    "load_model",
    "load_model_v2",
    "load_modifiers",
    "load_neutral_terms",
    "save_model_v2",
    "score",
    "sentence_features",
]
