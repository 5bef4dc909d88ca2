# timeout: 120
# Each node reaches every other over the virtual switch, and TCP carries
# bytes intact.
all=$(nodes)
for a in $all; do
	expect_eq "node $a address" \
		"$(on "$a" sh -c "ip -4 addr show eth0 | sed -n 's/.*inet \([0-9.]*\/[0-9]*\).*/\1/p'")" \
		"192.0.2.$a/24"
	for b in $all; do
		[ "$a" = "$b" ] && continue
		on "$a" ping -c 1 -W 5 "192.0.2.$b" >/dev/null ||
			fail "node $a cannot ping node $b"
	done
done
# 1 MB from node 1 to node 2 over TCP.
on 1 sh -c 'head -c 1048576 /dev/urandom > /tmp/blob; sha256sum < /tmp/blob' >"$HPC_CLUSTER/net.sum"
# The receiver's stdin must not end, or nc would stop reading early.
on 2 sh -c '(sleep 60 | nc -l -p 7001 > /tmp/blob) >/dev/null 2>&1 &' ||
	fail "cannot listen on node 2"
sleep 1
on 1 sh -c 'nc 192.0.2.2 7001 < /tmp/blob' || fail "nc from node 1 to node 2 failed"
on 2 sh -c 'for i in $(seq 100); do [ $(stat -c %s /tmp/blob) = 1048576 ] && break; sleep 0.1; done'
expect_eq "TCP 1 MB node 1 -> node 2" "$(on 2 sh -c 'sha256sum < /tmp/blob')" "$(cat "$HPC_CLUSTER/net.sum")"
