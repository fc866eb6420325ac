<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MergeDialog</name>
    <message>
      <source>Merge another computer's database</source>
      <translation>合并其他电脑的数据库</translation>
    </message>
    <message>
      <source>Brings the work done on another computer (a copy of its database file) into this database. Edits made on both computers to the same field become conflicts for you to decide.</source>
      <translation>把另一台电脑上做的工作（它的数据库文件的副本）合并进本库。两台电脑对同一项目的不同修改会成为冲突，由您逐一决定。</translation>
    </message>
    <message>
      <source>The other computer's database file (.sqlite)</source>
      <translation>另一台电脑的数据库文件（.sqlite）</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <source>Resolve conflicts…</source>
      <translation>处理合并冲突…</translation>
    </message>
    <message>
      <source>Merge</source>
      <translation>合并</translation>
    </message>
    <message>
      <source>Databases (*.sqlite *.db);;All files (*)</source>
      <translation>数据库文件 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Choose the other computer's database file.</source>
      <translation>请选择另一台电脑的数据库文件。</translation>
    </message>
    <message>
      <source>Merging…</source>
      <translation>正在合并…</translation>
    </message>
    <message>
      <source>Merging</source>
      <translation>合并中</translation>
    </message>
    <message>
      <source>Merged %1. Households: %2 added, %3 updated. Members: %4 added, %5 updated.</source>
      <translation>已合并 %1。户：新增 %2，更新 %3。成员：新增 %4，更新 %5。</translation>
    </message>
    <message>
      <source>%1 conflicts wait for your decision.</source>
      <translation>有 %1 项冲突等待您决定。</translation>
    </message>
    <message>
      <source>Merged %1: nothing new, this database already has all of it.</source>
      <translation>已合并 %1：没有新的内容，本库已包含其全部数据。</translation>
    </message>
    <message>
      <source>Nothing was merged: this database was not changed.</source>
      <translation>未合并：本库没有任何改动。</translation>
    </message>
    <message>
      <source>Merge cancelled: this database was not changed.</source>
      <translation>已取消合并：本库没有任何改动。</translation>
    </message>
</context>
</TS>
