<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>HouseholdActions</name>
    <message>
      <source>Household action</source>
      <translation>户操作</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>确定</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Reason (required, kept in the history)</source>
      <translation>原因（必填，记入修改记录）</translation>
    </message>
    <message>
      <source>Remove household card</source>
      <translation>删除户卡</translation>
    </message>
    <message>
      <source>Remove card</source>
      <translation>删除户卡</translation>
    </message>
    <message>
      <source>Only for a card created by mistake (a duplicate or a test). The card stays in the archive as removed; a household with procedure steps cannot be removed.</source>
      <translation>仅用于录入有误的户卡（重复录入或试录）。户卡以“已删除”保留在档案中；已有识别程序记录的户不能删除。</translation>
    </message>
    <message>
      <source>The card of %1 was removed.</source>
      <translation>已删除 %1 的户卡。</translation>
    </message>
    <message>
      <source>Move household</source>
      <translation>迁移</translation>
    </message>
    <message>
      <source>Move</source>
      <translation>迁移</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>行政村</translation>
    </message>
    <message>
      <source>Village group</source>
      <translation>村民小组</translation>
    </message>
    <message>
      <source>(no group)</source>
      <translation>（不分组）</translation>
    </message>
    <message>
      <source>Moved to %1 (household number %2).</source>
      <translation>已迁至%1（户编号 %2）。</translation>
    </message>
    <message>
      <source>Split household</source>
      <translation>分户</translation>
    </message>
    <message>
      <source>Split</source>
      <translation>分户</translation>
    </message>
    <message>
      <source>New head of this household</source>
      <translation>本户新户主</translation>
    </message>
    <message>
      <source>Members who form the new household</source>
      <translation>分出组成新户的成员</translation>
    </message>
    <message>
      <source>Head of the new household</source>
      <translation>新户户主</translation>
    </message>
    <message>
      <source>%1 now form household %2; check their relations on its card.</source>
      <translation>%1 已分出为新户 %2，请在新户卡中核对与户主关系。</translation>
    </message>
    <message>
      <source>Merge households</source>
      <translation>合户</translation>
    </message>
    <message>
      <source>Merge</source>
      <translation>合户</translation>
    </message>
    <message>
      <source>The members of the chosen household join this one; its card is then kept as merged, with its own procedure history.</source>
      <translation>所选户的成员并入本户；该户卡以“已合户”保留，其识别程序记录随原户卡保存。</translation>
    </message>
    <message>
      <source>Household to merge into this one</source>
      <translation>并入本户的户</translation>
    </message>
    <message>
      <source>%1 was merged into %2.</source>
      <translation>%1 已并入 %2。</translation>
    </message>
    <message>
      <source>Move household…</source>
      <translation>迁移…</translation>
    </message>
    <message>
      <source>Split household…</source>
      <translation>分户…</translation>
    </message>
    <message>
      <source>Merge another household into this one…</source>
      <translation>合户（把另一户并入本户）…</translation>
    </message>
    <message>
      <source>Remove household card…</source>
      <translation>删除户卡…</translation>
    </message>
  </context>
</TS>
