#!/bin/sh
# Installs `charter` from a GitHub release: the archive for this machine, checked against
# the release's SHA-256 before anything is installed. It is the shell installer users run
#
#   curl -LsSf https://github.com/service-charter/charter/releases/latest/download/charter-installer.sh | sh
#
# and the GitHub Action runs it too (with --cache and --source), so both take one path.
# POSIX sh, so that `| sh` works with dash as well as bash, zsh or Git Bash on Windows. All
# of it is in functions and `main "$@"` is the last line: a download cut short runs nothing.
#
# Exit status: 0 installed; 1 failed (no archive for this platform, download failed,
# checksum mismatch: nothing installed); 2 bad usage; 3 no such release (and no --source).
set -eu

repository="https://github.com/service-charter/charter"

usage() {
  cat <<'EOF'
Installs charter, the service-charter compiler, from a GitHub release.

Usage: install.sh [OPTIONS]
       curl -LsSf https://github.com/service-charter/charter/releases/latest/download/charter-installer.sh | sh -s -- [OPTIONS]

Options:
  --version VERSION  The release to install, such as v0.1.0 (default: latest)
  --to DIR           Where to put the `charter` command (default: ~/.local/bin)
  --cache DIR        Keep the release's archive in DIR/VERSION/ and use it next time
                     (checked against the release's SHA-256 each time)
  --source DIR       Build from this source folder with cargo when VERSION is not a
                     release (a branch, a commit, a tag without a release)
  --target TRIPLE    Install another platform's archive (default: this machine's)
  --base-url URL     Where the releases are (default: the project's GitHub releases)
  -q, --quiet        Say nothing but errors
  -h, --help         Print this help

Environment: CHARTER_VERSION and CHARTER_INSTALL_DIR set the defaults of --version and --to.
EOF
}

say() {
  if [ "$quiet" = 0 ]; then printf '%s\n' "$*" >&2; fi
}

fail() {
  printf 'charter installer: %s\n' "$*" >&2
  exit 1
}

usage_error() {
  printf 'charter installer: %s\n' "$*" >&2
  exit 2
}

# The release archive's target for this machine. Linux gets the static (musl) binary, which
# runs on any distribution; an arm64 Windows runs the x86_64 binary under emulation.
detect_target() {
  os=$(uname -s)
  arch=$(uname -m)
  case "$arch" in
    x86_64 | amd64 | x64) arch=x86_64 ;;
    aarch64 | arm64 | armv8*) arch=aarch64 ;;
  esac
  case "$os" in
    Linux) os=unknown-linux-musl ;;
    Darwin)
      os=apple-darwin
      # A shell under Rosetta says x86_64 on an Apple chip: take the native binary.
      if [ "$arch" = x86_64 ] && [ "$(sysctl -n hw.optional.arm64 2>/dev/null || true)" = 1 ]; then
        arch=aarch64
      fi
      ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT)
      os=pc-windows-msvc
      arch=x86_64
      ;;
  esac
  case "$arch-$os" in
    x86_64-unknown-linux-musl | aarch64-unknown-linux-musl | x86_64-apple-darwin | \
      aarch64-apple-darwin | x86_64-pc-windows-msvc)
      printf '%s-%s\n' "$arch" "$os"
      ;;
    *)
      fail "there is no release archive for $(uname -s) on $(uname -m); build from source instead: cargo install --locked service-charter"
      ;;
  esac
}

