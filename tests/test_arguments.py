"""retailkit.arguments: targets, stance toward each target, voice and speaker; hand codings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import retailkit as rk
from retailkit.arguments import (
    CODE_COLUMNS,
    attribute_voice,
    code,
    codings,
    detect_targets,
    export,
    speaker_of,
    stance_labels,
    stance_toward,
)
from retailkit.errors import CorpusError


def test_quoted_executive_praise_is_reported_with_the_speaker() -> None:
    docs = pd.DataFrame(
        {
            "doc_id": ["x"],
            "text": ["阿里妈妈副总裁张勤(花名:杨过)表示，信息流营销效果非常好，前景广阔。"],
        }
    )
    row = code(docs).iloc[0]
    assert (row["target"], row["voice"], row["speaker"]) == ("feed", "reported", "张勤")
    assert row["score"] > 0.5  # leans approving (the commentary model's band is 0.4-0.6)


def test_pushing_is_not_interaction_is_skeptical_of_pushing_and_approving_of_interaction() -> None:
    coded = code(pd.DataFrame({"doc_id": ["x"], "text": ["推送不是互动。"]}))
    stances = dict(zip(coded["target"], coded["stance"], strict=True))
    assert stances == {"interactive": "approving", "feed": "skeptical"}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("在阿里巴巴集团CMO、阿里妈妈总裁董本洪(花名:张无忌)看来，营销已经升级。", "董本洪"),
        ("iiMedia Research(艾媒咨询)数据显示，社交零售用户规模为2.23亿人。", "艾媒咨询"),
        ("知名化妆品渠道品牌“丽人丽装”CEO黄韬表示，会员体系需要打通。", "黄韬"),
        ("商家“优宁可红酒”透露，线上店铺客流全面增长。", "优宁可红酒"),
        ("有人已经预言，2014年将会成为O2O年。", "有人"),
        ("正如特劳特所说，商业竞争的本质是对认知的抢夺。", "特劳特"),
        ("一位从业者无奈地表示，想要脱颖而出必须用些特殊手段。", "从业者"),
        ("有网友评论，大家都以为全国都已进入现代社会。", "网友"),
        ("Arvin 认为，商家需要的仍旧是流量。", "Arvin"),
        ("正如英国博主 Alexia Woods 所说，内容就是广告。", "Alexia Woods"),
        ("在很多企业眼中，私域便是自己筑起的城墙。", "很多企业"),
    ],
)
def test_speaker_is_named_as_written_in_its_shortest_form(sentence: str, speaker: str) -> None:
    assert speaker_of(sentence) == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "对商家来说，这种开放的模式增加了营销通路。",
        "从某种程度上说，阿里对于入口有天生的不安全感。",
        "据了解，微淘正与多个商家共同研究解决方案。",
        "许多商家可能会问，区别到底在哪里？",
        "新零售强调“用户体验”。",
        "按照现在流行的说法，人们通过社交内容不断种草。",
    ],
)
def test_author_voice_is_not_mistaken_for_reported_speech(sentence: str) -> None:
    assert speaker_of(sentence) is None


def test_a_quotation_takes_the_speaker_named_in_the_next_sentence() -> None:
    assert attribute_voice(["“这是我们最大的特点。”", "姚迅说。"]) == [
        ("reported", "姚迅"),
        ("reported", "姚迅"),
    ]


def test_the_parts_of_a_sentence_cut_at_semicolons_keep_its_speaker() -> None:
    voices = attribute_voice(
        ["姚迅解释，浏览场景是必经之路；", "决策场景是最后一环；", "购后链路是好时机。"]
    )
    assert voices == [("reported", "姚迅")] * 3


def test_items_a_speaker_lists_after_a_colon_are_theirs() -> None:
    sentences = [
        "张勤还介绍，营销有两大趋势：智能化和原生化。",
        "智能化是指数据驱动。",
        "原生化是指广告即内容。",
        "发布会在北京举行。",
    ]
    assert [v for v, _ in attribute_voice(sentences)] == ["reported"] * 3 + ["author"]


def test_a_quotation_opened_right_after_a_reported_sentence_is_that_speakers() -> None:
    sentences = [
        "马丕才表示，会员体系需要打通。",
        "“一方面我们希望把积分打通；",
        "另外我们希望有推送服务。”",
    ]
    assert attribute_voice(sentences) == [("reported", "马丕才")] * 3


@pytest.mark.parametrize(
    ("sentence", "targets"),
    [
        ("阿里入股微博，打通社交与电商的通路。", ("social",)),  # a social platform in commerce
        ("微博用户数再创新高。", ()),  # a social platform, nothing about commerce
        ("公众平台的定位是信息流转、连接用户与服务。", ()),  # 信息流转 is not a feed
        ("用户画像是对用户的详细描述。", ()),  # targeting data, not feed-based marketing
        ("社区功能鼓励用户互动。", ()),  # users interacting in an app, not marketing
        ("品牌与粉丝互动，建立情感。", ("social", "interactive")),
        ("向用户推送商品优惠信息。", ("feed",)),
        ("品牌加大广告投放，提升转化。", ()),  # advertising in general is not feed-based
        ("平台为品牌推荐内容，提升广告转化。", ("feed",)),  # recommendation is the feed's mechanism
        ("商家用大数据精准定向营销。", ()),  # targeting alone is not a feed
        ("各种玩法和直播提升了品牌体验。", ()),  # formats, not two-way engagement
        ("社交媒体上的话题很多。", ()),  # social media as such, nothing about commerce
        ("品牌在社交媒体上卖货。", ("social",)),
        ("互动可以是双向的，也可能是多点交叉的。", ("interactive",)),  # 互动 as the topic
    ],
)
def test_targets_follow_the_coding_schemes_definitions(
    sentence: str, targets: tuple[str, ...]
) -> None:
    assert detect_targets([sentence]) == [targets]


def test_a_generic_term_needs_the_paragraph_topic_to_count() -> None:
    alone = detect_targets(["我们看重粉丝。"])
    continued = detect_targets(["社交电商正在崛起。", "我们看重粉丝。"], [0, 0])
    other_paragraph = detect_targets(["社交电商正在崛起。", "我们看重粉丝。"], [0, 1])
    assert (alone, continued, other_paragraph) == (
        [()],
        [("social",), ("social",)],
        [("social",), ()],
    )


def test_period_vocabulary_counts_as_social_commerce() -> None:
    assert detect_targets(["微营销、微博营销和微信营销"]) == [("social",)]


@pytest.mark.parametrize("text", ["", "   ", "Hello world. Nothing Chinese here."])
def test_empty_and_non_chinese_input_give_no_targets(text: str) -> None:
    coded = code(pd.DataFrame({"doc_id": ["x"], "text": [text]}))
    assert list(coded.columns) == CODE_COLUMNS
    assert (coded["target"] == "").all()


def test_code_rejects_a_frame_without_text() -> None:
    with pytest.raises(CorpusError, match="missing column"):
        code(pd.DataFrame({"doc_id": ["x"]}))


def test_scores_do_not_depend_on_the_batch_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from retailkit.arguments import model

    sentences = ["社交电商迎来爆发式增长。", "推送不是互动。", "公司成立于2015年。"]
    sentences.append("信息流广告效果很差。")
    targets = ["social", "feed", "interactive", "feed"]
    whole = model.target_probabilities(sentences), model.scores_and_neutral(sentences, targets)
    monkeypatch.setattr(model, "_BATCH", 3)
    batched = model.target_probabilities(sentences), model.scores_and_neutral(sentences, targets)
    np.testing.assert_allclose(batched[0], whole[0])
    for got, expected in zip(batched[1], whole[1], strict=True):
        np.testing.assert_allclose(got, expected)


def test_sentence_stance_is_the_mean_of_the_scores_toward_each_target() -> None:
    from retailkit.arguments import model

    sentences = ["社交电商迎来爆发式增长。", "推送不是互动。", "", "信息流广告效果很差。"]
    toward = [model.stance_scores(sentences, [t] * len(sentences)) for t in model.TARGETS]
    np.testing.assert_allclose(model.sentence_stance(sentences), np.mean(toward, axis=0))


def test_word_evidence_is_the_mean_of_the_sentences_word_weights() -> None:
    from retailkit.arguments import model

    index, weights = model.load_model()["word_index"], model.load_model()["word_weights"]
    sentences = ["社交电商不是泡沫，而是趋势。", "", "！？"]
    words = [w for w in model.word_tokens(sentences[:1])[0] if w in index]
    assert len(words) >= 3
    expected = np.mean([weights[index[w]] for w in words], axis=0)
    evidence = model.word_evidence(sentences)
    np.testing.assert_allclose(evidence[0], expected)
    np.testing.assert_array_equal(evidence[1:], np.zeros((2, 3)))
    # The evidence moves the stance model: without it the first sentence scores differently.
    assert np.abs(evidence[0]).max() > 0.01


def test_code_codes_each_piece_as_if_alone() -> None:
    # The target model runs once over all pieces; every piece must be coded as on its own.
    docs = rk.load_seeds(by="part")
    together = code(docs)
    alone = pd.concat([code(docs.iloc[[i]]) for i in range(len(docs))], ignore_index=True)
    pd.testing.assert_frame_equal(together, alone)


def test_code_rejects_an_unknown_target_method() -> None:
    with pytest.raises(ValueError, match="targets="):
        code(pd.DataFrame({"doc_id": [], "text": []}), targets="keywords")  # type: ignore[arg-type]


def test_stance_toward_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        stance_toward(["推送不是互动"], [])
    with pytest.raises(ValueError, match="scope="):
        stance_toward(["推送不是互动"], ["feed"], scope="paragraph")  # type: ignore[arg-type]


def test_code_keeps_004s_three_pieces_apart() -> None:
    coded = code(rk.load_seeds(by="part"))
    pieces = coded.drop_duplicates(["doc_id", "part"])
    assert len(pieces) == 7
    assert set(coded.loc[coded["doc_id"].str.startswith("004"), "part"]) == {1, 2, 3}


def test_export_writes_codings_and_codebook(tmp_path) -> None:  # type: ignore[no-untyped-def]
    coded = code(pd.DataFrame({"doc_id": ["x"], "text": ["社交电商迎来爆发式增长。"]}))
    written = export(tmp_path, coded)
    assert sorted(p.name for p in written) == ["codebook.csv", "codings.csv", "codings.parquet"]
    back = pd.read_parquet(tmp_path / "codings.parquet")
    assert back["target"].tolist() == ["social"]
    assert "target" in pd.read_csv(tmp_path / "codebook.csv")["column"].tolist()


def test_hand_codings_cover_every_sentence_and_use_the_scheme() -> None:
    gold = codings.load_codings("gold")
    assert gold["sentence_id"].nunique() == 363
    assert set(gold["target"]) <= {"", "social", "interactive", "feed"}
    assert set(gold.loc[gold["target"] != "", "stance"]) <= {"approving", "skeptical", "neutral"}
    assert set(gold["voice"]) == {"author", "reported"}
    assert (gold.loc[gold["voice"] == "author", "speaker"] == "").all()


def test_second_pass_covers_at_least_150_sentences_of_every_piece() -> None:
    agreement = codings.agreement_summary()
    voice = agreement[agreement["field"] == "voice"].set_index("piece")["n"]
    assert voice["all"] >= 150
    assert len(voice) == 8  # all + seven pieces


def test_coded_sentences_still_match_the_cleaning() -> None:
    evaluation = codings.evaluate()
    matched = evaluation[evaluation["measure"] == "sentences matched"].iloc[0]
    assert matched["value"] >= 0.95 * matched["n"]


def test_commentary_model_is_readable_text_and_was_trained_without_seed_sentences() -> None:
    from importlib import resources

    from retailkit.arguments.model import load_model

    folder = resources.files("retailkit").joinpath("data", "arguments")
    names = sorted(p.name for p in folder.iterdir() if p.name.startswith("commentary_"))
    assert names == ["commentary_model.json", "commentary_ngrams.csv", "commentary_words.csv"]
    model = load_model()
    rounds = ("", "2", "3", "4")
    trained_on = [f"{k}.csv" for n in rounds for k in (f"codings{n}_a", f"adjudication{n}")]
    second_passes = ("accounts", "woshipm")
    trained_on += [
        name
        for outlet in second_passes
        for name in (f"codings_{outlet}_b.csv", f"adjudication_{outlet}.csv")
        if (codings.CODINGS_DIR.parent / "commentary" / name).is_file()
    ]
    assert all(f"data/commentary/{name} (sha256 " in model["trained_on"] for name in trained_on)
    low, high = model["band"]
    assert 0 <= low <= 0.5 <= high <= 1
    seed_sentences = set(codings.load_codings()["sentence"])
    for name in trained_on:
        commentary = pd.read_csv(codings.CODINGS_DIR.parent / "commentary" / name)
        seeds = commentary["sentence_id"].str.startswith(("000", "001", "002", "003", "004"))
        assert not seeds.any(), name
    assert seed_sentences  # the seeds' codings exist and are a separate set of ids


@pytest.mark.parametrize("scorer", ["commentary", "v1", "v2"])
def test_every_stance_scorer_codes_the_contrast_the_same_way(scorer: str) -> None:
    coded = code(pd.DataFrame({"doc_id": ["x"], "text": ["推送不是互动。"]}), scorer=scorer)  # type: ignore[arg-type]
    assert dict(zip(coded["target"], coded["stance"], strict=True)) == {
        "interactive": "approving",
        "feed": "skeptical",
    }


def test_stance_evaluation_reports_every_piece_and_checks_its_scorers() -> None:
    table = codings.stance_evaluation(scorers=("commentary", "v2"))
    pieces = {"000/1", "001/1", "002/1", "003/1", "004/1", "004/2", "004/3", "all"}
    assert set(table["piece"]) == pieces
    overall = table[table["piece"] == "all"].set_index("scorer")
    assert overall.loc["commentary", "auc"] > 0.5  # better than chance on the seeds
    assert table.loc[table["piece"] == "004/3", "auc"].isna().all()  # no polar sentence there
    with pytest.raises(ValueError, match="unknown"):
        codings.stance_evaluation(scorers=("vibes",))


def test_stance_evaluation_brackets_the_overall_figures_with_bootstrap_intervals() -> None:
    table = codings.stance_evaluation(scorers=("v1",), n_boot=200, seed=3)
    overall = table[table["piece"] == "all"].iloc[0]
    assert overall["auc_low"] < overall["auc"] < overall["auc_high"]
    assert overall["accuracy_low"] < overall["accuracy"] < overall["accuracy_high"]
    per_piece = table[table["piece"] != "all"]
    assert per_piece[["auc_low", "accuracy_high"]].isna().all().all()
    again = codings.stance_evaluation(scorers=("v1",), n_boot=200, seed=3)
    pd.testing.assert_frame_equal(table, again)  # seeded
    none = codings.stance_evaluation(scorers=("v1",), n_boot=0)
    assert none[["auc_low", "auc_high"]].isna().all().all()


def test_bootstrap_intervals_are_exact_for_perfect_separation_and_use_the_given_metrics() -> None:
    from retailkit.stance._metrics import bootstrap_intervals

    scores = np.array([0.9, 0.8, 0.2, 0.1])
    positive = np.array([True, True, False, False])
    low, high, acc_low, acc_high = bootstrap_intervals(scores, positive, n_boot=50, seed=0)
    assert (low, high, acc_low, acc_high) == (1.0, 1.0, 1.0, 1.0)
    wrong = bootstrap_intervals(
        scores, positive, n_boot=50, seed=0, accuracy=lambda s, p: float(((s < 0.5) == p).mean())
    )
    assert wrong[2:] == (0.0, 0.0)


def test_descriptions_are_neutral_and_contrast_frames_never_are() -> None:
    sentences = [
        "所谓信息流营销，是指在内容流中插入原生广告。",
        "社交电商迎来爆发式增长。",
        "推送不是互动",
    ]
    labels = stance_labels(sentences, ["feed", "social", "feed"]).tolist()
    assert labels == ["neutral", "approving", "skeptical"]


def test_unknown_scorer_is_rejected() -> None:
    with pytest.raises(ValueError, match="scorer="):
        stance_toward(["推送不是互动"], ["feed"], scorer="vibes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "damage", "message"),
    [
        ("commentary_words.csv", lambda t: t.drop(columns="stance_neutral"), "missing column"),
        ("commentary_ngrams.csv", lambda t: t.drop(columns="target_feed"), "missing column"),
    ],
)
def test_a_damaged_commentary_model_is_rejected_by_name(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    damage: Callable[[pd.DataFrame], pd.DataFrame],
    message: str,
) -> None:
    import shutil
    from importlib import resources

    from retailkit.arguments import model
    from retailkit.errors import ModelError

    shipped = resources.files("retailkit").joinpath("data", "arguments")
    folder = tmp_path / "data" / "arguments"
    folder.mkdir(parents=True)
    for part in ("commentary_model.json", "commentary_ngrams.csv", "commentary_words.csv"):
        with resources.as_file(shipped.joinpath(part)) as path:
            shutil.copy(path, folder / part)
    table = pd.read_csv(folder / name, keep_default_na=False)
    damage(table).to_csv(folder / name, index=False)
    monkeypatch.setattr(model.resources, "files", lambda _package: tmp_path)
    model.load_model.cache_clear()
    try:
        with pytest.raises(ModelError, match=f"{name}: {message}"):
            model.load_model()
    finally:
        monkeypatch.undo()
        model.load_model.cache_clear()
    assert model.load_model()["word_weights"].shape[1] == 3
