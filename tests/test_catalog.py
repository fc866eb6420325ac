from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import catalog
from desktop_app.assets import asset_dir
from desktop_app.domain.eligibility import DERIVATIONS, GUARANTEES, HouseholdFacts, MemberFacts, assess
from desktop_app.domain.errors import DomainError
from desktop_app.domain.income import Income

SHIPPED = {
    "hebei_five_looks": "look",
    "hebei_five_not_recorded": "exclusion",
    "hebei_six_priorities": "priority",
    "guangxi_one_enter_five_discuss": "look",
    "guizhou_four_looks": "look",
}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("FUPIN_DATA_DIR", str(tmp_path))
    catalog.clear_cache()
    yield tmp_path
    catalog.clear_cache()


def test_every_checklist_file_loads(data_dir: Path) -> None:
    files = sorted((asset_dir("forms") / "checklists").glob("*.json"))
    assert {path.stem for path in files} == set(SHIPPED)
    loaded = {item.id: item for item in catalog.checklists()}
    assert {name: cl.kind for name, cl in loaded.items()} == SHIPPED
    for path in files:
        raw = json.loads(path.read_text(encoding="utf-8"))
        checklist = catalog.checklist(raw["id"])
        assert raw["id"] == path.stem
        assert [item.code for item in checklist.items] == [item["code"] for item in raw["items"]]
        assert checklist.source
        for item in checklist.items:
            assert item.code.isascii() and item.zh and item.en
            assert item.derive is None or item.derive in DERIVATIONS
    assert len(catalog.checklist("hebei_five_looks").items) == 5
    assert len(catalog.checklist("hebei_five_not_recorded").items) == 5
    assert len(catalog.checklist("hebei_six_priorities").items) == 6
    assert len(catalog.checklist("guizhou_four_looks").items) == 4
    with pytest.raises(KeyError):
        catalog.checklist("nope")


def test_shipped_checklists_drive_an_assessment(data_dir: Path) -> None:
    facts = HouseholdFacts(
        year=2016,
        size=2,
        income=Income(wage=300_000),
        guarantees=dict.fromkeys(GUARANTEES, True),
        members=[MemberFacts(health="3", labour="4"), MemberFacts(labour="5", is_public_official=True)],
    )
    result = assess(facts, lines=catalog.seed_lines(), checklists=catalog.checklists())
    assert result.below_line and not result.eligible
    assert [item.code for item in result.exclusions] == ["public_official"]
    assert [item.code for item in result.priorities] == ["serious_illness", "no_labour"]


def test_seed_poverty_lines(data_dir: Path) -> None:
    rows = catalog.seed_poverty_lines()
    by_year = {row["year"]: row for row in rows}
    assert by_year[2010]["amount_fen"] == 230_000
    assert by_year[2013]["amount_fen"] == 273_600
    assert by_year[2015]["amount_fen"] == 285_500
    assert by_year[2016]["amount_fen"] == 295_200
    assert by_year[2020]["amount_fen"] == 400_000
    assert all(row["editable"] and row["region_code"] == "" and row["standard"] == "1" for row in rows)
    assert all("参考值" in row["source"] for row in rows if row["year"] > 2015)
    rows[0]["amount_fen"] = 1  # callers get copies
    assert catalog.seed_poverty_lines()[0]["amount_fen"] == 230_000


def test_county_override(data_dir: Path) -> None:
    (data_dir / "codelists.local.json").write_text(
        json.dumps(
            {
                "format": 1,
                "lists": {
                    "cause": {"items": [{"code": "13", "zh": "因婚", "en": "marriage costs"}]},
                    "crop": {"zh": "作物", "en": "Crop", "items": [{"code": "tea", "zh": "茶叶", "en": "tea"}]},
                },
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (data_dir / "checklists").mkdir()
    (data_dir / "checklists" / "county_extra.json").write_text(
        json.dumps({"id": "county_extra", "zh": "本县", "en": "County", "kind": "exclusion", "items": [{"code": "a"}]}),
        encoding="utf-8",
    )
    (data_dir / "checklists" / "guizhou.json").write_text(
        json.dumps({"id": "guizhou_four_looks", "zh": "改", "en": "changed", "kind": "look", "items": []}),
        encoding="utf-8",
    )
    lists = catalog.codelists()
    assert lists["cause"].lookup("因婚") == "13"
    assert lists["cause"].label("01") == "因病"
    assert lists["crop"].codes() == ["tea"]
    assert catalog.checklist("county_extra").kind == "exclusion"
    assert catalog.checklist("guizhou_four_looks").zh == "改"
    assert len(catalog.checklists()) == len(SHIPPED) + 1


def test_cache_is_cleared(data_dir: Path) -> None:
    assert "crop" not in catalog.codelists()
    assert catalog.codelists() is catalog.codelists()
    (data_dir / "codelists.local.json").write_text('{"lists": {"crop": {"items": []}}}', encoding="utf-8")
    assert "crop" not in catalog.codelists()  # still cached
    catalog.clear_cache()
    assert "crop" in catalog.codelists()


def test_broken_county_file_is_reported(data_dir: Path) -> None:
    (data_dir / "codelists.local.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DomainError) as info:
        catalog.codelists()
    assert info.value.code == "bad_data_file"
