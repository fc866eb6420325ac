"""The data sheets' writer of the exchange workbook (``SheetWriter``), its formats, and the rows of the sheets
linked to households (members, measures, procedure events), shared by the export (``export``) and its second
process (``export_part``), which writes the largest sheet while the first writes the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC
from typing import Any

from sqlalchemy import select, true
from sqlmodel import Session

from desktop_app import catalog
from desktop_app.domain.idnumber import mask as mask_id
from desktop_app.domain.labels import vocabulary
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import columns_assist as CA
from desktop_app.services.exchange.cells import CANON_JSON, FORMULA_STARTS, keytext_strip, money_cell, row_hash
from desktop_app.services.exchange.errors import ExchangeError
from desktop_app.services.exchange.event_details import Splitter
from desktop_app.storage.models import Household, Measure, Member, ProcedureEvent, Synced
from desktop_app.storage.queries import live_rows, table_of

_TEXT_KINDS = (C.TEXT, C.KEYTEXT, C.IDNUM)
_MAX_ROW = 1_048_575
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}

# the sheets linked to households by 户编号: spec, table model, order within a household
LINKED: dict[str, tuple[C.SheetSpec, type[Synced], tuple[str, str]]] = {
    C.MEMBERS.table: (C.MEMBERS, Member, ("sort_order", "id")),
    C.MEASURES.table: (C.MEASURES, Measure, ("year", "id")),
    C.EVENTS.table: (C.EVENTS, ProcedureEvent, ("on_date", "id")),
}


class SheetWriter:
    """One worksheet being streamed: formats, column layout, row counter.

    xlsxwriter's constant-memory mode keeps one row of cell objects and turns each into XML in its row file;
    four fifths of a sheet's time went there (cell checks, type dispatch, attribute escaping per cell). The
    data rows are written into that same file here, each row one string, exactly the XML xlsxwriter writes
    (inline strings with its escapes, ``s`` the style numbers fixed by ``formats``, numbers as ``%.16G``,
    dates as its serial numbers); the header row, the columns, drop-downs, filter and pane stay its own.
    """

    def __init__(self, book: Any, spec: C.SheetSpec, fmt: dict[str, Any], lists: dict[str, str]) -> None:
        self.spec = spec
        self.fmt = fmt
        self.ws = book.add_worksheet(spec.name)
        self.row = 0
        self.hash_at = spec.headers.index("行校验")
        self.kinds = [c.kind for c in spec.columns]
        self.hashed = C.hashed_columns(spec)
        self.stripped = {i: keytext_strip(c) for i, c in enumerate(spec.columns) if c.kind == C.KEYTEXT}
        labels = catalog.codelists()
        self.labels: dict[int, dict[str, str]] = {
            i: {item.code: item.zh for item in labels[c.codelist]}
            for i, c in enumerate(spec.columns)
            if c.kind in (C.CODE, C.CODES) and c.codelist
        }
        for i, c in enumerate(spec.columns):
            if c.kind == C.LABELLED:
                self.labels[i] = {code: catalog.label(c.codelist or "", code) for code in vocabulary(c.codelist or "")}
        ws = self.ws
        for i, col in enumerate(spec.columns):
            text_like = col.kind in _TEXT_KINDS or col.kind in (
                C.CODE,
                C.CODES,
                C.LABELLED,
                C.BOOL,
                C.JSON,
                C.JSONLIST,
                C.STAMP,
            )
            ws.set_column(i, i, col.width, fmt["text"] if text_like else None, {"hidden": col.hidden})
            ws.write_string(0, i, col.header, fmt["key_header"] if col.hidden else fmt["header"])
            source = lists.get("yes_no") if col.kind == C.BOOL else lists.get(col.codelist or "")
            if col.kind in (C.CODE, C.BOOL) and source:
                ws.data_validation(
                    1,
                    i,
                    _MAX_ROW,
                    i,
                    {
                        "validate": "list",
                        "source": source,
                        "error_title": "请从列表中选择",
                        "error_message": f"“{col.header}”只能填写代码表中的值。",
                    },
                )
        ws.freeze_panes(1, 0)
        # The data rows go straight into the sheet's row file as XML (write): the header row is written out
        # first, as xlsxwriter does when a cell of the next row is written.
        ws._write_single_row(1)
        self.styles = {name: f._get_xf_index() for name, f in fmt.items()}
        self.letters = [column_letter(i) for i in range(len(spec.columns))]
        self.row = 1

    def write(self, values: list[Any], shown: tuple[int, Any] | None = None) -> None:
        """``values`` are field values as stored (codes, fen, dates); converted to cells here. ``shown`` (column,
        value) writes another value than the one the row check covers (the procedure sheet's 详细数据)."""
        values[self.hash_at] = row_hash(
            [
                (values[i].strip(self.stripped[i]) if i in self.stripped and isinstance(values[i], str) else values[i])
                for i in self.hashed
            ]
        )
        if shown is not None:
            values[shown[0]] = shown[1]
        if self.row > _MAX_ROW:
            raise ExchangeError(
                f"“{self.spec.name}”超过了 Excel 一张工作表的行数上限（{_MAX_ROW:,} 行）：请按乡镇或村分开导出。",
                f"sheet {self.spec.name} has more rows than Excel allows",
            )
        ref = str(self.row + 1)
        parts = [f'<row r="{ref}">']
        add = parts.append
        styles, letters, labels = self.styles, self.letters, self.labels
        for i, kind in enumerate(self.kinds):
            v = values[i]
            if v is None or v == "":
                continue
            if kind in _TEXT_KINDS:
                add(_inline(letters[i] + ref, styles["quoted" if v.startswith(FORMULA_STARTS) else "text"], v))
            elif kind == C.CODE or kind == C.LABELLED:
                add(_inline(letters[i] + ref, styles["text"], labels[i].get(v, v)))
            elif kind == C.INT:
                add(f'<c r="{letters[i]}{ref}" s="{styles["int"]}"><v>{v:.16G}</v></c>')
            elif kind == C.MONEY:
                add(f'<c r="{letters[i]}{ref}" s="{styles["money"]}"><v>{money_cell(v):.16G}</v></c>')
            elif kind == C.DATE:
                add(f'<c r="{letters[i]}{ref}" s="{styles["date"]}"><v>{self.ws._convert_date_time(v):.16G}</v></c>')
            elif kind == C.BOOL:
                add(_inline(letters[i] + ref, styles["text"], C.BOOL_LABELS[bool(v)]))
            elif kind == C.DECIMAL:
                add(f'<c r="{letters[i]}{ref}" s="{styles["decimal"]}"><v>{float(v):.16G}</v></c>')
            elif kind == C.CODES:
                shown_text = C.LABEL_SEPARATOR.join(labels[i].get(c, c) for c in v.split(",") if c)
                if shown_text:
                    add(_inline(letters[i] + ref, styles["text"], shown_text))
                else:  # only separators: a blank cell with the text format, as xlsxwriter writes ""
                    add(f'<c r="{letters[i]}{ref}" s="{styles["text"]}"/>')
            elif kind == C.JSON or kind == C.JSONLIST:
                if v:
                    text = CANON_JSON.encode(v)
                    add(
                        _inline(letters[i] + ref, styles["quoted" if text.startswith(FORMULA_STARTS) else "text"], text)
                    )
            elif kind == C.STAMP:
                add(_inline(letters[i] + ref, styles["text"], v.astimezone(UTC).isoformat()))
        add("</row>")
        self.ws.fh.write("".join(parts))
        self.row += 1

    def finish(self) -> int:
        if self.row > 1:
            self.ws.dim_rowmax = self.row - 1  # the rows written past xlsxwriter (see write)
            self.ws.autofilter(0, 0, self.row - 1, len(self.kinds) - 1)
        return self.row - 1


_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_LEADING, _TRAILING = re.compile(r"^\s"), re.compile(r"\s$")
_STRMAX = 32767


def _inline(ref: str, style: int, text: str) -> str:
    """A text cell as xlsxwriter writes it in constant-memory mode (t="inlineStr")."""
    if len(text) > _STRMAX // 2 and len(text.encode("utf-16-le")) // 2 > _STRMAX:
        text = _truncate(text)
    if not _SPECIAL.search(text):
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{text}</t></is></c>'
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", _ESCAPED.sub(r"_x005F\1", text))
    space = ' xml:space="preserve"' if _LEADING.search(text) or _TRAILING.search(text) else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _truncate(text: str) -> str:
    """At most Excel's 32,767 characters (UTF-16 units), as xlsxwriter cuts a longer text."""
    length = 0
    for index, char in enumerate(text):
        length += 2 if ord(char) > 0xFFFF else 1
        if length > _STRMAX:
            return text[:index]
    return text


def formats(book: Any) -> dict[str, Any]:
    """The formats of the data sheets. Their style numbers are fixed here, in this order, before any cell is
    written: the second process (export_part) creates the same, so a sheet it writes means the same styles
    in this process's styles.xml (xlsx_join)."""
    base = {"font_name": "宋体", "font_size": 10}
    made = {
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "key_header": book.add_format({**base, "bold": True, "bg_color": "#EDEDED", "border": 1, "italic": True}),
        "text": book.add_format({**base, "num_format": "@"}),
        "quoted": book.add_format({**base, "num_format": "@", "quote_prefix": True}),
        "int": book.add_format({**base, "num_format": "0"}),
        "money": book.add_format({**base, "num_format": "0.00"}),
        "decimal": book.add_format({**base, "num_format": "0.00"}),
        "date": book.add_format({**base, "num_format": "yyyy-mm-dd"}),
    }
    for fmt in made.values():
        fmt._get_xf_index()  # noqa: SLF001 - fixes the style number now, not at the first cell written
    return made


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def code_list_ranges() -> dict[str, str]:
    lists = catalog.codelists()
    out = {}
    for i, list_id in enumerate(used_lists()):
        letter = column_letter(i)
        out[list_id] = f"='{C.CODELIST_SHEET}'!${letter}$2:${letter}${len(lists[list_id]) + 1}"
    return out


def used_lists() -> list[str]:
    return sorted(
        {
            c.codelist
            for s in (*C.DATA_SHEETS, *CA.LEDGER_SHEETS)
            for c in s.columns
            if c.codelist and c.kind != C.LABELLED
        }
        | {"yes_no"}
    )


def stream(session: Session, stmt: Any) -> Iterator[Any]:
    yield from session.execute(stmt.execution_options(yield_per=5000))


def write_linked(
    session: Session,
    w: SheetWriter,
    table_name: str,
    villages: list[str] | None,
    step: Callable[[int, str], None],
    *,
    mask_ids: bool = False,
) -> int:
    """The rows of a sheet linked to households (``LINKED``) written with ``w``; ``step(rows, sheet name)``
    now and then (it may raise to cancel). The number of rows written."""
    spec, model, order = LINKED[table_name]
    h, table = table_of(Household), table_of(model)
    cols = [table.c[c.field] for c in spec.columns if not c.field.startswith("@")]
    stmt = (
        select(*cols, h.c.number.label("h_number"), h.c.head_name.label("h_head"))
        .select_from(table)
        .join(h, h.c.id == table.c.household_id)
        .where(live_rows(table), live_rows(h), h.c.village_id.in_(villages) if villages is not None else true())
        .order_by(h.c.number, *(table.c[k] for k in order))
    )
    fields = [{"@household_number": "h_number", "@head_name": "h_head"}.get(c.field, c.field) for c in spec.columns]
    split = Splitter(fields) if spec is C.EVENTS else None
    id_at = fields.index("id_number") if mask_ids and "id_number" in fields else None
    n = 0
    for row in stream(session, stmt):
        mapping = row._mapping
        values = [mapping[f] if f[0] != "@" else None for f in fields]
        if id_at is not None and values[id_at]:
            values[id_at] = mask_id(str(values[id_at]))
        if split is not None:
            w.write(values, (split.data_at, split(values)))
        else:
            w.write(values)
        n += 1
        if n % 5000 == 0:
            step(5000, spec.name)
    step(n % 5000, spec.name)
    return n
