# timeout: 240
# The harness returns exit codes, stdout and stderr exactly.
t=$HPC_CLUSTER/exec-test
mkdir -p "$t"
for rc in 0 1 37 255; do
	expect_rc "$rc" on 2 sh -c "exit $rc"
done
expect_rc 137 on 2 sh -c 'kill -9 $$'
expect_rc 127 on 2 /no/such/program

# Binary bytes, NUL included, no trailing newline, on separate streams.
on 1 printf 'a\000b\377\001\nlast' >"$t/out" 2>"$t/err" || fail "printf failed"
printf 'a\000b\377\001\nlast' | cmp - "$t/out" || fail "stdout not exact"
[ ! -s "$t/err" ] || fail "unexpected stderr"
expect_rc 3 on 1 sh -c 'printf "to-out"; printf "to\000err" >&2; exit 3' >"$t/out" 2>"$t/err"
printf 'to-out' | cmp - "$t/out" || fail "stdout of mixed command not exact"
printf 'to\000err' | cmp - "$t/err" || fail "stderr of mixed command not exact"

# Arguments pass through as they are.
expect_eq "argv" "$(on 3 printf '[%s]' 'a b' '' '$HOME' "'q'")" "[a b][][\$HOME]['q']"

# 10 MB of random bytes, checked against the node's own checksum.
on 3 sh -c 'head -c 10485760 /dev/urandom > /tmp/big; sha256sum < /tmp/big >&2; cat /tmp/big' \
	>"$t/big" 2>"$t/big.sum" || fail "10 MB output failed"
expect_eq "10 MB size" "$(stat -c %s "$t/big")" 10485760
expect_eq "10 MB bytes" "$(sha256sum <"$t/big")" "$(cat "$t/big.sum")"

# Standard input with -i.
head -c 100000 /dev/urandom >"$t/in"
"$CLUSTER" exec -i 2 -- cat <"$t/in" >"$t/in.back" || fail "exec -i failed"
cmp "$t/in" "$t/in.back" || fail "stdin not passed exactly"

# A time bound: the command is killed and the harness says 124.
start=$SECONDS
expect_rc 124 "$CLUSTER" exec -t 2 1 -- sleep 100
[ $((SECONDS - start)) -lt 30 ] || fail "timeout took $((SECONDS - start))s"

# Several at once, on one node and on different nodes.
for i in 1 2 3 4; do
	on 1 sh -c "sleep 1; echo one-$i" >"$t/p1-$i" &
done
for n in $(nodes); do
	on "$n" sh -c "sleep 1; hostname" >"$t/pn-$n" &
done
wait
for i in 1 2 3 4; do
	expect_eq "parallel $i on node 1" "$(cat "$t/p1-$i")" "one-$i"
done
for n in $(nodes); do
	expect_eq "parallel on node $n" "$(cat "$t/pn-$n")" "node$n"
done
