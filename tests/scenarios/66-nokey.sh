# timeout: 60
# The key file is write-only and takes only a key; every node holds the
# same one (compared by fingerprint).
for n in $(nodes); do
	id=$(on "$n" cat /proc/hpc/admin/keyid)
	[ "$id" != none ] || fail "node $n has no key"
	expect_eq "keyid of node $n" "$id" "$(on 1 cat /proc/hpc/admin/keyid)"
done
on 1 cat /proc/hpc/admin/key >/dev/null 2>&1 && fail "the key file is readable"
for bad in "" "abc" "$(printf '%063d' 0)" "$(printf '%065d' 0)" "$(printf '%031d' 0)"; do
	[ -z "$bad" ] && continue
	on 1 sh -c "echo -n '$bad' > /proc/hpc/admin/key" 2>/dev/null &&
		fail "key took '$bad'"
done
expect_eq "keyid after bad writes" "$(on 1 cat /proc/hpc/admin/keyid)" "$(on 2 cat /proc/hpc/admin/keyid)"
err=$(on 1 su nobody -s /bin/sh -c "echo -n $(printf '%064d' 0) > /proc/hpc/admin/key" 2>&1) &&
	fail "nobody wrote the key"
case "$err" in *"Permission denied"*) ;; *) fail "nobody's write to key: $err" ;; esac
expect_eq "keyid after nobody's write" "$(on 1 cat /proc/hpc/admin/keyid)" "$(on 2 cat /proc/hpc/admin/keyid)"
