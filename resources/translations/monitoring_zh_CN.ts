<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>MonitoringView</name>
    <message>
      <source>Choose a village in the tree to see its monitored households.</source>
      <translation>请在左侧选择行政村，查看其监测户。</translation>
    </message>
    <message>
      <source>New clue…</source>
      <translation>新增线索…</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>打印</translation>
    </message>
    <message>
      <source>Consent and authorisation form (selected household)</source>
      <translation>承诺授权书（所选户）</translation>
    </message>
    <message>
      <source>Information collection form (selected household)</source>
      <translation>信息采集表（所选户）</translation>
    </message>
    <message>
      <source>Home check form (selected household)</source>
      <translation>入户核查表（所选户）</translation>
    </message>
    <message>
      <source>Evaluation minutes (village)</source>
      <translation>民主评议会议记录（本村）</translation>
    </message>
    <message>
      <source>Village notice (village)</source>
      <translation>村内公示（本村）</translation>
    </message>
    <message>
      <source>Announcement (village)</source>
      <translation>公告（本村）</translation>
    </message>
    <message>
      <source>Risk-removal notice (village)</source>
      <translation>风险消除公示（本村）</translation>
    </message>
    <message>
      <source>All steps</source>
      <translation>全部步骤</translation>
    </message>
    <message>
      <source>All categories</source>
      <translation>全部类别</translation>
    </message>
    <message>
      <source>Overdue only</source>
      <translation>只看已超期</translation>
    </message>
    <message>
      <source>Head's name or household number</source>
      <translation>户主姓名或户编号</translation>
    </message>
    <message>
      <source>Other steps</source>
      <translation>其他步骤</translation>
    </message>
    <message>
      <source>Choose the scanned file…</source>
      <translation>选择扫描件…</translation>
    </message>
    <message>
      <source>Scans (*.pdf *.jpg *.jpeg *.png)</source>
      <translation>扫描件 (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
      <source>Clue recorded: the case is open.</source>
      <translation>线索已登记，已开始监测程序。</translation>
    </message>
    <message>
      <source>Steps for the selected household:</source>
      <translation>所选户今天可办理：</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <source>%1 – %2 list</source>
      <translation>%1 的%2</translation>
    </message>
  </context>
  <context>
    <name>MonitorBatchesPanel</name>
    <message>
      <source>New batch</source>
      <translation>新建批次</translation>
    </message>
    <message>
      <source>Close notice</source>
      <translation>结束公示</translation>
    </message>
    <message>
      <source>Monitoring batches</source>
      <translation>监测批次</translation>
    </message>
    <message>
      <source>Evaluation meeting…</source>
      <translation>民主评议会…</translation>
    </message>
    <message>
      <source>Village notice…</source>
      <translation>村内公示…</translation>
    </message>
    <message>
      <source>Risk removal evaluation…</source>
      <translation>消除风险评议会…</translation>
    </message>
    <message>
      <source>Risk removal notice…</source>
      <translation>消除风险公示…</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Dates</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Households</source>
      <translation>农户</translation>
    </message>
    <message>
      <source>Waiting for</source>
      <translation>待办事项</translation>
    </message>
    <message>
      <source>No monitored household of this village is at that step now.</source>
      <translation>本村目前没有处于该步骤的监测户。</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <source>Notice closed: %1 household(s) move on.</source>
      <translation>公示已结束：%1 户进入下一步。</translation>
    </message>
  </context>
  <context>
    <name>NewClueDialog</name>
    <message>
      <source>New clue</source>
      <translation>新增线索</translation>
    </message>
    <message>
      <source>Household on file</source>
      <translation>已建档农户</translation>
    </message>
    <message>
      <source>New household</source>
      <translation>新农户</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>农户</translation>
    </message>
    <message>
      <source>Head's name</source>
      <translation>户主姓名</translation>
    </message>
    <message>
      <source>Head's ID number</source>
      <translation>户主身份证号</translation>
    </message>
    <message>
      <source>Disaster type</source>
      <translation>自然灾害子项</translation>
    </message>
    <message>
      <source>Other risk</source>
      <translation>其他风险说明</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
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
      <source>Source</source>
      <translation>线索来源</translation>
    </message>
    <message>
      <source>Date found</source>
      <translation>发现日期</translation>
    </message>
    <message>
      <source>Risks (1–5)</source>
      <translation>风险类型（1–5 项）</translation>
    </message>
    <message>
      <source>Choose a household of the village, or give the new head's name and ID number.</source>
      <translation>请选择本村的农户，或填写新户户主姓名和身份证号。</translation>
    </message>
  </context>
  <context>
    <name>CardMonitoringPanel</name>
    <message>
      <source>This household has no monitoring case.</source>
      <translation>该户没有监测记录。</translation>
    </message>
    <message>
      <source> (set aside in writing)</source>
      <translation>（已书面特批）</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>步骤</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>By</source>
      <translation>经办人</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>理由</translation>
    </message>
    <message>
      <source> (line %1 yuan)</source>
      <translation>（监测线 %1 元）</translation>
    </message>
    <message>
      <source>%1: %2 yuan per person</source>
      <translation>%1 年人均纯收入 %2 元</translation>
    </message>
    <message>
      <source>Round %1, found %2: %3</source>
      <translation>第 %1 轮，%2 发现：%3</translation>
    </message>
    <message>
      <source>Term</source>
      <translation>对象称谓</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>监测类别</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>线索来源</translation>
    </message>
    <message>
      <source>Found</source>
      <translation>发现日期</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>办结期限</translation>
    </message>
    <message>
      <source>Included</source>
      <translation>纳入日期</translation>
    </message>
    <message>
      <source>Risks</source>
      <translation>风险类型</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>帮扶联系人</translation>
    </message>
    <message>
      <source>Income judged</source>
      <translation>核实收入</translation>
    </message>
    <message>
      <source>Removal guards</source>
      <translation>消除风险条件</translation>
    </message>
  </context>
  <context>
    <name>MonitoringCaseModel</name>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Household no.</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>监测类别</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>步骤</translation>
    </message>
    <message>
      <source>Found</source>
      <translation>发现日期</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>办结期限</translation>
    </message>
    <message>
      <source>Days left</source>
      <translation>剩余天数</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>帮扶联系人</translation>
    </message>
    <message>
      <source>Risks</source>
      <translation>风险类型</translation>
    </message>
  </context>
  <context>
    <name>MonitorActions</name>
    <message>
      <source>Clue recorded</source>
      <translation>线索登记</translation>
    </message>
    <message>
      <source>Home check</source>
      <translation>入户核实</translation>
    </message>
    <message>
      <source>Consent signed</source>
      <translation>承诺授权</translation>
    </message>
    <message>
      <source>Data comparison</source>
      <translation>信息比对</translation>
    </message>
    <message>
      <source>Democratic evaluation</source>
      <translation>民主评议</translation>
    </message>
    <message>
      <source>Start village notice</source>
      <translation>开始村内公示</translation>
    </message>
    <message>
      <source>Record objection</source>
      <translation>登记异议</translation>
    </message>
    <message>
      <source>Resolve objection</source>
      <translation>处理异议</translation>
    </message>
    <message>
      <source>Close village notice</source>
      <translation>结束村内公示</translation>
    </message>
    <message>
      <source>Township review</source>
      <translation>乡镇审核</translation>
    </message>
    <message>
      <source>County approval</source>
      <translation>县级审批</translation>
    </message>
    <message>
      <source>Include in monitoring</source>
      <translation>纳入监测</translation>
    </message>
    <message>
      <source>Refuse</source>
      <translation>不予纳入</translation>
    </message>
    <message>
      <source>Withdraw clue</source>
      <translation>撤销线索</translation>
    </message>
    <message>
      <source>Change contact</source>
      <translation>变更帮扶联系人</translation>
    </message>
    <message>
      <source>Propose risk removal</source>
      <translation>拟消除风险</translation>
    </message>
    <message>
      <source>Check risk removal</source>
      <translation>消除风险核实</translation>
    </message>
    <message>
      <source>Override a removal guard</source>
      <translation>消除风险条件特批</translation>
    </message>
    <message>
      <source>Removal evaluation</source>
      <translation>消除风险评议</translation>
    </message>
    <message>
      <source>Start removal notice</source>
      <translation>开始消除风险公示</translation>
    </message>
    <message>
      <source>Close removal notice</source>
      <translation>结束消除风险公示</translation>
    </message>
    <message>
      <source>Township review of removal</source>
      <translation>乡镇审核消除风险</translation>
    </message>
    <message>
      <source>County approval of removal</source>
      <translation>县级审批消除风险</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Monitoring</source>
      <translation>防返贫监测</translation>
    </message>
  </context>
  <context>
    <name>HouseholdCardDialog</name>
    <message>
      <source>Monitoring</source>
      <translation>防返贫监测</translation>
    </message>
  </context>
</TS>
