# timeout: 60
# /proc/hpc files refuse what they do not take, and change nothing.
for f in version mospe; do
	expect_rc 1 on 1 sh -c "echo 5 > /proc/hpc/admin/$f"
done
expect_eq "mospe after refused write" "$(on 1 cat /proc/hpc/admin/mospe)" 1
for bad in 2 0 abc -1 "1 1" 99999999999; do
	err=$(on 1 sh -c "echo -n '$bad' > /proc/hpc/debug/warn" 2>&1) &&
		fail "debug/warn took '$bad'"
	case "$err" in
	*"Invalid argument"*) ;;
	*) fail "debug/warn '$bad': $err" ;;
	esac
done
on 1 sh -c 'dmesg | grep -c "test warning requested"' >"$HPC_CLUSTER/warns" || true
expect_eq "no WARN from refused writes" "$(cat "$HPC_CLUSTER/warns")" 0
