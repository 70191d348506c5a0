; NSIS installer of the terminal: per-machine, Start menu and desktop shortcuts, version information,
; an uninstaller that keeps the data unless asked, silent install/upgrade for mass deployment.
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUNDLE=<dist/terminal> -DOUTFILE=<setup.exe> installer/terminal.nsi
;
; Silent install:            terminal-setup-X.Y.Z.exe /S [/D=C:\Program Files\ShanghaiHomeServiceTerminal]
; Silent upgrade:            the same command over an installed version: program files are replaced, data kept
; Silent uninstall:          "%ProgramFiles%\ShanghaiHomeServiceTerminal\uninstall.exe" /S   (keeps the data)
; Uninstall and delete data: ... uninstall.exe /S /DELETEDATA
; The data folder (the "home": database, keys, config.json, logs, crash reports) is %ProgramData%\
; ShanghaiHomeServiceTerminal, created by the program (terminal/store/home.py), never by the installer. The
; program migrates the database itself when a new version first opens it, so an upgrade only swaps files.

Unicode true
; A 64-bit installer: the program is 64-bit only, and Wine here runs 64-bit programs only (no wine32).
Target amd64-unicode
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "Sections.nsh"

!ifndef VERSION
  !error "pass -DVERSION=X.Y.Z"
!endif
!ifndef BUNDLE
  !error "pass -DBUNDLE=<folder of the PyInstaller one-folder build>"
!endif
!ifndef OUTFILE
  !define OUTFILE "terminal-setup-${VERSION}.exe"
!endif

!define APP_ID "ShanghaiHomeServiceTerminal"
!define APP_NAME "上门服务证登记终端"
!define APP_NAME_EN "Home-Service Credential Terminal"
!define PUBLISHER "Shanghai Home-Service Credential Programme"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_ID}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME} ${APP_NAME_EN}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序 / Setup"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "Proprietary"

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\terminal.exe"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  SetShellVarContext all
  SetRegView 64
FunctionEnd

Section "Program" SecProgram
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  ; An upgrade replaces the program folder wholesale (no stale libraries from the old version); the data
  ; folder lives in %ProgramData% and is not touched.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\terminal.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\自检 Self-test.lnk" "$SYSDIR\cmd.exe" '/k ""$INSTDIR\terminal-cli.exe" --self-test"'
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\卸载 Uninstall.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\terminal.exe"

  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME} ${APP_NAME_EN}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\terminal.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "un.Program" SecUnProgram
  SectionIn RO
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\terminal.exe"
  Delete "$INSTDIR\terminal-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd

; Unticked by default: the registrations, keys and logs stay for a reinstall or an upgrade.
Section /o "un.删除全部登记数据 Delete all registration data" SecDeleteData
  RMDir /r "$APPDATA\${APP_ID}"
SectionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  ; Silent uninstall keeps the data unless /DELETEDATA is given; interactively the unticked component decides.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecDeleteData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
