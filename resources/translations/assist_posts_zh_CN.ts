<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>CardPostsSection</name>
    <message>
      <source>No member of this household has applied for a public-welfare post.</source>
      <translation>本户尚无成员报名公益岗位。</translation>
    </message>
  </context>
  <context>
    <name>CardWorkSection</name>
    <message>
      <source>Channel</source>
      <translation>务工渠道</translation>
    </message>
    <message>
      <source>County of work</source>
      <translation>务工地（县）</translation>
    </message>
    <message>
      <source>Employer</source>
      <translation>务工单位</translation>
    </message>
    <message>
      <source>Industry</source>
      <translation>务工行业</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>成员</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <source>Wage (yuan)</source>
      <translation>工资（元）</translation>
    </message>
    <message>
      <source>Wages of the year: %1 yuan</source>
      <translation>全年务工工资：%1 元</translation>
    </message>
    <message>
      <source>Worked</source>
      <translation>是否务工</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
  </context>
  <context>
    <name>MonthDialog</name>
    <message>
      <source>Assessment</source>
      <translation>考核</translation>
    </message>
    <message>
      <source>Attendance in order</source>
      <translation>考勤合格</translation>
    </message>
    <message>
      <source>Days worked</source>
      <translation>出勤天数</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <source>Month worked</source>
      <translation>在岗月份</translation>
    </message>
    <message>
      <source>Subsidy (yuan)</source>
      <translation>补贴（元）</translation>
    </message>
  </context>
  <context>
    <name>PostDialog</name>
    <message>
      <source>From</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <source>Funding</source>
      <translation>资金来源</translation>
    </message>
    <message>
      <source>Monthly subsidy (yuan)</source>
      <translation>月补贴标准（元）</translation>
    </message>
    <message>
      <source>Name (default: the type)</source>
      <translation>岗位名称（默认为岗位类型）</translation>
    </message>
    <message>
      <source>New public-welfare post</source>
      <translation>新增公益岗位</translation>
    </message>
    <message>
      <source>Places</source>
      <translation>岗位人数</translation>
    </message>
    <message>
      <source>Tier</source>
      <translation>岗位级别</translation>
    </message>
    <message>
      <source>To</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>岗位类型</translation>
    </message>
    <message>
      <source>Vacancy notice</source>
      <translation>岗位公告日期</translation>
    </message>
  </context>
  <context>
    <name>PostModels</name>
    <message>
      <source>Applied</source>
      <translation>报名日期</translation>
    </message>
    <message>
      <source>Assessment</source>
      <translation>考核</translation>
    </message>
    <message>
      <source>Attendance</source>
      <translation>考勤</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>资格审核</translation>
    </message>
    <message>
      <source>Contract</source>
      <translation>签约</translation>
    </message>
    <message>
      <source>Days</source>
      <translation>出勤天数</translation>
    </message>
    <message>
      <source>Filled</source>
      <translation>在岗/岗位数</translation>
    </message>
    <message>
      <source>From</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <source>Funding</source>
      <translation>资金来源</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Left</source>
      <translation>离岗日期</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <source>Monthly subsidy (yuan)</source>
      <translation>月补贴标准（元）</translation>
    </message>
    <message>
      <source>Months</source>
      <translation>在岗月数</translation>
    </message>
    <message>
      <source>Notice</source>
      <translation>公示期</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Post</source>
      <translation>岗位</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>选聘环节</translation>
    </message>
    <message>
      <source>Subsidies (yuan)</source>
      <translation>补贴合计（元）</translation>
    </message>
    <message>
      <source>Subsidy (yuan)</source>
      <translation>补贴（元）</translation>
    </message>
    <message>
      <source>Tier</source>
      <translation>岗位级别</translation>
    </message>
    <message>
      <source>To</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>岗位类型</translation>
    </message>
    <message>
      <source>Vacancy notice</source>
      <translation>岗位公告日期</translation>
    </message>
    <message>
      <source>not ok</source>
      <translation>不合格</translation>
    </message>
    <message>
      <source>ok</source>
      <translation>合格</translation>
    </message>
  </context>
  <context>
    <name>PostsPage</name>
    <message>
      <source>Application recorded.</source>
      <translation>已登记报名。</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>报名</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>资格审核</translation>
    </message>
    <message>
      <source>Choose a holder first.</source>
      <translation>请先选择在岗人员。</translation>
    </message>
    <message>
      <source>Choose a post and a person first.</source>
      <translation>请先选择岗位和报名人。</translation>
    </message>
    <message>
      <source>Choose an applicant or holder first.</source>
      <translation>请先选择报名或在岗人员。</translation>
    </message>
    <message>
      <source>Contract</source>
      <translation>签约</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Decided by</source>
      <translation>决定人</translation>
    </message>
    <message>
      <source>Done: %1</source>
      <translation>已办理：%1</translation>
    </message>
    <message>
      <source>Every holder meets the rules.</source>
      <translation>在岗人员全部符合规则。</translation>
    </message>
    <message>
      <source>Leave</source>
      <translation>离岗</translation>
    </message>
    <message>
      <source>Month recorded.</source>
      <translation>已登记在岗月份。</translation>
    </message>
    <message>
      <source>Month worked…</source>
      <translation>登记在岗月份…</translation>
    </message>
    <message>
      <source>New post…</source>
      <translation>新增岗位…</translation>
    </message>
    <message>
      <source>Post added.</source>
      <translation>已设立岗位。</translation>
    </message>
    <message>
      <source>Posts of the village</source>
      <translation>本村公益岗位</translation>
    </message>
    <message>
      <source>Reason (leaving, rejection)</source>
      <translation>原因（离岗、不予通过）</translation>
    </message>
    <message>
      <source>Reject</source>
      <translation>不予通过</translation>
    </message>
    <message>
      <source>Selection</source>
      <translation>选聘</translation>
    </message>
    <message>
      <source>Start notice</source>
      <translation>开始公示</translation>
    </message>
    <message>
      <source>Written override when a rule refuses</source>
      <translation>不符合规则时的书面同意意见</translation>
    </message>
  </context>
  <context>
    <name>WorkMonthsModel</name>
    <message>
      <source>%1, %2: %3</source>
      <translation>%1，%2：%3</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>务工渠道</translation>
    </message>
    <message>
      <source>County of work</source>
      <translation>务工地（县）</translation>
    </message>
    <message>
      <source>Employer</source>
      <translation>务工单位</translation>
    </message>
    <message>
      <source>From</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Industry</source>
      <translation>务工行业</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>成员</translation>
    </message>
    <message>
      <source>To</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <source>Transport subsidy (yuan)</source>
      <translation>交通补助（元）</translation>
    </message>
    <message>
      <source>Wage (yuan)</source>
      <translation>工资（元）</translation>
    </message>
    <message>
      <source>Worked</source>
      <translation>是否务工</translation>
    </message>
    <message>
      <source>an amount cannot be negative</source>
      <translation>金额不能为负数</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>no such code or label: %1</source>
      <translation>没有这个代码或名称：%1</translation>
    </message>
    <message>
      <source>not a date (type the day of the month, or YYYY-MM-DD)</source>
      <translation>不是日期（请输入当月几号，或 YYYY-MM-DD）</translation>
    </message>
    <message>
      <source>not an amount in yuan</source>
      <translation>不是以元为单位的金额</translation>
    </message>
    <message>
      <source>the date is not in this month</source>
      <translation>日期不在本月内</translation>
    </message>
    <message>
      <source>type 是 or 否 (1 or 0)</source>
      <translation>请输入“是”或“否”（1 或 0）</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
  </context>
  <context>
    <name>WorkMonthsPage</name>
    <message>
      <source>%1: %2 workers, %3 worked, %4 unsaved edits</source>
      <translation>%1：共 %2 人，务工 %3 人，%4 行未保存</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <source>Not accepted: %1</source>
      <translation>未接受：%1</translation>
    </message>
    <message>
      <source>Not saved: %1</source>
      <translation>未保存：%1</translation>
    </message>
    <message>
      <source>Nothing to save.</source>
      <translation>没有需要保存的修改。</translation>
    </message>
    <message>
      <source>Save month (Ctrl+S)</source>
      <translation>保存本月（Ctrl+S）</translation>
    </message>
    <message>
      <source>Save or undo this month's edits before changing the month.</source>
      <translation>请先保存或撤销本月的修改，再切换月份。</translation>
    </message>
    <message>
      <source>Saved %1 rows of %2.</source>
      <translation>已保存 %2 的 %1 行。</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
  </context>
</TS>
