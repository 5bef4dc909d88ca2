# timeout: 700
# Processes moved home -> 2 -> 3 -> home during their run print exactly
# what they print unmoved, and exit alike. The moves are made by the
# programs themselves (tests/progs/migtest.c) and, for a running busybox
# and a compute job, from outside with migrate.

# same NAME ARGS...: migtest ARGS unmoved and moved 2, 3, home
same() {
	local name=$1 want got
	shift
	want=$(on 1 sh -c "cd /tmp && migtest $* 2>&1; echo status \$?")
	got=$(on 1 sh -c "cd /tmp && migtest $* 2 3 home 2>&1; echo status \$?")
	[ -n "$want" ] || fail "$name: no output"
	[ "$got" = "$want" ] || fail "$name moved: got
$got
want
$want"
}

# Anonymous memory (a 256 MB working set, a page in three written again
# on every node visited), heap, stack, TLS and a private file mapping.
same "memory, 256 MB working set" mem 256
same fpu fpu 200000
# Moved from outside while its AVX registers are live: the same bits.
want=$(on 1 migtest fpu 600000)
on 1 sh -c 'migtest fpu 600000 >/tmp/fpu.out 2>&1 & echo $! >/tmp/fpu.pid'
pid=$(on 1 cat /tmp/fpu.pid)
for to in 2 3 home 3 2 home; do
	on 1 migrate "$pid" "$to" >/dev/null 2>&1 || true
done
on 1 sh -c "while [ -e /proc/$pid ]; do sleep 0.2; done"
expect_eq "fpu moved from outside" "$(on 1 cat /tmp/fpu.out)" "$want"
on 1 sh -c 'rm -rf /tmp/fa /tmp/fb; mkdir /tmp/fa /tmp/fb' || fail "mkdir"
want=$(on 1 migtest files /tmp/fa 2>&1)
got=$(on 1 migtest files /tmp/fb 2 3 home 2>&1)
expect_eq "files moved" "$got" "$want"
expect_eq "bytes on home's disk" "$(on 1 cat /tmp/fb/f2)" "$(on 1 cat /tmp/fa/f2)"
expect_eq "file contents" "$(on 1 cat /tmp/fb/f2)" "HELLO world
abcd
tail"
same pipes pipe
same tcp tcp 7300
same signals signals
same "SIGINT in a forwarded read" intr
# A blocked signal let through by the mask of the call that waits for it
# (pselect, ppoll, epoll_pwait): handled under that mask, on other nodes
# as at home, whether it came before the call or during it.
same "signals under a call's own mask" smask
# On the node: at OUT PID LINE SECS NODE: once a line of OUT begins with
# LINE (or PID has ended), SECS later, PID is moved to NODE ("-": not).
at_fn='at() {
	until grep -q "^$3" "$1" || ! kill -0 "$2"; do
		sleep 0.05
	done 2>/dev/null
	sleep "$4"
	[ "$5" = - ] || migrate "$2" "$5" >/dev/null 2>&1 ||
		echo "migrate to $5 failed"
}
'
# Moved from outside while blocked in a call, at home (the call is woken
# as by a signal, with none pending) and on another node (its deputy
# is): the call goes on where the process goes, no EINTR, no early end.
# blocked N1..N5: each call in turn is moved to Ni while waiting ("-":
# not moved); then the moves counted, the status and the transcript.
blocked() {
	on 1 sh -c "$at_fn"'
		f=/tmp/bl.f o=/tmp/bl.out; rm -f $f $o; mkfifo $f
		migtest blocked $f >$o 2>&1 & p=$!
		exec 3<>$f	# writes never wait for the reader
		at $o $p ready 0.3 $1; printf a >&3
		at $o $p epoll_wait 0.3 $2; printf b >&3
		at $o $p poll 0.3 $3; printf c >&3
		at $o $p select 0.3 $4
		at $o $p "ready to read" 0.3 $5
		echo "moves $(cat /proc/$p/nmigs 2>/dev/null)"
		printf d >&3; wait $p; echo "status $?"; cat /tmp/bl.out' sh "$@"
}
want="ready
epoll_wait 1, read 1 a
poll 1, read 1 b
select 1, read 1 c
nanosleep 0, slept 1 s
ready to read
read 1 d"
expect_eq "blocked, unmoved" "$(blocked - - - - -)" "moves 0
status 0
$want"
expect_eq "blocked in calls, moved" "$(blocked 2 3 home 2 3)" "moves 5
status 0
$want"
# Home from another node, and on between two, each in a forwarded call:
# the sleep restarts from its deputy's restart block, kept at home.
expect_eq "blocked in calls, moved home in a sleep" "$(blocked 2 3 2 home 3)" "moves 5
status 0
$want"
# Timed waits moved while they wait, of four seconds: the first moved
# home to 2 (the process woken) a second in, then 2 to 3 (its deputy
# woken in the restarted wait); the second 3 to home; the third home to
# 2 and back. Each ends when its timeout does, as unmoved: an epoll wait
# woken by a move restarts to its end. semtimedop, sent home, the same:
# home to 2, then 2 to 3 in its restart. sigtimedwait waits where the
# process is, and is made again where it lands, with the time it had
# left: from 3 to 2, then 2 to home. recv, on a socket with SO_RCVTIMEO,
# fails with EINTR when woken and is made again, to its end: home to 2,
# then 2 to 3 (its deputy woken in the call made again); send, with
# SO_SNDTIMEO, 3 to home. twait N1 N1' N2 N3 N3' N4 N4' N5 N5' N6 N6' N7.
twait() {
	on 1 sh -c "$at_fn"'
		o=/tmp/tw.out; migtest twait 4000 >$o 2>&1 & p=$!
		at $o $p "waiting in epoll_wait" 1 $1
		at $o $p "waiting in epoll_wait" 0.5 $2
		at $o $p "waiting in epoll_pwait" 1 $3
		at $o $p "waiting in epoll_pwait2" 0.5 $4
		at $o $p "waiting in epoll_pwait2" 0.5 $5
		at $o $p "waiting in semtimedop" 1 $6
		at $o $p "waiting in semtimedop" 0.5 $7
		at $o $p "waiting in sigtimedwait" 1 $8
		at $o $p "waiting in sigtimedwait" 0.5 $9
		at $o $p "waiting in recv" 1 ${10}
		at $o $p "waiting in recv" 0.5 ${11}
		at $o $p "waiting in send" 1 ${12}
		echo "moves $(cat /proc/$p/nmigs 2>/dev/null)"
		wait $p; echo "status $?"; cat /tmp/tw.out' sh "$@"
}
want="status 0
waiting in epoll_wait
epoll_wait 0, on time
waiting in epoll_pwait
epoll_pwait 0, on time
waiting in epoll_pwait2
epoll_pwait2 0, on time
waiting in semtimedop
semtimedop 0, on time
waiting in sigtimedwait
sigtimedwait 0, on time
waiting in recv
recv 0, on time
waiting in send
send 0, on time"
expect_eq "timed waits, unmoved" "$(twait - - - - - - - - - - - -)" "moves 0
$want"
# Twice in a wait too: the restarted wait moved again keeps the end.
expect_eq "timed waits, moved while waiting" \
	"$(twait 2 3 home 2 home 2 3 2 home 2 3 home)" "moves 12
