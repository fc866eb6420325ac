<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>BasicTab</name>
    <message>
      <source>Village</source>
      <translation>行政村</translation>
    </message>
    <message>
      <source>Village group</source>
      <translation>村民小组</translation>
    </message>
    <message>
      <source>Household number *</source>
      <translation>户编号 *</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>住址</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>开户银行</translation>
    </message>
    <message>
      <source>Bank account</source>
      <translation>银行账号</translation>
    </message>
    <message>
      <source>Household attribute</source>
      <translation>贫困户属性</translation>
    </message>
    <message>
      <source>Identification standard *</source>
      <translation>识别标准 *</translation>
    </message>
    <message>
      <source>Identification year</source>
      <translation>识别年度</translation>
    </message>
    <message>
      <source>Procedure stage</source>
      <translation>识别程序阶段</translation>
    </message>
    <message>
      <source>Poverty status</source>
      <translation>脱贫状态</translation>
    </message>
    <message>
      <source>Exit year</source>
      <translation>脱贫年度</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>(the member whose relation is head)</source>
      <translation>（与户主关系为“户主”的成员）</translation>
    </message>
  </context>
  <context>
    <name>CadreTab</name>
    <message>
      <source>Choose a cadre on file</source>
      <translation>选择已登记的帮扶责任人</translation>
    </message>
    <message>
      <source>Enter a new cadre</source>
      <translation>录入新的帮扶责任人</translation>
    </message>
    <message>
      <source>Find a cadre of the county by name</source>
      <translation>按姓名查找全县的帮扶责任人</translation>
    </message>
    <message>
      <source>Find</source>
      <translation>查找</translation>
    </message>
    <message>
      <source>Pairing cadre</source>
      <translation>帮扶责任人</translation>
    </message>
    <message>
      <source>Name *</source>
      <translation>姓名 *</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>工作单位</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
  </context>
  <context>
    <name>CausesTab</name>
    <message>
      <source>Main poverty cause</source>
      <translation>主要致贫原因</translation>
    </message>
    <message>
      <source>Other causes</source>
      <translation>其他致贫原因</translation>
    </message>
  </context>
  <context>
    <name>ChecklistTab</name>
    <message>
      <source>Checklist item</source>
      <translation>核查项目</translation>
    </message>
    <message>
      <source>Assessment</source>
      <translation>判断</translation>
    </message>
    <message>
      <source>From the member table</source>
      <translation>根据家庭成员信息自动判断</translation>
    </message>
    <message>
      <source>Enter the members and the income year to see the assessment.</source>
      <translation>录入家庭成员和收入年度后显示识别判断。</translation>
    </message>
    <message>
      <source>Meets the identification conditions</source>
      <translation>符合识别条件</translation>
    </message>
    <message>
      <source>Does not meet the identification conditions</source>
      <translation>不符合识别条件</translation>
    </message>
  </context>
  <context>
    <name>GuaranteesTab</name>
    <message>
      <source>Guarantee</source>
      <translation>项目</translation>
    </message>
    <message>
      <source>Met</source>
      <translation>是否达到</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>HistoryTab</name>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>项目</translation>
    </message>
    <message>
      <source>Old</source>
      <translation>原值</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新值</translation>
    </message>
  </context>
  <context>
    <name>HouseholdCardDialog</name>
    <message>
      <source>Unsaved changes</source>
      <translation>有未保存的修改</translation>
    </message>
    <message>
      <source>This card has merge conflicts that a person must decide.</source>
      <translation>本户卡有合并冲突，需要人工确认。</translation>
    </message>
    <message>
      <source>Resolve conflicts…</source>
      <translation>处理合并冲突…</translation>
    </message>
    <message>
      <source>Basic information</source>
      <translation>基本信息</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>家庭成员</translation>
    </message>
    <message>
      <source>Production and living conditions</source>
      <translation>生产生活条件</translation>
    </message>
    <message>
      <source>Income</source>
      <translation>收入情况</translation>
    </message>
    <message>
      <source>Two no-worries, three guarantees</source>
      <translation>两不愁三保障</translation>
    </message>
    <message>
      <source>Poverty causes</source>
      <translation>致贫原因</translation>
    </message>
    <message>
      <source>Checklists</source>
      <translation>核查清单</translation>
    </message>
    <message>
      <source>Pairing cadre</source>
      <translation>帮扶责任人</translation>
    </message>
    <message>
      <source>Assistance measures</source>
      <translation>帮扶措施</translation>
    </message>
    <message>
      <source>History</source>
      <translation>修改记录</translation>
    </message>
    <message>
      <source>Print card…</source>
      <translation>打印户卡…</translation>
    </message>
    <message>
      <source>Revert all unsaved changes</source>
      <translation>撤销全部未保存的修改</translation>
    </message>
    <message>
      <source>Save (Ctrl+S)</source>
      <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Identification procedure</source>
      <translation>识别程序</translation>
    </message>
    <message>
      <source>Household card %1 %2</source>
      <translation>户卡 %1 %2</translation>
    </message>
    <message>
      <source>New household card %1 %2</source>
      <translation>新建户卡 %1 %2</translation>
    </message>
    <message>
      <source>Save the card before printing it</source>
      <translation>请先保存户卡再打印</translation>
    </message>
    <message>
      <source>Open that household's card</source>
      <translation>打开该户户卡</translation>
    </message>
    <message>
      <source>Resident ID is valid</source>
      <translation>身份证号码有效</translation>
    </message>
    <message>
      <source>Resident ID is invalid: %1</source>
      <translation>身份证号码无效：%1</translation>
    </message>
    <message>
      <source>(no name)</source>
      <translation>（未填姓名）</translation>
    </message>
    <message>
      <source>Remove member</source>
      <translation>删除成员</translation>
    </message>
    <message>
      <source>Remove %1 from this card? The member stays in the history.</source>
      <translation>从本户卡中删除 %1？删除记录会保留在修改记录中。</translation>
    </message>
    <message>
      <source>Nothing to undo</source>
      <translation>没有可撤销的修改</translation>
    </message>
    <message>
      <source>Unsaved changes were reverted</source>
      <translation>已撤销全部未保存的修改</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
    <message>
      <source>The procedure changed the members; the member table was reloaded</source>
      <translation>识别程序已变更家庭成员，成员表已重新载入</translation>
    </message>
    <message>
      <source>This card has unsaved changes. Save them before closing?</source>
      <translation>本户卡有未保存的修改，关闭前是否保存？</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>不保存</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>IncomeTab</name>
    <message>
      <source>Household income of the year (yuan)</source>
      <translation>家庭年收入（元）</translation>
    </message>
    <message>
      <source>Income year</source>
      <translation>收入年度</translation>
    </message>
    <message>
      <source>Wage income</source>
      <translation>工资性收入</translation>
    </message>
    <message>
      <source>Production and business income</source>
      <translation>生产经营性收入</translation>
    </message>
    <message>
      <source>Property income</source>
      <translation>财产性收入</translation>
    </message>
    <message>
      <source>Transfer income (subsidies, pensions, allowances)</source>
      <translation>转移性收入（补贴、养老金、低保金等）</translation>
    </message>
    <message>
      <source>Production costs</source>
      <translation>生产经营性支出</translation>
    </message>
    <message>
      <source>Medical expense</source>
      <translation>医疗支出</translation>
    </message>
    <message>
      <source>Disaster loss</source>
      <translation>灾害损失</translation>
    </message>
    <message>
      <source>Per-capita net income against the poverty line</source>
      <translation>人均纯收入与贫困线对比</translation>
    </message>
    <message>
      <source>Members on the card</source>
      <translation>在册人口</translation>
    </message>
    <message>
      <source>Net income (yuan)</source>
      <translation>纯收入（元）</translation>
    </message>
    <message>
      <source>Per-capita net income (yuan)</source>
      <translation>人均纯收入（元）</translation>
    </message>
    <message>
      <source>Poverty line (yuan)</source>
      <translation>贫困线（元）</translation>
    </message>
    <message>
      <source>Margin (yuan)</source>
      <translation>差额（元）</translation>
    </message>
    <message>
      <source>Assessment</source>
      <translation>判断</translation>
    </message>
    <message>
      <source>Enter the members and the income year to compute the per-capita income.</source>
      <translation>录入家庭成员和收入年度后自动计算人均纯收入。</translation>
    </message>
    <message>
      <source>No line entered for %1</source>
      <translation>未录入 %1 年贫困线</translation>
    </message>
  </context>
  <context>
    <name>LivingTab</name>
    <message>
      <source>Arable land (mu)</source>
      <translation>耕地面积（亩）</translation>
    </message>
    <message>
      <source>Forest land (mu)</source>
      <translation>林地面积（亩）</translation>
    </message>
    <message>
      <source>Grassland (mu)</source>
      <translation>草地面积（亩）</translation>
    </message>
    <message>
      <source>Housing area (m²)</source>
      <translation>住房面积（平方米）</translation>
    </message>
    <message>
      <source>Housing safety grade</source>
      <translation>住房安全等级</translation>
    </message>
    <message>
      <source>Safe drinking water</source>
      <translation>饮水安全</translation>
    </message>
    <message>
      <source>Electricity</source>
      <translation>通生活用电</translation>
    </message>
    <message>
      <source>Distance to a hardened road (km)</source>
      <translation>距硬化路距离（公里）</translation>
    </message>
    <message>
      <source>Road to the house</source>
      <translation>入户路类型</translation>
    </message>
    <message>
      <source>Livestock</source>
      <translation>牲畜</translation>
    </message>
  </context>
  <context>
    <name>MeasureModel</name>
    <message>
      <source> (yuan)</source>
      <translation>（元）</translation>
    </message>
    <message>
      <source> (YYYY-MM-DD)</source>
      <translation>（如 2019-03-01）</translation>
    </message>
    <message>
      <source>Year *</source>
      <translation>年度 *</translation>
    </message>
    <message>
      <source>Measure type *</source>
      <translation>措施类型 *</translation>
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
      <source>Funds source</source>
      <translation>资金来源</translation>
    </message>
    <message>
      <source>Start (YYYY-MM-DD)</source>
      <translation>开始日期（如 2019-03-01）</translation>
    </message>
    <message>
      <source>End (YYYY-MM-DD)</source>
      <translation>结束日期（如 2019-12-31）</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>成效</translation>
    </message>
    <message>
      <source>Delivered</source>
      <translation>已落实</translation>
    </message>
  </context>
  <context>
    <name>MeasuresTab</name>
    <message>
      <source>Add measure</source>
      <translation>添加措施</translation>
    </message>
    <message>
      <source>Remove measure</source>
      <translation>删除措施</translation>
    </message>
  </context>
  <context>
    <name>MemberTableModel</name>
    <message>
      <source>Name *</source>
      <translation>姓名 *</translation>
    </message>
    <message>
      <source>Resident ID *</source>
      <translation>身份证号码 *</translation>
    </message>
    <message>
      <source>Relation to head *</source>
      <translation>与户主关系 *</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>性别</translation>
    </message>
    <message>
      <source>Birth date</source>
      <translation>出生日期</translation>
    </message>
    <message>
      <source>Ethnicity</source>
      <translation>民族</translation>
    </message>
    <message>
      <source>Education</source>
      <translation>文化程度</translation>
    </message>
    <message>
      <source>In school</source>
      <translation>在校生状况</translation>
    </message>
    <message>
      <source>Health</source>
      <translation>健康状况</translation>
    </message>
    <message>
      <source>Disability grade</source>
      <translation>残疾等级</translation>
    </message>
    <message>
      <source>Labour ability</source>
      <translation>劳动技能</translation>
    </message>
    <message>
      <source>Work status</source>
      <translation>务工状况</translation>
    </message>
    <message>
      <source>Months away</source>
      <translation>务工时间（月）</translation>
    </message>
    <message>
      <source>Medical insurance</source>
      <translation>基本医疗保险</translation>
    </message>
    <message>
      <source>Serious-illness insurance</source>
      <translation>大病保险</translation>
    </message>
    <message>
      <source>Pension insurance</source>
      <translation>养老保险</translation>
    </message>
    <message>
      <source>Subsistence allowance</source>
      <translation>享受低保</translation>
    </message>
    <message>
      <source>Public official</source>
      <translation>公职人员</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>On the card</source>
      <translation>在册</translation>
    </message>
  </context>
  <context>
    <name>MembersTab</name>
    <message>
      <source>Add member (Ctrl+N)</source>
      <translation>添加成员 (Ctrl+N)</translation>
    </message>
    <message>
      <source>Remove member (Del)</source>
      <translation>删除成员 (Del)</translation>
    </message>
  </context>
  <context>
    <name>TriStateCombo</name>
    <message>
      <source>Not checked</source>
      <translation>未核实</translation>
    </message>
  </context>
</TS>