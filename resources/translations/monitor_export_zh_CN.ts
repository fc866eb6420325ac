<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>MonitoringView</name>
    <message>
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
  </context>
  <context>
    <name>MonitoringExport</name>
    <message>
      <source>Export the monitoring list</source>
      <translation>导出监测对象名单</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>正在导出…</translation>
    </message>
    <message>
      <source>Exported %1 cases to %2.</source>
      <translation>已导出 %1 条监测记录到 %2。</translation>
    </message>
  </context>
</TS>
