#!/usr/bin/env bash
# Runs the project's pnpm (the global one, or the private copy setup.sh made).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
exec pnpm "$@"
