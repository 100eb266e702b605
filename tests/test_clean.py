"""Specifications of retailkit.cleaning, checked on the five seed articles and on generated text."""

from __future__ import annotations

import re
from collections import Counter

import opencc
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retailkit.cleaning import (
    AUDIT_COLUMNS,
    LOST_CHARACTER,
    clean,
    clean_with_audit,
    default_steps,
    detect_script,
    furniture_rules,
    make_pipeline,
    normalize_whitespace,
    normalize_width,
    remove_furniture,
    remove_pinyin,
    repair_mojibake,
    split_paragraphs,
    split_sentences,
    to_simplified,
    traditional_remnants,
)
from retailkit.cleaning.split import sentence_spans
from retailkit.cleaning.structure import (
    bigram_similarity,
    heading_rules,
    remove_repeated_lead,
    remove_title_echoes,
    separate_headings,
)
from retailkit.corpus import load_seeds, seed_audit

T2S = opencc.OpenCC("t2s")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def han(text: str) -> Counter[str]:
    return Counter(HAN.findall(text))


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load_seeds().set_index("doc_id")


@pytest.fixture(scope="module")
def parts() -> pd.DataFrame:
    return load_seeds(by="part")


def text_of(seeds: pd.DataFrame, prefix: str) -> str:
    return str(seeds.loc[next(i for i in seeds.index if i.startswith(prefix)), "text"])


# --------------------------------------------------------------------- seeds: what stays, what goes

MUST_SURVIVE = [
    ("000", "互动，正在成为新零售的助推器"),
    ("000", "社交一直是阿里心口上的朱砂痣，这才有了过往支付宝打破金融支付工具认知的屡次尝试"),
    ("000", "今年双11，天猫宣布全面开启互动吧"),
    ("000", "仅2016天猫双11狂欢夜当晚全场互动次数就高达74亿次"),
    ("000", "正成为阿里在新零售时代加速争夺消费者认知的杀手锏。"),
    ("001", "碾压传统电商！一条微博六千万人围观，天猫做了什么？"),
    ("001", "答案是：温度，而不是冷冰冰的叫卖。"),
    ("001", "6月1日，距离618还有17天，这波预热不能算早。"),
    ("001", "上半年618，下半年双11"),
    ("001", "年长者总愿意对年轻、年幼者说：“未来是属于你们的。”"),
    ("001", "体验式社交渐成为流量的依托。"),
    ("001", "碾压传统电商，\n\n有温度的社交重新定义新零售"),  # a two-line heading, not the title
    ("002", "10月17日，阿里妈妈“正在发布”产品发布会在北京举行"),
    ("002", "董本洪(花名：张无忌)"),
    ("002", "信息流营销强调的是对消费者A(认知)I(兴趣)P(购买)L(忠诚)状态的关注"),
    ("002", "\n达摩盘是其中的一个重要产品。这个在2014年上线的大数据管理平台"),
    ("002", "5、全域的信息流布局。"),
    ("003", "6月13日，阿里巴巴集团和微博在北京共同宣布启动“U微计划”"),
    ("003", "微博营收达22.13亿元，广告收入占到了86.6%(19.16亿元)"),
    ("003", "iiMedia Research(艾媒咨询)数据显示，2017年中国社交零售用户规模为2.23亿人"),
    ("003", "对品牌、消费者和消费生活还会有哪些颠覆，也值得我们期待。"),
    ("004", "生的互动死的营销：微博、微信和微淘的那些事"),
    ("004", "微信不是营销平台。"),
    ("004", "相比微信而言，新浪微博于4年前诞生"),
    ("004", "关于O2O，除了微淘，阿里还有底牌？"),
    ("004", "一场在O2O领域的新“三国演义”或将在2014再度上演。"),
    ("004", "微淘系乜东东呢？"),
    ("004", "条桥拍得住电讯商畀手机补贴。"),
]

