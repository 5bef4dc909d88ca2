#!/usr/bin/env bash
# Materialise the kernel tree under build/:
#   build/base   the pinned tarball, unpacked once, never written to
#   build/linux  the base (hard links) with the repository's kernel files
#                laid over it; objects go to build/linux/out-FLAVOUR
# The base is shared with build/linux through hard links: nothing may
# write into build/linux in place (kbuild writes only under out-*).
# A repository file is copied only when its content changed, so kbuild
# rebuilds exactly what depends on it. A file dropped from the repository
# gets its upstream version back.
#
#   mk/tree.sh            unpack if needed, then overlay
#   mk/tree.sh --record   rewrite PIN.files from the pinned base
#   mk/tree.sh --check    verify PIN.files against the repository
set -euo pipefail
. "$(dirname "$0")/common.sh"

base=$B/base
work=$B/linux
tarball=$(pin tarball)

replaced_files() {
	local f
	kernel_files | while IFS= read -r f; do
		if [ -f "$base/$f" ]; then printf '%s\n' "$f"; fi
	done
}

check_files_against() {
	# $1: a tree; prints the replaced files whose upstream hash differs
	local dir=$1 sum f bad=
	while read -r sum f; do
		[ -n "$f" ] || continue
		if [ ! -f "$dir/$f" ] || [ "$(sha256sum <"$dir/$f" | cut -d' ' -f1)" != "$sum" ]; then
			bad="$bad $f"
		fi
	done <"$TOP/PIN.files"
	printf '%s' "${bad# }"
}

unpack() {
	[ -f "$base/.unpacked" ] && return 0
	[ -f "$tarball" ] || die "$tarball is missing; run 'make deps' (installs $(pin package)=$(pin version))"
	local sum
	sum=$(sha256sum "$tarball" | cut -d' ' -f1)
	say UNPACK "$tarball"
	rm -rf "$base" "$base.tmp"
	mkdir -p "$base.tmp"
	tar -C "$base.tmp" -xJf "$tarball"
	mv "$base.tmp/$(pin topdir)" "$base"
	rmdir "$base.tmp"
	if [ "$sum" != "$(pin sha256)" ]; then
		echo "NOTE: $tarball is not the pinned $(pin package) $(pin version)" >&2
		echo "      (sha256 $sum); checking the files this tree replaces." >&2
		local bad
		bad=$(check_files_against "$base")
		if [ -n "$bad" ]; then
			rm -rf "$base"
			die "the installed base differs from the pin in: $bad"
		fi
		echo "      All replaced files are identical to the pin; going on." >&2
	fi
	touch "$base/.unpacked"
}

link_work() {
	[ -f "$work/.linked" ] && return 0
	say LINK "$work"
	rm -rf "$work"
	cp -al "$base" "$work.tmp"
	mv "$work.tmp" "$work"
	: >"$work/.overlay"
	touch "$work/.linked"
}

overlay() {
	local f new old
	new=$(kernel_files)
	while IFS= read -r f; do
		[ -n "$f" ] || continue
		if ! cmp -s "$TOP/$f" "$work/$f"; then
			# Never write through a hard link into the base.
			mkdir -p "$(dirname "$work/$f")"
			rm -f "$work/$f"
			cp "$TOP/$f" "$work/$f"
			say OVERLAY "$f"
		fi
	done <<<"$new"
	old=$(cat "$work/.overlay")
	while IFS= read -r f; do
		[ -n "$f" ] || continue
		grep -qxF -- "$f" <<<"$new" && continue
		rm -f "$work/$f"
		if [ -f "$base/$f" ]; then
			cp "$base/$f" "$work/$f"
			say RESTORE "$f"
		else
			say REMOVE "$f"
		fi
	done <<<"$old"
	printf '%s\n' "$new" >"$work/.overlay"
}

case "${1:-}" in
--record)
	unpack
	replaced_files | while IFS= read -r f; do
		printf '%s  %s\n' "$(sha256sum <"$base/$f" | cut -d' ' -f1)" "$f"
	done >"$TOP/PIN.files"
	;;
--check)
	unpack
	want=$(replaced_files)
	have=$(awk '{print $2}' "$TOP/PIN.files" | LC_ALL=C sort)
	[ "$want" = "$have" ] || die "PIN.files does not list exactly the replaced files (run mk/tree.sh --record)"
	bad=$(check_files_against "$base")
	[ -z "$bad" ] || die "PIN.files hashes do not match the pinned base: $bad"
	echo "PIN.files: $(wc -l <"$TOP/PIN.files") replaced upstream files, hashes match"
	;;
"")
	unpack
	link_work
	overlay
	;;
*)
	die "unknown option $1"
	;;
esac
