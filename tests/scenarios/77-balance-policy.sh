# timeout: 600
# What keeps the balancer's hands off, and what points it: lock and
# mosrun -h keep a job home; block keeps guests off a node; expel sends
# them away; stay keeps a node's processes; quiet makes a node look down
# to the others; a node twice as fast gets twice the work; mosrun -NODE,
# -jLIST and -F; migrate PID balance; mps, mtop and mosmon show it.
# shellcheck disable=SC2086
# The harness boots the nodes with automatic balancing off; on for this.
balance() { for n in 1 2 3; do on "$n" sh -c "echo $1 > /proc/hpc/admin/balance"; done; }
balance 1
cleanup() {
	on 1 sh -c 'kill $(cat /tmp/pol.pids) 2>/dev/null; rm -f /tmp/pol.pids; mosctl nostay'
	on 2 mosctl noblock
	on 3 sh -c 'mosctl noblock; mosctl noquiet; mosctl setspeed 10000'
	tmux kill-server 2>/dev/null || true
	balance 0
}
trap cleanup EXIT
export TMUX_TMPDIR=$HPC_CLUSTER
unset TMUX

# start N [PREFIX...]: N jobs on node 1, their PIDs in $pids
start() {
	local n=$1
	shift
	pids=$(on 1 sh -c "for i in \$(seq $n); do $* migtest spin 900 >/dev/null 2>&1 &
		echo \$! >>/tmp/pol.pids; echo \$!; done")
	pids=$(echo $pids)
	[ "$(echo $pids | wc -w)" = "$n" ] || fail "could not start $n jobs: $pids"
}
stop() {
	on 1 sh -c "kill $pids 2>/dev/null; for p in $pids; do
		while [ -e /proc/\$p ]; do sleep 0.2; done; done; rm -f /tmp/pol.pids"
}
# where: how many of $pids run on each node: "N1 N2 N3"
where() {
	on 1 migtest rt cat $(for p in $pids; do printf '/proc/%s/where ' "$p"; done) 2>/dev/null |
		awk '{ c[$1]++ } END { printf "%d %d %d\n", c[1], c[2], c[3] }'
}
# until_dist SECS AWK-CONDITION: until the distribution ($1 $2 $3) matches
until_dist() {
	local end=$((SECONDS + $1))
	while :; do
		dist=$(where)
		awk "{ exit !($2) }" <<<"$dist" && return 0
		[ $SECONDS -lt $end ] || return 1
		sleep 0.5
	done
}

# lock and mosrun -h: three jobs home on a quiet cluster stay home.
# /tmp/locked CMD: CMD locked from its start (the balancer is quick)
on 1 sh -c 'printf "#!/bin/sh\necho 1 >/proc/self/lock\nexec \"\$@\"\n" >/tmp/locked; chmod +x /tmp/locked'
start 2 /tmp/locked
expect_eq "locked by /proc/PID/lock" "$(on 1 cat /proc/${pids%% *}/lock)" 1
locked=$pids
start 1 mosrun -h
pids="$locked $pids"
sleep 8
expect_eq "locked jobs after 8 s" "$(where)" "3 0 0"
expect_eq "mosrun -h locks" "$(on 1 cat /proc/${pids##* }/lock)" 1
on 1 sh -c "echo 0 > /proc/${pids%% *}/lock"
until_dist 12 '$1 < 3' || fail "an unlocked job stayed home: $dist"
echo "  locked jobs stayed home; unlocked, one left: $dist"
stop

# block: node 3 gets no guests; expel: node 2 sends its guests home at
# once; with block too (how a node is drained) none come back.
on 3 mosctl block
wait_block() { on 1 sh -c "test \$(( \$(cat /proc/hpc/nodes/$1/status) & 4 )) = 4"; }
for i in $(seq 20); do wait_block 3 && break; sleep 0.5; done
start 4
until_dist 15 '$2 >= 1' || fail "no job reached node 2: $dist"
sleep 4
dist=$(where)
awk '{ exit !($3 == 0) }' <<<"$dist" || fail "blocked node 3 got guests: $dist"
g=$(on 2 sh -c 'mosctl block && mosctl expel && awk '\''$1 == "guests" { print $2 }'\'' /proc/hpc/balance') ||
	fail "block and expel on node 2 failed"
expect_eq "guests on node 2 once expel returned" "$g" 0
for i in $(seq 20); do wait_block 2 && break; sleep 0.5; done
sleep 4
d=$(where)
awk '{ exit !($2 == 0 && $3 == 0) }' <<<"$d" || fail "after block and expel, nodes 1 2 3 run $d"
echo "  blocked node 3 got none of $dist; expel left $d"
stop
on 2 mosctl noblock
on 3 mosctl noblock

# stay: node 1's processes stay, until nostay.
on 1 mosctl stay
start 3
sleep 8
expect_eq "jobs of a stay node" "$(where)" "3 0 0"
on 1 mosctl nostay
until_dist 12 '$1 < 3' || fail "after nostay all stayed: $dist"
echo "  stay kept 3 jobs home; nostay: $dist"
stop

# speed: node 3 twice as fast gets about twice the work of each other.
on 3 mosctl setspeed 20000
sleep 3
start 8
until_dist 30 '$3 >= 3 && $3 > $1 && $3 > $2' ||
	fail "node 3 at double speed runs $dist of 8 jobs"
echo "  8 jobs with node 3 at double speed: $dist"
stop
on 3 mosctl setspeed 10000

# mosrun -NODE, -jLIST; migrate PID balance.
start 1 mosrun -2
sleep 1
expect_eq "mosrun -2" "$(on 1 cat /proc/$pids/where)" 2
expect_eq "mps shows node 2" "$(on 1 mps $pids | awk 'NR == 2 { print $4 }')" 2
expect_eq "mps -n 2" "$(on 1 mps -n 2 | awk 'NR > 1 { print $1 }')" "$pids"
expect_eq "mtop shows node 2" "$(on 1 mtop -b -n 1 | awk -v p="$pids" '$1 == p { print $3 }')" 2
expect_eq "migrate balance, alone on node 2" "$(on 1 migrate "$pids" balance)" "$pids: on node 2"
stop
# A node's load falls slowly: the balancer is asked once node 1 sees
# nodes 2 and 3 idle again after the jobs just stopped there, and the
# three jobs have been sampled.
for n in 2 3; do
	for i in $(seq 40); do
		[ "$(on 1 cat /proc/hpc/nodes/$n/load)" -le 500 ] && break
		sleep 0.5
	done
done
start 3 mosrun -L
sleep 1
expect_eq "mosrun -L" "$(on 1 cat /proc/${pids%% *}/lock)" 1
on 1 sh -c "echo 0 > /proc/${pids%% *}/lock"
out=$(on 1 migrate "${pids%% *}" balance)
case "$out" in
"${pids%% *}: on node 2" | "${pids%% *}: on node 3") ;;
*) fail "migrate balance of one of 3 locked jobs: $out" ;;
esac
stop
start 1 mosrun -j2,3
sleep 1
w=$(on 1 cat /proc/$pids/where)
[ "$w" = 2 ] || [ "$w" = 3 ] || fail "mosrun -j2,3 runs on node $w"
stop