MUST_GO = [
    ("000", "COCO"),
    ("000", "2017-11-08"),
    ("000", "版权所有"),
    ("000", "标签"),
    ("000", "你该读读这些"),
    ("000", "更多内容"),
    ("000", "奢华私语"),
    ("001", "微信扫一扫"),
    ("001", "分享到"),
    ("001", "作者："),
    ("001", "ijincuodao"),
    ("001", "06-25"),
    ("001", "微博截图"),
    ("001", "本文内容仅代表作者"),
    ("001", "派代年会"),
    ("001", "白鸦"),
    ("001", "阅读9235"),
    ("001", "举报0"),
    ("001", "gh_1b51aab06b8d"),
    ("001", "头条易读"),
    ("001", "免责声明"),
    ("001", "weixinyidu"),
    ("002", "#p#"),
    ("002", "分页标题"),
    ("002", "【关于商道】"),
    ("002", "即刻扫码下载"),
    ("003", "电子说"),
    ("003", "1.3w人已加入"),
    ("003", "打开APP"),
    ("003", "电子发烧友网"),
    ("003", "全部0条评论"),
    ("003", "快来发表"),
    ("003", "完善资料"),
    ("003", "赚取积分"),
    ("004", "ZKIZ"),
    ("004", "PermaLink"),
    ("004", "Next Page"),
    ("004", "http"),
    ("004", "相关公司"),
    ("004", "wangjingjing"),
    ("004", "GS(14)"),
]


@pytest.mark.parametrize(("seed", "sentence"), MUST_SURVIVE)
def test_clean_keeps_article_sentences(seeds: pd.DataFrame, seed: str, sentence: str) -> None:
    assert sentence in text_of(seeds, seed)


@pytest.mark.parametrize(("seed", "furniture"), MUST_GO)
def test_clean_removes_page_furniture(seeds: pd.DataFrame, seed: str, furniture: str) -> None:
    assert furniture not in text_of(seeds, seed)


def test_clean_leaves_no_pinyin_annotation(seeds: pd.DataFrame) -> None:
    for text in seeds["text"]:
        assert not re.search(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)", text)


def test_clean_leaves_no_traditional_characters(parts: pd.DataFrame) -> None:
    for text in parts["text"]:
        assert T2S.convert(text) == text
        assert traditional_remnants(text) == []


@pytest.mark.parametrize(
    ("seed", "part", "particle", "n"),
    [
        ("000", 1, "有着", 4),
        ("000", 1, "随着", 1),
        ("000", 1, "意味着", 2),
        ("000", 1, "围绕着", 1),
        ("000", 1, "进一步着重于", 1),
        ("004", 1, "含着金钥匙", 1),
        ("004", 2, "拿着客户", 1),
        ("004", 2, "等着客户", 1),
    ],
)
def test_clean_writes_the_particle_zhu_of_traditional_seeds_as_zhe(
    parts: pd.DataFrame, seed: str, part: int, particle: str, n: int
) -> None:
    row = parts[parts["doc_id"].str.startswith(seed) & (parts["part"] == part)].iloc[0]
    assert row["text"].count(particle) == n
    assert row["text"].count(particle.replace("着", "著")) == 0


def test_clean_keeps_zhu_where_simplified_writes_zhu(seeds: pd.DataFrame) -> None:
    # 003 is Simplified: its 著名 and 见微知著 are untouched.
    assert "按著名未来学家" in text_of(seeds, "003")
    assert "见微知著" in text_of(seeds, "003")
    assert to_simplified("隨著著名品牌顯著增長") == "随着著名品牌显著增长"
    assert to_simplified("随著", script="simplified") == "随著"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("有著直接关系", ["著"]),
        ("天貓互動吧", ["貓", "動"]),
        ("著名、显著、土著、见微知著", []),
        ("有着直接关系", []),
        ("", []),
    ],
)
def test_traditional_remnants_lists_what_t2s_cannot_see(text: str, expected: list[str]) -> None:
    assert traditional_remnants(text) == expected


