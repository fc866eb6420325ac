<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>PairingPage</name>
    <message>
      <source>looks after %1 households, over the limit of %2</source>
      <translation>帮扶 %1 户，超过上限 %2 户</translation>
    </message>
    <message>
      <source>Pair…</source>
      <translation>结对…</translation>
    </message>
    <message>
      <source>Add cadre…</source>
      <translation>新增干部…</translation>
    </message>
    <message>
      <source>Edit cadre…</source>
      <translation>修改干部…</translation>
    </message>
    <message>
      <source>Coverage check passed: all %1 households that must be covered are.</source>
      <translation>覆盖检查通过：应覆盖的 %1 户都已覆盖，没有干部超过上限。</translation>
    </message>
    <message>
      <source>%1 households must be covered: %2 findings, %3 cadres over their limit.</source>
      <translation>应覆盖 %1 户：未覆盖 %2 处，超过上限的干部 %3 名。</translation>
    </message>
    <message>
      <source>Household / cadre</source>
      <translation>户编号 / 干部</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>问题</translation>
    </message>
    <message>
      <source>Coverage check</source>
      <translation>覆盖检查</translation>
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
      <source>Stage</source>
      <translation>识别阶段</translation>
    </message>
    <message>
      <source>Pairing cadre</source>
      <translation>帮扶责任人</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>监测联系人</translation>
    </message>
    <message>
      <source>Households and their cadres</source>
      <translation>各户的帮扶责任人和监测联系人</translation>
    </message>
    <message>
      <source>Cadre</source>
      <translation>帮扶干部</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>派出单位</translation>
    </message>
    <message>
      <source>Rank</source>
      <translation>职级</translation>
    </message>
    <message>
      <source>Households</source>
      <translation>帮扶户数</translation>
    </message>
    <message>
      <source>Limit</source>
      <translation>上限</translation>
    </message>
    <message>
      <source>Cadres roster</source>
      <translation>帮扶干部名册</translation>
    </message>
  </context>
  <context>
    <name>CardPairingSection</name>
    <message>
      <source>Change pairing cadre…</source>
      <translation>更换帮扶责任人…</translation>
    </message>
    <message>
      <source>Set monitoring contact…</source>
      <translation>设置监测联系人…</translation>
    </message>
    <message>
      <source>End pairing…</source>
      <translation>结束结对…</translation>
    </message>
    <message>
      <source>current</source>
      <translation>当前</translation>
    </message>
    <message>
      <source>(on the card)</source>
      <translation>户卡登记</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>结对类型</translation>
    </message>
    <message>
      <source>Cadre</source>
      <translation>帮扶干部</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>派出单位</translation>
    </message>
    <message>
      <source>From</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <source>Until</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <source>Pairing cadre: %1    Monitoring contact: %2</source>
      <translation>帮扶责任人：%1    监测联系人：%2</translation>
    </message>
  </context>
  <context>
    <name>CadreDialog</name>
    <message>
      <source>Edit cadre</source>
      <translation>修改帮扶干部</translation>
    </message>
    <message>
      <source>Add cadre</source>
      <translation>新增帮扶干部</translation>
    </message>
    <message>
      <source>Name *</source>
      <translation>姓名 *</translation>
    </message>
    <message>
      <source>Sex</source>
      <translation>性别</translation>
    </message>
    <message>
      <source>Unit that sent them</source>
      <translation>派出单位</translation>
    </message>
    <message>
      <source>Rank</source>
      <translation>职级</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>职务</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Helping from</source>
      <translation>帮扶开始日期</translation>
    </message>
    <message>
      <source>Helping until</source>
      <translation>帮扶结束日期</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>PairDialog</name>
    <message>
      <source>Pair a cadre</source>
      <translation>结对帮扶</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>结对类型</translation>
    </message>
    <message>
      <source>Cadre</source>
      <translation>帮扶干部</translation>
    </message>
    <message>
      <source>From</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <source>%1 households</source>
      <translation>已帮扶 %1 户</translation>
    </message>
  </context>
  <context>
    <name>EndPairingDialog</name>
    <message>
      <source>End pairing</source>
      <translation>结束结对</translation>
    </message>
    <message>
      <source>Pairing</source>
      <translation>结对</translation>
    </message>
    <message>
      <source>Last day</source>
      <translation>最后一天</translation>
    </message>
    <message>
      <source>Reason *</source>
      <translation>原因 *</translation>
    </message>
  </context>
  <context>
    <name>VisitDialog</name>
    <message>
      <source>Record a visit</source>
      <translation>登记走访</translation>
    </message>
    <message>
      <source>Add photos…</source>
      <translation>添加照片…</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>走访日期</translation>
    </message>
    <message>
      <source>Cadre</source>
      <translation>帮扶干部</translation>
    </message>
    <message>
      <source>Found *</source>
      <translation>发现的情况 *</translation>
    </message>
    <message>
      <source>Agreed</source>
      <translation>商定的事项</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <source>Photos of the visit</source>
      <translation>走访照片</translation>
    </message>
    <message>
      <source>Images (*.jpg *.jpeg *.png)</source>
      <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
  </context>
  <context>
    <name>CardVisitsSection</name>
    <message>
      <source>Record a visit…</source>
      <translation>登记走访…</translation>
    </message>
    <message>
      <source>%1 %2: %3 visits in %4, at least %5</source>
      <translation>%1 %2：%4 年走访 %3 次，应至少 %5 次</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>走访日期</translation>
    </message>
    <message>
      <source>Cadre</source>
      <translation>帮扶干部</translation>
    </message>
    <message>
      <source>Found</source>
      <translation>发现的情况</translation>
    </message>
    <message>
      <source>Agreed</source>
      <translation>商定的事项</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <source>No pairing this year: no minimum of visits.</source>
      <translation>本年没有结对，无走访次数要求。</translation>
    </message>
    <message>
      <source> — too few</source>
      <translation>（不足）</translation>
    </message>
  </context>
</TS>
