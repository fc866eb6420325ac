<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="54"/>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="84"/>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="131"/>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="58"/>
        <source>All data in this database</source>
        <translation>本数据库的全部数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="64"/>
        <source>Area:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="66"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="71"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="75"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="91"/>
        <source>Choose the file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="112"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="114"/>
        <source>Exporting</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="122"/>
        <source>Exported %1 households and %2 members to %3.</source>
        <translation>已导出 %1 户、%2 人到 %3。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="135"/>
        <source>Export cancelled: no file was written.</source>
        <translation>已取消导出：没有写入任何文件。</translation>
    </message>
  <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
      <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="1"/>
        <source>Protect the workbook with a password</source>
        <translation>用密码保护工作簿</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="1"/>
        <source>at least 6 characters; Excel, WPS and LibreOffice ask for it</source>
        <translation>至少 6 位；Excel、WPS 和 LibreOffice 打开时会要求输入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="150"/>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="192"/>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="250"/>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="279"/>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="153"/>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="154"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="162"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="162"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="162"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="162"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="162"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="167"/>
        <source>All or nothing: import only when the file has no errors</source>
        <translation>全部或全不：文件没有任何错误时才导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="168"/>
        <source>Import the households without errors, skip the others</source>
        <translation>只导入没有错误的户（整户），跳过有错误的户</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="174"/>
        <source>Save report…</source>
        <translation>保存检查报告…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="175"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="192"/>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="201"/>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="218"/>
        <source>Checking</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="233"/>
        <source>exchange workbook</source>
        <translation>交换工作簿</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="233"/>
        <source>county roster</source>
        <translation>县级花名册</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="235"/>
        <source>%1: %2 households read, %3 problems.</source>
        <translation>%1：读取 %2 户，发现 %3 个问题。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="241"/>
        <source>Some problems concern the whole file: it cannot be imported until they are fixed.</source>
        <translation>部分问题涉及整个文件，改正之前无法导入。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="243"/>
        <source>%1 households have errors.</source>
        <translation>有错误的户：%1 户。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="259"/>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="269"/>
        <source>Save report</source>
        <translation>保存检查报告</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="280"/>
        <source>The file has errors, so nothing is imported. Fix them, or choose to skip those households.</source>
        <translation>文件有错误，因此没有导入任何数据。请改正错误，或选择跳过有错误的户。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="304"/>
        <source>Importing</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="314"/>
        <source>Nothing was imported: the file has errors.</source>
        <translation>未导入任何数据：文件有错误。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="318"/>
        <source>Imported. Households: %1 added, %2 updated, %3 unchanged. Members: %4 added, %5 updated.</source>
        <translation>导入完成。户：新增 %1，更新 %2，未变 %3。成员：新增 %4，更新 %5。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="407"/>
        <source>Monitoring cases: %1 added, %2 updated.</source>
        <translation>监测记录：新增 %1，更新 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="326"/>
        <source>Skipped %1 households with errors.</source>
        <translation>已跳过有错误的 %1 户。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="410"/>
        <source>%1 households matched by the head's ID (their number in the file differs; the number here is kept).</source>
        <translation>有 %1 户按户主证件号码对应到本系统已有的户：文件中的户编号不同，保留本系统的户编号。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="328"/>
        <source>%1 conflicts wait for your decision (Exchange → Resolve conflicts).</source>
        <translation>有 %1 处冲突等待您决定（数据交换 → 处理合并冲突）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="334"/>
        <source>Import cancelled: the database was not changed.</source>
        <translation>已取消导入：数据库没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="1"/>
        <source>Password-protected workbook</source>
        <translation>受密码保护的工作簿</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/exchange_dialogs.py" line="1"/>
        <source>%1 is protected with a password. Password:</source>
        <translation>%1 受密码保护。密码：</translation>
    </message>
</context>
</TS>