def test_every_aspect_particle_replacement_is_in_the_audit() -> None:
    audit = seed_audit(by="part")
    rows = audit[audit["rule"] == "aspect_particle"]
    assert (rows["step"] == "to_simplified").all()
    assert set(rows["removed"]) == {"著"} and set(rows["replacement"]) == {"着"}
    counts = rows.groupby([rows["doc_id"].str[:3], "part"]).size().to_dict()
    assert counts == {("000", 1): 9, ("004", 1): 1, ("004", 2): 2}


# --------------------------------------------------------------------- seeds: structure


def test_clean_removes_the_photo_captions_of_002(seeds: pd.DataFrame) -> None:
    lines = text_of(seeds, "002").split("\n")
    for caption in ("阿里妈妈副总裁张勤", "阿里妈妈产品总监姚迅", "阿里妈妈资深总监薛思源"):
        assert caption not in lines
        assert sum(caption in line for line in lines) == 1  # the paragraph naming the speaker
    assert "阿里妈妈副总裁张勤(花名：杨过)表示，技术与内容驱动" in text_of(seeds, "002")
    audit = seed_audit()
    assert audit.loc[audit["rule"] == "person_caption", "removed"].tolist() == [
        "阿里妈妈副总裁张勤",
        "阿里妈妈产品总监姚迅",
        "阿里妈妈资深总监薛思源",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "阿里妈妈副总裁张勤\n\n技术与内容驱动互联网营销进入新零售时代。",  # not repeated
        "阿里妈妈副总裁张勤\n\n他说，阿里妈妈副总裁张勤表示。",  # repeated mid-sentence
        "品牌营销的新三驾马车\n\n品牌营销的新三驾马车正在形成。",  # a heading, no job title
    ],
)
def test_remove_furniture_keeps_a_title_and_name_that_is_not_a_caption(text: str) -> None:
    assert remove_furniture(text) == text


def test_clean_counts_the_summary_lines_of_002_once(seeds: pd.DataFrame) -> None:
    text = text_of(seeds, "002")
    assert text.startswith("重新定义电商营销，阿里妈妈重磅发布产品升级。\n")
    assert text.count("电商信息流营销最根本的目的是高效拉新") == 1
    assert "“从本质讲，电商信息流营销最根本的目的是高效拉新。”" in text
    assert "新三驾马车" not in text
    assert "直通车、钻展、信息流，也将成为电商营销的新三架马车。" in text
    audit = seed_audit()
    assert audit.loc[audit["rule"] == "repeated_lead", "removed"].tolist() == [
        "从本质上来讲，电商信息流营销最根本的目的是高效拉新。",
        "直通车、钻展、信息流将成为商家电商营销的新三驾马车。",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lead sentence repeated in the body goes, the body keeps its sentence
        (
            "标题\n拉新是信息流营销最根本的目的。\n正文说，拉新是信息流营销最根本的目的。",
            "标题\n\n正文说，拉新是信息流营销最根本的目的。",
        ),
        # short or unrelated sentences stay
        ("标题\n很好。\n很好。", "标题\n很好。\n很好。"),
        (
            "标题\n拉新是信息流营销最根本的目的。\n直通车和钻展是两大王牌产品。",
            "标题\n拉新是信息流营销最根本的目的。\n直通车和钻展是两大王牌产品。",
        ),
        # a repetition inside the body is not the lead's business
        (
            "标题\n导语。\n正文一\n拉新是信息流营销最根本的目的。\n拉新是信息流营销最根本的目的。",
            "标题\n导语。\n正文一\n拉新是信息流营销最根本的目的。\n拉新是信息流营销最根本的目的。",
        ),
    ],
)
def test_remove_repeated_lead(text: str, expected: str) -> None:
    assert remove_repeated_lead(text) == expected


def test_bigram_similarity_of_the_002_summary_lines_passes_the_threshold() -> None:
    from retailkit.cleaning.structure import LEAD_SIMILARITY

    assert (
        bigram_similarity(
            "直通车、钻展、信息流将成为商家电商营销的新三驾马车。",
            "直通车、钻展、信息流，也将成为电商营销的新三架马车。",
        )
        >= LEAD_SIMILARITY
    )
    assert bigram_similarity("互动，正在成为新零售的助推器", "新零售是一个过程。") < 0.35


