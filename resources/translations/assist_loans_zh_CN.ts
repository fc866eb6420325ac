<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>CardLoansSection</name>
    <message>
      <source>Add a loan…</source>
      <translation>登记贷款…</translation>
    </message>
    <message>
      <source>Record a repayment…</source>
      <translation>登记还款…</translation>
    </message>
    <message>
      <source>Extend…</source>
      <translation>展期…</translation>
    </message>
    <message>
      <source>Renew…</source>
      <translation>续贷…</translation>
    </message>
    <message>
      <source>Settle</source>
      <translation>结清</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>期次</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>到期日</translation>
    </message>
    <message>
      <source>Principal</source>
      <translation>本金</translation>
    </message>
    <message>
      <source>Interest</source>
      <translation>利息</translation>
    </message>
    <message>
      <source>Left after</source>
      <translation>剩余本金</translation>
    </message>
    <message>
      <source>Paid on</source>
      <translation>还款日期</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Remove the selected repayment</source>
      <translation>删除选中的还款记录</translation>
    </message>
    <message>
      <source>No loan recorded.</source>
      <translation>本户没有贷款记录。</translation>
    </message>
    <message>
      <source>%1 (%2): %3 yuan at %4 %, %5 to %6; purpose: %7; credit rating %8</source>
      <translation>合同 %1（%2）：%3 元，年利率 %4%，%5 至 %6；用途：%7；信用等级 %8</translation>
    </message>
    <message>
      <source>; extended from %1: %2</source>
      <translation>；原到期日 %1，展期原因：%2</translation>
    </message>
    <message>
      <source>typed</source>
      <translation>手工登记</translation>
    </message>
    <message>
      <source>bank statement</source>
      <translation>银行流水</translation>
    </message>
    <message>
      <source>renewal</source>
      <translation>续贷结清</translation>
    </message>
    <message>
      <source>The repayment of %1 was removed.</source>
      <translation>已删除 %1 的还款记录。</translation>
    </message>
    <message>
      <source>Contract %1 settled.</source>
      <translation>合同 %1 已结清。</translation>
    </message>
  </context>
  <context>
    <name>ExtensionDialog</name>
    <message>
      <source>Extend a loan</source>
      <translation>贷款展期</translation>
    </message>
    <message>
      <source>Contract %1, due %2</source>
      <translation>合同 %1，到期日 %2</translation>
    </message>
    <message>
      <source>New due date</source>
      <translation>展期后到期日</translation>
    </message>
    <message>
      <source>A reason beyond the borrower's control, e.g. a flood</source>
      <translation>借款人无法控制的原因，如洪灾</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>展期原因</translation>
    </message>
  </context>
  <context>
    <name>LoanDialog</name>
    <message>
      <source>Renew a loan</source>
      <translation>续贷</translation>
    </message>
    <message>
      <source>Add a loan</source>
      <translation>登记贷款</translation>
    </message>
    <message>
      <source>Borrower</source>
      <translation>借款人</translation>
    </message>
    <message>
      <source>By the drawdown date</source>
      <translation>按放款日期自动选用</translation>
    </message>
    <message>
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <source>Drawn on</source>
      <translation>放款日期</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source> months</source>
      <translation> 个月</translation>
    </message>
    <message>
      <source>Term</source>
      <translation>期限</translation>
    </message>
    <message>
      <source>Annual percent, e.g. 4.35 (empty: the product's highest)</source>
      <translation>年利率百分数，如 4.35（不填则为产品最高利率）</translation>
    </message>
    <message>
      <source>Rate (%)</source>
      <translation>年利率（%）</translation>
    </message>
    <message>
      <source>Credit rating</source>
      <translation>信用等级</translation>
    </message>
    <message>
      <source>Credit line (yuan)</source>
      <translation>授信额度（元）</translation>
    </message>
    <message>
      <source>Contract number</source>
      <translation>借款合同号</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>贷款银行</translation>
    </message>
    <message>
      <source>For production only, e.g. raising cattle</source>
      <translation>只用于发展生产，如养殖肉牛</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>用途</translation>
    </message>
    <message>
      <source>Industry</source>
      <translation>产业</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>LoansPage</name>
    <message>
      <source>As of</source>
      <translation>计算日期</translation>
    </message>
    <message>
      <source>Household number, head, borrower or contract</source>
      <translation>户编号、户主、借款人或合同号</translation>
    </message>
    <message>
      <source>Import bank statement…</source>
      <translation>导入银行还款流水…</translation>
    </message>
    <message>
      <source>Loan ledger</source>
      <translation>贷款台账</translation>
    </message>
    <message>
      <source>Household number</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>行政村</translation>
    </message>
    <message>
      <source>Eligible as</source>
      <translation>符合的对象</translation>
    </message>
    <message>
      <source>Eligible, not borrowing</source>
      <translation>应贷未贷</translation>
    </message>
    <message>
      <source>Choose a village in the area tree.</source>
      <translation>请在左侧区域树中选择一个行政村。</translation>
    </message>
    <message>
      <source>Eligible, not borrowing (%1)</source>
      <translation>应贷未贷（%1 户）</translation>
    </message>
    <message>
      <source>%1 loans, amount %2, balance %3, overdue %4 (%5 loans), unpaid interest %6, subsidy %7 yuan</source>
      <translation>共 %1 笔，金额 %2 元，余额 %3 元，逾期 %4 元（%5 笔），欠息 %6 元，贴息 %7 元</translation>
    </message>
  </context>
  <context>
    <name>RepaymentDialog</name>
    <message>
      <source>Record a repayment</source>
      <translation>登记还款</translation>
    </message>
    <message>
      <source>Contract %1, balance %2 yuan</source>
      <translation>合同 %1，余额 %2 元</translation>
    </message>
    <message>
      <source>Paid on</source>
      <translation>还款日期</translation>
    </message>
    <message>
      <source>Principal (yuan)</source>
      <translation>还款本金（元）</translation>
    </message>
    <message>
      <source>Interest (yuan)</source>
      <translation>还款利息（元）</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>StatementImportDialog</name>
    <message>
      <source>Import a bank repayment statement</source>
      <translation>导入银行还款流水</translation>
    </message>
    <message>
      <source>An .xlsx, .xls, .ods or .csv file with a contract or ID column</source>
      <translation>含合同号或身份证号列的 .xlsx、.xls、.ods 或 .csv 文件</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Check the file first: every row is listed with what would become of it and nothing is written. Rows imported before are never added twice.</source>
      <translation>请先预检：每一行都会列出导入后的结果，预检不写入任何内容。以前导入过的还款不会重复登记。</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>行号</translation>
    </message>
    <message>
      <source>Contract</source>
      <translation>合同号</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <source>Household number</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Principal / interest (yuan)</source>
      <translation>本金 / 利息（元）</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>说明</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>预检</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Bank repayment statement</source>
      <translation>银行还款流水</translation>
    </message>
    <message>
      <source>Spreadsheets (*.xlsx *.xls *.ods *.csv)</source>
      <translation>电子表格 (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>正在预检…</translation>
    </message>
    <message>
      <source>Cancelled: nothing was imported.</source>
      <translation>已取消：没有导入任何内容。</translation>
    </message>
    <message>
      <source>Imported</source>
      <translation>已导入</translation>
    </message>
    <message>
      <source>To import</source>
      <translation>将导入</translation>
    </message>
    <message>
      <source>Imported before</source>
      <translation>以前已导入</translation>
    </message>
    <message>
      <source>Repeated</source>
      <translation>文件中重复</translation>
    </message>
    <message>
      <source>Not on file</source>
      <translation>本库中没有</translation>
    </message>
    <message>
      <source>Invalid</source>
      <translation>无效</translation>
    </message>
    <message>
      <source>%1: %2 rows, %3 matched to a loan; %4 repayments imported.</source>
      <translation>%1：共 %2 行，对上贷款 %3 行；已导入 %4 笔还款。</translation>
    </message>
    <message>
      <source>%1: %2 rows, %3 matched to a loan; %4 repayments would be imported. Nothing written yet.</source>
      <translation>%1：共 %2 行，对上贷款 %3 行；将导入 %4 笔还款。尚未写入。</translation>
    </message>
    <message>
      <source>Nothing was imported: %1</source>
      <translation>没有导入任何内容：%1</translation>
    </message>
  </context>
  <context>
    <name>LoanTableModel</name>
    <message>
      <source>Household number</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Head</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Borrower</source>
      <translation>借款人</translation>
    </message>
    <message>
      <source>Contract</source>
      <translation>合同号</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>贷款银行</translation>
    </message>
    <message>
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <source>Amount (yuan)</source>
      <translation>金额（元）</translation>
    </message>
    <message>
      <source>Rate (%)</source>
      <translation>年利率（%）</translation>
    </message>
    <message>
      <source>Drawn</source>
      <translation>放款日期</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>到期日</translation>
    </message>
    <message>
      <source>Balance (yuan)</source>
      <translation>余额（元）</translation>
    </message>
    <message>
      <source>Overdue (yuan)</source>
      <translation>逾期金额（元）</translation>
    </message>
    <message>
      <source>Days overdue</source>
      <translation>逾期天数</translation>
    </message>
    <message>
      <source>Unpaid interest (yuan)</source>
      <translation>欠息（元）</translation>
    </message>
    <message>
      <source>Subsidy accrued (yuan)</source>
      <translation>应贴息（元）</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>All loans</source>
      <translation>全部贷款</translation>
    </message>
    <message>
      <source>Not settled</source>
      <translation>未结清</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>逾期</translation>
    </message>
    <message>
      <source>Unpaid interest</source>
      <translation>欠息</translation>
    </message>
    <message>
      <source>Settled</source>
      <translation>已结清</translation>
    </message>
    <message>
      <source>Settled %1</source>
      <translation>%1 结清</translation>
    </message>
    <message>
      <source>Extended</source>
      <translation>已展期</translation>
    </message>
    <message>
      <source>Renewal</source>
      <translation>续贷</translation>
    </message>
    <message>
      <source>Current</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>Overdue since %1</source>
      <translation>自 %1 起逾期</translation>
    </message>
    <message>
      <source>Unpaid since %1</source>
      <translation>自 %1 起欠息</translation>
    </message>
  </context>
</TS>
