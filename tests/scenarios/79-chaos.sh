# timeout: 900
# The forced-migration mode (/proc/hpc/debug/chaos): a process in it is
# sent to a random node at random system calls, and so are its children.
# Programs, busybox and selftests of the base tree print and exit under
# it exactly as unmoved.
asked() {	# moves the mode asked for, on all nodes
	local n s=0 a
	for n in 1 2 3; do
		a=$(on "$n" awk '/^asked/ { print $2 }' /proc/hpc/debug/chaos)
		s=$((s + a))
	done
	echo "$s"
}
# chaos NAME CMD: CMD's output and status, unmoved and in the mode
chaos() {
	local name=$1 cmd=$2 want got
	want=$(on 1 sh -c "cd /tmp && $cmd 2>&1; echo status \$?")
	got=$(on 1 sh -c "echo \$\$ > /proc/hpc/debug/chaos && cd /tmp && $cmd 2>&1; echo status \$?")
	[ -n "$want" ] || fail "$name: no output"
	[ "$got" = "$want" ] || fail "$name under chaos: got
$got
want
$want"
}

# Bad writes change nothing.
for bad in abc -1 1 2 999999 "gap 0" "gap 60001" "gap x" "gap "; do
	expect_rc 1 on 1 sh -c "echo '$bad' > /proc/hpc/debug/chaos"
done
a0=$(asked)
expect_eq "no move asked yet" "$a0" 0

on 1 sh -c 'rm -rf /tmp/ca /tmp/cb; mkdir /tmp/ca /tmp/cb; dd if=/dev/urandom of=/tmp/cbig bs=512K count=2 2>/dev/null'
chaos memory "migtest mem 4"
chaos fpu "migtest fpu 100000"
want=$(on 1 sh -c 'migtest files /tmp/ca 2>&1; cat /tmp/ca/f2')
got=$(on 1 sh -c 'echo $$ > /proc/hpc/debug/chaos && migtest files /tmp/cb 2>&1; cat /tmp/cb/f2')
expect_eq "files under chaos" "$got" "$want"
chaos pipes "migtest pipe"
chaos signals "migtest signals"
chaos "SIGINT in a read" "migtest intr"
chaos tcp "migtest tcp 7320"
chaos fork "migtest fork"
chaos ids "migtest ids /tmp"
chaos clock "migtest clock"
for code in 0 1 77 255; do
	chaos "exit $code" "migtest exit $code"
done
# A TCP connection to a server on a third node, in the mode: the
# connection stays home's wherever the process goes.
tcp3_same "tcp to node 3 under chaos" 7321 'echo $$ > /proc/hpc/debug/chaos &&' ""
# ping's socket is home's too: the replies reach it wherever it runs.
chaos ping "ping -c 3 -W 5 192.0.2.2 | grep -c 'bytes from'"
# And it does move: its moves, read at home while it runs, then its
# replies.
got=$(on 1 sh -c 'sh -c "echo \$\$ > /proc/hpc/debug/chaos &&
	exec ping -c 4 -W 5 192.0.2.2" >/tmp/pg 2>&1 & p=$!
	sleep 2; cat /proc/$p/nmigs; wait $p; grep -c "bytes from" /tmp/pg')
case "$got" in
"0"*|"") fail "ping under chaos did not move: $got" ;;
*"
4") ;;
*) fail "ping under chaos, moved: got $got" ;;
esac
chaos segv "migtest segv"
# A program that moves itself: a move the mode asked and its own request
# at the same call, its own goes (the checksum; its moves differ).
chaos "moving itself" "bounce 40 2 1 | sed -n 1p"
a1=$(asked)
[ "$a1" -ge 20 ] || fail "the programs were asked to move only $a1 times"

# The long programs below make thousands of calls: a longer gap between
# moves spreads some twenty moves over each run, at about a second each,
# instead of a hundred.
gap() {
	local n
	for n in 1 2 3; do
		on "$n" sh -c "echo gap $1 > /proc/hpc/debug/chaos" || fail "gap $1 on node $n"
	done
}
trap 'gap 50' EXIT
gap 300
expect_eq "gap set" "$(on 2 awk '/^gap/ { print $2 }' /proc/hpc/debug/chaos)" 300

chaos sha256sum "sha256sum /tmp/cbig"
chaos gzip "gzip -c /tmp/cbig | sha256sum"
chaos awk "awk '{ n += length(\$0); w += NF } END { print NR, n, w }' /tmp/cbig"
chaos "shell loop" "i=0; while [ \$i -lt 300 ]; do echo \$i > /tmp/cl; i=\$((i + \$(cat /tmp/cl) % 7 + 1)); done; echo \$i"