def test_clean_removes_the_title_halves_repeated_as_headings_in_003(seeds: pd.DataFrame) -> None:
    lines = split_paragraphs(text_of(seeds, "003"))
    assert lines[0] == "阿里与微博的社交电商协奏曲，是社交撬动消费还是消费盘活社交？"
    assert "阿里与微博的社交电商协奏曲" not in lines
    assert "是社交撬动消费还是消费盘活社交？" not in lines
    audit = seed_audit()
    assert audit.loc[audit["rule"] == "title_echo", "doc_id"].str[:3].tolist() == ["003", "003"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "双11的互动玩法，天猫的新零售\n正文。\n双11的互动玩法！\n正文。",
            "双11的互动玩法，天猫的新零售\n正文。\n\n正文。",
        ),
        # a heading that goes on after the clause (ends in ，) stays, so does a short clause
        (
            "碾压传统电商！一条微博\n碾压传统电商，\n有温度的社交",
            "碾压传统电商！一条微博\n碾压传统电商，\n有温度的社交",
        ),
        ("天猫，互动吧\n天猫", "天猫，互动吧\n天猫"),
        ("只有一行，只有一行", "只有一行，只有一行"),
    ],
)
def test_remove_title_echoes(text: str, expected: str) -> None:
    assert remove_title_echoes(text) == expected


def test_clean_puts_the_fused_heading_of_004_part_2_on_its_own_line(parts: pd.DataFrame) -> None:
    row = parts[parts["doc_id"].str.startswith("004") & (parts["part"] == 2)].iloc[0]
    paragraphs = split_paragraphs(row["text"])
    assert "阿里O2O的几张牌" in paragraphs
    after = paragraphs[paragraphs.index("阿里O2O的几张牌") + 1]
    assert after.startswith("当然这并非阿里在O2O这个领域的唯一一次试水")
    audit = seed_audit(by="part")
    breaks = audit[audit["step"] == "separate_headings"]
    assert len(breaks) == 2 and (breaks["part"] == 2).all()
    assert (breaks["removed"] == "").all() and (breaks["replacement"] == "\n").all()


@pytest.mark.parametrize(
    "text",
    [
        "餐饮部收进去的钱当然不肯再退。",  # review sample: a subject followed by 当然 + verb
        "大家都知道。阿里巴巴当然这样做。",
        "这是平衡状态。阿里的牌，当然这并非全部。",  # punctuation inside: not a heading
    ],
)
def test_separate_headings_leaves_ordinary_sentences_alone(text: str) -> None:
    assert separate_headings(text) == text


def test_heading_rules_fire_only_where_they_were_written_for() -> None:
    from retailkit.reviews import load_review_sample

    audit = seed_audit()
    for rule in heading_rules():
        assert rule.description and rule.seeds, rule.name
        fired = audit.loc[audit["rule"] == rule.name, "doc_id"].str[:3]
        assert set(fired) == set(rule.seeds), rule.name
    reviews = load_review_sample()["review"]
    assert not any(separate_headings(text) != text for text in reviews)


def test_clean_never_uses_taiwan_phrase_conversion(seeds: pd.DataFrame) -> None:
    assert "天猫互动吧" in text_of(seeds, "000")
    assert "交互吧" not in text_of(seeds, "000")
    for script in ("auto", "mainland", "hongkong", "taiwan"):
        assert clean("天貓互動吧", script=script) == "天猫互动吧"  # type: ignore[arg-type]


def test_clean_is_idempotent_on_every_seed(parts: pd.DataFrame) -> None:
    for text in parts["text"]:
        assert clean(text) == text


def test_clean_with_audit_returns_exactly_clean(parts: pd.DataFrame) -> None:
    for raw in parts["raw"]:
        cleaned, audit = clean_with_audit(raw, doc_id="x")
        assert cleaned == clean(raw)
        assert list(audit.columns) == AUDIT_COLUMNS
        assert (audit["end"] >= audit["start"]).all()
        insertions = audit["end"] == audit["start"]  # line breaks put before and after headings
        assert (audit.loc[insertions, "replacement"] == "\n").all()