# mosmon under tmux, on node 1's serial console (a real terminal): a bar
# per node, the node numbers under them, node 2 with two jobs higher.
# Balancing stays on: mosrun -L moves each job locked (goto "2 lock"), so
# node 2, running two, never sends one on to idle node 3.
start 2 mosrun -L -2
sleep 6
expect_eq "locked jobs on node 2, node 3 idle" "$(where)" "0 2 0"
tmux new-session -d -x 100 -y 30 -s mon "'$CLUSTER' shell 1"
sleep 2
tmux send-keys -t mon "stty rows 30 cols 100; mosmon" Enter
sleep 8
pane=$(tmux capture-pane -p -t mon)
tmux send-keys -t mon q
sleep 1
tmux send-keys -t mon C-]
sleep 1
tmux kill-server 2>/dev/null || true
echo "$pane" | sed 's/^/  | /'
stop
nums=$(echo "$pane" | grep -E '^ +1 +2 +3 *$' | head -n 1)
[ -n "$nums" ] || fail "mosmon shows no line of node numbers 1 2 3"
# height N: rows of '#' in the column of node N's number
height() {
	local c
	c=$(awk -v s="$nums" -v n="$1" 'BEGIN { print index(s, n) }')
	echo "$pane" | awk -v c="$c" 'substr($0, c, 1) == "#" { h++ } END { print h + 0 }'
}
h1=$(height 1) h2=$(height 2) h3=$(height 3)
[ "$h2" -gt "$h1" ] && [ "$h2" -gt "$h3" ] ||
	fail "mosmon bars: node 1 $h1, node 2 $h2, node 3 $h3 rows"
echo "  mosmon bars: node 1 $h1, node 2 $h2 (two jobs), node 3 $h3 rows"

# quiet: node 3 falls silent, the others see it down and send it nothing;
# mosrun -3 then fails, and with -F runs at home.
on 3 mosctl quiet
wait_status 1 3 down 30
start 3
until_dist 15 '$2 >= 1' || fail "no job reached node 2: $dist"
sleep 3
dist=$(where)
awk '{ exit !($3 == 0) }' <<<"$dist" || fail "quiet node 3 got guests: $dist"
stop
expect_rc 1 on 1 mosrun -3 migtest spin 1
expect_eq "mosrun -F -3" "$(on 1 mosrun -F -3 migtest spin 1)" "spun ok"
on 3 mosctl noquiet
wait_status 1 3 up 30
