#!/usr/bin/env bash
# Build the initramfs of one kernel flavour: build/initramfs-FLAVOUR.cpio.gz
# holding Debian's static busybox (and iperf3), the agent and init scripts of
# tests/guest, the static tools of tools/hpc, the static test programs of
# tests/progs (bounce without a C library) and the flavour's kernel
# modules, if it has any.
set -euo pipefail
. "$(dirname "$0")/common.sh"

flavour=${1:?usage: mk/initramfs.sh release|debug}
out=$B/initramfs-$flavour.cpio.gz
root=$B/initramfs/$flavour
bin=$B/guest-bin
cc=${CC:-gcc}
cflags="-static -O2 -g0 -Wall -Wextra -Werror"

bb=/bin/busybox	# from busybox-static (mk/deps.sh)
[ -x "$bb" ] || die "static busybox missing: install busybox-static"

# Static programs: one C file each; rebuilt when the source is newer.
mkdir -p "$bin"
progs=()
for src in "$TOP"/tests/guest/agent.c "$TOP"/tests/progs/*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	[ "$src" = "$TOP/tests/guest/agent.c" ] && name=hpc-agent
	if [ ! -x "$bin/$name" ] || [ "$src" -nt "$bin/$name" ]; then
		say CC "$name"
		extra=(-I"$TOP/include")
		# bounce has no C library: the base tree's nolibc, a few pages.
		[ "$name" = bounce ] && extra=(-nostdlib -fno-stack-protector
			-fno-asynchronous-unwind-tables
			-include "$B/linux/tools/include/nolibc/nolibc.h" -lgcc)
		# shellcheck disable=SC2086
		$cc $cflags -o "$bin/$name" "$src" "${extra[@]}"
	fi
	progs+=("$name")
done
# Single-threaded selftests of the base tree, which the test suite runs
# under the forced-migration mode (scenario 79). Upstream code: its
# warnings are not ours to fix.
st=$B/linux/tools/testing/selftests
selftests=(
	"st-sas sigaltstack/sas.c"
	"st-syscall_nt x86/syscall_nt.c"
	"st-vsyscall x86/test_vsyscall.c"
	"st-nanosleep timers/nanosleep.c"
	"st-rseq rseq/basic_test.c rseq/rseq.c"
	"st-sigreturn x86/sigreturn.c"
	"st-single_step_syscall x86/single_step_syscall.c"
	"st-mremap_vdso x86/test_mremap_vdso.c"
	"st-sigtrap_loop x86/sigtrap_loop.c"
	"st-syscall_arg_fault x86/syscall_arg_fault.c"
	"st-x86_sigaltstack x86/sigaltstack.c"
	"st-nx_stack x86/nx_stack.c"
	"st-corrupt_xstate x86/corrupt_xstate_header.c"
)
for spec in "${selftests[@]}"; do
	read -r name srcs <<<"$spec"
	read -ra srcs <<<"$srcs"
	srcs=("${srcs[@]/#/$st/}")
	if [ ! -x "$bin/$name" ] || [ "${srcs[0]}" -nt "$bin/$name" ]; then
		say CC "$name"
		$cc -static -O2 -g0 -w -I"$st" -I"$st/rseq" -I"$B/linux/tools/include" \
			-o "$bin/$name" "${srcs[@]}" -lrt -lpthread
	fi
	progs+=("$name")
done
if [ -f "$TOP/tools/hpc/Makefile" ]; then
	make -s -C "$TOP/tools/hpc" O="$bin" CC="$cc"
	progs+=($(make -s -C "$TOP/tools/hpc" print-tools))
fi

rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,root,mnt,lib/modules}
cp "$bb" "$root/bin/busybox"
"$bb" --list-full | while IFS= read -r app; do
	[ -e "$root/$app" ] || ln -s /bin/busybox "$root/$app"
done
ln -sf /bin/busybox "$root/init"
for p in "${progs[@]}"; do
	cp "$bin/$p" "$root/bin/$p"
done
# mosrun's shortcut names
if [ -x "$root/bin/mosrun" ]; then
	for l in nomig runhome runon cpujob iojob nodecay slowdecay fastdecay; do
		ln -s mosrun "$root/bin/$l"
	done
fi
g=$TOP/tests/guest
install -m 644 "$g/inittab" "$root/etc/inittab"
install -m 755 "$g/rc" "$root/etc/rc"
install -m 755 "$g/console-shell" "$root/etc/console-shell"
install -m 644 "$g/profile" "$root/etc/profile"
mkdir -p "$root/etc/init.d" "$root/etc/default"
install -m 755 "$TOP/tools/hpc/openmosix.init" "$root/etc/init.d/openmosix"
install -m 644 "$TOP/tools/hpc/openmosix.default" "$root/etc/default/openmosix"
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
echo "nobody:x:65534:65534:nobody:/:/bin/false" >>"$root/etc/passwd"
echo "nogroup:x:65534:" >>"$root/etc/group"
# Debian's iperf3 and the libraries it loads: make bench's link baseline.
iperf=$(command -v iperf3) || die "iperf3 missing: run mk/deps.sh"
for f in "$iperf" $(ldd "$iperf" | awk '$3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
	mkdir -p "$root$(dirname "$f")"
	cp -L "$f" "$root$f"
done
rel=$B/linux/out-$flavour/include/config/kernel.release
[ -f "$rel" ] && cp "$rel" "$root/etc/hpc-kernel-release"
mods=$B/linux/out-$flavour/modules.order
if [ -s "$mods" ]; then
	make -C "$B/linux" O="out-$flavour" -s INSTALL_MOD_PATH="$root" modules_install
fi
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
say INITRAMFS "$out ($(du -k "$out" | cut -f1) KiB)"
