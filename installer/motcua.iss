; Inno Setup 6.3 or later (ArchitecturesAllowed=x64compatible): installs the PyInstaller folder
; dist\motcua as "Một cửa Desktop".
; Build on Windows after scripts\build_frozen.sh (or pyinstaller build.spec), from the checkout:
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\motcua.iss
;
; docs/windows.md has every step, the Vietnamese language file and code signing.
;
; - Per-user install by default (PrivilegesRequired=lowest: no administrator rights, into
;   %LOCALAPPDATA%\Programs\MotCuaDesktop); an administrator may choose "all users" in the dialog.
; - The data (database, backups, logs) is NOT in the install folder. Installed for all users with
;   the task "shareddata" (the default then), every Windows account of the PC uses one data folder,
;   %ProgramData%\MotCuaDesktop, whose permissions let the PC's users read and write it
;   (users-modify); the program finds it through {app}\motcua-data.ini. Otherwise each account has
;   its own %LOCALAPPDATA%\MotCuaDesktop, and the program refuses a second account that would set
;   up the same counter number. The uninstaller leaves the data in place.

#if VER < EncodeVer(6,3,0)
  #error Inno Setup 6.3 or later is needed (ArchitecturesAllowed=x64compatible)
#endif

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Một cửa Desktop"
#define AppId "MotCuaDesktop"
#define AppExe "motcua.exe"
#define DistDir "..\dist\motcua"

[Setup]
; A fixed GUID: upgrades replace the same installation. Never change it.
AppId={{6C1F3B1E-4D7A-4E5B-9A2C-2F6B8D0E9A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Bộ phận Một cửa cấp xã
DefaultDirName={autopf}\{#AppId}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=MotCuaDesktop-{#AppVersion}-setup
SetupIconFile=..\resources\icons\motcua.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
; Signing (optional): define a sign tool named "signtool" in the Inno Setup IDE (Tools > Configure
; Sign Tools) and compile with /DSign. See docs/windows.md.
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
; Vietnamese.isl is an unofficial translation: copy it from Inno Setup's repository
; (Files/Languages/Unofficial/Vietnamese.isl) to installer\Vietnamese.isl before compiling.
Name: "vi"; MessagesFile: "Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
; Only offered when installing for all users (an administrator): the folder needs its permissions set.
Name: "shareddata"; Description: "Mọi tài khoản Windows của máy này dùng chung một dữ liệu (%ProgramData%\MotCuaDesktop)"; GroupDescription: "Dữ liệu:"; Check: IsAdminInstallMode

[Dirs]
; Shared data: the PC's users may create and change files there (the database, backups, logs, keys
; protected with DPAPI for the PC). Narrow "users" to the office's own group with icacls if other
; people have accounts on this PC (docs/windows.md).
Name: "{commonappdata}\MotCuaDesktop"; Permissions: users-modify; Tasks: shareddata; Flags: uninsneveruninstall
; Counter claims (one database per counter number on the PC), written by whichever account opens first.
Name: "{commonappdata}\MotCuaDesktop\counters"; Permissions: users-modify; Check: IsAdminInstallMode; Flags: uninsneveruninstall

[INI]
Filename: "{app}\motcua-data.ini"; Section: "data"; Key: "folder"; String: "{commonappdata}\MotCuaDesktop"; Tasks: shareddata; Flags: uninsdeletesection

[Files]
; The whole one-folder build: motcua.exe (window), motcua-cli.exe (command line), _internal\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the libraries completely (no stale DLLs from an older Qt).
Type: filesandordirs; Name: "{app}\_internal"
; The data-folder choice is written again below when "shareddata" is chosen (an upgrade keeps the
; previous choice: Inno remembers the tasks). Leaving it would keep a choice the administrator undid.
Type: files; Name: "{app}\motcua-data.ini"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folders: %ProgramData%\MotCuaDesktop or %LOCALAPPDATA%\MotCuaDesktop
; hold the office's dossiers and stay after an uninstall (remove them by hand only after a backup).
