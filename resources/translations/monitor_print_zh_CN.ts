<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>MainWindow</name>
    <message>
      <source>Consent and authorisation form</source>
      <translation>承诺授权书</translation>
    </message>
    <message>
      <source>Information collection form</source>
      <translation>信息采集表</translation>
    </message>
    <message>
      <source>Home check form</source>
      <translation>入户核查表</translation>
    </message>
    <message>
      <source>Monitoring evaluation minutes</source>
      <translation>监测民主评议会议记录</translation>
    </message>
    <message>
      <source>Monitoring village notice</source>
      <translation>监测村内公示</translation>
    </message>
    <message>
      <source>Monitoring announcement</source>
      <translation>监测公告</translation>
    </message>
    <message>
      <source>Risk-removal notice</source>
      <translation>风险消除公示</translation>
    </message>
  </context>
</TS>
