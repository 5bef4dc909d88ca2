# timeout: 120
# /proc/hpc/decay acts on the calling process: hints and decay mode set,
# read back and inherited by children; CPU use counted, decayed slowly,
# fast or not at all, and cleared; bad writes refused.
d=/proc/hpc/decay
expect_eq "hints" "$(on 1 sh -c "echo 1 > $d/cpujob; read a < $d/cpujob; read b < $d/iojob; echo \$a\$b")" 10
expect_eq "iojob replaces cpujob" "$(on 1 sh -c "echo 1 > $d/cpujob; echo 1 > $d/iojob; read a < $d/cpujob; read b < $d/iojob; echo \$a\$b")" 01
expect_eq "inherited" "$(on 1 sh -c "echo 1 > $d/fast; sh -c 'read a < $d/fast; echo \$a'")" 1
expect_eq "not someone else's" "$(on 1 sh -c "read a < $d/fast; echo \$a")" 0
expect_eq "default mode" "$(on 1 sh -c "read a < $d/slow; echo \$a")" 1
for bad in 0 2 abc -1 "1 1"; do
	on 1 sh -c "echo -n '$bad' > $d/cpujob" 2>/dev/null && fail "cpujob took '$bad'"
done
# CPU use: a busy shell loop, then its statistic decays (fast), stays
# (nodecay) or goes (clear).
out=$(on 1 sh -c "
	i=0; while [ \$i -lt 150000 ]; do i=\$((i + 1)); done
	sleep 1.5
	read x a < $d/stats
	echo 1 > $d/nodecay; sleep 2.5; read x b < $d/stats
	echo 1 > $d/fast; sleep 3.5; read x c < $d/stats
	echo 1 > $d/clear; read x z < $d/stats
	echo \$a \$b \$c \$z")
set -- $out
[ "$1" -gt 100 ] || fail "busy loop counted $1 ms"
# (fork and exec of the shell's own commands still add a little)
[ "$2" -ge "$1" ] && [ "$2" -le $(($1 + 100)) ] || fail "nodecay changed $1 to $2"
[ "$3" -lt "$2" ] && [ "$3" -gt $(($2 / 2)) ] || fail "fast decay took $2 to $3"
[ "$4" = 0 ] || fail "clear left $4"
