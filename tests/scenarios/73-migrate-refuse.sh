# timeout: 300
# What cannot move says why and is left untouched; only its owner or
# root may move a process; a dead target changes nothing.
on 1 sh -c 'sleep 60 & echo $! >/tmp/s.pid'
pid=$(on 1 cat /tmp/s.pid)
err=$(on 1 su nobody -s /bin/sh -c "migrate $pid 2" 2>&1) && fail "nobody moved root's process"
case "$err" in *"not allowed"*) ;; *) fail "nobody's migrate said: $err" ;; esac
expect_eq "where after refused move" "$(on 1 cat /proc/$pid/where)" 1

on 1 sh -c "echo 1 > /proc/$pid/lock"
expect_eq "cantmove of a locked process" "$(on 1 cat /proc/$pid/cantmove)" locked
err=$(on 1 migrate "$pid" 2 2>&1) && fail "a locked process moved"
case "$err" in *"cannot move: locked"*) ;; *) fail "migrate of a locked process said: $err" ;; esac
on 1 sh -c "echo 0 > /proc/$pid/lock"
expect_eq "cantmove unlocked" "$(on 1 cat /proc/$pid/cantmove)" ""
# "NODE lock" (migrate -l): moved, and locked as it arrives, so that no
# balancer can move it on before a lock written after the move lands.
# The lock holds there: no plain move on, until unlocked; a locked
# process may be moved so, locked again where it goes (mosrun keeps its
# program locked until its helper sends it so).
for bad in "2 lok" "2 lock lock" "balance lock" "lock"; do
	expect_rc 1 on 1 sh -c "echo '$bad' > /proc/$pid/goto"
done
expect_eq "lock after bad goto writes" "$(on 1 cat /proc/$pid/lock)" 0
expect_rc 0 on 1 migrate -l "$pid" 2
expect_eq "where after migrate -l" "$(on 1 cat /proc/$pid/where)" 2
expect_eq "lock at home after migrate -l" "$(on 1 cat /proc/$pid/lock)" 1
err=$(on 1 migrate "$pid" 3 2>&1) && fail "a process locked as it arrived moved on"
case "$err" in *"cannot move: locked"*) ;; *) fail "migrate of a process locked on node 2 said: $err" ;; esac
expect_eq "where after a refused move on" "$(on 1 cat /proc/$pid/where)" 2
expect_rc 0 on 1 migrate -l "$pid" 3
expect_eq "where after migrate -l of a locked process, remote to remote" \
	"$(on 1 cat /proc/$pid/where)" 3
expect_rc 1 on 1 migrate "$pid" 2
expect_eq "lock after migrate -l of a locked process" "$(on 1 cat /proc/$pid/lock)" 1
# Unlocked where it runs, then moved on locked: home shows the lock as
# soon as the process has arrived, not when the writer has waited.
on 1 sh -c "echo 0 > /proc/$pid/lock"
expect_eq "lock at home, unlocked on node 3" "$(on 1 cat /proc/$pid/lock)" 0
expect_rc 0 on 1 migrate -l "$pid" 2
expect_eq "where after migrate -l of an unlocked process, remote to remote" \
	"$(on 1 cat /proc/$pid/where)" 2
expect_eq "lock at home after migrate -l, remote to remote" "$(on 1 cat /proc/$pid/lock)" 1
expect_rc 1 on 1 migrate "$pid" 3
on 1 sh -c "echo 0 > /proc/$pid/lock"
expect_rc 0 on 1 migrate "$pid" home
expect_eq "lock after coming home unlocked" "$(on 1 cat /proc/$pid/lock)" 0
expect_eq "where after coming home" "$(on 1 cat /proc/$pid/where)" 1
expect_eq "cantmove of init" "$(on 1 cat /proc/1/cantmove)" init
expect_eq "cantmove of a kernel thread" "$(on 1 cat /proc/2/cantmove)" "kernel thread"
err=$(on 1 migrate "$pid" 9 2>&1) && fail "moved to a node not in the map"
case "$err" in *"not in the cluster map"*) ;; *) fail "migrate to node 9 said: $err" ;; esac
for bad in 0 abc -1 70000 "2 3"; do
	expect_rc 1 on 1 sh -c "echo '$bad' > /proc/$pid/goto"
done
expect_eq "where after bad writes" "$(on 1 cat /proc/$pid/where)" 1

# A node that blocks guests refuses them; the process stays.
on 2 sh -c 'echo 1 > /proc/hpc/admin/block'
err=$(on 1 migrate "$pid" 2 2>&1) && fail "moved to a blocking node"
on 2 sh -c 'echo 0 > /proc/hpc/admin/block'
expect_eq "where after refusal" "$(on 1 cat /proc/$pid/where)" 1

