# timeout: 60
# Every node runs the hpc kernel and knows its number.
for n in $(nodes); do
	v=$(on "$n" cat /proc/hpc/admin/version) || fail "node $n: no /proc/hpc/admin/version"
	expect_eq "node $n version" "$v" "openMosix 0.1.0"
	expect_eq "node $n mospe" "$(on "$n" cat /proc/hpc/admin/mospe)" "$n"
	expect_eq "node $n hpc.node" "$(on "$n" cat /sys/module/hpc/parameters/node)" "$n"
	on "$n" sh -c 'zcat /proc/config.gz | grep -qx CONFIG_HPC=y' ||
		fail "node $n: CONFIG_HPC=y missing from /proc/config.gz"
	expect_eq "node $n hostname" "$(on "$n" hostname)" "node$n"
done
