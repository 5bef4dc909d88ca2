# timeout: 90
# Every node lists every node up, with the speed, CPUs and memory that
# node reports of itself, and the map and key came from the start-up
# script.
all=$(nodes)
n=$(echo "$all" | wc -w)
for a in $all; do
	expect_eq "node $a map" "$(on "$a" setpe -r)" "1 192.0.2.1 $n"
	expect_eq "node $a mospe" "$(on "$a" cat /proc/hpc/admin/mospe)" "$a"
	on "$a" /etc/init.d/openmosix status >/dev/null || fail "node $a: openmosix status failed"
done
# Up everywhere (the cluster has been up for a few seconds already;
# allow 5 s more).
for try in $(seq 10); do
	bad=
	for a in $all; do
		for b in $all; do
			st=$(on "$a" cat "/proc/hpc/nodes/$b/status")
			[ $((st & 2)) = 2 ] || bad="$bad $a:$b"
		done
	done
	[ -z "$bad" ] && break
	sleep 0.5
done
[ -z "$bad" ] || fail "not up (seen:seer):$bad"
for b in $all; do
	for f in speed cpus tmem; do
		own=$(on "$b" cat "/proc/hpc/nodes/$b/$f")
		for a in $all; do
			expect_eq "node $a sees node $b $f" \
				"$(on "$a" cat "/proc/hpc/nodes/$b/$f")" "$own"
		done
	done
	expect_eq "mosctl whois $b" "$(on 1 mosctl whois "$b")" "192.0.2.$b"
	expect_eq "mosctl whois 192.0.2.$b" "$(on 1 mosctl whois "192.0.2.$b")" "$b"
	expect_eq "mosctl isup $b" "$(on 1 mosctl isup "$b")" up
done
# Free memory as others see it is what the node saw a moment ago.
own=$(on 2 cat /proc/hpc/nodes/2/mem)
seen=$(on 1 cat /proc/hpc/nodes/2/mem)
[ $((own > seen ? own - seen : seen - own)) -lt $((own / 10)) ] ||
	fail "node 1 sees node 2 with $seen bytes free, node 2 has $own"
