# timeout: 300
# Malformed process messages from an authenticated peer are dropped and
# change nothing. sha256sum, moved to node 2 while it waits to read a
# pipe at home, is sent by its deputy, and sends its deputy, in its name,
# messages of every operation (and of none) with bodies of sizes no
# operation has (/proc/hpc/debug/forge). It moves on to node 3, the data
# comes: its sum is the unmoved one, nothing is left on nodes 2 and 3,
# and the receivers said what they dropped. Then SIGKILL ends, at once,
# a process busy in forwarded calls.
# shellcheck disable=SC2086
on 1 sh -c 'rm -f /tmp/mal.go; dd if=/dev/urandom of=/tmp/mal.f bs=64k count=16 2>/dev/null'
want=$(on 1 sh -c 'sha256sum </tmp/mal.f')
on 1 sh -c '(while [ ! -e /tmp/mal.go ]; do sleep 0.2; done; cat /tmp/mal.f) |
	sha256sum >/tmp/mal.out 2>&1 &'
for _ in 1 2 3 4 5 6 7 8 9 10; do
	pid=$(on 1 pidof sha256sum) && break
	sleep 0.5
done
[ -n "$pid" ] || fail "sha256sum did not start"
on 1 migrate "$pid" 2 >/dev/null || fail "could not move sha256sum to node 2"
rpid=$(on 2 pidof sha256sum)
[ -n "$rpid" ] || fail "sha256sum is not on node 2"

# forge NODE PID: every operation, 1 to one past the last and 65535,
# with bodies of 1, 3, 5, 7 and 4099 bytes; prints the writes refused.
forge() {
	on "$1" sh -c "for op in \$(seq 1 23) 65535; do for len in 1 3 5 7 4099; do
		echo '$2' \$op \$len \$op\$len >/proc/hpc/debug/forge ||
			echo \"op \$op len \$len: refused\"; done; done" 2>&1
}
bad=$(forge 1 "$pid")
[ -z "$bad" ] || fail "the deputy could not send: $bad"
bad=$(forge 2 "$rpid")
[ -z "$bad" ] || fail "the process on node 2 could not send: $bad"
expect_eq "where after the malformed messages" "$(on 1 cat /proc/$pid/where)" 2
expect_rc 1 on 1 sh -c "echo '$pid 7 1' >/proc/hpc/debug/forge 2>/dev/null"
expect_rc 1 on 1 sh -c "echo '1 7 1 1' >/proc/hpc/debug/forge 2>/dev/null"

on 1 migrate "$pid" 3 >/dev/null || fail "could not move sha256sum on to node 3"
on 1 touch /tmp/mal.go
end=$((SECONDS + 120))
while on 1 sh -c "[ -e /proc/$pid ]"; do
	[ $SECONDS -lt $end ] || fail "sha256sum did not end within 120 s"
	sleep 1
done
expect_eq "sum after 240 malformed messages and 2 moves" "$(on 1 cat /tmp/mal.out)" "$want"
for n in 2 3; do
	[ -z "$(on $n pidof sha256sum)" ] || fail "sha256sum stayed on node $n"
done
on 2 dmesg | grep -q "malformed process message from node 1" ||
	fail "node 2 did not report the deputy's malformed messages"
on 1 dmesg | grep -q "malformed process message from node 2" ||
	fail "node 1 did not report node 2's malformed messages"
on 1 rm -f /tmp/mal.f /tmp/mal.out /tmp/mal.go

# SIGKILL at home ends a process busy in forwarded calls, whenever it
# comes: while the deputy serves a call, or between two.
for i in 1 2 3 4 5; do
	pid=$(on 1 sh -c 'dd if=/dev/zero of=/dev/null bs=512 2>/dev/null & echo $!')
	on 1 migrate "$pid" 2 >/dev/null || fail "could not move dd to node 2"
	sleep "0.$i"
	on 1 kill -9 "$pid"
	end=$((SECONDS + 20))
	while on 1 sh -c "[ -e /proc/$pid ]"; do
		[ $SECONDS -lt $end ] || fail "dd lived on 20 s after SIGKILL (try $i)"
		sleep 0.5
	done
	[ -z "$(on 2 pidof dd)" ] || fail "dd stayed on node 2 after SIGKILL (try $i)"
done
