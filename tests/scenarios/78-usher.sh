# timeout: 400
# Memory ushering: node 1 left with little free memory (a locked ballast
# that cannot move), a process there growing past it is moved to a node
# with room before the OOM killer acts, and finishes correctly. And an
# I/O-bound process moved away is brought home by the balancer.
# The harness boots the nodes with automatic balancing off; on for this.
balance() { for n in 1 2 3; do on "$n" sh -c "echo $1 > /proc/hpc/admin/balance"; done; }
balance 1
cleanup() {
	on 1 sh -c 'kill $(cat /tmp/ush.pids) 2>/dev/null; rm -f /tmp/ush.pids'
	balance 0
}
trap cleanup EXIT

want=$(on 2 migtest grow 200)
expect_eq "grow unmoved" "${want%%:*}" "grew 200 MB"
avail=$(on 1 awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
ballast=$((avail - 170))
[ "$ballast" -gt 0 ] || fail "node 1 has only $avail MB available"
on 1 sh -c "migtest lock $ballast >/tmp/ush.lock 2>&1 & echo \$! >>/tmp/ush.pids"
on 1 sh -c 'for i in $(seq 100); do grep -q ready /tmp/ush.lock && exit 0; sleep 0.2; done; exit 1' ||
	fail "the ballast of $ballast MB did not lock: $(on 1 cat /tmp/ush.lock)"
left=$(on 1 awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
echo "  node 1: $avail MB available, $ballast MB locked, $left MB left"
oom0=$(on 1 sh -c 'dmesg | grep -c -i "out of memory\|oom-kill"')
m0=$(on 1 awk '$1 == "moves-memory" { print $2 }' /proc/hpc/balance)

pid=$(on 1 sh -c 'migtest grow 200 >/tmp/grow.out 2>&1 & echo $! | tee -a /tmp/ush.pids')
seen=$(on 1 sh -c "while [ -e /proc/$pid/where ]; do cat /proc/$pid/where; sleep 0.3; done 2>/dev/null" | sort -u | tr '\n' ' ')
expect_eq "grown elsewhere" "$(on 1 cat /tmp/grow.out)" "$want"
case "$seen" in
*2* | *3*) ;;
*) fail "the growing process never left node 1 (seen on: $seen)" ;;
esac
oom1=$(on 1 sh -c 'dmesg | grep -c -i "out of memory\|oom-kill"')
expect_eq "OOM reports on node 1" "$oom1" "$oom0"
m1=$(on 1 awk '$1 == "moves-memory" { print $2 }' /proc/hpc/balance)
[ "$m1" -gt "$m0" ] || fail "node 1 counts no memory move ($m0 -> $m1)"
echo "  the growing process ran on nodes: $seen"

# A process too big for node 1's free memory is refused there, and goes
# on where it is, untouched.
pid=$(on 2 sh -c 'migtest hold 200 >/tmp/hold.out 2>&1 & echo $!')
on 2 sh -c 'for i in $(seq 100); do grep -q ready /tmp/hold.out && exit 0; sleep 0.2; done; exit 1' ||
	fail "hold 200 did not start: $(on 2 cat /tmp/hold.out)"
out=$(on 2 migrate "$pid" 1 2>&1) && fail "200 MB moved to node 1 with $left MB free: $out"
expect_eq "migrate to a full node" "$out" "migrate: $pid: node 1 has no memory for it"
expect_eq "refused process where" "$(on 2 cat /proc/$pid/where)" 2
on 2 kill -0 "$pid" || fail "the refused process is gone"
on 2 kill "$pid"
echo "  200 MB refused by node 1 ($left MB free); it ran on on node 2"
on 1 sh -c 'kill $(cat /tmp/ush.pids) 2>/dev/null; rm -f /tmp/ush.pids'

# I/O-bound: moved to node 2, it sends its writes home; it comes back.
pid=$(on 1 sh -c 'cd /tmp && migtest io 15 >/tmp/io.out 2>&1 & echo $! | tee -a /tmp/ush.pids')
expect_eq "migrate io to 2" "$(on 1 migrate "$pid" 2)" "$pid: on node 2"
t0=$SECONDS
while [ "$(on 1 cat /proc/$pid/where)" != 1 ]; do
	[ $((SECONDS - t0)) -lt 20 ] || fail "the I/O-bound process stays on node $(on 1 cat /proc/$pid/where)"
	sleep 0.5
done
echo "  the I/O-bound process came home after $((SECONDS - t0)) s"
on 2 grep -q "moves-home [1-9]" /proc/hpc/balance || fail "node 2 counts no move home"
on 1 sh -c "while [ -e /proc/$pid ]; do sleep 0.5; done"
expect_eq "io output" "$(on 1 cat /tmp/io.out)" "io ok"
