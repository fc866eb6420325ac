<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Household help ledgers</source>
      <translation>扶贫手册帮扶台账</translation>
    </message>
    <message>
      <source>Village measures register</source>
      <translation>村帮扶措施登记册</translation>
    </message>
    <message>
      <source>Funds ledger</source>
      <translation>资金台账</translation>
    </message>
    <message>
      <source>Microcredit ledger</source>
      <translation>小额信贷台账</translation>
    </message>
    <message>
      <source>Public-welfare post notice</source>
      <translation>公益岗位拟聘人员公示</translation>
    </message>
  </context>
</TS>
