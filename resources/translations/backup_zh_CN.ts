<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>BackupDialog</name>
    <message>
      <source>Backup settings</source>
      <translation>备份设置</translation>
    </message>
    <message>
      <source>Empty: the backups folder beside the database file</source>
      <translation>留空：数据库文件旁的 backups 文件夹</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <source>Backup folder</source>
      <translation>备份文件夹</translation>
    </message>
    <message>
      <source>Daily backups kept (days)</source>
      <translation>保留每日备份（天数）</translation>
    </message>
    <message>
      <source>Weekly backups kept (weeks)</source>
      <translation>保留每周备份（周数）</translation>
    </message>
    <message>
      <source>Monthly backups kept (months)</source>
      <translation>保留每月备份（月数）</translation>
    </message>
    <message>
      <source>Backups before an import, merge or restore kept (days)</source>
      <translation>导入、合并、恢复前的备份保留（天数）</translation>
    </message>
    <message>
      <source>Warn when the newest backup is older than (days, 0: never)</source>
      <translation>最新备份早于多少天时提醒（0 为不提醒）</translation>
    </message>
    <message>
      <source>Back up now</source>
      <translation>立即备份</translation>
    </message>
    <message>
      <source>Choose the backup folder</source>
      <translation>选择备份文件夹</translation>
    </message>
    <message>
      <source>No backup of this database yet (folder: %1).</source>
      <translation>这个数据库还没有备份（文件夹：%1）。</translation>
    </message>
    <message>
      <source>Newest backup: %1 (folder: %2).</source>
      <translation>最新备份：%1（文件夹：%2）。</translation>
    </message>
    <message>
      <source>Backup settings saved.</source>
      <translation>备份设置已保存。</translation>
    </message>
    <message>
      <source>Backing up…</source>
      <translation>正在备份…</translation>
    </message>
    <message>
      <source>Backing up</source>
      <translation>正在备份</translation>
    </message>
  </context>
  <context>
    <name>BackupWarning</name>
    <message>
      <source>Back up now</source>
      <translation>立即备份</translation>
    </message>
    <message>
      <source>Back up soon: %1</source>
      <translation>请尽快备份：%1</translation>
    </message>
    <message>
      <source>Backing up</source>
      <translation>正在备份</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Households</source>
      <translation>户数</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>人数</translation>
    </message>
    <message>
      <source>Size (MB)</source>
      <translation>大小（MB）</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Restore from a backup</source>
      <translation>从备份恢复</translation>
    </message>
    <message>
      <source>Other file…</source>
      <translation>其他文件…</translation>
    </message>
    <message>
      <source>Restore…</source>
      <translation>恢复…</translation>
    </message>
    <message>
      <source>Backups in %1 (newest first):</source>
      <translation>%1 中的备份（最新在前）：</translation>
    </message>
    <message>
      <source>There is no backup of this database in this folder.</source>
      <translation>这个文件夹中没有这个数据库的备份。</translation>
    </message>
    <message>
      <source>Choose a backup file</source>
      <translation>选择备份文件</translation>
    </message>
    <message>
      <source>Fupin Desk backup (fupin-*.sqlite);;All files (*)</source>
      <translation>扶贫台账备份 (fupin-*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
      <source>This backup cannot be restored: %1. Nothing was changed.</source>
      <translation>这份备份不能恢复：%1。没有任何改动。</translation>
    </message>
    <message>
      <source>Replace the current data by the backup of %1 (%2 households)? The current data is backed up first.</source>
      <translation>用 %1 的备份（%2 户）替换当前数据？当前数据会先备份。</translation>
    </message>
    <message>
      <source>Restoring…</source>
      <translation>正在恢复…</translation>
    </message>
    <message>
      <source>Restoring</source>
      <translation>正在恢复</translation>
    </message>
    <message>
      <source>%1 (damaged)</source>
      <translation>%1（已损坏）</translation>
    </message>
  </context>
</TS>
