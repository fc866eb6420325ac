; Fupin Desk installer: an NSIS script template that pynsist fills in (Jinja2 with square-bracket markers).
;
; Differs from pynsist's stock template where the issue asks for it:
; - per-user install, no administrator rights ever (RequestExecutionLevel user, no UAC prompt), into
;   %LOCALAPPDATA%\Programs\Fupin Desk by default; /INSTDIR=... (and NSIS's own /D=...) choose another folder;
; - Chinese (default) and English texts, picked from the Windows display language;
; - Start-menu folder with the app and the uninstaller, and an optional desktop shortcut (on by default);
; - the uninstaller removes only what the installer wrote: the user's data folder
;   (%LOCALAPPDATA%\fupin-desk, with the databases, backups and attachments) is left in place.
; Build with `makensis -INPUTCHARSET UTF8 -XTarget amd64-unicode installer.nsi` (installers/windows/build.sh).

!define PRODUCT_NAME "[[ib.appname]]"
!define PRODUCT_VERSION "[[ib.version]]"
!define PY_VERSION "[[ib.py_version]]"
!define INSTALLER_NAME "[[ib.installer_name]]"
!define PRODUCT_ICON "[[icon]]"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\FupinDesk"
!define DATA_DIR "$LOCALAPPDATA\fupin-desk"

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
Name "$(AppName) ${PRODUCT_VERSION}"
OutFile "${INSTALLER_NAME}"
BrandingText "${PRODUCT_NAME} ${PRODUCT_VERSION}"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

!define MUI_ABORTWARNING
!define MUI_ICON "[[icon]]"
!define MUI_UNICON "[[icon]]"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(RunApp)"
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchApp

!insertmacro MUI_PAGE_WELCOME
[% if license_file %]
!insertmacro MUI_PAGE_LICENSE [[license_file]]
[% endif %]
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default when Windows' language is neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString AppName ${LANG_SIMPCHINESE} "扶贫建档立卡 Fupin Desk"
LangString AppName ${LANG_ENGLISH} "Fupin Desk"
LangString SecApp ${LANG_SIMPCHINESE} "扶贫建档立卡 Fupin Desk（必需）"
LangString SecApp ${LANG_ENGLISH} "Fupin Desk (required)"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString ShortcutName ${LANG_SIMPCHINESE} "扶贫建档立卡"
LangString ShortcutName ${LANG_ENGLISH} "Fupin Desk"
LangString UninstallName ${LANG_SIMPCHINESE} "卸载扶贫建档立卡"
LangString UninstallName ${LANG_ENGLISH} "Uninstall Fupin Desk"
LangString RunApp ${LANG_SIMPCHINESE} "立即运行扶贫建档立卡"
LangString RunApp ${LANG_ENGLISH} "Run Fupin Desk now"
LangString Compiling ${LANG_SIMPCHINESE} "正在准备程序文件……"
LangString Compiling ${LANG_ENGLISH} "Preparing the program files..."
LangString Need64 ${LANG_SIMPCHINESE} "本程序需要 64 位 Windows（Windows 8.1 或更新版本）。"
LangString Need64 ${LANG_ENGLISH} "Fupin Desk needs 64-bit Windows (Windows 8.1 or later)."
LangString DataKept ${LANG_SIMPCHINESE} "您的数据未被删除，仍保存在：${DATA_DIR}"
LangString DataKept ${LANG_ENGLISH} "Your data was not removed; it is still in ${DATA_DIR}"
LangString PathSetup ${LANG_SIMPCHINESE} "正在设置命令行工具 fupin……"
LangString PathSetup ${LANG_ENGLISH} "Setting up the fupin command line..."

Section "!$(SecApp)" sec_app
  SectionIn RO
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "${PRODUCT_ICON}"

  ; A clean pkgs folder, so an upgrade never mixes old and new library files.
  RMDir /r "$INSTDIR\pkgs"
  SetOutPath "$INSTDIR\pkgs"
  File /r "pkgs\*.*"

  [% for destination, group in grouped_files %]
  SetOutPath "[[destination]]"
  [% for file in group %]
  File "[[ file ]]"
  [% endfor %]
  [% endfor %]

  [% for dir, destination in ib.install_dirs %]
  SetOutPath "[[ pjoin(destination, dir) ]]"
  File /r "[[dir]]\*.*"
  [% endfor %]

  [% if ib.inc_msvcrt %]
  ; The Universal C runtime, only for Windows 8.1 without the update that brings it.
  IfFileExists "$SYSDIR\ucrtbase.dll" skip_msvcrt
  SetOutPath "$INSTDIR\Python"
  [% for file in ib.msvcrt_files %]
  File "msvcrt\[[file]]"
  [% endfor %]
  skip_msvcrt:
  [% endif %]

  ; Start menu; the working folder of the shortcuts is the user's profile.
  SetOutPath "$PROFILE"
  CreateDirectory "$SMPROGRAMS\${PRODUCT_NAME}"
  [% for scname, sc in ib.shortcuts.items() %]
  CreateShortCut "$SMPROGRAMS\${PRODUCT_NAME}\$(ShortcutName).lnk" "[[ sc['target'] ]]" '[[ sc['parameters'] ]]' "$INSTDIR\[[ sc['icon'] ]]"
  [% endfor %]
  CreateShortCut "$SMPROGRAMS\${PRODUCT_NAME}\$(UninstallName).lnk" "$INSTDIR\uninstall.exe"
  SetOutPath "$INSTDIR"

  [% if has_commands %]
  DetailPrint "$(PathSetup)"
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" add_user "$INSTDIR\bin"'
  [% endif %]

  DetailPrint "$(Compiling)"
  nsExec::ExecToLog '[[ python ]] -m compileall -q "$INSTDIR\pkgs"'

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "$(ShortcutName) ${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  [% if ib.publisher is not none %]
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "[[ib.publisher]]"
  [% endif %]
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "$(SecDesktop)" sec_desktop
  [% for scname, sc in ib.shortcuts.items() %]
  SetOutPath "$PROFILE"
  CreateShortCut "$DESKTOP\$(ShortcutName).lnk" "[[ sc['target'] ]]" '[[ sc['parameters'] ]]' "$INSTDIR\[[ sc['icon'] ]]"
  SetOutPath "$INSTDIR"
  [% endfor %]
SectionEnd

Section "Uninstall"
  [% if has_commands %]
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove "$INSTDIR\bin"'
  [% endif %]
  Delete "$DESKTOP\扶贫建档立卡.lnk"
  Delete "$DESKTOP\Fupin Desk.lnk"
  RMDir /r "$SMPROGRAMS\${PRODUCT_NAME}"

  RMDir /r "$INSTDIR\pkgs"
  [% for file, destination in ib.install_files %]
  Delete "[[ pjoin(destination, file) ]]"
  [% endfor %]
  [% for dir, destination in ib.install_dirs %]
  RMDir /r "[[ pjoin(destination, dir) ]]"
  [% endfor %]
  Delete "$INSTDIR\${PRODUCT_ICON}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; The data folder (${DATA_DIR}) is never touched.
  DetailPrint "$(DataKept)"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_app} "$(SecApp)"
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_desktop} "$(SecDesktop)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(Need64)" /SD IDOK
    Abort
  ${EndIf}
  ; /INSTDIR=<folder> chooses the folder (also in silent mode, /S).
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} "$0" "/INSTDIR=" $1
  ${IfNot} ${Errors}
    StrCpy $INSTDIR $1
  ${EndIf}
FunctionEnd

Function LaunchApp
  [% for scname, sc in ib.shortcuts.items() %]
  Exec '"[[ sc['target'] ]]" [[ sc['parameters'] ]]'
  [% endfor %]
FunctionEnd