# Downloads $1 to $2. Returns 3 when the file is not there (HTTP 404, or a missing file for a
# file:// URL standing in for a release), 1 on any other failure (a rate limit, an outage:
# those are not a missing release). Sets `landed` to the URL it came from after redirects.
download() {
  landed=$1
  if command -v curl >/dev/null 2>&1; then
    status=0
    out=$(curl --proto '=https,file' --tlsv1.2 --fail --location --silent --show-error \
      --retry 3 --write-out '%{http_code} %{url_effective}' --output "$2" "$1" 2>"$work/curl.err") || status=$?
    code=${out%% *}
    if [ "$status" = 0 ]; then
      landed=${out#* }
      return 0
    fi
    if [ "$status" = 37 ] || { [ "$status" = 22 ] && [ "$code" = 404 ]; }; then return 3; fi
    return 1
  elif command -v wget >/dev/null 2>&1; then
    # wget cannot tell a missing file from a server's error: any failure is a failure.
    wget --quiet --https-only --output-document="$2" "$1" || return 1
  else
    fail "neither curl nor wget is installed"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 -r "$1" | cut -d ' ' -f 1
  else
    fail "no SHA-256 tool (sha256sum, shasum or openssl) to check the download with"
  fi
}

extract() {
  case "$1" in
    *.zip)
      if command -v unzip >/dev/null 2>&1; then
        unzip -q "$1" -d "$2"
      else
        # Git Bash without unzip: PowerShell, given Windows paths, and not our stdin (which
        # under `curl | sh` is this script).
        powershell.exe -NoProfile -NonInteractive -Command \
          "Expand-Archive -LiteralPath '$(cygpath -w "$1")' -DestinationPath '$(cygpath -w "$2")'" </dev/null
      fi
      ;;
    *) tar -xzf "$1" -C "$2" ;;
  esac
}

# Puts the binary $1 at $to/$exe: copied beside it under a name of its own first, then
# renamed over it, so that neither a running `charter`, an interrupted install nor a second
# install at the same time ever sees half a file.
place() {
  partial=$(mktemp "$to/.charter.XXXXXX") || fail "cannot write into $to"
  cp "$1" "$partial"
  chmod 755 "$partial"
  mv -f "$partial" "$to/$exe"
}

# How to make `charter` a command the shell finds: the line to add to the shell's startup
# file, said so that it can be copied.
path_hint() {
  case "${SHELL:-}" in
    */zsh) profile="$HOME/.zshrc" ;;
    */bash) if [ "$(uname -s)" = Darwin ]; then profile="$HOME/.bash_profile"; else profile="$HOME/.bashrc"; fi ;;
    */fish) profile="" ;;
    *) profile="$HOME/.profile" ;;
  esac
  say ""
  say "To run charter by its name, add $to to your PATH:"
  if [ -n "$profile" ]; then
    say "    echo 'export PATH=\"$to:\$PATH\"' >> $profile"
  else
    say "    fish_add_path $to"
  fi
  say "then open a new terminal. Until then, run it as $to/$exe"
}

# Builds the source folder with cargo and installs what it built.
from_source() {
  command -v cargo >/dev/null 2>&1 || fail "$1, and cargo is not installed to build it from source"
  say "$1: building from $source_dir with cargo (about 10 minutes)"
  cargo install --locked --quiet --path "$source_dir" --bin charter --root "$work/cargo"
  place "$work/cargo/bin/$exe"
  say "charter (built from $source_dir) installed into $to"
  exit 0
}

