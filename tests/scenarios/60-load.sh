# timeout: 150
# A CPU burner on node 2 shows as about one reference CPU more on the
# other nodes within 3 intervals, half as much at double speed, and
# decays after it stops. (The idle load of a test node is not 0: the
# harness's own agent polls.)
load_of() { on "$1" cat "/proc/hpc/nodes/$2/load"; }
# The idle load of node 2 as node 1 sees it: the median of 7 readings, for
# the agent's polls make single readings jump between 0 and 600. Wait for
# the load of the boot and of earlier scenarios to settle.
idle_of() {
	for i in 1 2 3 4 5 6 7; do load_of 1 2; sleep 0.5; done |
		sort -n | sed -n 4p
}
for i in $(seq 6); do
	idle=$(idle_of)
	[ "$idle" -le 400 ] && break
done
# The burner must not outlive the scenario, even a failed one.
trap "on 2 sh -c 'kill \$(cat /tmp/burn.pid)' 2>/dev/null; on 2 mosctl setspeed 10000" EXIT
on 2 sh -c 'while :; do :; done >/dev/null 2>&1 & echo $! > /tmp/burn.pid' ||
	fail "cannot start the burner"
sleep 4
for a in 1 3; do
	l=$(load_of "$a" 2)
	# Under TCG everything else runnable on node 2 (the harness's own
	# agent, 9p workers) waits behind the burner and counts too.
	[ "$l" -ge $((idle + 500)) ] && [ "$l" -le $((idle + 2200)) ] ||
		fail "node $a sees node 2 at load $l (idle $idle), want about $((idle + 1000))"
done
# The load of the burner settles (it rises over a few seconds).
busy=$(load_of 1 2)
for i in $(seq 10); do
	sleep 1
	l=$(load_of 1 2)
	[ $((l - busy)) -le $((busy / 10)) ] && [ $((busy - l)) -le $((busy / 10)) ] && break
	busy=$l
done
busy=$l
# Node 2 names the burner first among the processes that make its load,
# as wanting a whole CPU.
burner=$(on 2 cat /tmp/burn.pid)
top=$(on 2 grep -m1 '^busy ' /proc/hpc/balance)
set -- $top
[ "$2" = "$burner" ] && [ "$3" = local ] && [ "$4" = sh ] &&
	[ "$5" -ge 900 ] && [ "$5" -le 1000 ] ||
	fail "node 2's busiest process is '$top', want 'busy $burner local sh' near 1000"
on 2 mosctl setspeed 20000
for i in $(seq 20); do
	sleep 0.5
	l=$(load_of 1 2)
	[ "$l" -le $((busy * 7 / 10)) ] && break
done
[ "$l" -ge $((busy * 3 / 10)) ] && [ "$l" -le $((busy * 7 / 10)) ] ||
	fail "at speed 20000 node 1 sees node 2 at $l, want about $((busy / 2))"
expect_eq "speed seen" "$(on 1 mosctl getspeed 2)" 20000
on 2 mosctl setspeed 10000
on 2 sh -c 'kill $(cat /tmp/burn.pid)'
# Decays: within 20 s each node sees node 2 back near idle. A reading
# near idle cannot be old news of the burner, so one is enough.
for a in 1 3; do
	for i in $(seq 40); do
		l=$(load_of "$a" 2)
		[ "$l" -le $((idle + 250)) ] && break
		sleep 0.5
	done
	[ "$l" -le $((idle + 250)) ] ||
		fail "node $a still sees node 2 at load $l 20 s after the burner stopped (idle $idle)"
done
