#!/usr/bin/env bash
# The core's native unit tests (the maths, on the host CPU with the same kernels).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT/crates/nn-core"
cargo test --quiet 2>&1 | sed 's/^/[nn-core] /'
