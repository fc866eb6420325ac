<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictTableModel</name>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>This database</source>
        <translation>本机的值</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>对方的值</translation>
    </message>
    <message>
        <source>Original value</source>
        <translation>原来的值</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Keep this database&apos;s value</source>
        <translation>保留本机的值</translation>
    </message>
    <message>
        <source>Take the other value</source>
        <translation>采用对方的值</translation>
    </message>
    <message>
        <source>Change to: %1</source>
        <translation>改为：%1</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Merge conflicts</source>
        <translation>处理合并冲突</translation>
    </message>
    <message>
        <source>Keep this database&apos;s value</source>
        <translation>保留本机的值</translation>
    </message>
    <message>
        <source>Take the other value</source>
        <translation>采用对方的值</translation>
    </message>
    <message>
        <source>Use this value</source>
        <translation>改用此值</translation>
    </message>
    <message>
        <source>Apply decisions</source>
        <translation>保存处理结果</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict(s): decide each one, then apply.</source>
        <translation>
            <numerusform>共 %n 项待处理的冲突：请逐项选择处理方式，然后保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
</context>
</TS>
