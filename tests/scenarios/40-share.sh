# timeout: 90
# The share folder is the same on the host and every node, read and write.
head -c 300000 /dev/urandom >"$SHARE/from-host"
want=$(sha256sum <"$SHARE/from-host")
for n in $(nodes); do
	expect_eq "node $n reads the host's file" "$(on "$n" sh -c 'sha256sum < /mnt/share/from-host')" "$want"
	on "$n" sh -c "echo written-by-node-$n > /mnt/share/from-node-$n" || fail "node $n cannot write"
done
for n in $(nodes); do
	expect_eq "host reads node $n's file" "$(cat "$SHARE/from-node-$n")" "written-by-node-$n"
	for m in $(nodes); do
		expect_eq "node $m reads node $n's file" "$(on "$m" cat "/mnt/share/from-node-$n")" "written-by-node-$n"
	done
done
rm -f "$SHARE"/from-*
