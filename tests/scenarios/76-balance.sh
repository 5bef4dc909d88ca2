# timeout: 240
# Six CPU-bound jobs started on node 1 with no hint spread 2/2/2 (plus or
# minus one) within 10 s; once settled, nothing moves for 30 s; when two
# jobs end, the rest spread again. Nodes that take processes again after
# blocking them offer their free CPU at once, and the busy node acts on
# that news. The jobs are migtest spin: plain computation.
# shellcheck disable=SC2086
# The harness boots the nodes with automatic balancing off; on for this.
balance() { for n in 1 2 3; do on "$n" sh -c "echo $1 > /proc/hpc/admin/balance"; done; }
balance 1
on 1 sh -c 'rm -f /tmp/bal.pids'
trap "on 1 sh -c 'kill \$(cat /tmp/bal.pids) 2>/dev/null'; balance 0
	on 2 mosctl noblock >/dev/null; on 3 mosctl noblock >/dev/null" EXIT

# The harness looks with one short command at real-time priority: a
# command on node 1 among two busy jobs lasts, at its fair share of the
# CPU, long enough for the balancer to count it as one more process there,
# and to move a job away for it.
# procs FILE: /proc/PID/FILE of each job
procs() { for p in $pids; do printf '/proc/%s/%s ' "$p" "$1"; done; }
# where: how many of the jobs run on each node: "N1 N2 N3"
where() {
	on 1 migtest rt cat $(procs where) 2>/dev/null |
		awk '{ c[$1]++ } END { printf "%d %d %d\n", c[1], c[2], c[3] }'
}
migs() {
	on 1 migtest rt cat $(procs nmigs) 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

# watch_spread MIN MAX SECS T0 WHAT: from T0 (a node 1 uptime; empty: now)
# until every node runs MIN..MAX of $pids, at most SECS, watched on node 1
# itself by a real-time watcher (a host poll, or a shell among six hogs,
# lags by seconds); sets $took and $dist.
watch_spread() {
	local out
	out=$(on 1 env T0="${4:-}" migtest watch 3 "$1" "$2" "$3" $pids) ||
		fail "$5: the jobs run $(where) on nodes 1 2 3"
	read -r took dist <<<"$out"
	dist=$(echo $dist)
}

# The jobs start in the watcher's shell, which then becomes the watcher.
out=$(on 1 sh -c 't0=$(cut -d" " -f1 /proc/uptime)
	for i in 1 2 3 4 5 6; do
		migtest spin 900 >/dev/null 2>&1 & echo $! >>/tmp/bal.pids
	done
	T0=$t0 exec migtest watch 3 1 3 30 $(cat /tmp/bal.pids)') || true
pids=$(on 1 cat /tmp/bal.pids)
pids=$(echo $pids)
[ "$(echo $pids | wc -w)" = 6 ] || fail "could not start 6 jobs: $pids"
[ -n "$out" ] || fail "could not watch the jobs: $(where) on nodes 1 2 3"
read -r took dist <<<"$out"
dist=$(echo $dist)
awk -v t="$took" 'BEGIN { exit !(t <= 10) }' ||
	fail "spread $dist only $took s after the start, not within 10 s"
echo "  spread $dist $took s after the start"
# A spread of 1 2 3 may still even out, and a move asked for before the
# spread was seen may still land (and be undone): settled is no move for
# 4 s, within 32 s. Then nothing more may move.
on 1 migtest watch 3 2 2 15 $pids >/dev/null || true
m0=$(migs)
for i in 1 2 3 4 5 6 7 8; do
	sleep 4
	m1=$(migs)
	[ "$m1" = "$m0" ] && break
	m0=$m1
done
dist=$(where)
sleep 30
m1=$(migs)
d1=$(where)
if [ "$m1" != "$m0" ]; then
	for n in 1 2 3; do
		echo "  node $n: $(on "$n" cat /proc/hpc/balance | tr '\n' ';')" >&2
	done
	fail "jobs moved while balanced: $m0 -> $m1 moves, $dist -> $d1"
fi
echo "  stable 30 s at $d1, $m1 moves for 6 jobs"
on 1 cat /proc/hpc/balance | sed -n '1,4s/^/  /p'

# Two jobs end: the two on the busiest remote node, if any has two.
busy=$(awk '{ print ($2 >= $3 ? 2 : 3) }' <<<"$d1")
gone=$(on 1 sh -c "for p in $pids; do [ \"\$(cat /proc/\$p/where)\" = $busy ] && echo \$p; done" | head -n 2)
[ "$(echo $gone | wc -w)" = 2 ] || gone=$(echo $pids | cut -d' ' -f1-2)
on 1 kill $gone
gone=$(echo $gone)
pids=$(for p in $pids; do case " $gone " in *" $p "*) ;; *) echo "$p" ;; esac; done)
pids=$(echo $pids)
watch_spread 1 2 20 "" "20 s after two jobs ended"
echo "  after two ended: $dist in $took s"
# Room offered: nodes 2 and 3 take no process while three new jobs start
# on node 1; when they take processes again, each has a CPU free and
# tells node 1 so at its next sample (an offer), sooner than the gossip
# would, and node 1 sends one to each in a round taken on that news.
counts() {	# offers on 2 and 3, rounds on news on 1: "O N"
	local o=0 n
	for n in 2 3; do
		o=$((o + $(on "$n" awk '$1 == "offers" { print $2 }' /proc/hpc/balance)))
	done
	n=$(on 1 awk '$1 == "rounds-on-news" { print $2 }' /proc/hpc/balance)
	echo "$o $n"
}
# room: the jobs killed, three new ones kept on node 1 while 2 and 3
# block, then 2 and 3 take processes again; sets o0 o1 n0 n1.
room() {
	on 1 kill $pids
	for n in 2 3; do on "$n" mosctl block >/dev/null || fail "block node $n"; done
	pids=$(on 1 sh -c 'for i in 1 2 3; do
		migtest spin 900 >/dev/null 2>&1 & echo $! >>/tmp/bal.pids; echo $!
	done')
	pids=$(echo $pids)
	[ "$(echo $pids | wc -w)" = 3 ] || fail "could not start 3 jobs: $pids"
	sleep 4
	expect_eq "jobs kept on node 1 while the others block" "$(where)" "3 0 0"
	read -r o0 n0 <<<"$(counts)"
	for n in 2 3; do on "$n" mosctl noblock >/dev/null || fail "noblock node $n"; done
	watch_spread 1 1 15 "" "15 s after nodes 2 and 3 took processes again"
	read -r o1 n1 <<<"$(counts)"
	echo "  offered: 1 1 1 in $took s; offers $o0 -> $o1 on nodes 2 and 3, rounds on news $n0 -> $n1 on node 1"
}
# A node's own gossip can tell node 1 of its room before its next sample
# (a quarter of a second): node 1 then sends at once, and the process on
# its way leaves the node no room to offer. Both nodes so, the phase is
# run once more; the offers must come in one of the two.
room
if [ "$o1" -le "$o0" ]; then
	echo "  node 1 heard of the room by the gossip first: once more"
	room
fi
[ "$o1" -gt "$o0" ] || fail "nodes 2 and 3, with a CPU free, offered none"
[ "$n1" -gt "$n0" ] || fail "node 1 took no round on the news of room"