# Selftests of the base tree (tools/testing/selftests), single-threaded:
# the alternate signal stack, sigreturn with odd segments and flags, the
# trap flag across system calls, a vDSO moved by mremap, faults in
# system call arguments, a non-executable stack, a corrupt XSAVE header,
# sleeps on every clock, never ending early. Each must exit 0 in the
# mode, as it does unmoved; it is run unmoved only when it does not (the
# unmoved runs took 30 s, 13 of them timers/nanosleep). Not
# x86/mov_ss_trap (it
# dies of SIGSEGV under TCG, unmoved) nor syscall_numbering (minutes
# under TCG).
#
# timers/nanosleep and x86/test_vsyscall compare times read on both
# sides of a move, and CLOCK_REALTIME is each node's own: the nodes set
# theirs from the RTC at boot, up to a second apart, so they first set
# them to node 1's, as a cluster's time service would (to within half a
# round trip, milliseconds: a move takes longer).
unmoved() { on 1 sh -c "$1 >/dev/null 2>&1; echo \$?"; }
on 1 sh -c 'migtest timed 7330 >/dev/null 2>&1 &'
on 1 sh -c 'migtest timed 7331 >/dev/null 2>&1 &'
sleep 0.5
on 2 migtest clocksync 192.0.2.1 7330 >/dev/null || fail "clock of node 2"
on 3 migtest clocksync 192.0.2.1 7331 >/dev/null || fail "clock of node 3"
for t in st-sas st-syscall_nt st-rseq st-sigreturn st-single_step_syscall \
	st-mremap_vdso st-sigtrap_loop st-syscall_arg_fault \
	st-x86_sigaltstack st-nx_stack st-corrupt_xstate st-nanosleep; do
	got=$(on 1 sh -c "echo \$\$ > /proc/hpc/debug/chaos && $t 2>&1; echo status \$?")
	case "$got" in
	*"status 0") ;;
	*) fail "$t under chaos: $got
(unmoved it exits $(unmoved "$t"))" ;;
	esac
done
# test_vsyscall makes its calls within a few milliseconds: with a gap of
# 1 ms it moves at about one call in four, a dozen times a run.
gap 1
b=$(asked)
for i in 1 2; do
	got=$(on 1 sh -c 'echo $$ > /proc/hpc/debug/chaos && st-vsyscall 2>&1; echo status $?')
	case "$got" in
	*"status 0") ;;
	*) fail "st-vsyscall under chaos: $got
(unmoved it exits $(unmoved st-vsyscall))" ;;
	esac
done
[ $(($(asked) - b)) -ge 10 ] || fail "st-vsyscall was asked to move only $(($(asked) - b)) times"
gap 300
a2=$(asked)
echo "moves asked: $a1 by the programs, $((a2 - a1)) by busybox and the selftests"

# Scenarios of the suite, again with every command they run on a node
# in the mode (HPC_CHAOS=1: tests/lib.sh): bad writes to /proc/hpc and
# reads of it from wherever the reader is, a node without the key.
# Those that move processes themselves or assert where one runs (60, 71
# to 78), count the CPU of a shell that goes home at each fork (67) or
# take a node out of the cluster from a process that may be away from
# it (63's setpe -off) do not apply; others pass too (10, 15, 30 and 40
# seen passing, at several times their time: README, Tests; 20-network,
# ping's ICMP socket and nc's TCP connections, passes in 90 s instead of
# 6, and is left out for time: TCP and ping under the mode are above).
# Their commands are short: at the default gap, not 300 ms, they move.
gap 50
b=$(asked)
for s in 50-proc-bad-input 66-nokey; do
	(HPC_CHAOS=1 && . "$TOP/tests/scenarios/$s.sh") || fail "$s under chaos"
done
b=$(($(asked) - b))
echo "moves asked by the scenarios: $b"
[ "$b" -ge 20 ] || fail "the scenarios were asked to move only $b times"

# Nothing stays behind.
for n in 2 3; do
	expect_eq "guests left on node $n" \
		"$(on $n pidof migtest bounce sha256sum gzip awk st-sas st-syscall_nt st-rseq \
			st-sigreturn st-single_step_syscall st-mremap_vdso \
			st-sigtrap_loop st-syscall_arg_fault st-x86_sigaltstack \
			st-nx_stack st-corrupt_xstate st-nanosleep st-vsyscall)" ""
done
