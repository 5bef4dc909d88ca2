#!/usr/bin/env bash
# Write the whole inline patch of the tree against the pinned base as one
# file that applies with 'patch -p1' inside a clean linux-source-6.12.
set -euo pipefail
. "$(dirname "$0")/common.sh"

out=${1:-$B/hpc.diff}
base=$B/base
: >"$out.tmp"
kernel_files | while IFS= read -r f; do
	if [ -f "$base/$f" ]; then
		diff -u --label "a/$f" --label "b/$f" "$base/$f" "$TOP/$f" || true
	else
		diff -u --label /dev/null --label "b/$f" /dev/null "$TOP/$f" || true
	fi
done >>"$out.tmp"
mv "$out.tmp" "$out"
echo "$out: $(grep -c '^+++ ' "$out") files, $(grep -c '^+[^+]' "$out") lines added"