def test_cleaning_loses_no_han_character_outside_the_audited_furniture(
    parts: pd.DataFrame,
) -> None:
    audit = seed_audit(by="part")
    for _, part in parts.iterrows():
        script = "hongkong" if part["doc_id"].startswith("004") and part["part"] == 3 else "auto"
        before_furniture = make_pipeline(*default_steps(script=script)[:5])(part["raw"])
        rows = audit[(audit["doc_id"] == part["doc_id"]) & (audit["part"] == part["part"])]
        removed = "".join(rows.loc[rows["step"].isin(REMOVAL_STEPS), "removed"])
        assert han(before_furniture) == han(part["text"]) + han(removed)
        # pinyin removal and whitespace never take a hanzi
        assert not han("".join(rows.loc[rows["step"] == "remove_pinyin", "removed"]))


REMOVAL_STEPS = ["remove_furniture", "remove_title_echoes", "remove_repeated_lead"]


def test_every_furniture_rule_fires_on_a_seed_that_motivated_it() -> None:
    audit = seed_audit()
    fired = audit.groupby("rule")["doc_id"].agg(lambda ids: sorted({i[:3] for i in ids}))
    for rule in furniture_rules():
        assert rule.description and rule.seeds, rule.name
        assert rule.name in fired.index, f"{rule.name} never fires on the seeds"
        assert set(rule.seeds) & set(fired[rule.name]), rule.name


def test_the_combined_prefilter_changes_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """find_furniture_edits tries the packaged rules only where one combined pattern
    matches; forcing the combined pattern to match everywhere must change nothing."""
    from retailkit.cleaning import remove
    from retailkit.reviews import load_review_sample

    pattern = remove._any_default_rule().pattern
    assert not re.search(r"\\[1-9]", pattern)  # no numbered backreference to renumber
    names = re.findall(r"\(\?P<(\w+)>", pattern)
    assert len(names) == len(set(names))  # no group name defined twice
    texts = [normalize_width(t) for t in load_seeds()["raw"]]
    texts += load_review_sample()["review"].tolist() + SHORTCUT_EDGE_TEXTS
    # The combined pattern (one ^ before the line and block rules) finds a match exactly
    # where one of the rules, tried one by one, does.
    one_by_one = [any(rule.regex.search(t) for rule in furniture_rules()) for t in texts]
    assert [bool(remove._any_default_rule().search(t)) for t in texts] == one_by_one
    with_prefilter = [remove.find_furniture_edits(t) for t in texts]
    assert sum(map(bool, with_prefilter)) >= 5
    monkeypatch.setattr(remove, "_any_default_rule", lambda: re.compile(""))
    assert [remove.find_furniture_edits(t) for t in texts] == with_prefilter


# Edge cases for the shortcuts: empty, blank, Traditional, HTML, mixed scripts and widths,
# every kind of space and line break, lost bytes, pinyin, 著, furniture on a line of its own.
SHORTCUT_EDGE_TEXTS = [
    "",
    " ",
    "\n\n",
    "天貓互動吧有著著名的玩法",
    "<p>很好</p><br/>&nbsp;质量不错",
    "ＡＢＣ　１２３，很好!OK?",
    "双11, 618, 74亿; 1,000 http://x.cn",
    "很\r\n好\u2028不\x85错\u200b\u00a0了\x1c",
    "發(fā)展?jié)摿Γ瑢⒊蔀榘⒗锩髂甑囊豁椫攸c工作。",
    "?版權所有",
    "認(rèn)知和領(lǐng)域",
    "标题很长很长很长的一句话。\n正文。\n标题很长很长很长的一句话",
    "微信扫一扫\n分享到朋友圈\n新零售是一个过程。\n阅读9235",
    "微淘係乜東東呢?大家除咗可以喺微淘買嘢",
]


