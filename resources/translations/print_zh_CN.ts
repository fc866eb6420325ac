<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>PrintPreviewDialog</name>
    <message>
      <source>Laying out page %n…</source>
      <translation>正在排版第 %n 页…</translation>
    </message>
    <message>
      <source>Print preview: %1</source>
      <translation>打印预览：%1</translation>
    </message>
    <message>
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <source>Save as PDF…</source>
      <translation>另存为 PDF…</translation>
    </message>
    <message>
      <source>Fit width</source>
      <translation>适合宽度</translation>
    </message>
    <message>
      <source>Whole page</source>
      <translation>整页</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>%n page(s)</source>
      <translation>共 %n 页</translation>
    </message>
    <message>
      <source>Save as PDF</source>
      <translation>另存为 PDF</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <source>Cannot save the file:
%1</source>
      <translation>无法保存文件：
%1</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>正在打印…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Print</source>
      <translation>打印</translation>
    </message>
    <message>
      <source>The printer could not be opened.</source>
      <translation>无法打开打印机。</translation>
    </message>
    <message>
      <source>Preparing %1…</source>
      <translation>正在生成%1…</translation>
    </message>
    <message>
      <source>Choose a household in the list first.</source>
      <translation>请先在列表中选择一户。</translation>
    </message>
    <message>
      <source>Choose a village on the left first.</source>
      <translation>请先在左侧选择一个行政村。</translation>
    </message>
    <message>
      <source>The PDF was saved to:
%1</source>
      <translation>PDF 已保存到：
%1</translation>
    </message>
    <message>
      <source>Open folder</source>
      <translation>打开所在文件夹</translation>
    </message>
  </context>
</TS>
