"""bench/compare.py reads the figures of the benchmark scripts' own output and pairs them across two runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _compare():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_compare", ROOT / "bench" / "compare.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


GUI = """database: bench/out/bench_gui_100k.sqlite (reused)

window usable (process start → window with first page), median of 5:
  fupin gui: 712 ms   empty PySide6 window: 81 ms   ratio 8.8   (target < 2000 ms)

search keystroke (model count + first page + repaint), median of 5
  query                 what                           shown   GUI ms   raw ms  ratio
  'z'                   one pinyin letter             61,234     45.2     12.0    3.8
  '张秀'                  Chinese, two characters          812     16.4      3.1    5.3
  worst keystroke: 45.2 ms (target < 100 ms)

sort the whole county by a column (header click), median of 3
  户编号                 17.5 ms
"""

EXCHANGE = """export: 20,000 households, 71,000 members, 95,000 rows, 30 columns
  fupin export                                      12.3 s       7,724 rows/s  peak     310 MB
"""


def test_every_figure_is_named_by_its_section_and_label():
    found = _compare().figures(GUI)
    assert found["window usable | fupin gui"] == (712.0, "ms")
    assert any(name.endswith("empty PySide6 window") and value == (81.0, "ms") for name, value in found.items())
    assert found["search keystroke 'z' one pinyin letter"] == (
        45.2,
        "ms",
    )
    assert not any(value == (2000.0, "ms") or value == (100.0, "ms") for value in found.values())  # targets
    assert any("'张秀'" in name and value == (16.4, "ms") for name, value in found.items())
    assert any(name.endswith("| 户编号") and value == (17.5, "ms") for name, value in found.items())
    exchange = _compare().figures(EXCHANGE)
    assert exchange["export | fupin export"] == (12.3, "s")
    assert exchange["export | fupin export (rows/s)"] == (7724.0, "rows/s")
    assert any("peak" in name and value == (310.0, "MB") for name, value in exchange.items())


def test_the_side_by_side_table_shows_both_figures_and_their_ratio():
    compare = _compare()
    base = compare.figures(GUI)
    current = compare.figures(GUI.replace("45.2", "90.4").replace("712 ms", "356 ms"))
    table = "\n".join(compare.compare_table(base, current))
    line = next(row for row in table.splitlines() if "one pinyin letter" in row)
    assert "45.20 ms" in line and "90.40 ms" in line and line.rstrip().endswith("2.00")
    usable = next(row for row in table.splitlines() if row.rstrip().endswith("fupin gui") or "| fupin gui" in row)
    assert usable.rstrip().endswith("0.50")
