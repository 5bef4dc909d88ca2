# Helpers for scenario scripts (sourced by tests/run for each scenario).
# shellcheck shell=bash
CLUSTER=$TOP/tests/cluster
SHARE=${HPC_SHARE:-$HPC_CLUSTER/share}

# on NODE CMD...: run CMD on NODE through the harness; with HPC_CHAOS=1,
# in the forced-migration mode (debug kernels), it and its children
on() {
	local n=$1
	shift
	if [ "${HPC_CHAOS:-}" = 1 ]; then
		"$CLUSTER" exec "$n" -- sh -c \
			'echo $$ >/proc/hpc/debug/chaos && exec "$@"' chaos "$@"
		return
	fi
	"$CLUSTER" exec "$n" -- "$@"
}

# fail MESSAGE: end the scenario as failed
fail() {
	echo "  FAILED: $*" >&2
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_rc WANT CMD...: CMD's exit status must be WANT
expect_rc() {
	local want=$1 rc=0
	shift
	"$@" || rc=$?
	[ "$rc" = "$want" ] || fail "'$*' exited $rc, want $want"
}

nodes() { "$CLUSTER" status | awk '$2 == "up" { print $1 }'; }

# wait_status SEER NODE up|down SECONDS: until SEER shows NODE so
wait_status() {
	local seer=$1 node=$2 want=$3 end=$((SECONDS + $4)) got
	while :; do
		got=$("$CLUSTER" exec "$seer" -- mosctl isup "$node" 2>/dev/null)
		[ "$got" = "$want" ] && return 0
		[ $SECONDS -lt $end ] || fail "node $seer shows node $node '$got', not $want, after $4 s"
		sleep 0.5
	done
}

# tcp3_same WHAT PORT PREFIX ARGS: a TCP connection from node 1 to a
# server on node 3 (migtest tcpd, on PORT and PORT+1) by migtest tcp3,
# once plain and once with the shell words PREFIX before it and ARGS
# after it (moves, or the forced-migration mode): the same bytes and
# status, and the plain run right
tcp3_same() {
	local what=$1 port=$2 pre=$3 args=$4 want got
	on 3 sh -c "migtest tcpd $port >/dev/null 2>&1 &"
	on 3 sh -c "migtest tcpd $((port + 1)) >/dev/null 2>&1 &"
	sleep 0.5
	want=$(on 1 sh -c "migtest tcp3 $port 192.0.2.3 2>&1; echo status \$?")
	got=$(on 1 sh -c "$pre migtest tcp3 $((port + 1)) 192.0.2.3 $args 2>&1; echo status \$?")
	expect_eq "$what" "$got" "$want"
	case "$want" in
	*"select: echo line 3"*"status 0") ;;
	*) fail "$what, plain: $want" ;;
	esac
}
