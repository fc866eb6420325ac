<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>IncomeSheetPanel</name>
    <message>
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>Totals</source>
      <translation>合计</translation>
    </message>
    <message>
      <source>Groups (yuan)</source>
      <translation>各类合计（元）</translation>
    </message>
    <message>
      <source>Gross income (yuan)</source>
      <translation>家庭总收入（元）</translation>
    </message>
    <message>
      <source>Net income A+B+C+D−E (yuan)</source>
      <translation>家庭纯收入 一+二+三+四−五（元）</translation>
    </message>
    <message>
      <source>Per-capita net income (yuan)</source>
      <translation>人均纯收入（元）</translation>
    </message>
    <message>
      <source>Save this year's income</source>
      <translation>保存本年度收入情况</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>项目</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source>Explanation</source>
      <translation>说明</translation>
    </message>
    <message>
      <source>Insurance claims and spending</source>
      <translation>理赔收入与支出</translation>
    </message>
    <message>
      <source>Years on file: %1</source>
      <translation>已录入年度：%1</translation>
    </message>
    <message>
      <source>saved</source>
      <translation>已保存</translation>
    </message>
    <message>
      <source>not saved yet</source>
      <translation>尚未保存</translation>
    </message>
    <message>
      <source>Period %1 – %2 (%3)</source>
      <translation>统计期 %1 至 %2（%3）</translation>
    </message>
    <message>
      <source>Members counted in this year</source>
      <translation>本年度计入的家庭成员</translation>
    </message>
    <message>
      <source>Saved the income of %1</source>
      <translation>已保存 %1 年度收入情况</translation>
    </message>
  </context>
  <context>
    <name>IncomeTab</name>
    <message>
      <source>Yearly income worksheet</source>
      <translation>年度收入情况表</translation>
    </message>
  </context>
  <context>
    <name>LineForm</name>
    <message>
      <source>Monitoring line</source>
      <translation>监测范围</translation>
    </message>
    <message>
      <source>全国 or an area code</source>
      <translation>全国 或 区划代码</translation>
    </message>
    <message>
      <source>Fixed amount</source>
      <translation>固定标准</translation>
    </message>
    <message>
      <source>Multiple of another standard</source>
      <translation>其他标准的倍数</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>确定方法</translation>
    </message>
    <message>
      <source>Amount (yuan per person and year)</source>
      <translation>金额（元/人/年）</translation>
    </message>
    <message>
      <source>Base standard</source>
      <translation>基准标准</translation>
    </message>
    <message>
      <source>Base amount (yuan)</source>
      <translation>基准金额（元）</translation>
    </message>
    <message>
      <source>Factor</source>
      <translation>倍数</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>依据文件</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Base amount</source>
      <translation>基准金额</translation>
    </message>
  </context>
  <context>
    <name>MonitoringLinesDialog</name>
    <message>
      <source>Monitoring lines</source>
      <translation>监测范围</translation>
    </message>
    <message>
      <source>The monitoring line per person and year, by region: only the national 2021 line (6,000 yuan) is shipped; since 2022 each province sets its own. The most specific region of a year applies.</source>
      <translation>按地区和年度的监测范围（元/人/年）：只内置 2021 年全国标准 6000 元；2022 年起由各省确定。同一年度以最具体的地区为准。</translation>
    </message>
    <message>
      <source>Add…</source>
      <translation>新增…</translation>
    </message>
    <message>
      <source>Edit…</source>
      <translation>修改…</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Delete the line of %1 for %2?</source>
      <translation>删除 %1 %2 年的监测范围？</translation>
    </message>
  </context>
  <context>
    <name>LinesModel</name>
    <message>
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>Amount (yuan per person and year)</source>
      <translation>金额（元/人/年）</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>确定方法</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>依据文件</translation>
    </message>
    <message>
      <source>Entered by</source>
      <translation>录入人</translation>
    </message>
    <message>
      <source>Fixed</source>
      <translation>固定标准</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Monitoring lines…</source>
      <translation>监测范围…</translation>
    </message>
  </context>
</TS>
