# timeout: 240
# Six CPU-bound jobs started on node 1 with no hint spread 2/2/2 (plus or
# minus one) within 10 s; then nothing moves for 30 s; when two jobs end,
# the rest spread again. The jobs are migtest spin: plain computation.
# shellcheck disable=SC2086
# Automatic balancing is off by default (/proc/hpc/admin/balance).
for n in 1 2 3; do on "$n" sh -c 'echo 1 > /proc/hpc/admin/balance'; done
on 1 sh -c 'rm -f /tmp/bal.pids'
trap "on 1 sh -c 'kill \$(cat /tmp/bal.pids) 2>/dev/null'" EXIT

# where ...: how many of the jobs run on each node: "N1 N2 N3"
where() {
	on 1 sh -c "for p in $pids; do cat /proc/\$p/where 2>/dev/null; done" |
		awk '{ c[$1]++ } END { printf "%d %d %d\n", c[1], c[2], c[3] }'
}
migs() {
	on 1 sh -c "for p in $pids; do cat /proc/\$p/nmigs 2>/dev/null; done" |
		awk '{ s += $1 } END { print s + 0 }'
}
# wait_spread MIN MAX SECS SINCE WHAT: until every node runs MIN..MAX of
# the jobs, at most SECS after SINCE (a $SECONDS value)
wait_spread() {
	local a b c
	while :; do
		dist=$(where)
		read -r a b c <<<"$dist"
		[ "$a" -ge "$1" ] && [ "$a" -le "$2" ] && [ "$b" -ge "$1" ] &&
			[ "$b" -le "$2" ] && [ "$c" -ge "$1" ] && [ "$c" -le "$2" ] &&
			return 0
		[ $((SECONDS - $4)) -lt "$3" ] || fail "$5: the jobs run $dist on nodes 1 2 3"
		sleep 0.5
	done
}

t0=$SECONDS
pids=$(on 1 sh -c 'for i in 1 2 3 4 5 6; do
	migtest spin 900 >/dev/null 2>&1 & echo $! >>/tmp/bal.pids; done
	cat /tmp/bal.pids')
pids=$(echo $pids)
[ "$(echo $pids | wc -w)" = 6 ] || fail "could not start 6 jobs: $pids"
wait_spread 1 3 10 $t0 "after 10 s"
echo "  spread $dist after $((SECONDS - t0)) s"
# Let moves already asked for land, then nothing more may move.
sleep 3
dist=$(where)
m0=$(migs)
sleep 30
m1=$(migs)
d1=$(where)
[ "$m1" = "$m0" ] || fail "jobs moved while balanced: $m0 -> $m1 moves, $dist -> $d1"
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
t1=$SECONDS
wait_spread 1 2 20 $t1 "20 s after two jobs ended"
echo "  after two ended: $dist in $((SECONDS - t1)) s"
