; Inno Setup script for Postil: a per-user install that needs no administrator rights.
;
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\dist\Postil /DOutputDir=..\dist packaging\postil.iss
;
; SourceDir is PyInstaller's one-folder build of build.spec; the installer lands in OutputDir as
; Postil-<version>-windows-x64-setup.exe. See docs/installers.md.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\Postil"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
AppId={{6F0B8C52-5E7A-4C1D-9B7E-3A2D51C4E8A1}
AppName=Postil
AppVersion={#AppVersion}
AppVerName=Postil {#AppVersion}
AppPublisher=Postil
VersionInfoVersion={#AppVersion}
; Per user, no elevation: installs to %LOCALAPPDATA%\Programs\Postil.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Postil
DefaultGroupName=Postil
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\Postil.exe
UninstallDisplayName=Postil
SetupIconFile=icons\postil.ico
OutputDir={#OutputDir}
OutputBaseFilename=Postil-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Postil"; Filename: "{app}\Postil.exe"
Name: "{autodesktop}\Postil"; Filename: "{app}\Postil.exe"; Tasks: desktopicon

[Registry]
; "Open with Postil" for the files it imports, in the user's own classes (no admin needed).
Root: HKA; Subkey: "Software\Classes\Postil.Article"; ValueType: string; ValueName: ""; ValueData: "Article for Postil"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Postil.Article\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Postil.exe,0"
Root: HKA; Subkey: "Software\Classes\Postil.Article\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Postil.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.html\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.htm\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mhtml\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mht\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.txt\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.markdown\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.eml\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.docx\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.epub\OpenWithProgids"; ValueType: string; ValueName: "Postil.Article"; ValueData: ""; Flags: uninsdeletevalue
; postil:// links in exported briefs open Postil at the highlight
Root: HKA; Subkey: "Software\Classes\postil"; ValueType: string; ValueName: ""; ValueData: "URL:Postil link"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\postil"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\postil\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Postil.exe,0"
Root: HKA; Subkey: "Software\Classes\postil\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Postil.exe"" ""%1"""

[Run]
Filename: "{app}\Postil.exe"; Description: "{cm:LaunchProgram,Postil}"; Flags: nowait postinstall skipifsilent
