# Shared helpers for the project's scripts. Sourced, not run.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_BINDGEN_VERSION="0.2.100"
PNPM_VERSION="12.4.2"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else return 1
  fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$APT_UPDATED" = 0 ]; then
    as_root apt-get update -qq >&2 || return 1
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# True when the given toolchain's rustc ("" = the default one) has a wasm32 std.
has_wasm32_std() {
  local tc=$1 libdir
  if [ -n "$tc" ]; then
    libdir=$(rustc "+$tc" --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) || return 1
  else
    libdir=$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) || return 1
  fi
  compgen -G "$libdir/libcore-*.rlib" >/dev/null
}

# Prints the rustup toolchain to build wasm32 with: "" for the default one,
# "debian" for Debian's rustc linked into rustup. Fails when there is none.
wasm_toolchain() {
  if has_wasm32_std ""; then echo ""; return 0; fi
  if command -v rustup >/dev/null 2>&1 && rustup toolchain list 2>/dev/null | grep -q '^debian' && has_wasm32_std debian; then
    echo "debian"; return 0
  fi
  return 1
}
