# timeout: 240
# Turns: loads even (two jobs on node 1, one on each of nodes 2 and 3),
# no move for load is worth it, yet the job that waits on node 1 falls
# behind the ones that have a CPU of their own. Node 1 sends one of its
# two to a node whose job has had clearly more CPU time: a turn, taken
# as the answer to its poll comes (node 1 holds its jobs with mosctl
# stay past their first round, its watcher lets them go without a new
# process that would bring another, and its rounds are a minute apart:
# the turn can come only on news). Then nothing moves, as
# the job that waits now is the least served and the node's own job
# stays (mosctl stay). Both jobs end with their results.
# shellcheck disable=SC2086
# The harness boots the nodes with automatic balancing off; on for this.
balance() { for n in 1 2 3; do on "$n" sh -c "echo $1 > /proc/hpc/admin/balance"; done; }
cleanup() {
	on 1 sh -c 'kill $(cat /tmp/turn.watch) 2>/dev/null; rm -f /tmp/turn.watch /tmp/turn.nap'
	rm -f "$SHARE/turn-watch.sh" "$SHARE/turn.where"
	for n in 1 2 3; do
		on "$n" sh -c 'kill $(cat /tmp/turn.pids) 2>/dev/null; rm -f /tmp/turn.pids'
	done
	for n in 1 2 3; do on "$n" mosctl nostay >/dev/null; done
	on 1 sh -c 'echo 1000 > /proc/hpc/admin/balance-interval'
	balance 0
}
trap cleanup EXIT
# Looked at with one short command at real-time priority, which node 1,
# with two busy jobs, does not count as a third (as in 76-balance).
turns() { on 1 migtest rt cat /proc/hpc/balance | awk '$1 == "moves-turn" { print $2 }'; }
on_news() { on 1 migtest rt cat /proc/hpc/balance | awk '$1 == "turns-on-news" { print $2 }'; }
# where: the node each of $pids runs on, "N N"
where() {
	on 1 migtest rt cat $(for p in $pids; do printf '/proc/%s/where ' "$p"; done) 2>/dev/null |
		tr '\n' ' ' | sed 's/ $//'
}

# While the two jobs share node 1's CPU, nothing is run there to see
# where they are: a command started then waits so long behind them that
# it counts as a third busy process (and the agent serving it is busy
# too), and a job would leave for load, rightly. A watcher started now,
# old and idle when they start, looks with shell builtins only and tells
# the host through the share; it also ends node 1's stay. It naps on a
# FIFO no one writes.
rm -f "$SHARE/turn.where"
cat >"$SHARE/turn-watch.sh" <<'EOF'
exec 3<>/tmp/turn.nap
n=0
held=0
while [ $n -lt 100 ]; do
	set --
	if [ -e /tmp/turn.pids ]; then
		while read -r p; do set -- "$@" "$p"; done </tmp/turn.pids
	fi
	if [ $# = 2 ]; then
		# 2 s after the jobs started, past their first round: let
		# them go, with no new process that would bring a round.
		held=$((held + 1))
		[ $held = 4 ] && echo 0 >/proc/hpc/admin/stay
		w=
		for p; do
			read -r x <"/proc/$p/where"
			w="$w $x"
		done
		case "$w" in *2* | *3*) break ;; esac
	fi
	read -t 0.5 -u 3 x
	n=$((n + 1))
done
echo $w >/mnt/share/turn.where
EOF
on 1 sh -c 'rm -f /tmp/turn.pids /tmp/turn.nap && mkfifo /tmp/turn.nap &&
	{ sh /mnt/share/turn-watch.sh >/dev/null 2>&1 & echo $! >/tmp/turn.watch; }' ||
	fail "could not start the watcher on node 1"

for n in 2 3; do
	on "$n" mosctl stay >/dev/null || fail "stay on node $n"
	on "$n" sh -c 'migtest spin 900 >/dev/null 2>&1 & echo $! >>/tmp/turn.pids' ||
		fail "could not start the job of node $n"
