<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>AllocateDialog</name>
    <message>
      <source>Allocate to the village</source>
      <translation>分配资金到村</translation>
    </message>
    <message>
      <source>(choose)</source>
      <translation>（请选择）</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <source>Fund</source>
      <translation>资金来源</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>项目</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>文件文号</translation>
    </message>
  </context>
  <context>
    <name>CardPlanSection</name>
    <message>
      <source>Help plan</source>
      <translation>年度帮扶计划</translation>
    </message>
    <message>
      <source>Edit plan…</source>
      <translation>编辑计划…</translation>
    </message>
    <message>
      <source>Measures delivered</source>
      <translation>落实的帮扶措施</translation>
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
      <source>Pay…</source>
      <translation>拨付…</translation>
    </message>
    <message>
      <source>Payments received</source>
      <translation>拨付记录</translation>
    </message>
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
      <source>Content</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source>Fund</source>
      <translation>资金来源</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <source>Paid (yuan)</source>
      <translation>已拨付（元）</translation>
    </message>
    <message>
      <source>Paid on</source>
      <translation>拨付日期</translation>
    </message>
    <message>
      <source>Measure</source>
      <translation>帮扶措施</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>目标</translation>
    </message>
    <message>
      <source>Remove this measure delivered?
%1</source>
      <translation>删除这条落实的帮扶措施？
%1</translation>
    </message>
    <message>
      <source>No help plan for %1 yet.</source>
      <translation>还没有 %1 年的帮扶计划。</translation>
    </message>
    <message>
      <source>Causes: %1; risks: %2; income target per person: %3 yuan; targets: %4; planned: %5 yuan</source>
      <translation>致贫原因：%1；风险：%2；人均纯收入目标：%3 元；目标：%4；计划金额：%5 元</translation>
    </message>
  </context>
  <context>
    <name>DeliveryDialog</name>
    <message>
      <source>name of a member</source>
      <translation>本户成员姓名</translation>
    </message>
    <message>
      <source>Edit measure delivered</source>
      <translation>修改落实的帮扶措施</translation>
    </message>
    <message>
      <source>Add measure delivered</source>
      <translation>添加落实的帮扶措施</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <source>Content</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Beneficiary</source>
      <translation>受益人</translation>
    </message>
    <message>
      <source>Fund</source>
      <translation>资金来源</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>项目</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>成效</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Measures (tick one or more)</source>
      <translation>具体措施（可多选）</translation>
    </message>
  </context>
  <context>
    <name>FundDialog</name>
    <message>
      <source>New fund source</source>
      <translation>新增资金来源</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>资金级别</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>文件文号</translation>
    </message>
  </context>
  <context>
    <name>FundsPage</name>
    <message>
      <source>All years</source>
      <translation>全部年度</translation>
    </message>
    <message>
      <source>New fund…</source>
      <translation>新增资金…</translation>
    </message>
    <message>
      <source>Allocate…</source>
      <translation>分配资金…</translation>
    </message>
    <message>
      <source>Pay…</source>
      <translation>拨付…</translation>
    </message>
    <message>
      <source>Funds ledger</source>
      <translation>资金台账</translation>
    </message>
    <message>
      <source>Flagged payments</source>
      <translation>疑点拨付</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>Choose a village in the tree on the left.</source>
      <translation>请在左侧选择一个行政村。</translation>
    </message>
    <message>
      <source>Fund</source>
      <translation>资金来源</translation>
    </message>
    <message>
      <source>Allocated (yuan)</source>
      <translation>分配（元）</translation>
    </message>
    <message>
      <source>Disbursed (yuan)</source>
      <translation>拨付（元）</translation>
    </message>
    <message>
      <source>Remaining (yuan)</source>
      <translation>结余（元）</translation>
    </message>
    <message>
      <source>Flagged</source>
      <translation>疑点</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source>Paid on</source>
      <translation>拨付日期</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>outside the register and the monitoring list</source>
      <translation>不在建档立卡和监测对象名单内</translation>
    </message>
    <message>
      <source>Total: allocated %1, disbursed %2, remaining %3 yuan</source>
      <translation>合计：分配 %1 元，拨付 %2 元，结余 %3 元</translation>
    </message>
  </context>
  <context>
    <name>PayDialog</name>
    <message>
      <source>Pay to a household</source>
      <translation>拨付到户</translation>
    </message>
    <message>
      <source>household number</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>name of a member</source>
      <translation>本户成员姓名</translation>
    </message>
    <message>
      <source>(choose)</source>
      <translation>（请选择）</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Fund</source>
      <translation>资金来源</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source>Paid on</source>
      <translation>拨付日期</translation>
    </message>
    <message>
      <source>Payee</source>
      <translation>领款人</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>PhotoList</name>
    <message>
      <source>Add photo…</source>
      <translation>添加照片…</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <source>Images (*.jpg *.jpeg *.png)</source>
      <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
      <source>%1 photo(s)</source>
      <translation>%1 张照片</translation>
    </message>
  </context>
  <context>
    <name>PlanDialog</name>
    <message>
      <source>Causes</source>
      <translation>致贫原因</translation>
    </message>
    <message>
      <source>Risks</source>
      <translation>风险类型</translation>
    </message>
    <message>
      <source>Planned measures</source>
      <translation>计划措施</translation>
    </message>
    <message>
      <source>Add row</source>
      <translation>添加一行</translation>
    </message>
    <message>
      <source>Remove row</source>
      <translation>删除一行</translation>
    </message>
    <message>
      <source>Income target per person (yuan)</source>
      <translation>人均纯收入目标（元）</translation>
    </message>
    <message>
      <source>Targets</source>
      <translation>帮扶目标</translation>
    </message>
    <message>
      <source>Made by</source>
      <translation>制定人</translation>
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
      <source>Content</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>目标</translation>
    </message>
    <message>
      <source>Help plan %1</source>
      <translation>%1 年帮扶计划</translation>
    </message>
  </context>
</TS>
