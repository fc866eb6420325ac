from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import catalog
from desktop_app.domain.codelists import CodeList, CodeLists
from desktop_app.domain.errors import DomainError

# Copied by hand from VOCABULARY.md: every label must be accepted on import.
VOCABULARY_ZH = {
    "sex": "男, 女",
    "relation": "户主, 配偶, 之子, 之女, 之儿媳, 之女婿, 之孙子, 之孙女, 之外孙子, 之外孙女, "
    "之父, 之母, 之岳父, 之岳母, 之公公, 之婆婆, 之祖父, 之祖母, 之外祖父, 之外祖母, 其他",
    "ethnicity": "汉族, 白族, 彝族, 藏族, 羌族, 回族, 苗族, 壮族",
    "education": "文盲或半文盲, 小学, 初中, 高中, 大专及以上, 学龄前儿童",
    "school_status": "非在校生, 学前教育, 小学, 初中, 高中, 中职, 高职, 大专, 本科及以上",
    "health": "健康, 长期慢性病, 患有大病, 残疾",
    "labour": "普通劳动力, 技能劳动力, 弱劳动力或半劳动力, 丧失劳动力, 无劳动力",
    "work_status": "乡镇内务工, 县内务工, 省内县外务工, 省外务工, 未务工",
    "yes_no": "是, 否",
    "attribute": "一般贫困户, 低保贫困户, 特困供养贫困户",
    "cause": "因病, 因残, 因学, 因灾, 缺土地, 缺水, 缺技术, 缺劳力, 缺资金, 交通条件落后, 自身发展动力不足, 其他",
    "poverty_status": "未脱贫, 预脱贫, 已脱贫, 返贫",
    "standard": "国家标准, 省定标准, 市定标准",
    "housing_grade": "A级, B级, C级, D级",
    "road_type": "泥土路, 砂石路, 水泥路, 柏油路",
    "measure_type": "产业扶持, 小额信贷, 就业扶贫, 技能培训, 易地扶贫搬迁, 危房改造, 教育扶贫, 健康扶贫, 低保兜底, "
    "生态扶贫, 光伏扶贫, 资产收益, 其他",
}
VOCABULARY_EN = {
    "sex": "male, female",
    "education": "illiterate or semi-literate, primary, junior secondary, senior secondary, "
    "college or above, pre-school",
    "health": "healthy, chronic illness, serious illness, disabled",
    "cause": "illness, disability, schooling, disaster, lack of land, lack of water, lack of skills, lack of labour, "
    "lack of funds, poor transport, lack of own motivation, other",
    "poverty_status": "in poverty, pre-exit, exited, returned to poverty",
    "road_type": "earth, gravel, cement, asphalt",
}
ETHNICITIES = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 "
    "瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 "
    "水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 "
    "仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 "
    "京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 "
).split()
# Codes that storage and imports rely on; changing one silently changes the meaning of stored records.
STABLE = {
    "sex": {"1": "男", "2": "女"},
    "relation": {"01": "户主", "02": "配偶", "03": "之子", "20": "之外祖母", "99": "其他"},
    "ethnicity": {"01": "汉族", "14": "白族", "56": "基诺族", "97": "其他未识别民族", "98": "外国血统中国籍人士"},
    "education": {"1": "文盲或半文盲", "6": "学龄前儿童"},
    "school_status": {"1": "非在校生", "9": "本科及以上"},
    "health": {"1": "健康", "2": "长期慢性病", "3": "患有大病", "4": "残疾"},
    "disability_grade": {"1": "一级", "2": "二级", "3": "三级", "4": "四级"},
    "labour": {"1": "普通劳动力", "2": "技能劳动力", "5": "无劳动力"},
    "work_status": {"1": "乡镇内务工", "5": "未务工"},
    "yes_no": {"1": "是", "0": "否"},
    "attribute": {"1": "一般贫困户", "2": "低保贫困户", "3": "特困供养贫困户"},
    "cause": {"01": "因病", "02": "因残", "12": "其他"},
    "poverty_status": {"1": "未脱贫", "2": "预脱贫", "3": "已脱贫", "4": "返贫"},
    "standard": {"1": "国家标准", "2": "省定标准", "3": "市定标准"},
    "housing_grade": {"A": "A级", "D": "D级"},
    "road_type": {"1": "泥土路", "4": "柏油路"},
    "measure_type": {"01": "产业扶持", "02": "小额信贷", "13": "其他"},
    "stage": {
        "applied": "农户申请",
        "surveyed": "入户调查",
        "evaluated": "民主评议",
        "village_announced": "村内公示",
        "township_reviewed": "乡镇审核",
        "township_announced": "乡镇公示",
        "county_approved": "县级审批",  # added by the procedure (issue 4) between the second announcement and notice
        "registered": "已建档立卡",
        "rejected": "未通过",
        "removed": "已清退",
        "exit_proposed": "拟退出",
        "exit_verified": "退出核验",
        "exit_acknowledged": "户签字认可",
        "exit_announced": "退出公示",
        "exited": "已退出",
    },
}


@pytest.fixture
def lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CodeLists]:
    monkeypatch.setenv("FUPIN_DATA_DIR", str(tmp_path))  # no county file: the shipped data only
    catalog.clear_cache()
    yield catalog.codelists()
    catalog.clear_cache()


