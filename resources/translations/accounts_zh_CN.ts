<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>UsersTableModel</name>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>单位</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <source>Area</source>
      <translation>范围</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Last sign-in</source>
      <translation>上次登录</translation>
    </message>
    <message>
      <source>Disabled</source>
      <translation>已停用</translation>
    </message>
    <message>
      <source>Locked until %1</source>
      <translation>锁定至 %1</translation>
    </message>
    <message>
      <source>Active (must change password)</source>
      <translation>正常（须修改密码）</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>Whole database</source>
      <translation>整个数据库</translation>
    </message>
  </context>
  <context>
    <name>PermissionTableModel</name>
    <message>
      <source>Group</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Own account</source>
      <translation>本人账户</translation>
    </message>
    <message>
      <source>Areas</source>
      <translation>区域</translation>
    </message>
    <message>
      <source>Audit</source>
      <translation>审计</translation>
    </message>
    <message>
      <source>Backups</source>
      <translation>备份</translation>
    </message>
    <message>
      <source>Database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <source>Demo data</source>
      <translation>演示数据</translation>
    </message>
    <message>
      <source>Excel exchange</source>
      <translation>Excel 导入导出</translation>
    </message>
    <message>
      <source>Household cards</source>
      <translation>户卡</translation>
    </message>
    <message>
      <source>Resident IDs</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <source>Merging laptops</source>
      <translation>合并数据库</translation>
    </message>
    <message>
      <source>Printing</source>
      <translation>打印</translation>
    </message>
    <message>
      <source>Identification procedure</source>
      <translation>识别程序</translation>
    </message>
    <message>
      <source>Role table</source>
      <translation>角色权限</translation>
    </message>
    <message>
      <source>Sign-in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Users</source>
      <translation>用户</translation>
    </message>
  </context>
  <context>
    <name>NewPasswordFields</name>
    <message>
      <source>New password</source>
      <translation>新密码</translation>
    </message>
    <message>
      <source>New password again</source>
      <translation>再次输入新密码</translation>
    </message>
    <message>
      <source>The two passwords differ.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
      <source>At least 8 characters, not your name; a phrase is easier to remember.</source>
      <translation>至少 8 个字符，不能是姓名；用一句话更好记。</translation>
    </message>
    <message>
      <source>The password can be used.</source>
      <translation>密码可以使用。</translation>
    </message>
  </context>
  <context>
    <name>ChangePasswordDialog</name>
    <message>
      <source>Change password</source>
      <translation>修改密码</translation>
    </message>
    <message>
      <source>Your password was set by the administrator. Choose your own password before you go on.</source>
      <translation>您的密码由管理员设置。请先设置自己的密码，再继续工作。</translation>
    </message>
    <message>
      <source>Current password</source>
      <translation>当前密码</translation>
    </message>
  </context>
  <context>
    <name>RecoveryCodePanel</name>
    <message>
      <source>This is the recovery code of the administrator. With it, a forgotten administrator password can be replaced. It is shown only now: copy it or print it, and keep it in a safe place.</source>
      <translation>这是管理员的恢复码。忘记管理员密码时，可凭它重新设置密码。恢复码只显示这一次：请抄写或打印，并妥善保管。</translation>
    </message>
    <message>
      <source>Print recovery code…</source>
      <translation>打印恢复码…</translation>
    </message>
    <message>
      <source>I have copied or printed the recovery code</source>
      <translation>我已抄写或打印恢复码</translation>
    </message>
    <message>
      <source>Save the recovery code</source>
      <translation>保存恢复码</translation>
    </message>
  </context>
  <context>
    <name>SignInDialog</name>
    <message>
      <source>Switch user</source>
      <translation>切换用户</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Database: %1</source>
      <translation>数据库：%1</translation>
    </message>
    <message>
      <source>e.g. 王芳</source>
      <translation>例如：王芳</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <source>Forgot password…</source>
      <translation>忘记密码…</translation>
    </message>
    <message>
      <source>Enter your name and password.</source>
      <translation>请输入姓名和密码。</translation>
    </message>
    <message>
      <source>You can try again in %1 seconds.</source>
      <translation>请在 %1 秒后再试。</translation>
    </message>
    <message>
      <source>The password was replaced: sign in with the new password.</source>
      <translation>密码已重新设置：请用新密码登录。</translation>
    </message>
  </context>
  <context>
    <name>RecoverDialog</name>
    <message>
      <source>Recover the administrator's access</source>
      <translation>恢复管理员账户</translation>
    </message>
    <message>
      <source>Only an administrator can recover access, with the recovery code printed at set-up.</source>
      <translation>只有管理员可以凭建立时打印的恢复码恢复账户。</translation>
    </message>
    <message>
      <source>Administrator</source>
      <translation>管理员</translation>
    </message>
    <message>
      <source>Recovery code</source>
      <translation>恢复码</translation>
    </message>
    <message>
      <source>Replace the password</source>
      <translation>重新设置密码</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>继续</translation>
    </message>
  </context>
  <context>
    <name>AdminSetupDialog</name>
    <message>
      <source>Welcome to Fupin Desk</source>
      <translation>欢迎使用 Fupin Desk</translation>
    </message>
    <message>
      <source>This database has no accounts yet: create the administrator first.</source>
      <translation>此数据库还没有账户：请先建立管理员。</translation>
    </message>
    <message>
      <source>A new database. First create its administrator: the person who adds the other users and decides what each role may do. Every change is signed with the name of whoever is signed in.</source>
      <translation>这是一个新数据库。请先建立管理员：由管理员添加其他用户，并决定每个角色可以做什么。每一项修改都记录登录人的姓名。</translation>
    </message>
    <message>
      <source>Administrator</source>
      <translation>管理员</translation>
    </message>
    <message>
      <source>e.g. 王芳</source>
      <translation>例如：王芳</translation>
    </message>
    <message>
      <source>e.g. 洱源县乡村振兴局</source>
      <translation>例如：洱源县乡村振兴局</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>单位</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <source>Create administrator</source>
      <translation>建立管理员</translation>
    </message>
    <message>
      <source>Later</source>
      <translation>以后再说</translation>
    </message>
    <message>
      <source>Enter the administrator's name.</source>
      <translation>请填写管理员姓名。</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>继续</translation>
    </message>
  </context>
  <context>
    <name>AddUserDialog</name>
    <message>
      <source>Add user</source>
      <translation>添加用户</translation>
    </message>
    <message>
      <source>Whole database</source>
      <translation>整个数据库</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>单位</translation>
    </message>
    <message>
      <source>Area</source>
      <translation>范围</translation>
    </message>
    <message>
      <source>The user changes this password at the first sign-in.</source>
      <translation>用户第一次登录时须修改此密码。</translation>
    </message>
  </context>
  <context>
    <name>ResetPasswordDialog</name>
    <message>
      <source>Reset the password of %1</source>
      <translation>重设 %1 的密码</translation>
    </message>
    <message>
      <source>Reset password</source>
      <translation>重设密码</translation>
    </message>
  </context>
  <context>
    <name>UsersDialog</name>
    <message>
      <source>Users</source>
      <translation>用户管理</translation>
    </message>
    <message>
      <source>Add user…</source>
      <translation>添加用户…</translation>
    </message>
    <message>
      <source>Reset password…</source>
      <translation>重设密码…</translation>
    </message>
    <message>
      <source>Disable</source>
      <translation>停用</translation>
    </message>
    <message>
      <source>Enable</source>
      <translation>启用</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>RolesDialog</name>
    <message>
      <source>Roles and permissions</source>
      <translation>角色权限</translation>
    </message>
    <message>
      <source>Tick what each role may do. Every change is saved at once and recorded in the audit log.</source>
      <translation>勾选每个角色可以执行的操作。每次修改立即保存，并记入审计日志。</translation>
    </message>
    <message>
      <source>Read only: only a role allowed to edit the role table can change it.</source>
      <translation>只读：只有允许编辑角色权限的角色才能修改。</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>MemberTableView</name>
    <message>
      <source>Show full resident ID</source>
      <translation>显示完整身份证号</translation>
    </message>
    <message>
      <source>Full resident ID</source>
      <translation>完整身份证号</translation>
    </message>
    <message>
      <source>Save the card first.</source>
      <translation>请先保存户卡。</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1：%2</translation>
    </message>
  </context>
</TS>
