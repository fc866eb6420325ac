<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Assistance ledgers</source>
      <translation>帮扶台账</translation>
    </message>
  </context>
  <context>
    <name>HouseholdCardDialog</name>
    <message>
      <source>Assistance ledgers</source>
      <translation>帮扶台账</translation>
    </message>
  </context>
  <context>
    <name>CardAssistPanel</name>
    <message>
      <source>Pairing</source>
      <translation>结对帮扶</translation>
    </message>
    <message>
      <source>One household, one policy</source>
      <translation>一户一策</translation>
    </message>
    <message>
      <source>Microcredit</source>
      <translation>小额信贷</translation>
    </message>
    <message>
      <source>Public-welfare posts</source>
      <translation>公益岗位</translation>
    </message>
    <message>
      <source>Migrant work</source>
      <translation>务工监测</translation>
    </message>
    <message>
      <source>Visits</source>
      <translation>走访记录</translation>
    </message>
  </context>
  <context>
    <name>AssistView</name>
    <message>
      <source>Pairing coverage</source>
      <translation>结对覆盖</translation>
    </message>
    <message>
      <source>Funds ledger</source>
      <translation>资金台账</translation>
    </message>
    <message>
      <source>Microcredit</source>
      <translation>小额信贷</translation>
    </message>
    <message>
      <source>Public-welfare posts</source>
      <translation>公益岗位</translation>
    </message>
    <message>
      <source>Monthly migrant work</source>
      <translation>务工月监测</translation>
    </message>
    <message>
      <source>Choose a village in the tree to see its assistance ledgers.</source>
      <translation>请在左侧选择行政村，查看其帮扶台账。</translation>
    </message>
    <message>
      <source>%1 households to cover, %2 uncovered</source>
      <translation>应结对 %1 户，未覆盖 %2 户</translation>
    </message>
    <message>
      <source>%1 cadres over their limit</source>
      <translation>帮扶责任人超限 %1 人</translation>
    </message>
    <message>
      <source>%1 overdue loans (%2 yuan overdue)</source>
      <translation>逾期贷款 %1 笔（逾期 %2 元）</translation>
    </message>
    <message>
      <source>%1 post findings</source>
      <translation>公益岗位问题 %1 条</translation>
    </message>
    <message>
      <source>%1 flagged disbursements</source>
      <translation>资金疑点 %1 笔</translation>
    </message>
  </context>
</TS>
