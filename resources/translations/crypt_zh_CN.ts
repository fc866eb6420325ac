<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EncryptionDialog</name>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>Encrypt database</source>
        <translation>加密数据库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>Remove encryption</source>
        <translation>取消加密</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>Open encrypted database</source>
        <translation>打开加密的数据库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>The database file will be encrypted (SQLCipher, AES-256). It opens only with the password of an account that has been given access; the key file %1.keys must stay beside it. Keep a note of the administrator's password: without it nobody can read the data.</source>
        <translation>数据库文件将被加密（SQLCipher，AES-256），只有获得授权的账户用自己的密码才能打开；密钥文件 %1.keys 必须与它放在一起。请牢记管理员密码：没有它，任何人都无法读取数据。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>The database file will be written back without encryption: anyone who gets the file can read it. An encrypted backup is kept beside it.</source>
        <translation>数据库文件将改回不加密的形式：任何拿到文件的人都能读取。旁边会保留一份加密的备份。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>%1 is encrypted. Sign in with your account to open it.</source>
        <translation>%1 已加密，请用您的账户登录后打开。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/encryption_dialog.py" line="1"/>
        <source>Keep the unencrypted original as a copy</source>
        <translation>保留加密前的未加密原文件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_menus.py" line="1"/>
        <source>Encrypt database…</source>
        <translation>加密数据库…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_menus.py" line="1"/>
        <source>Remove encryption…</source>
        <translation>取消加密…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_menus.py" line="1"/>
        <source>The database is encrypted. Keep %1.keys beside it and in every backup.</source>
        <translation>数据库已加密。请把 %1.keys 与数据库放在一起，每次备份时一并复制。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_menus.py" line="1"/>
        <source>The unencrypted original was kept as %1.</source>
        <translation>未加密的原文件保留为 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_menus.py" line="1"/>
        <source>These older copies are not encrypted:
%1
Delete them now?</source>
        <translation>以下旧副本没有加密：
%1
现在删除它们吗？</translation>
    </message>
</context>
</TS>