main() {
  version="${CHARTER_VERSION:-latest}"
  to="${CHARTER_INSTALL_DIR:-}"
  cache=""
  source_dir=""
  target=""
  base_url="$repository/releases"
  quiet=0

  while [ $# -gt 0 ]; do
    case "$1" in
      --version | --to | --cache | --source | --target | --base-url)
        [ $# -ge 2 ] || usage_error "$1 needs a value"
        case "$1" in
          --version) version="$2" ;;
          --to) to="$2" ;;
          --cache) cache="$2" ;;
          --source) source_dir="$2" ;;
          --target) target="$2" ;;
          --base-url) base_url="${2%/}" ;;
        esac
        shift 2
        ;;
      -q | --quiet) quiet=1; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage_error "unknown option $1 (see --help)" ;;
    esac
  done

  # A version that names no release (a branch or a commit, as the Action may be pinned to)
  # is built from --source.
  released=1
  case "$version" in
    latest | v[0-9]*) ;;
    [0-9]*.[0-9]*) version="v$version" ;;
    *)
      [ -n "$source_dir" ] || usage_error "--version takes a release such as v0.1.0 or latest, not $version"
      released=0
      ;;
  esac

  if [ -z "$target" ]; then target=$(detect_target); fi
  case "$target" in
    *-windows-*) archive="charter-$target.zip"; exe=charter.exe ;;
    *) archive="charter-$target.tar.gz"; exe=charter ;;
  esac

  if [ -z "$to" ]; then
    [ -n "${HOME:-}" ] || fail "HOME is not set: say where to install with --to DIR"
    to="$HOME/.local/bin"
  fi
  mkdir -p "$to" 2>/dev/null && [ -w "$to" ] || fail "cannot write into $to: choose another folder with --to DIR"

  work=$(mktemp -d 2>/dev/null || mktemp -d -t charter-install)
  trap 'rm -rf "$work"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  if [ "$released" = 0 ]; then from_source "$version is not a release"; fi

  if [ "$version" = latest ]; then
    url="$base_url/latest/download/$archive"
  else
    url="$base_url/download/$version/$archive"
  fi

  # A release's archive is kept by version (`latest` moves, so it is not kept); the checksum
  # always comes from the release itself, so a cached archive is trusted no more than a
  # downloaded one.
  kept=""
  if [ -n "$cache" ] && [ "$version" != latest ] && [ -f "$cache/$version/$archive" ]; then
    kept="$cache/$version/$archive"
    cp "$kept" "$work/$archive"
    say "charter $version ($target): the archive from the cache"
  else
    say "downloading $url"
    status=0
    download "$url" "$work/$archive" || status=$?
    if [ "$status" = 3 ]; then
      [ -n "$source_dir" ] || {
        printf 'charter installer: there is no release %s with %s (%s); the releases are listed at %s\n' "$version" "$archive" "$url" "$base_url" >&2
        exit 3
      }
      from_source "there is no release $version"
    elif [ "$status" != 0 ]; then
      fail "could not download $url ($(cat "$work/curl.err" 2>/dev/null))"
    fi
    # `latest` redirects to the release's own address: take the checksum from the same one.
    case "$landed" in
      */download/*/"$archive") url=$landed ;;
    esac
  fi

  status=0
  download "$url.sha256" "$work/$archive.sha256" || status=$?
  [ "$status" = 0 ] || fail "could not download the release's checksum $url.sha256: nothing was installed"
  expected=$(cut -d ' ' -f 1 <"$work/$archive.sha256" | tr -d '\r\n' | tr 'A-F' 'a-f')
  actual=$(sha256_of "$work/$archive")
  if [ "$expected" != "$actual" ]; then
    if [ -n "$kept" ]; then rm -f "$kept"; fi
    fail "the archive's SHA-256 is $actual, but the release says $expected: nothing was installed"
  fi

  mkdir "$work/unpacked"
  extract "$work/$archive" "$work/unpacked"
  binary="$work/unpacked/charter-$target/$exe"
  [ -f "$binary" ] || fail "$archive has no charter-$target/$exe"

  if [ -n "$cache" ] && [ "$version" != latest ] && [ -z "$kept" ]; then
    mkdir -p "$cache/$version"
    cp "$work/$archive" "$cache/$version/.$archive.partial"
    mv -f "$cache/$version/.$archive.partial" "$cache/$version/$archive"
  fi
  place "$binary"
  # What it says it is (another platform's binary cannot run here: then the release's name).
  installed=$("$to/$exe" --version 2>/dev/null) || installed="charter $version"
  say "$installed ($target) installed into $to"
  case ":${PATH:-}:" in
    *":$to:"*) ;;
    *) path_hint ;;
  esac
}

main "$@"
