#!/usr/bin/env bash
# Build one kernel flavour out of tree:
#   release  arch/x86/configs/hpc_defconfig
#   debug    the same plus arch/x86/configs/hpc_debug.config (the kernel
#            the tests run on)
# Output: build/linux/out-FLAVOUR/arch/x86/boot/bzImage.
# HPC=n builds the same flavour with CONFIG_HPC off (out-FLAVOUR-nohpc).
set -euo pipefail
. "$(dirname "$0")/common.sh"

flavour=${1:?usage: mk/kernel.sh release|debug}
case "$flavour" in
release) frags=(hpc_defconfig) ;;
debug) frags=(hpc_defconfig hpc_debug.config) ;;
*) die "unknown flavour $flavour" ;;
esac
out=out-$flavour
suffix=
[ "${HPC:-y}" = n ] && suffix=-nohpc
out=$out$suffix

"$TOP/mk/tree.sh"

K=$B/linux
cc=gcc
if command -v ccache >/dev/null; then
	cc="ccache gcc"
	export CCACHE_BASEDIR=$B CCACHE_NOHASHDIR=1
	export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
fi
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=hpc KBUILD_BUILD_HOST=openmosix
kmake() { make -C "$K" O="$out" CC="$cc" HOSTCC="$cc" -j"$(nproc)" -s "$@"; }

# (Re)configure when the config sources are newer than the .config.
cfg=$K/$out/.config
stale=
[ -f "$cfg" ] || stale=1
for f in "${frags[@]}"; do
	[ "$K/arch/x86/configs/$f" -nt "$cfg" ] && stale=1
done
if [ -n "$stale" ]; then
	say CONFIG "$flavour$suffix: ${frags[*]}"
	mkdir -p "$K/$out"
	kmake "${frags[@]}" >/dev/null
	if [ "${HPC:-y}" = n ]; then
		"$K/scripts/config" --file "$cfg" -d HPC
		kmake olddefconfig >/dev/null
	fi
	grep -q "^CONFIG_HPC=y" "$cfg" || [ "${HPC:-y}" = n ] ||
		die "CONFIG_HPC did not stay on in $cfg"
fi

say KERNEL "$flavour$suffix"
kmake bzImage
ln -sf "linux/$out/arch/x86/boot/bzImage" "$B/bzImage-$flavour$suffix"
