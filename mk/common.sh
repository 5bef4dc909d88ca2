# Shared helpers of the build scripts. Source it; it sets TOP and B.
# shellcheck shell=bash
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=$TOP/build

pin() { sed -n "s/^$1=//p" "$TOP/PIN"; }

die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }
say() { printf '  %-8s %s\n' "$1" "$2"; }

# Files of the repository that are project files, not kernel files.
is_project_path() {
	case "$1" in
	Makefile|README.md|PIN|PIN.files|.gitignore|.ci/*|mk/*|tests/*|tools/hpc/*) return 0 ;;
	esac
	return 1
}

# Every kernel file the repository adds or replaces, relative to the top.
kernel_files() {
	local f list
	if git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
		list=$(git -C "$TOP" ls-files -co --exclude-standard)
	else
		list=$(cd "$TOP" && find . -path ./build -prune -o -path ./.git -prune -o -type f -print | sed 's|^\./||')
	fi
	while IFS= read -r f; do
		[ -n "$f" ] && [ -f "$TOP/$f" ] || continue
		is_project_path "$f" && continue
		printf '%s\n' "$f"
	done <<<"$list" | LC_ALL=C sort
}