@pytest.mark.parametrize("list_id", sorted(VOCABULARY_ZH))
def test_every_vocabulary_label_is_accepted(lists: CodeLists, list_id: str) -> None:
    code_list = lists[list_id]
    labels = [label.strip() for label in VOCABULARY_ZH[list_id].split(",")]
    codes = [code_list.lookup(label) for label in labels]
    assert None not in codes, [label for label, code in zip(labels, codes, strict=True) if code is None]
    for label, code in zip(labels, codes, strict=True):
        assert code_list.label(code) == label
    if list_id != "ethnicity":  # the vocabulary gives the full list here, so the order is the code order
        assert len(set(codes)) == len(codes) == len(code_list.codes())


@pytest.mark.parametrize("list_id", sorted(VOCABULARY_EN))
def test_english_labels_are_accepted(lists: CodeLists, list_id: str) -> None:
    code_list = lists[list_id]
    for label in VOCABULARY_EN[list_id].split(", "):
        code = code_list.lookup(label.upper())
        assert code is not None, label
        assert code_list.label(code, "en") == label


def test_every_item_has_both_labels(lists: CodeLists) -> None:
    for list_id in lists.ids():
        for item in lists[list_id].items:
            assert item.zh and item.en, (list_id, item.code)


def test_56_ethnicities_with_gb3304_codes(lists: CodeLists) -> None:
    ethnicity = lists["ethnicity"]
    assert ethnicity.codes() == [f"{n:02d}" for n in range(1, 57)] + ["97", "98"]
    assert [ethnicity.label(f"{n:02d}") for n in range(1, 57)] == ETHNICITIES
    assert ethnicity.label("08", "en") == "Zhuang"
    assert ethnicity.lookup("穿青人") is None


@pytest.mark.parametrize("list_id", sorted(STABLE))
def test_codes_are_stable(lists: CodeLists, list_id: str) -> None:
    for code, zh in STABLE[list_id].items():
        assert lists[list_id].label(code) == zh


def test_stage_codes_are_exactly_the_procedure(lists: CodeLists) -> None:
    assert lists["stage"].codes() == list(STABLE["stage"])


def test_lookup_forgives_typing_and_excel(lists: CodeLists) -> None:
    assert lists["cause"].lookup("\u3000因病 ") == "01"
    assert lists["cause"].lookup("3") == "03"
    assert lists["cause"].lookup("3.0") == "03"
    assert lists["cause"].lookup("０２") == "02"
    assert lists["housing_grade"].lookup("c") == "C"
    assert lists["attribute"].lookup("五保户") == "3"
    assert lists["work_status"].lookup("") == "5"
    assert lists["work_status"].lookup(None) == "5"
    assert lists["health"].lookup("") is None
    assert lists["health"].lookup(None) is None
    assert lists["health"].lookup("很好") is None
    for text, code in [("Y", "1"), ("n", "0"), ("yes", "1"), ("No", "0"), ("√", "1"), ("×", "0"), ("是", "1")]:
        assert lists["yes_no"].lookup(text) == code, text


def test_label_and_contains(lists: CodeLists) -> None:
    sex = lists["sex"]
    assert sex.label("2") == "女" and sex.label("2", "en") == "female"
    assert sex.label("9") == "" and sex.label(None) == ""
    assert "1" in sex and "9" not in sex and 1 not in sex
    with pytest.raises(KeyError):
        lists["nope"]


def test_county_merge_adds_codes_and_lists() -> None:
    base = CodeLists.from_dict(
        {
            "format": 1,
            "lists": {
                "cause": {"zh": "致贫原因", "en": "Cause", "items": [{"code": "01", "zh": "因病", "en": "illness"}]}
            },
        }
    )
    merged = base.merged(
        {
            "lists": {
                "cause": {
                    "items": [
                        {"code": "13", "zh": "因婚", "en": "marriage costs"},
                        {"code": "01", "zh": "改名", "en": "renamed", "aliases": ["生病"]},
                    ]
                },
                "crop": {"zh": "作物", "en": "Crop", "items": [{"code": "tea", "zh": "茶叶", "en": "tea"}]},
            }
        }
    )
    assert merged["cause"].codes() == ["01", "13"]
    assert merged["cause"].label("01") == "因病"  # an existing code keeps its meaning
    assert merged["cause"].lookup("生病") == "01"
    assert merged["cause"].lookup("因婚") == "13"
    assert merged["crop"].lookup("茶叶") == "tea"
    assert base["cause"].codes() == ["01"]  # merging does not change the original
    assert sorted(merged.ids()) == ["cause", "crop"]


def test_duplicate_codes_are_rejected() -> None:
    with pytest.raises(DomainError) as info:
        CodeList.from_dict("x", {"items": [{"code": "1", "zh": "a"}, {"code": "1", "zh": "b"}]})
    assert info.value.code == "bad_codelist"


def test_code_wins_over_a_colliding_label() -> None:
    odd = CodeList.from_dict("odd", {"items": [{"code": "1", "zh": "2"}, {"code": "2", "zh": "one"}]})
    assert odd.lookup("2") == "2"
    assert odd.lookup("one") == "2"
