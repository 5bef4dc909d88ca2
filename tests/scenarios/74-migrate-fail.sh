# timeout: 400
# The node a process runs on dies: the process is killed at home and its
# parent sees SIGKILL. A move to a dead node fails and the process goes
# on where it was. Home dies: its guests elsewhere are killed.
on 1 sh -c '(migtest spin 120 >/dev/null 2>&1; echo $? >/tmp/rc) & sleep 1; pidof migtest >/tmp/v.pid'
pid=$(on 1 cat /tmp/v.pid)
expect_eq "migrate to 3" "$(on 1 migrate "$pid" 3)" "$pid: on node 3"
"$CLUSTER" kill 3
t0=$SECONDS
on 1 sh -c "n=0; while [ -e /proc/$pid ] && [ \$n -lt 120 ]; do sleep 0.5; n=\$((n+1)); done"
on 1 sh -c "[ ! -e /proc/$pid ]" || fail "process still at home 60 s after its node died"
sleep 1
expect_eq "parent saw SIGKILL" "$(on 1 cat /tmp/rc)" 137
echo "  killed at home $((SECONDS - t0)) s after its node died"

# A move to a node that is gone: refused, the process unharmed.
on 1 sh -c '(migtest spin 8 >/tmp/o 2>&1; echo $? >/tmp/rc2) & sleep 1; pidof migtest >/tmp/v.pid'
pid=$(on 1 cat /tmp/v.pid)
err=$(on 1 migrate "$pid" 3 2>&1) && fail "moved to a dead node"
expect_eq "where after failed move" "$(on 1 cat /proc/$pid/where)" 1
on 1 sh -c "while [ -e /proc/$pid ]; do sleep 0.5; done"
expect_eq "output after failed move" "$(on 1 cat /tmp/o)" "spun ok"
expect_eq "status after failed move" "$(on 1 cat /tmp/rc2)" 0
"$CLUSTER" start 3 || fail "node 3 did not boot again"
wait_status 1 3 up 20

# Home dies: the guest it had on node 2 is killed there.
on 3 sh -c 'migtest spin 120 >/dev/null 2>&1 & sleep 1; pidof migtest >/tmp/v.pid'
pid=$(on 3 cat /tmp/v.pid)
expect_eq "migrate 3 to 2" "$(on 3 migrate "$pid" 2)" "$pid: on node 2"
[ -n "$(on 2 pidof migtest)" ] || fail "no guest on node 2"
"$CLUSTER" kill 3
on 2 sh -c 'n=0; while pidof migtest >/dev/null && [ $n -lt 120 ]; do sleep 0.5; n=$((n+1)); done'
[ -z "$(on 2 pidof migtest)" ] || fail "guest of a dead home still runs on node 2"
"$CLUSTER" start 3 || fail "node 3 did not boot again"
wait_status 1 3 up 20
