# timeout: 120
# A node killed abruptly is reported down; the others keep working.
last=$(nodes | tail -n 1)
"$CLUSTER" kill "$last"
expect_eq "status of node $last" "$("$CLUSTER" status | awk -v n="$last" '$1 == n { print $2 }')" down
err=$("$CLUSTER" exec "$last" -- true 2>&1) && fail "exec on a dead node succeeded"
case "$err" in
*"node $last is down"*) ;;
*) fail "exec on a dead node said: $err" ;;
esac
expect_rc 255 "$CLUSTER" exec "$last" -- true
for n in $(nodes); do
	expect_eq "node $n still answers" "$(on "$n" cat /proc/hpc/admin/mospe)" "$n"
	for m in $(nodes); do
		[ "$m" = "$n" ] || on "$n" ping -c 1 -W 5 "192.0.2.$m" >/dev/null ||
			fail "node $n lost node $m"
	done
	expect_rc 1 on "$n" ping -c 1 -W 2 "192.0.2.$last"
done

# A node that hangs (its VM frozen) is found by 'reap' and killed.
pid=$(cat "$HPC_CLUSTER/node1.pid")
kill -STOP "$pid"
out=$("$CLUSTER" reap -t 3) && { kill -CONT "$pid"; fail "reap missed a frozen node"; }
case "$out" in
*"node 1 does not answer"*"Console tail"*) ;;
*) fail "reap said: $out" ;;
esac
expect_eq "status of the frozen node" "$("$CLUSTER" status | awk '$1 == 1 { print $2 }')" down
