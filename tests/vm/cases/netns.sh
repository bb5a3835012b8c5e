# SPDX-License-Identifier: GPL-2.0
# Each network namespace has its own hooks and counters; destroying one while
# the module stays loaded leaves the others working.
skip_under_debug "namespaces come and go under KASAN in adv-churn"
kdns_load
netns_pair
# Nothing listens: the query is passed on and refused by the stack.
pp cli dig +tries=1 +timeout=1 @198.18.0.2 www.example.com A || true
expect_eq "$(counter received server)" 1 "server received"
expect_eq "$(counter passed_no_zone server)" 1 "server passed_no_zone"
expect_eq "$(counter received client)" 0 "client received"
expect_eq "$(counter received)" 0 "init netns received"

pp ip netns del client
pp srv dig +tries=1 +timeout=1 @127.0.0.1 www.example.com A || true
expect_eq "$(counter received server)" 2 "server received after client ns is gone"
pp srv "$KDNSCTL" stats --reset
expect_eq "$(counter received server)" 0 "server received after reset"
pp ip netns del server
kdns_unload
