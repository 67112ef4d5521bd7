#!/usr/bin/env bash
# Builds crates/nn-core to WebAssembly (SIMD) with wasm-pack and wasm-bindgen,
# into packages/engine-wasm/pkg (JS glue for the "web" target + the .wasm).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

toolchain=$(wasm_toolchain) || die "no Rust toolchain with a wasm32 std; run scripts/setup.sh first"
if [ "$toolchain" = "debian" ]; then
  # Debian's cargo 1.65 only reaches crates.io through the sparse index as an
  # unstable feature; RUSTC_BOOTSTRAP lets this stable cargo use it.
  export RUSTUP_TOOLCHAIN=debian RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_SPARSE_REGISTRY=true
fi
cd "$ROOT/crates/nn-core"
wasm-pack --quiet build --release --target web --mode no-install --no-pack \
  --out-dir "$ROOT/packages/engine-wasm/pkg" --out-name nn_core >&2
rm -f "$ROOT/packages/engine-wasm/pkg/.gitignore"
say "built packages/engine-wasm/pkg/nn_core_bg.wasm ($(wc -c < "$ROOT/packages/engine-wasm/pkg/nn_core_bg.wasm") bytes) with ${toolchain:-the default} toolchain"
