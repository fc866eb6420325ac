<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>HelpWindow</name>
    <message>
      <source>User guide</source>
      <translation>使用指南</translation>
    </message>
    <message>
      <source>Search the guide (e.g. 打印, 导入, Ctrl+N)</source>
      <translation>在指南中查找（如：打印、导入、Ctrl+N）</translation>
    </message>
    <message>
      <source>Introduction</source>
      <translation>简介</translation>
    </message>
    <message>
      <source>Not found</source>
      <translation>未找到</translation>
    </message>
    <message numerus="yes">
      <source>%n section(s) found</source>
      <translation>
        <numerusform>找到 %n 节</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About Fupin Desk</source>
      <translation>关于扶贫台账</translation>
    </message>
    <message>
      <source>Fupin Desk — household files and cards for targeted poverty alleviation</source>
      <translation>扶贫台账 —— 精准扶贫建档立卡桌面软件</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <source>Database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <source>Data folder</source>
      <translation>数据文件夹</translation>
    </message>
    <message>
      <source>Licences</source>
      <translation>许可协议</translation>
    </message>
  </context>
  <context>
    <name>EmptyHint</name>
    <message>
      <source>Not found: no household matches “%1”.</source>
      <translation>未找到：没有与“%1”相符的户。</translation>
    </message>
    <message>
      <source>Search by the name of the head or of any member, a resident ID (whole or part), the household number or pinyin initials (zsf finds 张三丰).</source>
      <translation>可以输入户主或任一家庭成员的姓名、身份证号码（全部或一部分）、户编号，或姓名的拼音首字母（zsf 找到“张三丰”）。</translation>
    </message>
    <message>
      <source>No household matches these filters. Choose “all” in the filters above to see every household.</source>
      <translation>没有符合筛选条件的户。在上方的筛选框中选择“全部”可以看到所有户。</translation>
    </message>
    <message>
      <source>No county, township or village has been set up yet: use File → New database… or restart the program to set up your work area.</source>
      <translation>还没有设置县、乡镇和行政村：请用“文件 → 新建数据库…”，或重新启动程序来设置工作区域。</translation>
    </message>
    <message>
      <source>No households in %1 yet.</source>
      <translation>%1还没有户。</translation>
    </message>
    <message>
      <source>this area</source>
      <translation>这里</translation>
    </message>
    <message>
      <source>Select a village (or a village group) on the left and press Ctrl+N to create a household card, or import a workbook from the Exchange menu.</source>
      <translation>选中左侧的一个村（或村民小组），按 Ctrl+N 新建户卡；也可以从“数据交换”菜单导入工作簿。</translation>
    </message>
  </context>
  <context>
    <name>HouseholdTableModel</name>
    <message>
      <source>The search matched %1, a member of this household</source>
      <translation>查找到的是这户的家庭成员 %1</translation>
    </message>
    <message>
      <source>%1 (member: %2)</source>
      <translation>%1（成员：%2）</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>User guide</source>
      <translation>使用指南</translation>
    </message>
    <message>
      <source>About Fupin Desk</source>
      <translation>关于扶贫台账</translation>
    </message>
  </context>
</TS>
