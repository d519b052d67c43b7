# Installs `charter` on Windows from a GitHub release, checked against its SHA-256 before
# anything is written:
#
#   powershell -ExecutionPolicy ByPass -c "irm https://github.com/service-charter/charter/releases/latest/download/charter-installer.ps1 | iex"
#
# The same steps as packaging/install.sh (which the tests run); this one is tried by the
# release workflow on a Windows runner. Environment: CHARTER_VERSION (default latest),
# CHARTER_INSTALL_DIR (default %LOCALAPPDATA%\charter\bin), CHARTER_BASE_URL (default the
# project's GitHub releases).
# In a script block of its own, so that under `irm | iex` nothing (the preferences, the
# variables) is left behind in the user's session.
& {
    $ErrorActionPreference = 'Stop'
    $ProgressPreference = 'SilentlyContinue'

    $Repository = 'https://github.com/service-charter/charter'
    $Version = if ($env:CHARTER_VERSION) { $env:CHARTER_VERSION } else { 'latest' }
    if ($Version -match '^[0-9]') { $Version = "v$Version" }
    $BaseUrl = if ($env:CHARTER_BASE_URL) { $env:CHARTER_BASE_URL.TrimEnd('/') } else { "$Repository/releases" }
    $InstallDir = if ($env:CHARTER_INSTALL_DIR) { $env:CHARTER_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA 'charter\bin' }

    # An arm64 Windows runs the x86_64 binary under emulation.
    $Target = 'x86_64-pc-windows-msvc'
    $Archive = "charter-$Target.zip"
    $Url = if ($Version -eq 'latest') { "$BaseUrl/latest/download/$Archive" } else { "$BaseUrl/download/$Version/$Archive" }

    $Work = Join-Path ([System.IO.Path]::GetTempPath()) ("charter-install-" + [System.Guid]::NewGuid())
    New-Item -ItemType Directory -Path $Work | Out-Null
    try {
        Write-Host "downloading $Url"
        [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
        Invoke-WebRequest -Uri $Url -OutFile (Join-Path $Work $Archive) -UseBasicParsing
        Invoke-WebRequest -Uri "$Url.sha256" -OutFile (Join-Path $Work "$Archive.sha256") -UseBasicParsing

        $Expected = ((Get-Content (Join-Path $Work "$Archive.sha256") -Raw).Trim() -split '\s+')[0].ToLowerInvariant()
        $Actual = (Get-FileHash -Algorithm SHA256 (Join-Path $Work $Archive)).Hash.ToLowerInvariant()
        if ($Expected -ne $Actual) {
            throw "the download's SHA-256 is $Actual, but the release says ${Expected}: nothing was installed"
        }

        Expand-Archive -LiteralPath (Join-Path $Work $Archive) -DestinationPath (Join-Path $Work 'unpacked')
        $Binary = Join-Path $Work "unpacked\charter-$Target\charter.exe"
        if (-not (Test-Path $Binary)) { throw "$Archive has no charter-$Target\charter.exe" }

        New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
        $Partial = Join-Path $InstallDir (".charter-" + [System.Guid]::NewGuid() + ".partial")
        Copy-Item $Binary $Partial -Force
        Move-Item $Partial (Join-Path $InstallDir 'charter.exe') -Force
        $Installed = & (Join-Path $InstallDir 'charter.exe') --version
        Write-Host "$Installed installed into $InstallDir"

        # The user's PATH as stored, %VARIABLES% unexpanded, so that adding to it changes
        # nothing else in it.
        $Environment = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Environment', $true)
        $UserPath = $Environment.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
        if (-not (($UserPath -split ';') -contains $InstallDir)) {
            $Environment.SetValue('Path', (@($InstallDir) + @($UserPath -split ';' | Where-Object { $_ }) -join ';'), [Microsoft.Win32.RegistryValueKind]::ExpandString)
            Write-Host "added $InstallDir to your PATH: open a new terminal to run charter"
        }
        $Environment.Close()
    }
    finally {
        Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
    }
}
