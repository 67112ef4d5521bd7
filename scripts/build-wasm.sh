#!/usr/bin/env bash
# Builds crates/nn-core to WebAssembly (SIMD) with wasm-pack and wasm-bindgen,
# into packages/engine-wasm/pkg: the "bundler" target, i.e. nn_core.js imports
# nn_core_bg.wasm as an ES module (vite-plugin-wasm serves that in the app),
# and nn_core_bg.js holds the glue, which Node wires to the module by hand.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

toolchain=$(wasm_toolchain) || die "no Rust toolchain with a wasm32 std; run scripts/setup.sh first"
if [ "$toolchain" = "debian" ]; then
  # Debian's cargo 1.65 only reaches crates.io through the sparse index as an
  # unstable feature; RUSTC_BOOTSTRAP lets this stable cargo use it.
  export RUSTUP_TOOLCHAIN=debian RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_SPARSE_REGISTRY=true
fi
cd "$ROOT/crates/nn-core"
wasm-pack --quiet build --release --target bundler --mode no-install --no-pack \
  --out-dir "$ROOT/packages/engine-wasm/pkg" --out-name nn_core >&2
pkg="$ROOT/packages/engine-wasm/pkg"
rm -f "$pkg/.gitignore"
# wasm-pack types nn_core.js only; the glue module exports the same API plus
# the hook that hands it the instantiated module.
{ cat "$pkg/nn_core.d.ts"; echo 'export function __wbg_set_wasm(exports: WebAssembly.Exports): void;'; } > "$pkg/nn_core_bg.d.ts"
say "built packages/engine-wasm/pkg/nn_core_bg.wasm ($(wc -c < "$ROOT/packages/engine-wasm/pkg/nn_core_bg.wasm") bytes) with ${toolchain:-the default} toolchain"