$want"
# Moved from outside while waiting under its own mask: pselect home to 2
# (the process woken), ppoll 2 to 3 (its deputy woken), epoll_pwait 3 to
# home. Each mask is put back where the wait is woken; none goes with
# the process: the signal is blocked again after each call, as unmoved.
want=$(on 1 migtest smask)
got=$(on 1 sh -c "$at_fn"'
	o=/tmp/sm.out; migtest smask >$o 2>&1 & p=$!
	at $o $p "epoll_pwait, signal before" 0.3 2
	at $o $p "pselect, signal during" 0.3 3
	at $o $p "ppoll, signal during" 0.3 home
	wait $p; echo "status $?"; cat $o')
expect_eq "a call's own mask, moved in the wait" "$got" "status 0
$want"
# A TCP connection to a server on a third node: the connection is home's.
tcp3_same "tcp to node 3 moved" 7301 "" "2 3 home"
same fork fork
same ids ids /tmp
expect_eq "ids, its program and its files" "$(on 1 sh -c 'cd /tmp && migtest ids /tmp 2 3 home')" \
	"ids unchanged 1, program unchanged 1, file owner is me 1"
# A user's process counts against that user's RLIMIT_NPROC on the node
# it runs on, from its arrival: setuid to itself there, then leaving,
# must not find the count already spent (a kernel warning on the node).
on 1 sh -c 'rm -rf /tmp/nb; mkdir -m 777 /tmp/nb' || fail "mkdir /tmp/nb"
expect_eq "ids as nobody" \
	"$(on 1 su nobody -s /bin/sh -c 'cd /tmp/nb && migtest ids /tmp/nb 2 3 home')" \
	"ids unchanged 1, program unchanged 1, file owner is me 1"
for n in 2 3; do
	on $n dmesg | grep -q 'dec_rlimit_ucounts' && fail "node $n: count of nobody's processes went below 0"
done
same clock clock
same "exit code" exit 77
for code in 0 1 255; do
	expect_rc "$code" on 1 migtest exit "$code" 2 home
done
# death by SIGSEGV after moving: the parent sees the signal
expect_eq "segv status" "$(on 1 sh -c 'migtest segv 2 3; echo $?')" 139

# Moved from outside while it computes; where and nmigs follow it.
on 1 sh -c 'migtest spin 15 >/tmp/spin.out 2>&1 & echo $! >/tmp/spin.pid'
pid=$(on 1 cat /tmp/spin.pid)
expect_eq "where before" "$(on 1 cat /proc/$pid/where)" 1
expect_eq "migrate to 2" "$(on 1 migrate "$pid" 2)" "$pid: on node 2"
expect_eq "where" "$(on 1 cat /proc/$pid/where)" 2
expect_eq "nmigs" "$(on 1 cat /proc/$pid/nmigs)" 1
expect_eq "migrate 2 to 3" "$(on 1 migrate "$pid" 3)" "$pid: on node 3"
expect_eq "where" "$(on 1 cat /proc/$pid/where)" 3
expect_eq "nmigs" "$(on 1 cat /proc/$pid/nmigs)" 2
expect_eq "its program, seen at home" "$(on 1 readlink /proc/$pid/exe)" \
	"$(on 1 sh -c 'readlink -f $(command -v migtest)')"
ps_line=$(on 1 ps -o pid,stat,comm | awk -v p="$pid" '$1 == p')
[ -n "$ps_line" ] || fail "ps at home does not list the moved process"
expect_eq "migrate home" "$(on 1 migrate "$pid" home)" "$pid: on node 1"
expect_eq "nmigs" "$(on 1 cat /proc/$pid/nmigs)" 3
on 1 sh -c "while [ -e /proc/$pid ]; do sleep 0.5; done"
expect_eq "spin output" "$(on 1 cat /tmp/spin.out)" "spun ok"

# A busybox program moved mid-run: same bytes out.
on 1 sh -c 'dd if=/dev/urandom of=/tmp/big bs=1M count=8 2>/dev/null'
want=$(on 1 sha256sum /tmp/big)
on 1 sh -c 'sha256sum /tmp/big >/tmp/sum.out & echo $! >/tmp/sum.pid'
pid=$(on 1 cat /tmp/sum.pid)
on 1 migrate "$pid" 2 >/dev/null || true
on 1 sh -c "while [ -e /proc/$pid ]; do sleep 0.2; done"
expect_eq "sha256sum moved" "$(on 1 cat /tmp/sum.out)" "$want"

# More of busybox moved mid-run from outside: gzip, awk, a shell loop.
# moved NAME CMD: CMD (one program) moved 2, 3, home while it runs
# writes the bytes it writes unmoved.
moved() {
	local name=$1 cmd=$2 pid n=0
	on 1 sh -c "$cmd >/tmp/mv.want 2>&1"
	on 1 sh -c "$cmd >/tmp/mv.out 2>&1 & echo \$! >/tmp/mv.pid"
	pid=$(on 1 cat /tmp/mv.pid)
	for to in 2 3 home; do
		on 1 migrate "$pid" "$to" >/dev/null 2>&1 && n=$((n + 1))
	done
	on 1 sh -c "while [ -e /proc/$pid ]; do sleep 0.2; done"
	[ $n -ge 1 ] || fail "$name ended before it could be moved"
	expect_eq "$name moved" "$(on 1 sh -c 'sha256sum </tmp/mv.out')" \
		"$(on 1 sh -c 'sha256sum </tmp/mv.want')"
}
moved gzip 'gzip -c /tmp/big'
moved awk "awk '{ n += length(\$0); w += NF } END { print NR, n, w }' /tmp/big"
moved "shell loop" "sh -c 'i=0; s=0; while [ \$i -lt 40000 ]; do s=\$(( (s * 31 + i) % 1000003 )); i=\$((i + 1)); done; echo \$s'"

# Nothing stays behind on the nodes they visited.
for n in 2 3; do
	expect_eq "guests left on node $n" "$(on $n pidof migtest sha256sum gzip awk)" ""
done

# A process asleep in a system call moves, and its sleep goes on: it
# ends when it would have.
on 1 sh -c 'sleep 6 & echo $! >/tmp/sl.pid'
pid=$(on 1 cat /tmp/sl.pid)
t0=$SECONDS
expect_eq "sleeping process to 2" "$(on 1 migrate "$pid" 2)" "$pid: on node 2"
expect_eq "sleeping process home" "$(on 1 migrate "$pid" home)" "$pid: on node 1"
on 1 sh -c "while [ -e /proc/$pid ]; do sleep 0.2; done"
[ $((SECONDS - t0)) -ge 4 ] || fail "the sleep was cut short"

# expel sends guests home; bring calls a node's own processes home.
on 1 sh -c 'migtest spin 40 >/dev/null 2>&1 & echo $! >/tmp/e.pid'
pid=$(on 1 cat /tmp/e.pid)
on 1 migrate "$pid" 2 >/dev/null || fail "migrate for expel"
on 2 sh -c 'echo 1 > /proc/hpc/admin/expel' || fail "expel"
expect_eq "where after expel" "$(on 1 cat /proc/$pid/where)" 1
on 1 migrate "$pid" 3 >/dev/null || fail "migrate for bring"
on 1 sh -c 'echo 1 > /proc/hpc/admin/bring' || fail "bring"
expect_eq "where after bring" "$(on 1 cat /proc/$pid/where)" 1
on 1 kill "$pid"
