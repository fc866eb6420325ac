<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>IdentityFields</name>
    <message>
      <source>Who is working</source>
      <translation>操作人员</translation>
    </message>
    <message>
      <source>e.g. 王芳</source>
      <translation>如：王芳</translation>
    </message>
    <message>
      <source>e.g. 和平村驻村工作队</source>
      <translation>如：和平村驻村工作队</translation>
    </message>
    <message>
      <source>Your name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Work team / unit</source>
      <translation>工作队/单位</translation>
    </message>
    <message>
      <source>Recorded with every change, procedure step and conflict decision.</source>
      <translation>记入每一条修改、每一个程序步骤和每一次冲突处理。</translation>
    </message>
  </context>
  <context>
    <name>IdentityDialog</name>
    <message>
      <source>Who is working?</source>
      <translation>谁在操作？</translation>
    </message>
    <message>
      <source>Nobody is recorded as working on this computer yet. Who are you?</source>
      <translation>本机尚未登记操作人员。请填写您的姓名和所在工作队，它们将记入每一条修改。</translation>
    </message>
    <message>
      <source>Later</source>
      <translation>以后再说</translation>
    </message>
  </context>
</TS>
