# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# shellcheck disable=SC2154 # secs, udpblast, work, results: set by the caller
#
# Shared by the guest sides of make bench (guest-bench, guest-profile) and
# make bench-insn (guest-insn): the two network namespaces, CPU accounting,
# the open-loop load, starting the servers, the results. Set before
# sourcing: secs (seconds a measurement), udpblast (its path), work (a
# scratch directory), results (the JSON lines file).

# srv and cli (run in the server's or the client's namespace) are tests/lib.sh's.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

server=198.18.0.2

log() { echo "bench: $*" >&2; }

setup_net() {
	ip netns add client
	ip netns add server
	ip -n client link add veth0 type veth peer name veth0 netns server
	ip -n client addr add 198.18.0.1/24 dev veth0
	ip -n server addr add $server/24 dev veth0
	for ns in client server; do
		ip -n $ns link set lo up
		ip -n $ns link set veth0 up
	done
	# Receive work: the client's on CPU 0, the server's on CPU 1.
	cli sh -c 'echo 1 > /sys/class/net/veth0/queues/rx-0/rps_cpus'
	srv sh -c 'echo 2 > /sys/class/net/veth0/queues/rx-0/rps_cpus'
}

# cpu_snap: "busy total" jiffies of cpu0 and cpu1.
cpu_snap() {
	awk '/^cpu[01] / { idle = $5 + $6; t = 0; for (i = 2; i <= NF; i++) t += $i;
		printf "%d %d ", t - idle, t }' /proc/stat
}

# cpu_busy BEFORE AFTER: "cpu0% cpu1%"
cpu_busy() {
	echo "$1 $2" | awk '{ printf "%.0f %.0f", 100 * ($5 - $1) / ($6 - $2 + 1e-9),
		100 * ($7 - $3) / ($8 - $4 + 1e-9) }'
}

# overload QFILE: open loop: udpblast offers more queries than any server
# here answers (it never waits for answers). An nftables counter at the
# server's interface, on its way out, counts the answers and drops them
# there: the server has done all its work but the device's transmit, and
# the client's vCPU only sends (answers coming back would cost it a
# softirq and an interrupt each, and how they are batched would set the
# offered rate). Sets OL_QPS (answers/s), OL_SENT (queries/s offered),
# OL_CPU0, OL_CPU1, OL_ANSWERS. A function ol_mark, if defined, is called
# with "start" before the load and "end" once the backlog has drained.
# OL_AT=client counts the answers at the client's ingress instead.
# shellcheck disable=SC2034,SC2154 # OL_*: for the caller; secs, udpblast: set by it
overload() {
	local before after sent answers ns=srv hook=egress
	# Answers that leave past the egress hook (Knot's XDP path) are
	# counted, and dropped, on their way into the client instead.
	if [ "${OL_AT:-server}" = client ]; then
		ns=cli hook=ingress
	fi
	$ns nft -f - <<-EOF
	table netdev bench {
		chain answers {
			type filter hook $hook device veth0 priority 0; policy accept;
			udp sport 53 counter drop
		}
	}
	EOF
	declare -F ol_mark > /dev/null && ol_mark start
	before=$(cpu_snap)
	sent=$(cli taskset -c 0 "$udpblast" $server "$secs" "$1")
	after=$(cpu_snap)
	# Answers still on their way: the server's backlog drains.
	sleep 1
	declare -F ol_mark > /dev/null && ol_mark end
	answers=$($ns nft list chain netdev bench answers |
		sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
	$ns nft delete table netdev bench
	read -r OL_CPU0 OL_CPU1 <<< "$(cpu_busy "$before" "$after")"
	OL_ANSWERS=${answers:-0}
	OL_QPS=$(echo "scale=1; ${answers:-0} / $secs" | bc)
	OL_SENT=$(echo "scale=1; $sent / $secs" | bc)
}

# wait_answer NAME: seconds until the server answers NAME (zone load time).
wait_answer() {
	local start now
	start=$(date +%s.%N)
	for _ in $(seq 3000); do
		if cli dig +short +tries=1 +timeout=1 @$server "$1" A 2>/dev/null | grep -q .; then
			now=$(date +%s.%N)
			echo "$now - $start" | bc | xargs printf "%.3f"
			return 0
		fi
		sleep 0.2
	done
	return 1
}

# pin_cpu1 PID...: every thread of the processes on CPU 1. knotd sets its
# UDP workers' affinity itself (worker i on CPU i modulo the CPU count),
# which would put its one worker on the load generator's CPU 0.
pin_cpu1() {
	local p t
	for p in "$@"; do
		taskset -a -p -c 1 "$p" > /dev/null
		for t in /proc/"$p"/task/*; do
			grep -q '^Cpus_allowed_list:[[:space:]]*1$' "$t/status" ||
				{ log "cannot pin $t to CPU 1"; exit 1; }
		done
	done
}

# The servers' configurations (work: a scratch directory, set by the caller).
knot_conf() { # ZONEFILE
	cat <<-EOF
	server:
	    rundir: $work/knot
	    listen: $server@53
	    udp-workers: 1
	    tcp-workers: 1
	    background-workers: 1
	database:
	    storage: $work/knot
	log:
	  - target: $work/knot/knot.log
	    any: info
	template:
	  - id: default
	    storage: $work/knot
	    zonefile-sync: -1
	    zonefile-load: whole
	    journal-content: none
	    semantic-checks: off
	zone:
	  - domain: bench.example.
	    file: $1
	EOF
}

nsd_conf() { # ZONEFILE
	cat <<-EOF
	server:
	    ip-address: $server
	    port: 53
	    server-count: 1
	    username: ""
	    chroot: ""
	    database: ""
	    zonelistfile: "$work/nsd/zone.list"
	    xfrdfile: "$work/nsd/xfrd.state"
	    pidfile: "$work/nsd/nsd.pid"
	    zonesdir: "$work/nsd"
	    verbosity: 1
	    hide-version: yes
	    # Debian's NSD limits responses to 200/s per client network (RRL)
	    # by default; one client measuring throughput must not be limited.
	    rrl-ratelimit: 0
	    rrl-whitelist-ratelimit: 0
	remote-control:
	    control-enable: no
	zone:
	    name: bench.example.
	    zonefile: "$1"
	EOF
}

stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# record SERVER SIZE KEY=VALUE...: one line of results.
record() {
	local s=$1 size=$2 kv
	shift 2
	{
		printf '{"server":"%s","names":%s' "$s" "$size"
		for kv in "$@"; do
			printf ',"%s":%s' "${kv%%=*}" "${kv#*=}"
		done
		printf '}\n'
	} >> "$results"
	log "$s $size: $*"
}