done
# Node 1: its rounds a minute apart (the first comes as balancing is
# turned on), its jobs held until the watcher lets them go.
on 1 sh -c 'echo 60000 > /proc/hpc/admin/balance-interval' || fail "balance-interval on node 1"
on 1 mosctl stay >/dev/null || fail "stay on node 1"
balance 1
# The jobs of nodes 2 and 3 have had 8 s of CPU when node 1's start.
sleep 8
t0=$(turns)
n0=$(on_news)
# Both from one short command, which ends as they start.
pids=$(on 1 sh -c 'migtest spin 30 >/tmp/turn.a 2>&1 & a=$!
	migtest spin 30 >/tmp/turn.b 2>&1 & b=$!
	echo $a >>/tmp/turn.pids; echo $b >>/tmp/turn.pids; echo $a $b')
[ "$(echo $pids | wc -w)" = 2 ] || fail "could not start 2 jobs on node 1: $pids"

end=$((SECONDS + 50))
while [ ! -s "$SHARE/turn.where" ]; do
	[ $SECONDS -lt $end ] || fail "the watcher on node 1 said nothing in 50 s"
	sleep 0.5
done
w=$(cat "$SHARE/turn.where")
rm -f "$SHARE/turn.where"
case "$w" in
*2* | *3*) ;;
*) fail "no job of node 1 got a turn in 40 s: they run on '$w'" ;;
esac
t1=$(turns)
if [ "$t1" -le "$t0" ]; then
	# What node 1 moved, and why, and what it knew of the others.
	on 1 migtest rt cat /proc/hpc/balance | sed 's/^/  node 1: /'
	on 1 sh -c 'for n in 2 3; do echo "node $n load $(cat /proc/hpc/nodes/$n/load)"; done' |
		sed 's/^/  node 1 sees /'
	fail "a job left node 1 (they run on $w) but moves-turn stayed $t0"
fi
echo "  one job of node 1 left for a turn: they run on $w (moves-turn $t0 -> $t1)"
# Running two, node 1 polled the others for a turn each sample, and
# took the turn as an answer came.
polls=$(on 1 migtest rt cat /proc/hpc/balance | awk '$1 == "polls" { print $2 }')
[ "${polls:-0}" -gt 0 ] || fail "node 1 ran two jobs and polled no node: polls '$polls'"
n1=$(on_news)
if [ "${n1:-0}" -le "${n0:-0}" ]; then
	on 1 migtest rt cat /proc/hpc/balance | sed 's/^/  node 1: /'
	fail "the turn was not taken on news: turns-on-news stayed '$n0' ('$n1')"
fi
echo "  node 1 polled $polls nodes; turns-on-news $n0 -> $n1"
grep -q 1 <<<"$w" || fail "both jobs left node 1: $w"
on 1 migtest rt cat /proc/hpc/balance | grep -E '^(moved|rounds)' | sed 's/^/  node 1: /'
for n in 2 3; do
	on "$n" cat /proc/hpc/balance | grep -E '^refused' | tr '\n' ' ' | sed "s/^/  node $n: /"
	echo
done

# The one that waits now is the least served of its node, and the other
# cannot leave: no more turns.
sleep 8
on 1 migtest rt cat /proc/hpc/balance | grep -E '^(moved|busy|refused)' | sed 's/^/  node 1 later: /'
for n in 2 3; do
	on "$n" cat /proc/hpc/balance | grep -E '^(moved|busy|refused)' | sed "s/^/  node $n later: /"
done
expect_eq "where, 8 s later" "$(where)" "$w"
expect_eq "moves-turn, 8 s later" "$(turns)" "$t1"

# Both end as if never moved.
on 1 sh -c "for p in $pids; do while [ -e /proc/\$p ]; do sleep 0.5; done; done"
expect_eq "job a" "$(on 1 cat /tmp/turn.a)" "spun ok"
expect_eq "job b" "$(on 1 cat /tmp/turn.b)" "spun ok"
echo "  both ended with their results"
