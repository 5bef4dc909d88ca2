# timeout: 480
# Ping-pong: a process moved 1000 times between nodes 1 and 2 (bounce, of
# a few pages: no C library) while a glibc one moves 200 times between
# nodes 1 and 3 (migtest, a megabyte each move); both compute what they
# compute unmoved, and nothing stays behind on any node: slab and free
# memory are back where they were.
mem() {	# slab and free memory of node $1, kB, caches dropped
	on "$1" sh -c 'sync; echo 3 > /proc/sys/vm/drop_caches
		awk "/^Slab:/ { s = \$2 } /^MemFree:/ { f = \$2 } END { print s, f }" /proc/meminfo'
}
# The node 74 restarted, and the others, are seen up before any move.
for n in 2 3; do
	wait_status 1 "$n" up 30
done
want2=$(on 1 bounce 1000 1 1 | sed -n 1p)
want3=$(on 1 migtest pingpong 200 1 1)
on 1 bounce 20 2 1 >/dev/null	# caches warm
on 1 migtest pingpong 20 3 1 >/dev/null
read -r s1 f1 <<<"$(mem 1)"
read -r s2 f2 <<<"$(mem 2)"
read -r s3 f3 <<<"$(mem 3)"
# Bytes node 3 received: each of migtest's 100 arrivals there carries
# about 0.9 MB (its text goes whole); half that is the bound.
rx3() { on 3 awk '/^rx_bytes/ { print $2 }' /proc/hpc/admin/traffic; }
r0=$(rx3)
t0=$SECONDS
got=$(on 1 sh -c 'bounce 1000 2 1 >/tmp/pp2 & p=$!
	migtest pingpong 200 3 1 >/tmp/pp3; wait $p; cat /tmp/pp2 /tmp/pp3')
expect_eq "bounce 1000 moves to node 2 and back" "$(echo "$got" | sed -n 1p)" "$want2"
expect_eq "the moves bounce made" "$(echo "$got" | sed -n 2p)" "moves 1000"
expect_eq "pingpong 200 moves to node 3 and back" "$(echo "$got" | sed -n 3p)" "$want3"
r1=$(rx3)
[ $((r1 - r0)) -ge $((100 * 512 * 1024)) ] ||
	fail "node 3 received $((r1 - r0)) bytes: migtest did not arrive there 100 times"
echo "  1200 migrations in $((SECONDS - t0)) s"
sleep 2
read -r t1 g1 <<<"$(mem 1)"
read -r t2 g2 <<<"$(mem 2)"
read -r t3 g3 <<<"$(mem 3)"
echo "  slab kB: node 1 $s1 -> $t1, node 2 $s2 -> $t2, node 3 $s3 -> $t3"
echo "  free kB: node 1 $f1 -> $g1, node 2 $f2 -> $g2, node 3 $f3 -> $g3"
for n in 1 2 3; do
	eval "s=\$s$n t=\$t$n f=\$f$n g=\$g$n"
	# Caches, and KASAN's quarantine of freed objects, grow a little; a
	# task or an mm leaked per move would be 10 MB and more.
	[ $((t - s)) -lt 4096 ] || fail "node $n: slab grew by $((t - s)) kB over 1200 moves"
	[ $((f - g)) -lt 8192 ] || fail "node $n: free memory shrank by $((f - g)) kB over 1200 moves"
done
[ -z "$(on 2 pidof bounce)" ] || fail "a guest stayed on node 2"
[ -z "$(on 3 pidof migtest)" ] || fail "a guest stayed on node 3"
