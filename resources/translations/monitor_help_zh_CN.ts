<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>HelpMeasuresModel</name>
    <message>
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Measures</source>
      <translation>措施</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <source>End</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Development</source>
      <translation>开发式</translation>
    </message>
  </context>
  <context>
    <name>HelpMeasureDialog</name>
    <message>
      <source>Edit help measure</source>
      <translation>修改帮扶措施</translation>
    </message>
    <message>
      <source>Add help measure</source>
      <translation>添加帮扶措施</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>帮扶类别</translation>
    </message>
    <message>
      <source>Measures (tick one or more)</source>
      <translation>具体措施（可多选）</translation>
    </message>
  </context>
  <context>
    <name>HelpMeasuresPanel</name>
    <message>
      <source>Help measures while monitored</source>
      <translation>监测帮扶措施（按年度）</translation>
    </message>
    <message>
      <source>Help measures</source>
      <translation>帮扶措施</translation>
    </message>
    <message>
      <source>Add…</source>
      <translation>添加…</translation>
    </message>
    <message>
      <source>Edit…</source>
      <translation>修改…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Remove this help measure?
%1</source>
      <translation>删除这条帮扶措施吗？
%1</translation>
    </message>
  </context>
  <context>
    <name>HelpCheckDialog</name>
    <message>
      <source>Help check</source>
      <translation>帮扶核查</translation>
    </message>
    <message>
      <source>Household no.</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>核查规则</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>问题</translation>
    </message>
    <message>
      <source>No help measure</source>
      <translation>未落实帮扶措施</translation>
    </message>
    <message>
      <source>Risk without a matching measure</source>
      <translation>风险无对应帮扶措施</translation>
    </message>
    <message>
      <source>No development measure</source>
      <translation>无开发式帮扶措施</translation>
    </message>
    <message>
      <source>%1 finding(s) in %2 household(s); double-click one to open the card.</source>
      <translation>共 %1 条问题，涉及 %2 户；双击一行打开该户卡片。</translation>
    </message>
    <message>
      <source>No findings: every included household has the help measures the rules ask for.</source>
      <translation>没有问题：所有纳入监测的农户都已落实规则要求的帮扶措施。</translation>
    </message>
  </context>
  <context>
    <name>MonitoringView</name>
    <message>
      <source>Help check</source>
      <translation>帮扶核查</translation>
    </message>
  </context>
</TS>
