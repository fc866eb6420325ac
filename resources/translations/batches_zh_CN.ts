<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>BatchMembersTable</name>
    <message>
      <source>Household</source>
      <translation>户</translation>
    </message>
    <message>
      <source>Group</source>
      <translation>村民小组</translation>
    </message>
    <message>
      <source>For/against/abstain</source>
      <translation>赞成/反对/弃权</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>理由</translation>
    </message>
  </context>
  <context>
    <name>BatchChoiceDialog</name>
    <message>
      <source>Print %1</source>
      <translation>打印%1</translation>
    </message>
    <message>
      <source>Print from which batch?</source>
      <translation>打印哪一个批次？</translation>
    </message>
    <message>
      <source>(open)</source>
      <translation>（进行中）</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
</TS>