# A move for load is judged by its target (hpc_mig_admit()): it refuses
# one whose sender, as it planned, was no busier than the target would
# be with the process (load 1: refused, EAGAIN, the process stays), and
# takes one from a sender far busier. The target counts what it refused
# (refused-load in /proc/hpc/balance), and only that.
refused() { on 2 awk "/^refused-$1 / { print \$2 }" /proc/hpc/balance; }
rl=$(refused load) rt=$(refused turn)
[ -n "$rl" ] && [ -n "$rt" ] || fail "no refused-load or refused-turn line in node 2's /proc/hpc/balance"
err=$(on 1 sh -c "echo '$pid 2 1' > /proc/hpc/debug/move" 2>&1) &&
	fail "a move for load from a sender at load 1 was taken"
case "$err" in *"temporarily unavailable"*) ;; *) fail "refused move for load said: $err" ;; esac
expect_eq "where after a refused move for load" "$(on 1 cat /proc/$pid/where)" 1
expect_eq "node 2's refused-load after refusing one" "$(refused load)" $((rl + 1))
expect_rc 0 on 1 sh -c "echo '$pid 2 1000000' > /proc/hpc/debug/move"
expect_eq "where after an admitted move for load" "$(on 1 cat /proc/$pid/where)" 2
expect_eq "node 2's refused-load after admitting one" "$(refused load)" $((rl + 1))
expect_eq "node 2's refused-turn: no turn asked" "$(refused turn)" "$rt"
expect_rc 0 on 1 migrate "$pid" home
for bad in "$pid 2" "$pid 2 0" "$pid 0 5" "$pid 1 5" "x 2 5" "999999 2 5"; do
	expect_rc 1 on 1 sh -c "echo '$bad' > /proc/hpc/debug/move"
done
expect_eq "where after bad moves" "$(on 1 cat /proc/$pid/where)" 1
on 1 kill "$pid"

# A target running more processes than CPUs takes load from one sender
# at a time: of two moves for load sent to node 2 (two CPU hogs on its
# one CPU) at once, by node 1 and node 3, it
# takes one and refuses the other (EAGAIN, the process stays); a second
# later it takes that one too. Sent more than a second apart (a slow
# host), both are taken: then both go home and the pair is sent again.
on 2 sh -c 'for i in 1 2; do migtest spin 120 >/dev/null 2>&1 & echo $!; done >/tmp/hog.pid'
on 1 sh -c 'sleep 120 & echo $! >/tmp/s.pid'
on 3 sh -c 'sleep 120 & echo $! >/tmp/s.pid'
a=$(on 1 cat /tmp/s.pid)
b=$(on 3 cat /tmp/s.pid)
sleep 2		# node 2's load shows its two hogs
loser=
for try in 1 2 3; do
	on 1 sh -c "echo '$a 2 1000000' > /proc/hpc/debug/move" >/dev/null 2>&1 &
	on 3 sh -c "echo '$b 2 1000000' > /proc/hpc/debug/move" >/dev/null 2>&1 &
	wait
	wa=$(on 1 cat /proc/$a/where)
	wb=$(on 3 cat /proc/$b/where)
	case "$wa $wb" in
	"2 3") loser=3 pid=$b; break ;;
	"1 2") loser=1 pid=$a; break ;;
	"2 2") echo "  try $try: both taken"
		expect_rc 0 on 1 migrate "$a" home
		expect_rc 0 on 3 migrate "$b" home
		sleep 1.5 ;;
	*) fail "two senders at once: where '$wa' and '$wb', want one on 2 and one home" ;;
	esac
done
[ -n "$loser" ] || fail "node 2, running two hogs, took moves for load from two senders at once, three times"
echo "  one sender at a time: node $loser refused at try $try"
sleep 1.5
expect_rc 0 on $loser sh -c "echo '$pid 2 1000000' > /proc/hpc/debug/move"
expect_eq "where, sent again a second later" "$(on $loser cat /proc/$pid/where)" 2
# The one sender at a time may send several: two moves for load sent
# at once by node 1 are both taken (a second after the last one admitted
# from another node).
on 1 sh -c 'for i in 1 2; do sleep 120 & echo $!; done >/tmp/s2.pid'
read -r c1 c2 <<<"$(on 1 cat /tmp/s2.pid | tr '\n' ' ')"
sleep 1.5
rc=$(on 1 sh -c "echo '$c1 2 1000000' > /proc/hpc/debug/move & p=\$!
	echo '$c2 2 1000000' > /proc/hpc/debug/move; a=\$?; wait \$p; echo \$a \$?" 2>&1)
expect_eq "two moves at once from one sender (said: $rc): where" \
	"$(on 1 cat /proc/$c1/where /proc/$c2/where | tr '\n' ' ')" "2 2 "
on 1 sh -c 'kill $(cat /tmp/s2.pid)'
on 1 kill "$a"
on 3 kill "$b"
on 2 sh -c 'kill $(cat /tmp/hog.pid)'
