#!/usr/bin/env bash
# Installs whatever this project needs and is missing, then exits. Safe to run
# again: every step is skipped when its result is already there.
#   --with-browser   also make sure the end-to-end tests' browsers are there
#                    (Chromium, Firefox ESR, WebKitGTK; see E2E_BROWSERS below)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

with_browser=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    *) die "unknown option $arg" ;;
  esac
done

# --- Rust with a wasm32 standard library ------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  die "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again."
fi
if ! wasm_toolchain >/dev/null; then
  say "no wasm32 standard library yet; trying 'rustup target add wasm32-unknown-unknown'"
  if ! { command -v rustup >/dev/null 2>&1 && rustup target add wasm32-unknown-unknown >&2; }; then
    say "rustup cannot download it here; using Debian's wasm32 std (rustc 1.63) instead"
    apt_install rustc cargo libstd-rust-dev-wasm32 \
      || die "could not install Debian's rustc and libstd-rust-dev-wasm32 (needs root or sudo)"
    if command -v rustup >/dev/null 2>&1; then
      rustup toolchain link debian /usr >&2
    fi
  fi
  wasm_toolchain >/dev/null || die "no Rust toolchain with the wasm32-unknown-unknown target could be set up"
fi

# --- wasm-bindgen-cli and wasm-pack (built from crates.io, once per machine) --
need_native_build_deps() {
  command -v pkg-config >/dev/null 2>&1 && pkg-config --exists openssl 2>/dev/null && command -v cc >/dev/null 2>&1
}
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ] \
   || ! command -v wasm-pack >/dev/null 2>&1; then
  if ! need_native_build_deps; then
    apt_install pkg-config libssl-dev build-essential || say "could not install pkg-config/libssl-dev; trying without"
  fi
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked >&2
fi
if ! command -v wasm-pack >/dev/null 2>&1; then
  say "building wasm-pack from crates.io (a few minutes, once)"
  cargo install wasm-pack --locked >&2
fi

# --- pnpm and node modules ---------------------------------------------------
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  say "installing pnpm $PNPM_VERSION"
  if ! npm install -g "pnpm@$PNPM_VERSION" >&2 2>/dev/null || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    # No permission for a global install: keep a private copy in the checkout.
    npm install --no-save --prefix "$ROOT/.tools" "pnpm@$PNPM_VERSION" >&2
  fi
fi
cd "$ROOT"
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ] || [ package.json -nt node_modules/.modules.yaml ]; then
  say "installing node modules"
  if [ "${CI:-}" = "true" ]; then pnpm install --frozen-lockfile >&2; else pnpm install >&2; fi
fi

# --- Python 3 with NumPy (a test runs the playground's "Export to Python" script) --
if ! python3 -c 'import numpy' >/dev/null 2>&1 && ! /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1; then
  say "installing python3 and python3-numpy"
  apt_install python3 python3-numpy \
    || say "could not install python3-numpy (needs root or sudo): the Python export's test will fail until it is there"
fi

# --- Browsers for the end-to-end tests --------------------------------------
# E2E_BROWSERS (default "chromium firefox webkit") names the browsers the
# end-to-end tests run in; each one missing is installed from Debian.
if [ "$with_browser" = 1 ]; then
  for browser in ${E2E_BROWSERS:-chromium firefox webkit}; do
    case "$browser" in
      chromium)
        if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
           && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
          say "installing Chromium for the end-to-end tests"
          apt_install chromium || die "could not install Chromium; set CHROMIUM_PATH to a Chromium or Chrome binary"
        fi ;;
      firefox)
        if [ -z "${FIREFOX_PATH:-}" ] && ! command -v firefox-esr >/dev/null 2>&1 && ! command -v firefox >/dev/null 2>&1; then
          say "installing Firefox ESR for the end-to-end tests"
          apt_install firefox-esr || die "could not install Firefox ESR; set FIREFOX_PATH, or leave firefox out of E2E_BROWSERS"
        fi ;;
      webkit)
        # WebKitGTK's MiniBrowser, driven through WebKitWebDriver in a virtual X display.
        if ! command -v WebKitWebDriver >/dev/null 2>&1 || ! command -v Xvfb >/dev/null 2>&1; then
          say "installing WebKitGTK's WebDriver and Xvfb for the end-to-end tests"
          apt_install webkit2gtk-driver xvfb || die "could not install webkit2gtk-driver and xvfb; or leave webkit out of E2E_BROWSERS"
        fi ;;
      *) die "unknown browser '$browser' in E2E_BROWSERS (use chromium, firefox, webkit)" ;;
    esac
  done
fi
say "ready"
