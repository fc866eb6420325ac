<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="67"/>
        <source>Exchange workbook (all tables, imports back)</source>
        <translation>交换工作簿（全部表格，可导回）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="72"/>
        <source>Layout:</source>
        <translation>版式：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="153"/>
        <source>Exported %1 households in %2 rows to %3.</source>
        <translation>已导出 %1 户，共 %2 行，保存到 %3。</translation>
    </message>
</context>
</TS>
