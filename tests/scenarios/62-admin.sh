# timeout: 150
# The node's policy and tunables take effect and read back; every bad
# write is refused with EINVAL (EPERM for others than root) and changes
# nothing.
adm=/proc/hpc/admin
check_bad() {	# FILE VALUE...: each write refused, FILE unchanged
	local got
	got=$(on 1 sh -c '
		f=$1; shift; before=$(cat "$f")
		for v in "$@"; do
			if err=$( (echo -n "$v" >"$f") 2>&1); then
				echo "took '\''$v'\''"
			else
				case "$err" in
				*"Invalid argument"*) ;;
				*) echo "'\''$v'\'': $err" ;;
				esac
			fi
			now=$(cat "$f")
			[ "$now" = "$before" ] || echo "'\''$v'\'' made it $now"
		done' sh "$adm/$1" "${@:2}" 2>&1)
	[ -z "$got" ] || fail "$1: $got"
}
for f in block stay lstay quiet; do
	for v in 1 0; do
		on 1 sh -c "echo $v > $adm/$f" || fail "$f refused $v"
		expect_eq "$f" "$(on 1 cat "$adm/$f")" "$v"
	done
	check_bad "$f" 2 -1 abc "1 1" 99999999999 " 1" 0x1
done
for spec in "speed 1 1000000 0 1000001" "decay-interval 1 3600 0 3601" \
	"slow-decay 1 999 0 1000" "fast-decay 1 999 0 1000" \
	"info-interval 100 60000 99 60001" "down-after 2 1000 1 1001"; do
	set -- $spec
	orig=$(on 1 cat "$adm/$1")
	for v in "$2" "$3"; do
		on 1 sh -c "echo $v > $adm/$1" || fail "$1 refused $v"
		expect_eq "$1" "$(on 1 cat "$adm/$1")" "$v"
	done
	on 1 sh -c "echo $orig > $adm/$1"
	check_bad "$1" "$4" "$5" -5 x
done
# Only root writes.
err=$(on 1 su nobody -s /bin/sh -c "echo 1 > $adm/block" 2>&1) && fail "nobody wrote block"
case "$err" in *"Permission denied"*) ;; *) fail "nobody's write to block: $err" ;; esac
expect_eq "block after nobody's write" "$(on 1 cat $adm/block)" 0
# mosctl does the same and says what is wrong.
on 1 mosctl block && expect_eq "mosctl block" "$(on 1 cat $adm/block)" 1
on 1 mosctl noblock && expect_eq "mosctl noblock" "$(on 1 cat $adm/block)" 0
on 1 mosctl setdecay 2 950 900 || fail "mosctl setdecay"
expect_eq "decay" "$(on 1 sh -c "cat $adm/decay-interval $adm/slow-decay $adm/fast-decay" | tr '\n' ' ')" "2 950 900 "
on 1 mosctl setdecay 1 975 926
expect_rc 1 on 1 mosctl setspeed 0
# The status bits others see follow the policy.
on 3 mosctl block
sleep 3
st=$(on 1 cat /proc/hpc/nodes/3/status)
[ $((st & 4)) = 4 ] || fail "node 1 does not see node 3 blocked (status $st)"
on 3 mosctl noblock
# quiet: the node stops sending and the others see it down, then up.
on 3 mosctl quiet
wait_status 1 3 down 8
on 3 mosctl noquiet
wait_status 1 3 up 10
