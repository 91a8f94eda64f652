#!/usr/bin/env bash
# The long crash test (shared/research/queue.md T1): SIGKILL the committing, delivering
# kiosk at random moments KILLS times (default 10,000), then check that every acknowledged
# transaction reached the backend exactly once and the database passes quick_check. CI runs
# the same test with 200 kills.
#
#   tools/crash-loop.sh [KILLS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$("$repo/tools/bootstrap.sh" release | tail -n 1)"
KIOSK_CRASH_KILLS="${1:-10000}" "$build/tests/outbox/outbox_tests" "[crash]"
