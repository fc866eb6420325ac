<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>AreaTree</name>
    <message>
      <source>Area</source>
      <translation>区域</translation>
    </message>
    <message>
      <source>Households</source>
      <translation>户数</translation>
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <source>Search: name, resident ID, household no. or pinyin initials</source>
      <translation>查找：姓名、身份证号、户编号或拼音首字母</translation>
    </message>
    <message>
      <source>For example, zsf finds Zhang Sanfeng; part of an ID number also works</source>
      <translation>例如输入 zsf 可找到张三丰；也可输入身份证号码的一部分</translation>
    </message>
    <message>
      <source>All stages</source>
      <translation>全部识别环节</translation>
    </message>
    <message>
      <source>Procedure stage</source>
      <translation>识别环节</translation>
    </message>
    <message>
      <source>All statuses</source>
      <translation>全部脱贫状态</translation>
    </message>
    <message>
      <source>Poverty status</source>
      <translation>脱贫状态</translation>
    </message>
    <message>
      <source>All attributes</source>
      <translation>全部贫困户属性</translation>
    </message>
    <message>
      <source>Household attribute</source>
      <translation>贫困户属性</translation>
    </message>
    <message>
      <source>All causes</source>
      <translation>全部致贫原因</translation>
    </message>
    <message>
      <source>Main cause of poverty</source>
      <translation>主要致贫原因</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>清除筛选</translation>
    </message>
    <message>
      <source>Show every household of the selected area</source>
      <translation>显示所选区域的全部贫困户</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <source>Who is working</source>
      <translation>操作人员</translation>
    </message>
    <message>
      <source>Welcome to Fupin Desk</source>
      <translation>欢迎使用 Fupin Desk</translation>
    </message>
    <message>
      <source>This database is empty. Set up the county, township and village your work team covers, or load demo data to look around first.</source>
      <translation>数据库是空的。请设置工作队负责的县、乡镇和行政村，或先载入演示数据看看。</translation>
    </message>
    <message>
      <source>Set up the work area</source>
      <translation>设置工作区域</translation>
    </message>
    <message>
      <source>County</source>
      <translation>县</translation>
    </message>
    <message>
      <source>e.g. 洱源县</source>
      <translation>例如：洱源县</translation>
    </message>
    <message>
      <source>Township</source>
      <translation>乡镇</translation>
    </message>
    <message>
      <source>e.g. 茈碧湖镇</source>
      <translation>例如：茈碧湖镇</translation>
    </message>
    <message>
      <source>Village</source>
      <translation>行政村</translation>
    </message>
    <message>
      <source>e.g. 和平村</source>
      <translation>例如：和平村</translation>
    </message>
    <message>
      <source>12-digit statistical area code</source>
      <translation>12 位统计用区划代码</translation>
    </message>
    <message>
      <source>Village groups</source>
      <translation>村民小组数</translation>
    </message>
    <message>
      <source>Create areas</source>
      <translation>创建区域</translation>
    </message>
    <message>
      <source>Try the program with demo data</source>
      <translation>用演示数据试用本程序</translation>
    </message>
    <message>
      <source>Households:</source>
      <translation>户数：</translation>
    </message>
    <message>
      <source>Load demo data</source>
      <translation>载入演示数据</translation>
    </message>
    <message>
      <source>Later</source>
      <translation>以后再说</translation>
    </message>
    <message>
      <source>Cannot create the areas</source>
      <translation>无法创建区域</translation>
    </message>
    <message>
      <source>Demo data</source>
      <translation>演示数据</translation>
    </message>
    <message>
      <source>Generating demo data…</source>
      <translation>正在生成演示数据…</translation>
    </message>
  </context>
  <context>
    <name>HouseholdTableModel</name>
    <message>
      <source>Household no.</source>
      <translation>户编号</translation>
    </message>
    <message>
      <source>Head of household</source>
      <translation>户主</translation>
    </message>
    <message>
      <source>Village group</source>
      <translation>村民小组</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>人口数</translation>
    </message>
    <message>
      <source>Attribute</source>
      <translation>贫困户属性</translation>
    </message>
    <message>
      <source>Main cause</source>
      <translation>主要致贫原因</translation>
    </message>
    <message>
      <source>Income per head (yuan)</source>
      <translation>人均纯收入（元）</translation>
    </message>
    <message>
      <source>Procedure stage</source>
      <translation>识别环节</translation>
    </message>
    <message>
      <source>Poverty status</source>
      <translation>脱贫状态</translation>
    </message>
    <message>
      <source>Pairing cadre</source>
      <translation>帮扶责任人</translation>
    </message>
    <message>
      <source>Conflicting changes from another laptop: open the card to decide</source>
      <translation>与其他电脑的修改有冲突：请打开户卡处理</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Operator: %1</source>
      <translation>操作人员：%1</translation>
    </message>
    <message>
      <source>No operator recorded</source>
      <translation>未登记操作人员</translation>
    </message>
    <message>
      <source>Household</source>
      <translation>户</translation>
    </message>
    <message>
      <source>Select a household in the list first.</source>
      <translation>请先在列表中选中一户。</translation>
    </message>
    <message>
      <source>Fupin Desk – targeted poverty alleviation files</source>
      <translation>Fupin Desk – 精准扶贫建档立卡</translation>
    </message>
    <message>
      <source>Households</source>
      <translation>农户列表</translation>
    </message>
    <message>
      <source>Procedure batches</source>
      <translation>识别批次</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>New database…</source>
      <translation>新建数据库…</translation>
    </message>
    <message>
      <source>Open database…</source>
      <translation>打开数据库…</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>设置…</translation>
    </message>
    <message>
      <source>Backup settings…</source>
      <translation>备份设置…</translation>
    </message>
    <message>
      <source>Restore from a backup…</source>
      <translation>从备份恢复…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <source>&amp;Household</source>
      <translation>户(&amp;H)</translation>
    </message>
    <message>
      <source>New household</source>
      <translation>新增贫困户</translation>
    </message>
    <message>
      <source>Open household</source>
      <translation>打开户卡</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>查找</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>&amp;Procedure</source>
      <translation>识别程序(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Print</source>
      <translation>打印(&amp;P)</translation>
    </message>
    <message>
      <source>Household card</source>
      <translation>贫困户登记表（户卡）</translation>
    </message>
    <message>
      <source>Village register</source>
      <translation>花名册</translation>
    </message>
    <message>
      <source>Public announcement</source>
      <translation>公示</translation>
    </message>
    <message>
      <source>Final notice</source>
      <translation>公告</translation>
    </message>
    <message>
      <source>Exit announcement</source>
      <translation>退出公示</translation>
    </message>
    <message>
      <source>Evaluation minutes</source>
      <translation>民主评议记录</translation>
    </message>
    <message>
      <source>Objection record</source>
      <translation>异议处理记录</translation>
    </message>
    <message>
      <source>Wall chart tables</source>
      <translation>一图四表</translation>
    </message>
    <message>
      <source>&amp;Exchange</source>
      <translation>数据交换(&amp;E)</translation>
    </message>
    <message>
      <source>Export to Excel…</source>
      <translation>导出到 Excel…</translation>
    </message>
    <message>
      <source>Import from Excel…</source>
      <translation>从 Excel 导入…</translation>
    </message>
    <message>
      <source>Resolve conflicts…</source>
      <translation>处理合并冲突…</translation>
    </message>
    <message>
      <source>Merge another computer's database…</source>
      <translation>合并其他电脑的数据库…</translation>
    </message>
    <message>
      <source>&amp;Administration</source>
      <translation>管理(&amp;A)</translation>
    </message>
    <message>
      <source>Audit log…</source>
      <translation>审计日志…</translation>
    </message>
    <message>
      <source>Database: %1</source>
      <translation>数据库：%1</translation>
    </message>
    <message>
      <source>%1 households shown</source>
      <translation>显示 %1 户</translation>
    </message>
    <message>
      <source>Select a village (or village group) in the tree first.</source>
      <translation>请先在左侧选择一个行政村（或村民小组）。</translation>
    </message>
    <message>
      <source>Fupin Desk database (*.sqlite *.db);;All files (*)</source>
      <translation>Fupin Desk 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
      <source>New database</source>
      <translation>新建数据库</translation>
    </message>
    <message>
      <source>Open database</source>
      <translation>打开数据库</translation>
    </message>
    <message>
      <source>Switch user…</source>
      <translation>切换用户…</translation>
    </message>
    <message>
      <source>Change password…</source>
      <translation>修改密码…</translation>
    </message>
    <message>
      <source>&amp;Manage</source>
      <translation>管理(&amp;M)</translation>
    </message>
    <message>
      <source>Users…</source>
      <translation>用户管理…</translation>
    </message>
    <message>
      <source>Roles and permissions…</source>
      <translation>角色权限…</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>%1 (file not found)</source>
      <translation>%1（文件未找到）</translation>
    </message>
    <message>
      <source>County settings are saved in the database: %1</source>
      <translation>县级设置保存在数据库中：%1</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <source>Choose a folder</source>
      <translation>选择文件夹</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>界面语言</translation>
    </message>
    <message>
      <source>Your name, recorded with every change</source>
      <translation>您的姓名，记录在每一次修改中</translation>
    </message>
    <message>
      <source>Operator</source>
      <translation>操作员</translation>
    </message>
    <message>
      <source>A new language takes effect when the program is started again.</source>
      <translation>新的界面语言在程序重新启动后生效。</translation>
    </message>
    <message>
      <source>Identifies this computer when data from several laptops is merged</source>
      <translation>多台电脑的数据合并时用来识别本机</translation>
    </message>
    <message>
      <source>Device ID</source>
      <translation>设备编号</translation>
    </message>
  </context>
  <context>
    <name>Job</name>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
  </context>
</TS>