# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Shared by the guest sides of make bench (guest-bench, guest-profile): the
# two network namespaces, CPU accounting, the open-loop load. Set before
# sourcing: secs (seconds a measurement), udpblast (its path).

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
# OL_CPU0, OL_CPU1.
# shellcheck disable=SC2034,SC2154 # OL_*: for the caller; secs, udpblast: set by it
overload() {
	local before after sent answers
	srv nft -f - <<-EOF
	table netdev bench {
		chain answers {
			type filter hook egress device veth0 priority 0; policy accept;
			udp sport 53 counter drop
		}
	}
	EOF
	before=$(cpu_snap)
	sent=$(cli taskset -c 0 "$udpblast" $server "$secs" "$1")
	after=$(cpu_snap)
	# Answers still on their way: the server's backlog drains.
	sleep 1
	answers=$(srv nft list chain netdev bench answers | sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
	srv nft delete table netdev bench
	read -r OL_CPU0 OL_CPU1 <<< "$(cpu_busy "$before" "$after")"
	OL_QPS=$(echo "scale=1; ${answers:-0} / $secs" | bc)
	OL_SENT=$(echo "scale=1; $sent / $secs" | bc)
}

