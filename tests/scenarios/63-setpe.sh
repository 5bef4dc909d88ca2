# timeout: 120
# setpe names each kind of map error by line, reads back exactly what was
# loaded, refuses a map without this node, and -off leaves the cluster.
t=$HPC_CLUSTER/setpe
mkdir -p "$t"
bad() {		# TEXT  EXPECTED-MESSAGE
	local err
	err=$(printf "$1" | "$CLUSTER" exec -i 1 -- setpe -c -f - 2>&1) &&
		fail "setpe took: $1"
	case "$err" in
	*"$2"*) ;;
	*) fail "setpe on '$1' said: $err (want $2)" ;;
	esac
}
bad '1 192.0.2.1 3\n3 192.0.2.9 1\n' 'stdin:2: node numbers overlap'
bad '1 192.0.2.1 3\n# x\n9 192.0.2.2 1\n' 'stdin:3: addresses overlap'
bad '0 192.0.2.1 1\n' 'stdin:1: node number outside'
bad '65535 192.0.2.1 2\n' 'stdin:1: count is 0 or the range passes'
bad '1 192.0.2.1\n' 'stdin:1: expected: FIRST-NODE ADDRESS COUNT'
bad '1 192.0.2.1 1\n2 192.0.2' 'stdin:2: truncated'
bad '1 127.0.0.1 1\n' 'stdin:1: not a usable unicast'
bad '1 nosuchhost 1\n' 'stdin:1: cannot resolve host name'
bad '' 'the map has no node'
i=0
while [ $i -lt 257 ]; do echo "$((i + 1)) 10.1.$((i / 256)).$((i % 256)) 1"; i=$((i + 1)); done >"$t/big"
err=$("$CLUSTER" exec -i 1 -- setpe -c -f - <"$t/big" 2>&1) && fail "setpe took 257 ranges"
case "$err" in *"stdin:257: more than 256 ranges"*) ;; *) fail "257 ranges: $err" ;; esac

# The kernel refuses the same, and a map without this node; nothing changes.
before=$(on 1 cat /proc/hpc/admin/config)
for m in '1 192.0.2.1 3\n3 192.0.2.9 1\n' '1 192.0.2.1 1' '5 192.0.2.50 3\n'; do
	on 1 sh -c "printf '$m' > /proc/hpc/admin/config" 2>/dev/null &&
		fail "the kernel took '$m'"
	expect_eq "map after '$m'" "$(on 1 cat /proc/hpc/admin/config)" "$before"
done
err=$(printf '5 192.0.2.50 3\n' | "$CLUSTER" exec -i 1 -- setpe -w -f - 2>&1) &&
	fail "setpe loaded a map without this node"
case "$err" in *"none of this node's addresses"*) ;; *) fail "setpe said: $err" ;; esac

# A map with comments, host names and several ranges reads back exactly.
on 1 sh -c 'echo "192.0.2.3 node3" >> /etc/hosts'
printf '# test\n1 192.0.2.1 2\n3 node3 1   # by name\n100 198.51.100.1 5\n' |
	"$CLUSTER" exec -i 1 -- setpe -w -f - || fail "setpe -w failed"
expect_eq "setpe -r" "$(on 1 setpe -r)" "$(printf '1 192.0.2.1 2\n3 192.0.2.3 1\n100 198.51.100.1 5')"
expect_eq "nodes listed" "$(on 1 ls /proc/hpc/nodes | sort -n | tr '\n' ' ')" "1 2 3 100 101 102 103 104 "
expect_eq "mosctl whois 102" "$(on 1 mosctl whois 102)" "198.51.100.3"
on 1 /etc/init.d/openmosix restart >/dev/null || fail "restart failed"
expect_eq "map after restart" "$(on 1 setpe -r)" "1 192.0.2.1 3"

# -off: node 3 leaves; the others see it down; start brings it back.
on 3 setpe -off || fail "setpe -off failed"
expect_eq "map after -off" "$(on 3 cat /proc/hpc/admin/config)" ""
for a in 1 2; do
	wait_status "$a" 3 down 8
done
on 3 /etc/init.d/openmosix start >/dev/null || fail "start failed"
for a in 1 2; do
	wait_status "$a" 3 up 10
done
