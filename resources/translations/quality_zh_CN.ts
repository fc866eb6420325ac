<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Data-quality check…</source>
      <translation>数据质量检查…</translation>
    </message>
  </context>
  <context>
    <name>QualityModels</name>
    <message>
      <source>Village</source>
      <translation>行政村</translation>
    </message>
    <message>
      <source>Household number</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>规则</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>问题</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>What to fix</source>
      <translation>如何修改</translation>
    </message>
    <message>
      <source>(exempted)</source>
      <translation>（已豁免）</translation>
    </message>
  </context>
  <context>
    <name>QualityDialog</name>
    <message>
      <source>Data-quality check</source>
      <translation>数据质量检查</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>行政村</translation>
    </message>
    <message>
      <source>All villages</source>
      <translation>全部行政村</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>规则</translation>
    </message>
    <message>
      <source>All rules</source>
      <translation>全部规则</translation>
    </message>
    <message>
      <source>Show exempted</source>
      <translation>显示已豁免</translation>
    </message>
    <message>
      <source>Check again</source>
      <translation>重新检查</translation>
    </message>
    <message>
      <source>Exempt…</source>
      <translation>豁免…</translation>
    </message>
    <message>
      <source>Import exemption list…</source>
      <translation>导入豁免清单…</translation>
    </message>
    <message>
      <source>Export exemption list…</source>
      <translation>导出豁免清单…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Running the data-quality rules…</source>
      <translation>正在运行数据质量规则…</translation>
    </message>
    <message>
      <source>%1 finding(s) in %2 household(s). Double-click a finding to open the household's card.</source>
      <translation>共 %1 个问题，涉及 %2 户。双击问题可打开该户户卡。</translation>
    </message>
    <message>
      <source>No findings.</source>
      <translation>没有发现问题。</translation>
    </message>
    <message>
      <source>Exempt a finding</source>
      <translation>豁免疑点</translation>
    </message>
    <message>
      <source>Reason for accepting [%1] of %2 %3:</source>
      <translation>豁免 %2 %3 的疑点 [%1]，原因：</translation>
    </message>
    <message>
      <source>Import exemption list</source>
      <translation>导入豁免清单</translation>
    </message>
    <message>
      <source>Exemption list (*.xlsx *.csv)</source>
      <translation>豁免清单 (*.xlsx *.csv)</translation>
    </message>
    <message>
      <source>%1 new, %2 updated.</source>
      <translation>新增 %1 条，更新 %2 条。</translation>
    </message>
    <message>
      <source>Export exemption list</source>
      <translation>导出豁免清单</translation>
    </message>
  </context>
</TS>
