# SPDX-License-Identifier: GPL-2.0
# The answer engine: the sources that build for the kernel and, unchanged,
# for userspace (portable.h is all they use of their environment). Kbuild,
# the top Makefile (test server, fuzzers, unit tests) and kdnsctl's Makefile
# all take the list from here.
KDNS_ENGINE := wire zone denial zoneset answer rrl cookie sha1
