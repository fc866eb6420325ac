<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Import department alerts…</source>
      <translation>导入部门预警名单…</translation>
    </message>
  </context>
  <context>
    <name>MonitoringView</name>
    <message>
      <source>Warning lists…</source>
      <translation>预警名单…</translation>
    </message>
    <message>
      <source>Import department alerts…</source>
      <translation>导入部门预警名单…</translation>
    </message>
  </context>
  <context>
    <name>WarningModels</name>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Household number</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>收入年度</translation>
    </message>
    <message>
      <source>Per-capita income (yuan)</source>
      <translation>人均纯收入（元）</translation>
    </message>
    <message>
      <source>Line (yuan)</source>
      <translation>监测范围（元）</translation>
    </message>
    <message>
      <source>Band</source>
      <translation>预警区间（元）</translation>
    </message>
    <message>
      <source>Warning</source>
      <translation>预警类型</translation>
    </message>
    <message>
      <source>Reasons</source>
      <translation>必访原因</translation>
    </message>
    <message>
      <source>Monitored</source>
      <translation>已纳入监测</translation>
    </message>
    <message>
      <source>Below the line</source>
      <translation>低于监测范围</translation>
    </message>
    <message>
      <source>Near the line</source>
      <translation>接近监测范围</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>No</source>
      <translation>否</translation>
    </message>
  </context>
  <context>
    <name>WarningsDialog</name>
    <message>
      <source>Warning lists – %1</source>
      <translation>预警名单 – %1</translation>
    </message>
    <message>
      <source>Income year</source>
      <translation>收入年度</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>必访原因</translation>
    </message>
    <message>
      <source>All reasons</source>
      <translation>全部原因</translation>
    </message>
    <message>
      <source>Register clue…</source>
      <translation>登记线索…</translation>
    </message>
    <message>
      <source>Income warnings</source>
      <translation>收入预警</translation>
    </message>
    <message>
      <source>Must-visit (八必访)</source>
      <translation>八必访</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Reading the warning lists…</source>
      <translation>正在读取预警名单…</translation>
    </message>
    <message>
      <source>Warning lists</source>
      <translation>预警名单</translation>
    </message>
    <message>
      <source>Income warnings (%1)</source>
      <translation>收入预警（%1）</translation>
    </message>
    <message>
      <source>Must-visit (八必访) (%1)</source>
      <translation>八必访（%1）</translation>
    </message>
    <message>
      <source>%1 households near or below the line of %2 and not monitored; %3 households with a must-visit reason.</source>
      <translation>%1 户接近或低于 %2 年监测范围且未纳入监测；%3 户有八必访情形。</translation>
    </message>
    <message>
      <source>Already monitored: the household has an open case.</source>
      <translation>已纳入监测：该户有未结束的监测流程。</translation>
    </message>
  </context>
  <context>
    <name>AlertImportDialog</name>
    <message>
      <source>Import a department alert list</source>
      <translation>导入部门预警名单</translation>
    </message>
    <message>
      <source>An .xlsx, .xls, .ods or .csv file with an ID column</source>
      <translation>含身份证号列的 .xlsx、.xls、.ods 或 .csv 文件</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Date found</source>
      <translation>发现日期</translation>
    </message>
    <message>
      <source>Each household found gets one clue (source: department alert). Households already monitored, repeated rows, invalid IDs and IDs of nobody on file are listed below; nothing is opened for them.</source>
      <translation>每个找到的家庭登记一条线索（来源：部门筛查预警）。已在监测的家庭、重复行、无效证件号码和未建档的证件号码都列在下方，不为它们登记线索。</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>行号</translation>
    </message>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Household number</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>Department</source>
      <translation>推送部门</translation>
    </message>
    <message>
      <source>Reason or message</source>
      <translation>预警原因或说明</translation>
    </message>
    <message>
      <source>Risks</source>
      <translation>风险类型</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Department alert list</source>
      <translation>部门预警名单</translation>
    </message>
    <message>
      <source>Spreadsheets (*.xlsx *.xls *.ods *.csv)</source>
      <translation>表格文件 (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message>
      <source>New clue</source>
      <translation>新线索</translation>
    </message>
    <message>
      <source>Already monitored</source>
      <translation>已在监测</translation>
    </message>
    <message>
      <source>Repeated</source>
      <translation>重复</translation>
    </message>
    <message>
      <source>Invalid ID</source>
      <translation>证件号码无效</translation>
    </message>
    <message>
      <source>Not on file</source>
      <translation>未建档</translation>
    </message>
    <message>
      <source>%1: %2 rows read. %3 new clues, %4 already monitored, %5 repeated, %6 invalid IDs, %7 not on file.</source>
      <translation>%1：读取 %2 行。新线索 %3 条，已在监测 %4 行，重复 %5 行，证件号码无效 %6 行，未建档 %7 行。</translation>
    </message>
    <message>
      <source>Nothing was imported: %1</source>
      <translation>未导入任何内容：%1</translation>
    </message>
    <message>
      <source>Cancelled: nothing was imported.</source>
      <translation>已取消：未导入任何内容。</translation>
    </message>
  </context>
</TS>
