"""The text of a CSV file from a county office: UTF-8 (with or without BOM) when it decodes, else GBK (GB18030).

Excel and WPS on Chinese Windows save "CSV" as GBK and "CSV UTF-8" with a BOM; a file that starts with the BOM
and goes on in GBK (two files pasted together) is named as such, with the line where the other encoding starts.
"""

from __future__ import annotations

from desktop_app.domain.errors import DomainError

BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and its encoding ("utf-8-sig", "utf-8" or "gbk"); DomainError (code "encoding") otherwise."""
    if data.startswith(BOM):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            line = data[: exc.start + 3].count(b"\n") + 1
            raise DomainError(
                "encoding",
                f"CSV 文件编码混杂：开头标明为 UTF-8，但第 {line:,} 行起含有其他编码（如 GBK）的文字。"
                "请在 Excel 或 WPS 中打开后“另存为 CSV UTF-8”，再导入。",
                "UTF-8 BOM followed by text in another encoding",
            ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError as exc:
        raise DomainError("encoding", "CSV 文件编码无法识别（应为 UTF-8 或 GBK）。", "unknown CSV encoding") from exc
