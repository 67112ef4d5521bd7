#!/usr/bin/env bash
# npm start: sets up what is missing, builds the core, and serves both apps
# from their dev servers — the playground (students) and the classroom app
# (the teacher) — until Ctrl+C, printing both addresses once they answer.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PLAYGROUND_URL="http://127.0.0.1:5173/"
CLASSROOM_URL="http://127.0.0.1:5174/"

bash scripts/setup.sh
bash scripts/pnpm.sh turbo run build:wasm

# Both servers end with this script (Ctrl+C, or one of them failing).
trap 'trap - EXIT INT TERM; kill 0 2>/dev/null || true' EXIT INT TERM

bash scripts/pnpm.sh --filter @nn/playground dev &
bash scripts/pnpm.sh --filter @nn/classroom dev &

# True once `url` answers.
answers() {
  node -e 'fetch(process.argv[1]).then(() => process.exit(0), () => process.exit(1))' "$1" 2>/dev/null
}
for url in "$PLAYGROUND_URL" "$CLASSROOM_URL"; do
  until answers "$url"; do
    # A server that stopped (its port taken, say) ends the start.
    if [ "$(jobs -rp | wc -l)" -lt 2 ]; then die "a dev server stopped; see its message above"; fi
    sleep 0.3
  done
done

printf '\n\033[1m  Playground (students):      %s\033[0m\n' "$PLAYGROUND_URL"
printf '\033[1m  Classroom app (teacher):    %s\033[0m\n\n' "$CLASSROOM_URL"

wait -n
