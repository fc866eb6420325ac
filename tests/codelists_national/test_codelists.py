"""Code lists keyed to the national tables: table ids, national labels, a county's own codes, multi-selects.

The county mapping files are written by the tests themselves (JSON and CSV, UTF-8 and GBK), as a county
office would type them, and dropped into the test's own data folder.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import catalog
from desktop_app.assets import asset_path
from desktop_app.cli import main
from desktop_app.domain.errors import DomainError

DOCS = Path(__file__).resolve().parents[2] / "docs" / "codelists.md"
FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


@pytest.fixture(autouse=True)
def fresh_catalog(data_dir: Path) -> Iterator[Path]:
    catalog.clear_cache()
    yield data_dir
    catalog.clear_cache()


def _undocumented_empty_ids() -> set[str]:
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"<!-- no-national-id -->(.*?)<!-- /no-national-id -->", text, re.S)
    assert block, "docs/codelists.md must list the lists without a national table id"
    return set(re.findall(r"`([a-z0-9_A]+)`", block.group(1)))


def test_every_list_has_its_national_table_id_field_and_empty_ones_are_documented() -> None:
    raw = json.loads(asset_path("resources", "codelists", "vocabulary.json").read_text(encoding="utf-8"))
    lists = catalog.codelists()
    documented_empty = _undocumented_empty_ids()
    for list_id, body in raw["lists"].items():
        assert "national_id" in body, f"{list_id} has no national_id field"
        assert lists[list_id].national_id == body["national_id"]
        if not body["national_id"]:
            assert list_id in documented_empty, f"{list_id}: empty national_id not named in docs/codelists.md"
    assert documented_empty <= set(raw["lists"]), documented_empty - set(raw["lists"])
    # the ids the brief gives (MONITORING.md §5, §10)
    assert catalog.national_id("relation") == "1010"
    assert catalog.national_id("monitor_risk") == "100A27"
    categories = [item.code for item in lists["help_category"]]
    assert len(categories) == 14
    for table in categories:
        assert catalog.national_id(f"help_{table}") == table
    assert catalog.national_id("sex") == "" and catalog.national_id("no_such_list") == ""


def test_national_label_and_parse_round_trip_for_every_code_of_every_list() -> None:
    lists = catalog.codelists()
    for list_id in lists.ids():
        for item in lists[list_id]:
            national = catalog.national_label(list_id, item.code)
            assert national == (item.national or item.zh)
            for text in (item.code, item.zh, item.en, national, f" {item.zh}\u3000"):
                assert catalog.parse_code(list_id, text) == item.code, (list_id, item.code, text)
            wide = "".join(FULL_WIDTH.get(c, c) for c in item.zh)
            assert catalog.parse_code(list_id, wide) == item.code, (list_id, wide)
            if len(item.zh) > 1:
                spaced = item.zh[0] + " " + item.zh[1:]
                found = catalog.parse_code(list_id, spaced)
                assert found == item.code or lists[list_id].lookup(spaced) is not None, (list_id, spaced)
            # the existing callers keep working
            assert catalog.label(list_id, item.code) == item.zh
            assert catalog.parse_label(list_id, item.zh) == item.code
    assert catalog.national_label("relation", None) == "" and catalog.national_label("relation", "") == ""
    assert catalog.national_label("relation", "77") == "77"  # an unknown code stays visible
    assert catalog.parse_code("relation", "火星人") is None and catalog.parse_code("relation", "") is None
    assert catalog.national_label("step", "evaluation") == "民主评议"  # procedure vocabularies too
    assert catalog.parse_code("step", "民主评议") == "evaluation"


def test_full_width_digits_and_spaces_inside_a_label() -> None:
    assert catalog.parse_code("relation", "０３") == "03"
    assert catalog.parse_code("relation", "3.0") == "03"
    assert catalog.parse_code("help_100A40", "技能 培训") == "1"
    assert catalog.parse_code("monitor_risk", "因 自然 灾害") == "04"


def test_multi_select_with_every_separator_and_an_unmappable_part_reported() -> None:
    for sep in (",", "，", "、", ";", "；", " , "):
        text = f"其他{sep}技能培训"
        parsed = catalog.parse_codes("help_100A40", text)
        assert parsed.codes == ("9", "1") and parsed.ok, text
    parsed = catalog.parse_codes("help_100A40", "技能培训,火箭发射，劳务输出,技能培训")
    assert parsed.codes == ("1", "2")  # each code once, in order
    assert parsed.unknown == ("火箭发射",) and not parsed.ok
    assert catalog.parse_codes("help_100A40", "").codes == () and catalog.parse_codes("help_100A40", None).ok
    assert catalog.join_national("help_100A40", "9,1") == "其他,技能培训"
    assert catalog.join_national("help_100A40", ["1", "2"]) == "技能培训,劳务输出"
    assert catalog.parse_codes("help_100A40", catalog.join_national("help_100A40", "9,1")).codes == ("9", "1")


def _county_json(folder: Path, body: dict[str, object]) -> Path:
    path = folder / catalog.COUNTY_CODES_JSON
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    catalog.clear_cache()
    return path


GOOD = {
    "county": "测试县",
    "lists": {
        "relation": {
            "codes": [
                {"county_code": "1", "code": "01", "county_label": "户主本人"},
                {"county_code": "3", "code": "04", "county_label": "闺女"},  # the county's 3 is our 04
                {"county_code": "4", "code": "之子"},  # the target may be our label
            ],
            "national_labels": {"99": "其他关系"},
        },
        "健康状况": {"codes": [{"county_code": "A", "code": "1"}, {"county_code": "B", "code": "2"}]},
    },
}


def test_a_good_county_file_maps_codes_and_labels(fresh_catalog: Path) -> None:
    _county_json(fresh_catalog, GOOD)
    assert catalog.parse_code("relation", "3") == "04"  # the county's number wins over our "03"
    assert catalog.parse_code("relation", "3.0") == "04"
    assert catalog.parse_code("relation", "闺女") == "04"
    assert catalog.parse_code("relation", "４") == "03"
    assert catalog.parse_code("relation", "户主本人") == "01"
    assert catalog.parse_code("relation", "之女") == "04"  # our labels still read
    assert catalog.parse_code("health", "b") == "2"  # case and width folded
    assert catalog.parse_codes("health", "A、B").codes == ("1", "2")
    assert catalog.national_label("relation", "99") == "其他关系"
    assert catalog.national_label("relation", "01") == "户主"
    assert catalog.label("relation", "99") == "其他"  # what the app shows is unchanged


def test_a_county_csv_in_gbk_is_read_like_the_json(fresh_catalog: Path) -> None:
    text = "代码表,县代码,本系统代码,县名称\n1010,3,04,闺女\n与户主关系,1,01,\n\nhealth,A,健康,\n"
    (fresh_catalog / catalog.COUNTY_CODES_CSV).write_bytes(text.encode("gbk"))
    catalog.clear_cache()
    assert catalog.parse_code("relation", "3") == "04" and catalog.parse_code("relation", "闺女") == "04"
    assert catalog.parse_code("relation", "1") == "01" and catalog.parse_code("health", "A") == "1"


TWICE = [{"county_code": "2", "code": "02"}, {"county_code": "2", "code": "03"}]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"lists": {"火星": {"codes": [{"county_code": "1", "code": "01"}]}}}, "没有代码表“火星”"),
        ({"lists": {"relation": {"codes": [{"county_code": "1", "code": "77"}]}}}, "中没有代码“77”"),
        (
            {"lists": {"relation": {"codes": TWICE}}},
            "县代码“2”在代码表“与户主关系”中重复对照",
        ),
        ({"lists": {"relation": {"codes": [{"county_code": "", "code": "02"}]}}}, "县代码为空"),
        ({"lists": {"relation": {"codes": [], "national_labels": {"88": "x"}}}}, "国家标签"),
        ({"rows": []}, "缺少 lists"),
    ],
)
def test_a_broken_county_file_is_refused_whole_with_a_clear_message(
    fresh_catalog: Path, body: dict[str, object], expected: str
) -> None:
    body = copy.deepcopy(body)
    good_entry = {"county_code": "5", "code": "05"}
    if "lists" in body and "relation" in body["lists"]:  # type: ignore[operator]
        body["lists"]["relation"]["codes"].insert(0, good_entry)  # type: ignore[index]
    _county_json(fresh_catalog, body)
    for call in (lambda: catalog.parse_code("relation", "5"), lambda: catalog.national_label("relation", "01")):
        with pytest.raises(DomainError) as info:
            call()
        assert expected in info.value.message_zh
        if "lists" in body:
            assert "未使用其中任何对照" in info.value.message_zh
    # nothing half-loaded: fixing the file is needed before any county code reads
    (fresh_catalog / catalog.COUNTY_CODES_JSON).unlink()
    catalog.clear_cache()
    assert catalog.parse_code("relation", "5") == "05"  # our own code again, not the county's


def test_every_problem_of_a_file_is_named_at_once(fresh_catalog: Path) -> None:
    body = {
        "lists": {
            "relation": {"codes": [{"county_code": "1", "code": "77"}, {"county_code": "1", "code": "01"}]},
            "火星": {"codes": [{"county_code": "1", "code": "1"}]},
        }
    }
    with pytest.raises(DomainError) as info:
        catalog.load_county_codes(_county_json(fresh_catalog, body))
    message = info.value.message_zh
    assert "有 2 个问题" in message  # an entry with an unknown target maps nothing, so "1" is not mapped twice
    assert "没有代码“77”" in message and "没有代码表“火星”" in message


def test_both_a_json_and_a_csv_file_is_ambiguous(fresh_catalog: Path) -> None:
    _county_json(fresh_catalog, GOOD)
    (fresh_catalog / catalog.COUNTY_CODES_CSV).write_text("代码表,县代码,本系统代码\n", encoding="utf-8")
    catalog.clear_cache()
    with pytest.raises(DomainError, match="只保留一个"):
        catalog.parse_code("relation", "3")


def test_the_shipped_example_is_a_valid_mapping() -> None:
    county = catalog.load_county_codes(asset_path("resources", "codelists", "county_codes.example.json"))
    assert {item.list_id for item in county} == {"relation", "health"} and county.county


def test_codes_cli_lists_ids_labels_and_county_codes(fresh_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _county_json(fresh_catalog, GOOD)
    assert main(["codes", "list", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["county"] == "测试县" and out["county_file"] == catalog.COUNTY_CODES_JSON
    by_id = {body["id"]: body for body in out["lists"]}
    relation = by_id["relation"]
    assert relation["national_id"] == "1010" and relation["zh"] == "与户主关系"
    items = {item["code"]: item for item in relation["items"]}
    assert items["04"]["county"] == [{"code": "3", "label": "闺女"}]
    assert items["99"]["national"] == "其他关系" and items["99"]["zh"] == "其他"
    assert set(by_id) == set(catalog.codelists().ids())
    assert main(["codes", "list", "--list", "100A27"]) == 0
    text = capsys.readouterr().out
    assert "致贫返贫风险类型  国家代码表：100A27" in text and "因自然灾害" in text
    assert main(["codes", "list", "--list", "1010"]) == 0
    assert "本县：3（闺女）" in capsys.readouterr().out
    assert main(["codes", "list", "--list", "火星"]) == 2
    assert "没有代码表“火星”" in capsys.readouterr().err


def test_codes_check_says_whether_a_file_can_be_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.csv"
    good.write_text("代码表,县代码,本系统代码,县名称\nrelation,3,04,闺女\n", encoding="utf-8-sig")
    assert main(["codes", "check", str(good)]) == 0
    assert "可以使用，1 个代码表、1 个县代码对照" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("代码表,县代码,本系统代码\nrelation,3,04\nrelation,3,05\n", encoding="utf-8")
    assert main(["codes", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "第 3 行：县代码“3”在代码表“与户主关系”中重复对照（第 2 行已对照）" in err and "Traceback" not in err
    missing = tmp_path / "missing.csv"
    missing.write_text("表,代码\nrelation,3\n", encoding="utf-8")
    assert main(["codes", "check", str(missing)]) == 2
    assert "缺少列：代码表、县代码、本系统代码" in capsys.readouterr().err
