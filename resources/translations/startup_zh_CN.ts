<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>CrashReport</name>
    <message>
      <source>Fupin Desk closed unexpectedly last time. Your data was saved up to the last saved change.</source>
      <translation>上次运行时程序意外关闭。数据已保存到最后一次保存时的状态。</translation>
    </message>
    <message>
      <source>The error log is here:
%1
Please send this file to the county's IT staff.</source>
      <translation>错误记录保存在：
%1
请将此文件发给县里的技术人员。</translation>
    </message>
    <message>
      <source>The program closed unexpectedly</source>
      <translation>程序意外关闭</translation>
    </message>
  </context>
</TS>
