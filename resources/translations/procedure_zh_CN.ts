<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>ProcedurePanel</name>
    <message>
      <source>Monitoring since 2021: %1, clue found %2 — see the Monitoring tab</source>
      <translation>防返贫监测：%1，线索发现于 %2——详见“防返贫监测”页</translation>
    </message>
    <message>
      <source>Withdraw last step…</source>
      <translation>撤回上一步…</translation>
    </message>
    <message>
      <source>Withdraw “%1” of %2, entered by mistake</source>
      <translation>撤回 %2 录入有误的“%1”</translation>
    </message>
    <message>
      <source> (withdrawn)</source>
      <translation>（已撤回）</translation>
    </message>
    <message>
      <source>The last step was withdrawn; the household is back where it was.</source>
      <translation>已撤回上一步，本户已回到该步骤之前的环节。</translation>
    </message>
    <message>
      <source>What can be done now</source>
      <translation>现在可进行的操作</translation>
    </message>
    <message>
      <source>No procedure step is open for this household.</source>
      <translation>本户目前没有可进行的程序步骤。</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>环节</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Signed by</source>
      <translation>经办/签字</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结论</translation>
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
      <source>%1  %2 — current step: %3</source>
      <translation>%1  %2 — 当前环节：%3</translation>
    </message>
    <message numerus="yes">
      <source>%n objection(s) waiting to be resolved</source>
      <translation>
        <numerusform>%n 条异议待处理</numerusform>
      </translation>
    </message>
    <message>
      <source>An exclusion applies: it needs a written override before the evaluation</source>
      <translation>触及排除条件：须书面认定例外后才能民主评议</translation>
    </message>
    <message>
      <source>Record application</source>
      <translation>登记申请</translation>
    </message>
    <message>
      <source>Complete household survey</source>
      <translation>完成入户调查</translation>
    </message>
    <message>
      <source>Override exclusion</source>
      <translation>排除条件例外认定</translation>
    </message>
    <message>
      <source>Do not pursue</source>
      <translation>不予识别</translation>
    </message>
    <message>
      <source>Democratic evaluation</source>
      <translation>民主评议</translation>
    </message>
    <message>
      <source>Start village announcement</source>
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
      <source>Close village announcement</source>
      <translation>结束村内公示</translation>
    </message>
    <message>
      <source>Township review</source>
      <translation>乡镇审核</translation>
    </message>
    <message>
      <source>Start township announcement</source>
      <translation>开始乡镇公示</translation>
    </message>
    <message>
      <source>Close township announcement</source>
      <translation>结束乡镇公示</translation>
    </message>
    <message>
      <source>County approval</source>
      <translation>县级审批</translation>
    </message>
    <message>
      <source>County notice</source>
      <translation>县级公告</translation>
    </message>
    <message>
      <source>Propose exit</source>
      <translation>提出退出</translation>
    </message>
    <message>
      <source>Verify exit conditions</source>
      <translation>核验退出条件</translation>
    </message>
    <message>
      <source>Household signs</source>
      <translation>户签字认可</translation>
    </message>
    <message>
      <source>Start exit announcement</source>
      <translation>开始退出公示</translation>
    </message>
    <message>
      <source>Close exit announcement</source>
      <translation>结束退出公示</translation>
    </message>
    <message>
      <source>Exit notice</source>
      <translation>退出公告</translation>
    </message>
    <message>
      <source>Withdraw exit</source>
      <translation>撤回退出</translation>
    </message>
    <message>
      <source>Remove from register</source>
      <translation>清退</translation>
    </message>
    <message>
      <source>Return to poverty</source>
      <translation>返贫/重新申请</translation>
    </message>
    <message>
      <source>Member joins</source>
      <translation>成员增加</translation>
    </message>
    <message>
      <source>Member leaves</source>
      <translation>成员减少</translation>
    </message>
  </context>
  <context>
    <name>BatchesView</name>
    <message>
      <source>Choose a village in the tree to see its batches.</source>
      <translation>请在左侧选择一个行政村查看其批次。</translation>
    </message>
    <message>
      <source>New batch</source>
      <translation>新建批次</translation>
    </message>
    <message>
      <source>Batches of %1</source>
      <translation>%1的批次</translation>
    </message>
    <message>
      <source>Democratic evaluation meeting…</source>
      <translation>民主评议会…</translation>
    </message>
    <message>
      <source>Village announcement…</source>
      <translation>村内公示…</translation>
    </message>
    <message>
      <source>Township review…</source>
      <translation>乡镇审核…</translation>
    </message>
    <message>
      <source>Township announcement…</source>
      <translation>乡镇公示…</translation>
    </message>
    <message>
      <source>County approval…</source>
      <translation>县级审批…</translation>
    </message>
    <message>
      <source>County notice…</source>
      <translation>县级公告…</translation>
    </message>
    <message>
      <source>Exit announcement…</source>
      <translation>退出公示…</translation>
    </message>
    <message>
      <source>Exit notice…</source>
      <translation>退出公告…</translation>
    </message>
    <message>
      <source>Look-back round…</source>
      <translation>回头看…</translation>
    </message>
    <message>
      <source>Record votes</source>
      <translation>录入票数</translation>
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
      <source>Confirm households</source>
      <translation>核实无误</translation>
    </message>
    <message>
      <source>Wrongly included…</source>
      <translation>认定错评…</translation>
    </message>
    <message>
      <source>Add missed household…</source>
      <translation>漏评补录…</translation>
    </message>
    <message>
      <source>Close batch</source>
      <translation>结束批次</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>户</translation>
    </message>
    <message>
      <source>Votes for/against/abstain</source>
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
    <message>
      <source>Finding households</source>
      <translation>正在查找可进行此步骤的户</translation>
    </message>
    <message>
      <source>No household of this village can take this step now.</source>
      <translation>本村目前没有可进行此步骤的户。</translation>
    </message>
    <message>
      <source>Monitoring list…</source>
      <translation>防返贫监测…</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>打印</translation>
    </message>
    <message>
      <source>Print the documents of the selected batch</source>
      <translation>打印所选批次的文书</translation>
    </message>
    <message>
      <source>Announcement list…</source>
      <translation>公示名单…</translation>
    </message>
    <message>
      <source>Exit announcement list…</source>
      <translation>退出公示名单…</translation>
    </message>
    <message>
      <source>Evaluation minutes…</source>
      <translation>民主评议会议记录…</translation>
    </message>
    <message>
      <source>Objection record…</source>
      <translation>异议处理记录…</translation>
    </message>
    <message>
      <source>Notice…</source>
      <translation>公告…</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <source>Evaluation closed: %1 household(s) passed, %2 did not pass.</source>
      <translation>评议结束：%1 户通过，%2 户未通过。</translation>
    </message>
    <message>
      <source>Look-back closed: %1 checked, %2 confirmed, %3 wrongly included, %4 missed and added.</source>
      <translation>回头看结束：核查在册户 %1 户，确认 %2 户，错评清退 %3 户，漏评补录 %4 户。</translation>
    </message>
    <message>
      <source>Announcement closed: %1 household(s) move on to the next step.</source>
      <translation>公示已结束，%1 户进入下一步。</translation>
    </message>
  </context>
  <context>
    <name>BatchTableModel</name>
    <message>
      <source>Number</source>
      <translation>批次编号</translation>
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
      <translation>户数</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Waiting for</source>
      <translation>等待事项</translation>
    </message>
    <message>
      <source>open</source>
      <translation>进行中</translation>
    </message>
    <message>
      <source>closed</source>
      <translation>已结束</translation>
    </message>
  </context>
  <context>
    <name>StepFormDialog</name>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>MonitoringDialog</name>
    <message>
      <source>Households to monitor</source>
      <translation>防返贫监测户</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>正在加载…</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>户</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>环节</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>监测原因</translation>
    </message>
    <message>
      <source>May re-enter</source>
      <translation>可重新申请</translation>
    </message>
    <message>
      <source>Return to poverty / apply again…</source>
      <translation>返贫/重新申请…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message numerus="yes">
      <source>%n household(s) to monitor</source>
      <translation>
        <numerusform>监测户 %n 户</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>VotesTable</name>
    <message>
      <source>Household</source>
      <translation>户</translation>
    </message>
    <message>
      <source>For</source>
      <translation>赞成</translation>
    </message>
    <message>
      <source>Against</source>
      <translation>反对</translation>
    </message>
    <message>
      <source>Abstain</source>
      <translation>弃权</translation>
    </message>
    <message>
      <source>Household head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Group</source>
      <translation>村民小组</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <source> and %1 more</source>
      <translation>等，另有 %1 户</translation>
    </message>
    <message>
      <source>For + against + abstain exceeds the %1 present for: %2%3. Correct the marked rows, then save.</source>
      <translation>以下户的赞成、反对、弃权票合计超过实到人数 %1：%2%3。请改正标红的行后再保存。</translation>
    </message>
    <message>
      <source>More votes than the %1 present</source>
      <translation>票数合计超过实到人数 %1</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>%1 (%2 votes)</source>
      <translation>%1（%2 票）</translation>
    </message>
  </context>
  <context>
    <name>_HouseholdList</name>
    <message>
      <source>Select all</source>
      <translation>全选</translation>
    </message>
    <message>
      <source>Select none</source>
      <translation>全不选</translation>
    </message>
    <message numerus="yes">
      <source>%n household(s) chosen</source>
      <translation>
        <numerusform>已选 %n 户</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>WithdrawStepDialog</name>
    <message>
      <source>Withdraw last step</source>
      <translation>撤回上一步</translation>
    </message>
    <message>
      <source>Withdraw “%1” of %2? It stays in the record, marked as withdrawn with your reason, and the household goes back to where it was before it.</source>
      <translation>撤回 %2 的“%1”？该步骤仍保留在程序记录中，标明已撤回及原因，本户回到该步骤之前的环节。</translation>
    </message>
    <message>
      <source>Reason (required)</source>
      <translation>原因（必填）</translation>
    </message>
    <message>
      <source>Withdraw</source>
      <translation>撤回</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
</TS>
