# timeout: 240
# A node powered off abruptly is shown down within the configured number
# of intervals; restarted, it is up again, the others untouched. A node
# without a key does not join and says why.
"$CLUSTER" kill 3
# down-after is 5 intervals of 1 s: allow the last news 2 s of travel.
for a in 1 2; do
	wait_status "$a" 3 down 7
	expect_rc 0 on "$a" mosctl isup "$((3 - a))"
done
"$CLUSTER" start 3 || fail "node 3 did not boot again"
for a in 1 2; do
	wait_status "$a" 3 up 10
done
wait_status 3 1 up 10

# Again, without a key.
"$CLUSTER" kill 3
HPC_NOKEY=1 "$CLUSTER" start 3 || fail "node 3 did not boot without a key"
expect_rc 1 on 3 /etc/init.d/openmosix start
on 3 setpe -w -f /etc/openmosix.map || fail "setpe without a key"
sleep 7
on 3 dmesg | grep -q "no cluster key loaded" || fail "node 3 does not say it lacks the key"
for a in 1 2; do
	expect_rc 1 on "$a" mosctl isup 3
done
cp "$HPC_CLUSTER/openmosix.key" "$HPC_CLUSTER/ctl/3/"
on 3 sh -c 'cp /mnt/ctl/openmosix.key /etc/openmosix.key && chmod 600 /etc/openmosix.key && /etc/init.d/openmosix restart' >/dev/null ||
	fail "node 3 cannot take the key"
for a in 1 2; do
	wait_status "$a" 3 up 10
done
