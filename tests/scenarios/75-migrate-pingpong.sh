# timeout: 300
# Ping-pong: a computing process moved 1 <-> 2 100 times computes what
# it computes unmoved, and nothing stays behind on either node: slab and
# free memory are back where they were.
mem() {	# slab and free memory of node $1, kB, caches dropped
	on "$1" sh -c 'sync; echo 3 > /proc/sys/vm/drop_caches
		awk "/^Slab:/ { s = \$2 } /^MemFree:/ { f = \$2 } END { print s, f }" /proc/meminfo'
}
want=$(on 1 migtest pingpong 100 1 1)
on 1 migtest pingpong 20 2 1 >/dev/null	# caches warm
read -r s1 f1 <<<"$(mem 1)"
read -r s2 f2 <<<"$(mem 2)"
expect_eq "pingpong 100 moves" "$(on 1 migtest pingpong 100 2 1)" "$want"
sleep 2
read -r t1 g1 <<<"$(mem 1)"
read -r t2 g2 <<<"$(mem 2)"
echo "  slab kB: node 1 $s1 -> $t1, node 2 $s2 -> $t2; free kB: node 1 $f1 -> $g1, node 2 $f2 -> $g2"
[ $((t1 - s1)) -lt 1536 ] && [ $((t2 - s2)) -lt 1536 ] || fail "slab grew over 100 moves"
[ $((f1 - g1)) -lt 8192 ] && [ $((f2 - g2)) -lt 8192 ] || fail "free memory shrank over 100 moves"
[ -z "$(on 2 pidof migtest)" ] || fail "a guest stayed on node 2"
