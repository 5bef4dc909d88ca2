#!/usr/bin/env bash
# Install what the build and the cluster need, from Debian's packages:
# the tool packages when missing and the pinned linux-source-6.12.
# As root it installs; otherwise it prints the apt-get line and fails.
set -euo pipefail
. "$(dirname "$0")/common.sh"

# package:command-or-file that proves it is there
need=(
	gcc:gcc make:make bc:bc bison:bison flex:flex cpio:cpio
	xz-utils:xz gzip:gzip perl:perl python3:python3 kmod:depmod
	libelf-dev:/usr/include/libelf.h libssl-dev:/usr/include/openssl/ssl.h
	libc6-dev:/usr/include/stdio.h ccache:ccache
	busybox-static:/bin/busybox qemu-system-x86:qemu-system-x86_64
	vde2:vde_switch socat:socat git:git patch:patch tmux:tmux
	iperf3:iperf3 gnuplot-nox:gnuplot
)
[ $# -gt 0 ] && need+=("$@")

missing=()
for n in "${need[@]}"; do
	pkg=${n%%:*} what=${n#*:}
	case "$what" in
	/*) [ -e "$what" ] ;;
	*) command -v "$what" >/dev/null ;;
	esac || missing+=("$pkg")
done

pkg=$(pin package) ver=$(pin version)
have=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
want_src=
# An unpacked base was checked against the pin when it was unpacked.
[ "$have" != "$ver" ] && [ ! -f "$B/base/.unpacked" ] && want_src=1

[ ${#missing[@]} -eq 0 ] && [ -z "$want_src" ] && exit 0

apt() { DEBIAN_FRONTEND=noninteractive apt-get -y -q --no-install-recommends "$@"; }
line="apt-get install ${missing[*]}${want_src:+ $pkg=$ver}"
if [ "$(id -u)" != 0 ]; then
	echo "Missing packages; as root, run:" >&2
	echo "  apt-get update && $line" >&2
	exit 1
fi
echo "Installing: ${missing[*]}${want_src:+ $pkg=$ver}"
stamp=$B/.apt-updated
mkdir -p "$B"
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +600)" ]; then
	apt-get update -q >/dev/null
	touch "$stamp"
fi
[ ${#missing[@]} -eq 0 ] || apt install "${missing[@]}" >/dev/null
if [ -n "$want_src" ]; then
	if ! apt install "$pkg=$ver" >/dev/null 2>&1; then
		echo "NOTE: $pkg $ver, the pinned base, cannot be installed here." >&2
		echo "      Installing the newest $pkg; the build uses it only if every" >&2
		echo "      upstream file this tree replaces is identical to the pin." >&2
		apt install "$pkg" >/dev/null
	fi
fi