def test_shortcuts_for_texts_a_step_cannot_change_change_no_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each cleaning step returns early when a cheap test shows it has nothing to do; with
    every such test forced to say "work to do", every step and ``clean`` give the same."""
    from retailkit.cleaning import convert, normalize, remove, repair, structure
    from retailkit.corpus import _original_script
    from retailkit.reviews import load_review_sample

    texts = [*load_seeds()["raw"], *load_review_sample()["review"], *SHORTCUT_EDGE_TEXTS]
    steps = [*dict.fromkeys(default_steps()), clean, _original_script]

    def run() -> list[list[object]]:
        return [[step(text) for text in texts] for step in steps]

    fast = run()
    for module, name in [
        (repair, "_LOST_BYTE_MARK"),
        (remove, "_ANNOTATION_OPEN"),
        (structure, "_LINE_BREAK"),
        (convert, "_ZHU"),
    ]:
        monkeypatch.setattr(module, name, "")  # "" is in every text
    for name in ("_WIDTH_WORK", "_WHITESPACE_WORK"):
        monkeypatch.setattr(normalize, name, re.compile(""))  # matches every text
    assert run() == fast


def test_traditional_share_is_the_share_of_remnants_among_han_characters() -> None:
    from retailkit.cleaning import traditional_share
    from retailkit.reviews import load_review_sample

    for text in [*load_review_sample()["review"], *SHORTCUT_EDGE_TEXTS]:
        n_han = len(HAN.findall(text))
        expected = len(traditional_remnants(text)) / n_han if n_han else 0.0
        assert traditional_share(text) == expected


# --------------------------------------------------------------------- mojibake


def test_repair_mojibake_recovers_both_byte_shifted_runs_in_seed_000(
    seeds: pd.DataFrame,
) -> None:
    text = text_of(seeds, "000")
    assert "提升购物体验〓至改变购物路径的原动力〓" in text
    assert "充分调动新零售的发展〓力，将成为阿里明年的一项重点工作。" in text
    audit = seed_audit()
    repairs = audit[audit["rule"] == "gbk_byte_shift"]
    assert repairs["removed"].tolist() == [
        "?zāi)酥粮淖冑徫锫窂降脑瓌恿Α?",
        "?jié)摿Γ瑢⒊蔀榘⒗锩髂甑囊豁椫攸c",
    ]
    assert all(r.startswith(LOST_CHARACTER) for r in repairs["replacement"])


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        (
            "發(fā)展?jié)摿Γ瑢⒊蔀榘⒗锩髂甑囊豁椫攸c工作。",
            "發(fā)展〓力，將成為阿里明年的一項重點工作。",
        ),
        ("體驗?zāi)酥粮淖冑徫锫窂降脑瓌恿Α?\n下一段", "體驗〓至改變購物路徑的原動力〓\n下一段"),
        # the same damage made by the test itself: a sentence whose GBK bytes are read one late
        ("甲?" + (b"\xb0" + "零售的发展潜力ok".encode("gb18030")).decode("gb18030"), None),
        ("?版權所有,未經授權", "©版權所有,未經授權"),
    ],
)
def test_repair_mojibake_re_decodes_runs_after_a_lost_byte(
    damaged: str, repaired: str | None
) -> None:
    if repaired is None:  # synthetic: shifted bytes of a known sentence
        assert repair_mojibake(damaged) == "甲〓零售的发展潜力ok"
    else:
        assert repair_mojibake(damaged) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "天猫做了什么?一条微博六千万人围观",
        "微博真适合做营销吗?这个问题虽然问的有点老土",
        "https://articles.zkiz.com/?id=74373",
        "是否准备好了?”。移动互联网",
        "?",
        "什么?abc",
    ],
)
def test_repair_mojibake_leaves_ordinary_question_marks_alone(text: str) -> None:
    assert repair_mojibake(text) == text


# --------------------------------------------------------------------- single steps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("認(rèn)知", "認知"),
        ("領(lǐng)域和發(fā)展", "領域和發展"),
        ("字(pīn)(yīn)", "字"),
        (
            "認（rèn）知",
            "認（rèn）知",
        ),  # full-width brackets: normalize_width first (as clean does)
        ("董本洪(花名:张无忌)", "董本洪(花名:张无忌)"),
        ("金错刀(ID:ijincuodao)", "金错刀(ID:ijincuodao)"),
        ("A(认知)I(兴趣)", "A(认知)I(兴趣)"),
        ("淘宝(taobao)和的(de)", "淘宝(taobao)和的(de)"),
        ("x(rèn)", "x(rèn)"),
    ],
)
def test_remove_pinyin_removes_only_tone_marked_annotations_after_hanzi(
    text: str, expected: str
) -> None:
    assert remove_pinyin(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("双11, 618, 74亿", "双11, 618, 74亿"),
        ("今年双11,天猫宣布", "今年双11，天猫宣布"),
        ("天猫做了什么?", "天猫做了什么？"),
        ("答案是:温度", "答案是：温度"),
        ("ＡＲ、ＶＲ和３６０度", "AR、VR和360度"),
        ("全角，标点！保持？", "全角，标点！保持？"),
        ("来源:http://www.iheima.com/a?b=1", "来源：http://www.iheima.com/a?b=1"),
        ("1,000元", "1,000元"),
        ("认（知）", "认(知)"),
        ("电子\u3000说", "电子 说"),
    ],
)
def test_normalize_width_makes_punctuation_consistent_and_keeps_digits(
    text: str, expected: str
) -> None:
    assert normalize_width(text) == expected


def test_normalize_whitespace_puts_one_paragraph_per_line() -> None:
    text = "  第一段。\r\n第二段\u200b。\n\n\n\n\u3000第三段。  \n"
    assert normalize_whitespace(text) == "第一段。\n\n第二段。\n\n第三段。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("這是简体和繁體混合的文本", "这是简体和繁体混合的文本"),
        ("天貓互動吧", "天猫互动吧"),
        ("微淘係乜東東呢?大家除咗可以喺微淘買嘢", "微淘系乜东东呢?大家除咗可以喺微淘买嘢"),
        ("简体文本不变：双11", "简体文本不变：双11"),
    ],
)
def test_to_simplified_converts_traditional_and_mixed_text(text: str, expected: str) -> None:
    assert to_simplified(text) == expected


def test_to_simplified_rejects_an_unknown_script() -> None:
    with pytest.raises(ValueError, match="script='tw2sp'"):
        to_simplified("互動", script="tw2sp")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("天猫互动吧", "simplified"),
        ("天貓互動吧", "mainland"),
        ("微淘係乜東東呢?大家除咗可以喺微淘買嘢", "hongkong"),
    ],
)
def test_detect_script(text: str, expected: str) -> None:
    assert detect_script(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#p#分页标题#e#达摩盘是其中的一个重要产品。", "达摩盘是其中的一个重要产品。"),
        ("正文。\n相关公司： 数据来自 创业项目库 作者：wangjingjing", "正文。\n"),
        ("阅读9235\n举报0\n正文。", "\n\n正文。"),
        ("他说阅读9235次很多。", "他说阅读9235次很多。"),  # a counter inside a sentence stays
        ("声明：本文观点不代表本站立场，转载请注明。", ""),
        ("我们发表声明：坚持原创。", "我们发表声明：坚持原创。"),
        ("作者：派代网 来源：派代网 公众号", ""),
        ("作者在文中指出，来源很重要。", "作者在文中指出，来源很重要。"),
    ],
)
def test_remove_furniture_removes_whole_furniture_lines_only(text: str, expected: str) -> None:
    assert remove_furniture(text) == expected


# --------------------------------------------------------------------- splitting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        ("他说：“未来是属于你们的。”我们同意。", ["他说：“未来是属于你们的。”", "我们同意。"]),
        ("试玩……这样的体验", ["试玩……", "这样的体验"]),
        ("标题没有句号\n正文；第二分句。", ["标题没有句号", "正文；", "第二分句。"]),
        ("访问https://a.cn/?id=1吧!", ["访问https://a.cn/?id=1吧!"]),
        ("「係咪越講越似facebook呢？」好似係。", ["「係咪越講越似facebook呢？」", "好似係。"]),
        ("", []),
    ],
)
def test_split_sentences_keeps_end_marks_and_closing_quotes(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_sentences_loses_no_character(seeds: pd.DataFrame) -> None:
    for text in seeds["text"]:
        joined = "".join(split_sentences(text))
        assert re.sub(r"\s", "", joined) == re.sub(r"\s", "", text)


def sentences_by_spans(text: str) -> list[str]:
    """The specification of split_sentences: each line cut by sentence_spans, stripped."""
    pieces = [line[start:end] for line in text.split("\n") for start, end in sentence_spans(line)]
    return [piece.strip() for piece in pieces if piece.strip()]


def test_split_sentences_cuts_where_sentence_spans_cuts(seeds: pd.DataFrame) -> None:
    from retailkit.reviews import load_review_sample

    texts = [*seeds["raw"], *seeds["text"], *load_review_sample()["review"], *SHORTCUT_EDGE_TEXTS]
    for text in texts:
        assert split_sentences(text) == sentences_by_spans(text)


@given(st.text(alphabet=st.sampled_from("。！？；…!?”』）)】\"'a=/_1 \n\r\t好的"), max_size=30))
def test_split_sentences_cuts_where_sentence_spans_cuts_on_any_text(text: str) -> None:
    assert split_sentences(text) == sentences_by_spans(text)


def test_split_paragraphs_matches_clean_output(seeds: pd.DataFrame) -> None:
    text = text_of(seeds, "002")
    paragraphs = split_paragraphs(text)
    assert "\n\n".join(paragraphs) == text
    assert paragraphs[0].startswith("重新定义电商营销")


def test_make_pipeline_applies_steps_left_to_right() -> None:
    pipeline = make_pipeline(remove_pinyin, normalize_width, to_simplified)
    assert pipeline("認(rèn)知,領(lǐng)域") == "认知，领域"
    assert make_pipeline()("不变") == "不变"


# --------------------------------------------------------------------- properties

CJK_PARAGRAPH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.sampled_from(list("，。！？；：“”、《》……——")),
        st.sampled_from(list("0123456789")),
    ),
    min_size=1,
    max_size=60,
)
CJK_DOCUMENT = st.lists(CJK_PARAGRAPH, min_size=1, max_size=5).map("\n\n".join)
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(list("，。！？；：“”（）、\n\u3000\u00a0\u200bＡ１ā(rèn)#")),
    ),
    max_size=80,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, st.sampled_from(["auto", "simplified", "mainland", "hongkong", "taiwan"]))
def test_clean_is_idempotent(text: str, script: str) -> None:
    once = clean(text, script=script)  # type: ignore[arg-type]
    assert clean(once, script=script) == once  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["麼", "麽", "么", "薴", "什么 為什麼"])
@pytest.mark.parametrize("script", ["mainland", "hongkong", "taiwan"])
def test_clean_is_idempotent_where_opencc_is_not(text: str, script: str) -> None:
    # tw2s maps 么 (Simplified, as in 什么) to 幺; t2s maps 薴 to 苧, itself Traditional.
    once = clean(text, script=script)  # type: ignore[arg-type]
    assert clean(once, script=script) == once  # type: ignore[arg-type]
    assert "幺" not in once


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CJK_DOCUMENT)
def test_clean_keeps_every_cjk_character_of_ordinary_paragraphs(text: str) -> None:
    cleaned, audit = clean_with_audit(text)
    removed = "".join(audit.loc[audit["step"].isin(REMOVAL_STEPS), "removed"])
    assert han(cleaned) + han(removed) == han(to_simplified(text))
    # Ordinary paragraphs hold no furniture; only a paragraph repeating the first one (the
    # title or lead) may go, and 著 may become 着 in text converted from Traditional.
    assert set(audit["rule"]) <= {"title_echo", "repeated_lead", "aspect_particle"}
