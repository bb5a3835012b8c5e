// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite kdns_answer: queries against a test zone, each answer printed
 * as text and compared with the expected text. Runs in the debug kernel and,
 * through the shim, on the host.
 */
#include <kunit/test.h>

#include "../zoneset.c"
#include "../answer.c"
#include "dnstest.h"

/* Labels of 60 letters, for names near the 255-byte limit. */
#define L60_b "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define L60_c "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define L60_d "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define L60_q "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
#define L60_t "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"
#define YX_TARGET L60_t "." L60_t "." L60_t ".example.com."

/* 27 addresses of a sibling name server: 432 bytes of additional data. */
#define CROWD_A(n) "f.crowdns.example.com. 3600 A 198.51.100." #n

/* 33 addresses of a mail exchanger: 528 bytes, more than 512. */
#define FAT_A(n) "fat.example.com. 300 A 198.51.100." #n

static const char *const zone_lines[] = {
	"@ 3600 SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300",
	"@ 3600 NS ns1.example.com.",
	"@ 3600 NS ns2.example.com.",
	"@ 3600 MX 10 mail.example.com.",
	"ns1.example.com. 3600 A 192.0.2.1",
	"ns2.example.com. 3600 A 192.0.2.2",
	"ns2.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:2",
	"mail.example.com. 3600 A 192.0.2.25",
	"www.example.com. 300 A 192.0.2.81",
	"www.example.com. 300 A 192.0.2.80",
	"alias.example.com. 300 CNAME www.example.com.",
	"chain1.example.com. 300 CNAME chain2.example.com.",
	"chain2.example.com. 300 CNAME www.example.com.",
	"loop1.example.com. 300 CNAME loop2.example.com.",
	"loop2.example.com. 300 CNAME loop1.example.com.",
	"out.example.com. 300 CNAME www.example.net.",
	"dangling.example.com. 300 CNAME nothing.example.com.",
	"long1.example.com. 300 CNAME long2.example.com.",
	"long2.example.com. 300 CNAME long3.example.com.",
	"long3.example.com. 300 CNAME long4.example.com.",
	"long4.example.com. 300 CNAME long5.example.com.",
	"long5.example.com. 300 CNAME long6.example.com.",
	"long6.example.com. 300 CNAME long7.example.com.",
	"long7.example.com. 300 CNAME www.example.com.",
	"selfdn.example.com. 300 DNAME q.selfdn.example.com.",
	"*.wild.example.com. 600 A 192.0.2.99",
	"*.wild.example.com. 600 TXT wildcard",
	"*.cwild.example.com. 600 CNAME www.example.com.",
	"*.wdeleg.example.com. 3600 NS ns.elsewhere.net.",
	"*.wloop.example.com. 300 CNAME x.wloop.example.com.",
	"*.wself.example.com. 300 CNAME *.wself.example.com.",
	"*.wdn.example.com. 300 DNAME q.*.wdn.example.com.",
	"fatmx.example.com. 300 MX 10 fat.example.com.",
	"fat.example.com. 300 AAAA 2001:db8:0:0:0:0:0:fa7",
	FAT_A(10), FAT_A(11), FAT_A(12), FAT_A(13), FAT_A(14), FAT_A(15), FAT_A(16),
	FAT_A(17), FAT_A(18), FAT_A(19), FAT_A(20), FAT_A(21), FAT_A(22), FAT_A(23),
	FAT_A(24), FAT_A(25), FAT_A(26), FAT_A(27), FAT_A(28), FAT_A(29), FAT_A(30),
	FAT_A(31), FAT_A(32), FAT_A(33), FAT_A(34), FAT_A(35), FAT_A(36), FAT_A(37),
	FAT_A(38), FAT_A(39), FAT_A(40), FAT_A(41), FAT_A(42),
	"yx.example.com. 300 DNAME " YX_TARGET,
	YX_TARGET " 300 A 192.0.2.9",
	"mxwild.example.com. 300 MX 10 host.wild.example.com.",
	"tobig.example.com. 300 CNAME big.example.com.",
	"a.b.ent.example.com. 300 A 192.0.2.7",
	"sub.example.com. 3600 NS ns.sub.example.com.",
	"sub.example.com. 3600 NS ns.elsewhere.net.",
	"sub.example.com. 3600 DS \\# 5 0001080200",
	"ns.sub.example.com. 3600 A 192.0.2.53",
	"many.example.com. 3600 NS ns0.many.example.com.",
	"many.example.com. 3600 NS ns1.many.example.com.",
	"many.example.com. 3600 NS ns2.many.example.com.",
	"many.example.com. 3600 NS ns3.many.example.com.",
	"many.example.com. 3600 NS ns4.many.example.com.",
	"many.example.com. 3600 NS ns5.many.example.com.",
	"many.example.com. 3600 NS ns6.many.example.com.",
	"many.example.com. 3600 NS ns7.many.example.com.",
	"many.example.com. 3600 NS ns8.many.example.com.",
	"many.example.com. 3600 NS ns9.many.example.com.",
	"ns0.many.example.com. 3600 A 192.0.2.100",
	"ns0.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:100",
	"ns1.many.example.com. 3600 A 192.0.2.101",
	"ns1.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:101",
	"ns2.many.example.com. 3600 A 192.0.2.102",
	"ns2.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:102",
	"ns3.many.example.com. 3600 A 192.0.2.103",
	"ns3.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:103",
	"ns4.many.example.com. 3600 A 192.0.2.104",
	"ns4.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:104",
	"ns5.many.example.com. 3600 A 192.0.2.105",
	"ns5.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:105",
	"ns6.many.example.com. 3600 A 192.0.2.106",
	"ns6.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:106",
	"ns7.many.example.com. 3600 A 192.0.2.107",
	"ns7.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:107",
	"ns8.many.example.com. 3600 A 192.0.2.108",
	"ns8.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:108",
	"ns9.many.example.com. 3600 A 192.0.2.109",
	"ns9.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:109",
	"hidden.sub.example.com. 3600 A 192.0.2.54",
	"crowd.example.com. 3600 NS f.crowdns.example.com.",
	"crowd.example.com. 3600 NS ns.crowd.example.com.",
	"ns.crowd.example.com. 3600 A 192.0.2.71",
	"ns.crowd.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:71",
	CROWD_A(100), CROWD_A(101), CROWD_A(102), CROWD_A(103), CROWD_A(104),
	CROWD_A(105), CROWD_A(106), CROWD_A(107), CROWD_A(108), CROWD_A(109),
	CROWD_A(110), CROWD_A(111), CROWD_A(112), CROWD_A(113), CROWD_A(114),
	CROWD_A(115), CROWD_A(116), CROWD_A(117), CROWD_A(118), CROWD_A(119),
	CROWD_A(120), CROWD_A(121), CROWD_A(122), CROWD_A(123), CROWD_A(124),
	CROWD_A(125), CROWD_A(126),
	"dn.example.com. 300 DNAME example.net.",
	"idn.example.com. 300 DNAME in.example.com.",
	"x.in.example.com. 300 A 192.0.2.42",
	/* A DNAME whose target's CNAME points back at the DNAME's owner. */
	"back.example.com. 300 DNAME dback.example.com.",
	"back.example.com. 300 A 192.0.2.71",
	"nx.dback.example.com. 300 CNAME back.example.com.",
	"_sip._udp.example.com. 300 SRV 10 20 5060 mail.example.com.",
	/* 1,024 bytes of TXT records: an answer of 1,024 to 1,232 bytes. */
	"large.example.com. 60 TXT " L60_b " " L60_b " " L60_b " " L60_b,
	"large.example.com. 60 TXT " L60_c " " L60_c " " L60_c " " L60_c,
	"large.example.com. 60 TXT " L60_d " " L60_d " " L60_d " " L60_d,
	"large.example.com. 60 TXT " L60_q " " L60_q " " L60_q " " L60_q,
	"big.example.com. 60 TXT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	"big.example.com. 60 TXT cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
	"big.example.com. 60 TXT eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
};

#define SOA_NEG "NS example.com. 300 SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300\n"

/* The referral to many.example.com: its NS, and the glue of ns0 to ns5. */
#define MANY_NS \
	"NS many.example.com. 3600 NS ns0.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns1.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns2.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns3.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns4.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns5.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns6.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns7.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns8.many.example.com.\n" \
	"NS many.example.com. 3600 NS ns9.many.example.com.\n"
#define MANY_GLUE_0_5 \
	"AR ns0.many.example.com. 3600 A 192.0.2.100\n" \
	"AR ns0.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:100\n" \
	"AR ns1.many.example.com. 3600 A 192.0.2.101\n" \
	"AR ns1.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:101\n" \
	"AR ns2.many.example.com. 3600 A 192.0.2.102\n" \
	"AR ns2.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:102\n" \
	"AR ns3.many.example.com. 3600 A 192.0.2.103\n" \
	"AR ns3.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:103\n" \
	"AR ns4.many.example.com. 3600 A 192.0.2.104\n" \
	"AR ns4.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:104\n" \
	"AR ns5.many.example.com. 3600 A 192.0.2.105\n" \
	"AR ns5.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:105\n"

struct answer_case {
	const char *desc;
	const char *qname;
	u16 qtype;
	u16 flags;		/* header flags of the query */
	u16 payload;		/* EDNS payload; 0: no OPT */
	u16 edns_flags;		/* the OPT's flags: DO */
	const char *expect;	/* NULL: the query is passed on */
};

static const struct answer_case answer_cases[] = {
	{ "positive_a", "www.example.com.", KDNS_T_A, KDNS_FLAG_RD, 0, 0,
	  "NOERROR aa rd qd=1\n"
	  "AN www.example.com. 300 A 192.0.2.80\n"
	  "AN www.example.com. 300 A 192.0.2.81\n" },
	{ "query_case_kept", "WwW.ExAmple.COM.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN WwW.ExAmple.COM. 300 A 192.0.2.80\n"
	  "AN WwW.ExAmple.COM. 300 A 192.0.2.81\n" },
	{ "nodata_soa_min_ttl", "www.example.com.", KDNS_T_AAAA, 0, 0, 0,
	  "NOERROR aa qd=1\n" SOA_NEG },
	{ "nxdomain", "nope.example.com.", KDNS_T_A, 0, 0, 0,
	  "NXDOMAIN aa qd=1\n" SOA_NEG },
	{ "cname", "alias.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN alias.example.com. 300 CNAME www.example.com.\n"
	  "AN www.example.com. 300 A 192.0.2.80\n"
	  "AN www.example.com. 300 A 192.0.2.81\n" },
	{ "cname_qtype_cname", "alias.example.com.", KDNS_T_CNAME, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN alias.example.com. 300 CNAME www.example.com.\n" },
	/* ANY matches the CNAME itself (RFC 1034 3.6.2): no restart, as Knot. */
	{ "cname_qtype_any", "chain1.example.com.", KDNS_T_ANY, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN chain1.example.com. 300 CNAME chain2.example.com.\n" },
	{ "cname_wildcard_qtype_any", "x.cwild.example.com.", KDNS_T_ANY, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN x.cwild.example.com. 600 CNAME www.example.com.\n" },
	{ "cname_chain", "chain1.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN chain1.example.com. 300 CNAME chain2.example.com.\n"
	  "AN chain2.example.com. 300 CNAME www.example.com.\n"
	  "AN www.example.com. 300 A 192.0.2.80\n"
	  "AN www.example.com. 300 A 192.0.2.81\n" },
	/* At most five CNAMEs, as Knot: the sixth ends the answer unwritten. */
	{ "cname_chain_of_seven", "long1.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN long1.example.com. 300 CNAME long2.example.com.\n"
	  "AN long2.example.com. 300 CNAME long3.example.com.\n"
	  "AN long3.example.com. 300 CNAME long4.example.com.\n"
	  "AN long4.example.com. 300 CNAME long5.example.com.\n"
	  "AN long5.example.com. 300 CNAME long6.example.com.\n" },
	{ "cname_chain_of_five", "long3.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN long3.example.com. 300 CNAME long4.example.com.\n"
	  "AN long4.example.com. 300 CNAME long5.example.com.\n"
	  "AN long5.example.com. 300 CNAME long6.example.com.\n"
	  "AN long6.example.com. 300 CNAME long7.example.com.\n"
	  "AN long7.example.com. 300 CNAME www.example.com.\n"
	  "AN www.example.com. 300 A 192.0.2.80\n"
	  "AN www.example.com. 300 A 192.0.2.81\n" },
	/* A DNAME whose target is below it: the DNAME once, five CNAMEs. */
	{ "dname_below_itself", "x.selfdn.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN selfdn.example.com. 300 DNAME q.selfdn.example.com.\n"
	  "AN x.selfdn.example.com. 300 CNAME x.q.selfdn.example.com.\n"
	  "AN x.q.selfdn.example.com. 300 CNAME x.q.q.selfdn.example.com.\n"
	  "AN x.q.q.selfdn.example.com. 300 CNAME x.q.q.q.selfdn.example.com.\n"
	  "AN x.q.q.q.selfdn.example.com. 300 CNAME x.q.q.q.q.selfdn.example.com.\n"
	  "AN x.q.q.q.q.selfdn.example.com. 300 CNAME x.q.q.q.q.q.selfdn.example.com.\n" },
	{ "cname_loop", "loop1.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN loop1.example.com. 300 CNAME loop2.example.com.\n"
	  "AN loop2.example.com. 300 CNAME loop1.example.com.\n" },
	{ "cname_out_of_zone", "out.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN out.example.com. 300 CNAME www.example.net.\n" },
	{ "cname_to_nxdomain", "dangling.example.com.", KDNS_T_A, 0, 0, 0,
	  "NXDOMAIN aa qd=1\n"
	  "AN dangling.example.com. 300 CNAME nothing.example.com.\n" SOA_NEG },
	{ "wildcard", "host.wild.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN host.wild.example.com. 600 A 192.0.2.99\n" },
	{ "wildcard_deeper", "a.b.wild.example.com.", KDNS_T_TXT, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN a.b.wild.example.com. 600 TXT \\# 9\n" },
	{ "wildcard_nodata", "host.wild.example.com.", KDNS_T_AAAA, 0, 0, 0,
	  "NOERROR aa qd=1\n" SOA_NEG },
	{ "wildcard_itself", "*.wild.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN *.wild.example.com. 600 A 192.0.2.99\n" },
	{ "wildcard_cname", "x.cwild.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN x.cwild.example.com. 600 CNAME www.example.com.\n"
	  "AN www.example.com. 300 A 192.0.2.80\n"
	  "AN www.example.com. 300 A 192.0.2.81\n" },
	{ "empty_non_terminal", "b.ent.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n" SOA_NEG },
	{ "below_empty_non_terminal", "c.b.ent.example.com.", KDNS_T_A, 0, 0, 0,
	  "NXDOMAIN aa qd=1\n" SOA_NEG },
	{ "referral_with_glue", "host.sub.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR qd=1\n"
	  "NS sub.example.com. 3600 NS ns.sub.example.com.\n"
	  "NS sub.example.com. 3600 NS ns.elsewhere.net.\n"
	  "AR ns.sub.example.com. 3600 A 192.0.2.53\n" },
	{ "referral_at_cut", "sub.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR qd=1\n"
	  "NS sub.example.com. 3600 NS ns.sub.example.com.\n"
	  "NS sub.example.com. 3600 NS ns.elsewhere.net.\n"
	  "AR ns.sub.example.com. 3600 A 192.0.2.53\n" },
	{ "occluded_name_refers", "hidden.sub.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR qd=1\n"
	  "NS sub.example.com. 3600 NS ns.sub.example.com.\n"
	  "NS sub.example.com. 3600 NS ns.elsewhere.net.\n"
	  "AR ns.sub.example.com. 3600 A 192.0.2.53\n" },
	/*
	 * RFC 9471: glue in the delegated domain that does not fit sets TC.
	 * An RRset that does not fit is skipped and the next tried, as Knot.
	 */
	{ "referral_glue_cut_short", "x.many.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR tc qd=1\n"
	  MANY_NS
	  MANY_GLUE_0_5
	  "AR ns6.many.example.com. 3600 A 192.0.2.106\n"
	  "AR ns7.many.example.com. 3600 A 192.0.2.107\n" },
	{ "referral_glue_all_fits", "x.many.example.com.", KDNS_T_A, 0, 1232, 0,
	  "NOERROR qd=1\n"
	  MANY_NS
	  MANY_GLUE_0_5
	  "AR ns6.many.example.com. 3600 A 192.0.2.106\n"
	  "AR ns6.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:106\n"
	  "AR ns7.many.example.com. 3600 A 192.0.2.107\n"
	  "AR ns7.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:107\n"
	  "AR ns8.many.example.com. 3600 A 192.0.2.108\n"
	  "AR ns8.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:108\n"
	  "AR ns9.many.example.com. 3600 A 192.0.2.109\n"
	  "AR ns9.many.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:109\n"
	  "AR OPT 1232 0 0\n" },
	/*
	 * The glue in the delegated domain before the sibling's addresses,
	 * which would leave it no room at 512 bytes (RFC 9471 3; Knot's order).
	 */
	{ "referral_glue_before_sibling", "x.crowd.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR qd=1\n"
	  "NS crowd.example.com. 3600 NS f.crowdns.example.com.\n"
	  "NS crowd.example.com. 3600 NS ns.crowd.example.com.\n"
	  "AR ns.crowd.example.com. 3600 A 192.0.2.71\n"
	  "AR ns.crowd.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:71\n" },
	/*
	 * A wildcard CNAME whose target the wildcard answers too: its CNAME
	 * once more, then the chain ends (a.wloop's, then x.wloop's), as Knot.
	 */
	{ "wildcard_cname_each_owner_once", "a.wloop.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN a.wloop.example.com. 300 CNAME x.wloop.example.com.\n"
	  "AN x.wloop.example.com. 300 CNAME x.wloop.example.com.\n" },
	/*
	 * A DNAME owned by a wildcard, into a name below itself, through the
	 * literal "*": met again, its CNAME ends the chain, as Knot's does.
	 */
	{ "wildcard_dname_met_again_ends", "a.*.wdn.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN *.wdn.example.com. 300 DNAME q.*.wdn.example.com.\n"
	  "AN a.*.wdn.example.com. 300 CNAME a.q.*.wdn.example.com.\n"
	  "AN a.q.*.wdn.example.com. 300 CNAME a.q.q.*.wdn.example.com.\n" },
	/* Asked for by its own name too: the CNAME twice, as Knot. */
	{ "wildcard_cname_by_name_twice", "*.wself.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN *.wself.example.com. 300 CNAME *.wself.example.com.\n"
	  "AN *.wself.example.com. 300 CNAME *.wself.example.com.\n" },
	/*
	 * RFC 6672 2.2: a name the DNAME would make longer than 255 bytes is
	 * YXDOMAIN with the DNAME alone (Knot 3.2 adds the target's records).
	 */
	{ "dname_yxdomain", L60_q "." L60_q ".yx.example.com.", KDNS_T_A, 0, 0, 0,
	  "YXDOMAIN aa qd=1\n"
	  "AN yx.example.com. 300 DNAME " YX_TARGET "\n" },
	/* A target whose A does not fit gets no AAAA either, as from Knot. */
	{ "additional_a_too_big_no_aaaa", "fatmx.example.com.", KDNS_T_MX, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN fatmx.example.com. 300 MX 10 fat.example.com.\n" },
	/* NS at a wildcard owner: a referral from it, as Knot answers. */
	{ "wildcard_ns_refers", "a.b.wdeleg.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR qd=1\n"
	  "NS *.wdeleg.example.com. 3600 NS ns.elsewhere.net.\n" },
	{ "ds_at_cut_from_parent", "sub.example.com.", KDNS_T_DS, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN sub.example.com. 3600 DS \\# 5\n" },
	{ "dname_out_of_zone", "www.dn.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN dn.example.com. 300 DNAME example.net.\n"
	  "AN www.dn.example.com. 300 CNAME www.example.net.\n" },
	{ "dname_in_zone", "x.idn.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN idn.example.com. 300 DNAME in.example.com.\n"
	  "AN x.idn.example.com. 300 CNAME x.in.example.com.\n"
	  "AN x.in.example.com. 300 A 192.0.2.42\n" },
	{ "dname_qtype_cname", "x.idn.example.com.", KDNS_T_CNAME, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN idn.example.com. 300 DNAME in.example.com.\n"
	  "AN x.idn.example.com. 300 CNAME x.in.example.com.\n" },
	{ "dname_owner_itself", "dn.example.com.", KDNS_T_DNAME, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN dn.example.com. 300 DNAME example.net.\n" },
	/*
	 * A chain back at a DNAME's owner by the owner's name: no loop (the
	 * owner cannot have a CNAME), its data answer, or its NODATA (Knot).
	 */
	{ "dname_chain_back_to_owner", "nx.back.example.com.", KDNS_T_A, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN back.example.com. 300 DNAME dback.example.com.\n"
	  "AN nx.back.example.com. 300 CNAME nx.dback.example.com.\n"
	  "AN nx.dback.example.com. 300 CNAME back.example.com.\n"
	  "AN back.example.com. 300 A 192.0.2.71\n" },
	{ "dname_chain_back_to_owner_nodata", "nx.back.example.com.", KDNS_T_MX, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN back.example.com. 300 DNAME dback.example.com.\n"
	  "AN nx.back.example.com. 300 CNAME nx.dback.example.com.\n"
	  "AN nx.dback.example.com. 300 CNAME back.example.com.\n" SOA_NEG },
	{ "mx_additional", "example.com.", KDNS_T_MX, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN example.com. 3600 MX 10 mail.example.com.\n"
	  "AR mail.example.com. 3600 A 192.0.2.25\n" },
	/* A target that exists through a wildcard: its expansion, as Knot. */
	{ "mx_additional_through_wildcard", "mxwild.example.com.", KDNS_T_MX, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN mxwild.example.com. 300 MX 10 host.wild.example.com.\n"
	  "AR host.wild.example.com. 600 A 192.0.2.99\n" },
	{ "ns_additional", "example.com.", KDNS_T_NS, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN example.com. 3600 NS ns1.example.com.\n"
	  "AN example.com. 3600 NS ns2.example.com.\n"
	  "AR ns1.example.com. 3600 A 192.0.2.1\n"
	  "AR ns2.example.com. 3600 A 192.0.2.2\n"
	  "AR ns2.example.com. 3600 AAAA 2001:db8:0:0:0:0:0:2\n" },
	{ "srv_additional", "_sip._udp.example.com.", KDNS_T_SRV, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN _sip._udp.example.com. 300 SRV \\# 24\n"
	  "AR mail.example.com. 3600 A 192.0.2.25\n" },
	{ "any_one_rrset", "ns2.example.com.", KDNS_T_ANY, 0, 0, 0,
	  "NOERROR aa qd=1\n"
	  "AN ns2.example.com. 3600 A 192.0.2.2\n" },
	{ "edns_echoed", "www.example.com.", KDNS_T_A, 0, 4096, KDNS_EDNS_DO_BIT,
	  "NOERROR aa qd=1\n"
	  "AN www.example.com. 300 A 192.0.2.80\n"
	  "AN www.example.com. 300 A 192.0.2.81\n"
	  "AR OPT 1232 0 0 do\n" },
	{ "truncated_without_edns", "big.example.com.", KDNS_T_TXT, 0, 0, 0,
	  "NOERROR aa tc qd=1\n" },
	/* What fits stays, TC=1, as Knot: the CNAME, not its target's TXT. */
	{ "truncated_keeps_the_chain", "tobig.example.com.", KDNS_T_TXT, 0, 0, 0,
	  "NOERROR aa tc qd=1\n"
	  "AN tobig.example.com. 300 CNAME big.example.com.\n" },
	{ "fits_with_edns", "big.example.com.", KDNS_T_TXT, 0, 1232, 0,
	  "NOERROR aa qd=1\n"
	  "AN big.example.com. 60 TXT \\# 199\n"
	  "AN big.example.com. 60 TXT \\# 202\n"
	  "AN big.example.com. 60 TXT \\# 204\n"
	  "AR OPT 1232 0 0\n" },
	{ "small_edns_payload_is_512", "big.example.com.", KDNS_T_TXT, 0, 100, 0,
	  "NOERROR aa tc qd=1\n"
	  "AR OPT 1232 0 0\n" },
	{ "no_zone_passed", "www.example.org.", KDNS_T_A, 0, 0, 0, NULL },
	{ "response_passed", "www.example.com.", KDNS_T_A, KDNS_FLAG_QR, 0, 0, NULL },
	{ "opcode_notify_passed", "www.example.com.", KDNS_T_A, 4 << 11, 0, 0, NULL },
	{ "axfr_passed", "example.com.", KDNS_T_AXFR, 0, 0, 0, NULL },
	{ "ixfr_passed", "example.com.", KDNS_T_IXFR, 0, 0, 0, NULL },
};

static struct kdns_zone *test_zone;
static struct kdns_zoneset *test_set;
static struct kdns_scratch scratch;

static int answer_suite_init(struct kunit_suite *suite)
{
	const struct kdns_zone *replaced;
	const char *why = NULL;

	test_zone = dt_zone("example.com.", zone_lines, ARRAY_SIZE(zone_lines), &why);
	if (!test_zone)
		return -1;
	test_set = kdns_zoneset_update(NULL, test_zone, NULL, &replaced);
	return test_set ? 0 : -1;
}

/* Every case starts without a query context (a failed one may leave its own). */
static int answer_test_init(struct kunit *test)
{
	scratch.ctx = NULL;
	return 0;
}

static void answer_suite_exit(struct kunit_suite *suite)
{
	kdns_zoneset_free(test_set);
	kdns_zone_free(test_zone);
}

static void answer_case_desc(const struct answer_case *t, char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(answer, answer_cases, answer_case_desc);

static void answer_query(struct kunit *test)
{
	const struct answer_case *t = test->param_value;
	struct kdns_answer_info info;
	static u8 q[512], out[KDNS_ANSWER_MAX];
	static char text[4096];
	size_t qlen, outlen = 0;
	enum kdns_verdict v;

	KUNIT_ASSERT_TRUE(test, test_set != NULL);
	qlen = dt_query(q, 0x1234, t->flags, t->qname, t->qtype, t->payload, t->edns_flags);
	v = kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	if (!t->expect) {
		KUNIT_EXPECT_EQ(test, (int)v, (int)KDNS_PASS);
		return;
	}
	KUNIT_ASSERT_EQ(test, (int)v, (int)KDNS_ANSWERED);
	KUNIT_EXPECT_EQ(test, kdns_get16(out), 0x1234);
	KUNIT_ASSERT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_STREQ(test, text, t->expect);
	/* The question is echoed as it was asked. */
	KUNIT_EXPECT_EQ(test, memcmp(out + KDNS_HDR_LEN, q + KDNS_HDR_LEN,
				     strlen(t->qname) + 5), 0);
}

/* A raw query from bytes, with the header's ID 0x1234; expect FORMERR. */
static void expect_formerr(struct kunit *test, const u8 *q, size_t qlen)
{
	struct kdns_answer_info info;
	static u8 out[KDNS_ANSWER_MAX];
	static char text[1024];
	size_t outlen = 0;

	KUNIT_ASSERT_EQ(test, (int)kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out),
					       &outlen, &info), (int)KDNS_ANSWERED);
	KUNIT_ASSERT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	/* Header and question, nothing else: no OPT either, as Knot. */
	KUNIT_EXPECT_STREQ(test, text, "FORMERR qd=1\n");
}

/* RFC 9267 4.1: a compression pointer loop, here in the OPT's owner. */
static void formerr_pointer_loop(struct kunit *test)
{
	u8 q[128];
	size_t len = dt_query(q, 0x1234, 0, "www.example.com.", KDNS_T_A, 0, 0);
	static const u8 opt[] = { 0, 0x29, 0x04, 0xd0, 0, 0, 0, 0, 0, 0 };

	q[len] = 0xc0;
	q[len + 1] = len;	/* points at itself */
	memcpy(q + len + 2, opt, sizeof(opt));
	kdns_put16(q + 10, 1);
	expect_formerr(test, q, len + 2 + sizeof(opt));
}

static void formerr_two_opt(struct kunit *test)
{
	u8 q[128];
	size_t len = dt_query(q, 0x1234, 0, "www.example.com.", KDNS_T_A, 1232, 0);

	memcpy(q + len, q + len - 11, 11);
	kdns_put16(q + 10, 2);
	expect_formerr(test, q, len + 11);
}


static void formerr_count_beyond_packet(struct kunit *test)
{
	u8 q[128];
	size_t len = dt_query(q, 0x1234, 0, "www.example.com.", KDNS_T_A, 0, 0);

	kdns_put16(q + 10, 3);	/* three additional records that are not there */
	expect_formerr(test, q, len);
}

static void formerr_trailing_garbage(struct kunit *test)
{
	u8 q[128];
	size_t len = dt_query(q, 0x1234, 0, "www.example.com.", KDNS_T_A, 0, 0);

	q[len] = 0xff;
	expect_formerr(test, q, len + 1);
}

static void badvers(struct kunit *test)
{
	struct kdns_answer_info info;
	static u8 q[128], out[KDNS_ANSWER_MAX];
	static char text[1024];
	size_t len = dt_query(q, 0x1234, 0, "www.example.com.", KDNS_T_A, 1232, 0), outlen;

	q[len - 5] = 1;		/* EDNS version 1 */
	KUNIT_ASSERT_EQ(test, (int)kdns_answer(test_set, &scratch, q, len, out, sizeof(out),
					       &outlen, &info), (int)KDNS_ANSWERED);
	KUNIT_ASSERT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_STREQ(test, text, "NOERROR qd=1\nAR OPT 1232 1 0\n");
	KUNIT_EXPECT_EQ(test, info.rcode, KDNS_RCODE_BADVERS);
}

/* DS at a child's apex is answered by the parent, when both are loaded. */
static void ds_at_child_apex_from_parent(struct kunit *test)
{
	static const char *const child_lines[] = {
		"@ 60 SOA ns.sub.example.com. h.sub.example.com. 9 1 1 1 60",
		"@ 60 NS ns.sub.example.com.",
	};
	static u8 q[128], out[KDNS_ANSWER_MAX];
	static char text[1024];
	struct kdns_zoneset *both;
	const struct kdns_zone *replaced;
	struct kdns_answer_info info;
	struct kdns_zone *child;
	const char *why = NULL;
	size_t len, outlen;

	child = dt_zone("sub.example.com.", child_lines, ARRAY_SIZE(child_lines), &why);
	KUNIT_ASSERT_TRUE(test, child != NULL);
	both = kdns_zoneset_update(test_set, child, NULL, &replaced);
	KUNIT_ASSERT_TRUE(test, both != NULL);
	KUNIT_EXPECT_TRUE(test, replaced == NULL);

	len = dt_query(q, 1, 0, "sub.example.com.", KDNS_T_DS, 0, 0);
	kdns_answer(both, &scratch, q, len, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_STREQ(test, text, "NOERROR aa qd=1\nAN sub.example.com. 3600 DS \\# 5\n");
	/* Other types at the child's apex come from the child. */
	len = dt_query(q, 1, 0, "sub.example.com.", KDNS_T_NS, 0, 0);
	kdns_answer(both, &scratch, q, len, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_STREQ(test, text,
			   "NOERROR aa qd=1\nAN sub.example.com. 60 NS ns.sub.example.com.\n");
	kdns_zoneset_free(both);
	kdns_zone_free(child);
}

/*
 * The zone of a name among apexes of as many labels: two zones of two
 * labels (looked up by hash), then one again (compared directly) once the
 * other is gone; a name in neither is passed on.
 */
static void zones_of_same_label_count(struct kunit *test)
{
	static const char *const lines[] = {
		"@ 60 SOA ns.other.test. h.other.test. 7 1 1 1 60",
		"@ 60 NS ns.other.test.",
	};
	static u8 q[128], out[KDNS_ANSWER_MAX];
	static char text[1024];
	struct kdns_zoneset *two, *one;
	const struct kdns_zone *replaced;
	struct kdns_answer_info info;
	struct kdns_zone *z;
	const char *why = NULL;
	size_t len, outlen;
	u8 apex[32];

	z = dt_zone("other.test.", lines, ARRAY_SIZE(lines), &why);
	KUNIT_ASSERT_TRUE(test, z != NULL);
	two = kdns_zoneset_update(test_set, z, NULL, &replaced);
	KUNIT_ASSERT_TRUE(test, two != NULL);
	dt_name(apex, "other.test.", 11);
	one = kdns_zoneset_update(two, NULL, apex, &replaced);
	KUNIT_ASSERT_TRUE(test, one != NULL);
	KUNIT_EXPECT_TRUE(test, replaced == z);

	len = dt_query(q, 1, 0, "nope.other.test.", KDNS_T_A, 0, 0);
	kdns_answer(two, &scratch, q, len, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_STREQ(test, text, "NXDOMAIN aa qd=1\n"
			   "NS other.test. 60 SOA ns.other.test. h.other.test. 7 1 1 1 60\n");
	len = dt_query(q, 1, 0, "ftp.example.com.", KDNS_T_A, 0, 0);
	KUNIT_EXPECT_EQ(test, kdns_answer(two, &scratch, q, len, out, sizeof(out), &outlen,
					  &info), KDNS_ANSWERED);
	KUNIT_EXPECT_EQ(test, kdns_answer(one, &scratch, q, len, out, sizeof(out), &outlen,
					  &info), KDNS_ANSWERED);
	len = dt_query(q, 1, 0, "nope.other.test.", KDNS_T_A, 0, 0);
	KUNIT_EXPECT_EQ(test, kdns_answer(one, &scratch, q, len, out, sizeof(out), &outlen,
					  &info), KDNS_PASS);
	KUNIT_EXPECT_EQ(test, info.pass, KDNS_PASS_NO_ZONE);
	len = dt_query(q, 1, 0, "example.test.", KDNS_T_A, 0, 0);
	KUNIT_EXPECT_EQ(test, kdns_answer(two, &scratch, q, len, out, sizeof(out), &outlen,
					  &info), KDNS_PASS);
	kdns_zoneset_free(one);
	kdns_zoneset_free(two);
	kdns_zone_free(z);
}

/*
 * RFC 2308 3: a negative answer carries the SOA. One that has no room for
 * it is truncated (TC=1), not sent without it (as Knot 3.2 does).
 */
static void negative_soa_too_big_tc(struct kunit *test)
{
	static const char *const lines[] = {
		"@ 60 SOA ns1." L60_b "." L60_b "." L60_b ".example. "
		L60_d "." L60_d "." L60_d "." L60_d ".example. 1 7200 3600 1209600 60",
		"@ 60 NS ns1.bigsoa.test.",
	};
	static const char *qname = L60_c "." L60_c "." L60_c ".cc.bigsoa.test.";
	static u8 q[512], out[KDNS_ANSWER_MAX];
	static char text[2048];
	struct kdns_zoneset *set;
	const struct kdns_zone *replaced;
	struct kdns_answer_info info;
	struct kdns_zone *z;
	const char *why = NULL;
	size_t len, outlen;

	z = dt_zone("bigsoa.test.", lines, ARRAY_SIZE(lines), &why);
	KUNIT_ASSERT_TRUE(test, z != NULL);
	set = kdns_zoneset_update(test_set, z, NULL, &replaced);
	KUNIT_ASSERT_TRUE(test, set != NULL);

	len = dt_query(q, 1, 0, qname, KDNS_T_A, 0, 0);
	kdns_answer(set, &scratch, q, len, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_STREQ(test, text, "NXDOMAIN aa tc qd=1\n");
	/* With room, the SOA. */
	len = dt_query(q, 1, 0, qname, KDNS_T_A, 1232, 0);
	kdns_answer(set, &scratch, q, len, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_STREQ(test, text, "NXDOMAIN aa qd=1\n"
			   "NS bigsoa.test. 60 SOA ns1." L60_b "." L60_b "." L60_b
			   ".example. " L60_d "." L60_d "." L60_d "." L60_d
			   ".example. 1 7200 3600 1209600 60\n"
			   "AR OPT 1232 0 0\n");
	kdns_zoneset_free(set);
	kdns_zone_free(z);
}

static void malformed_passed(struct kunit *test)
{
	static const u8 short_hdr[] = { 0x12, 0x34, 0, 0, 0, 1 };
	static const u8 ptr_in_question[] = {
		0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0x0c, 0, 1, 0, 1
	};
	struct kdns_answer_info info;
	static u8 out[KDNS_ANSWER_MAX];
	size_t outlen;

	KUNIT_EXPECT_EQ(test, (int)kdns_answer(test_set, &scratch, short_hdr, sizeof(short_hdr), out,
					       sizeof(out), &outlen, &info), (int)KDNS_PASS);
	KUNIT_EXPECT_EQ(test, (int)info.pass, (int)KDNS_PASS_MALFORMED);
	KUNIT_EXPECT_EQ(test, (int)kdns_answer(test_set, &scratch, ptr_in_question,
					       sizeof(ptr_in_question), out, sizeof(out),
					       &outlen, &info), (int)KDNS_PASS);
	KUNIT_EXPECT_EQ(test, (int)info.pass, (int)KDNS_PASS_MALFORMED);
}

/* RFC 9267 4.2, 4.3: questions cut short, labels and names too long. */
static void malformed_question_passed(struct kunit *test)
{
	static u8 q[512], out[KDNS_ANSWER_MAX];
	struct kdns_answer_info info;
	size_t len, outlen, i;

	len = dt_query(q, 1, 0, "www.example.com.", KDNS_T_A, 0, 0);
	for (i = KDNS_HDR_LEN; i < len; i++) {
		KUNIT_EXPECT_EQ(test, (int)kdns_answer(test_set, &scratch, q, i, out,
						       sizeof(out), &outlen, &info),
				(int)KDNS_PASS);
		KUNIT_EXPECT_EQ(test, (int)info.pass, (int)KDNS_PASS_MALFORMED);
	}
	/* A 64-byte label: its length byte is label type 01. */
	memset(q + KDNS_HDR_LEN, 'a', 65);
	q[KDNS_HDR_LEN] = 64;
	memcpy(q + KDNS_HDR_LEN + 65, "\7example\3com\0\0\1\0\1", 17);
	KUNIT_EXPECT_EQ(test, (int)kdns_answer(test_set, &scratch, q, KDNS_HDR_LEN + 82, out,
					       sizeof(out), &outlen, &info), (int)KDNS_PASS);
	/* A name of 256 bytes: 4 labels of 63, then example.com. */
	for (i = 0; i < 4; i++) {
		q[KDNS_HDR_LEN + 64 * i] = 63;
		memset(q + KDNS_HDR_LEN + 64 * i + 1, 'a', 63);
	}
	memcpy(q + KDNS_HDR_LEN + 256, "\7example\3com\0\0\1\0\1", 17);
	KUNIT_EXPECT_EQ(test, (int)kdns_answer(test_set, &scratch, q, KDNS_HDR_LEN + 273, out,
					       sizeof(out), &outlen, &info), (int)KDNS_PASS);
	KUNIT_EXPECT_EQ(test, (int)info.pass, (int)KDNS_PASS_MALFORMED);
}

/* What rate limiting counts each kind of answer as, and by which name. */
static void rrl_classes(struct kunit *test)
{
	static const struct {
		const char *qname;
		u16 qtype, payload;
		enum kdns_rrl_class cls;
		const char *key;	/* the name of the key; NULL: none */
	} cases[] = {
		{ "www.example.com.", KDNS_T_A, 1232, KDNS_RRL_POSITIVE, "www.example.com." },
		{ "WWW.Example.COM.", KDNS_T_A, 1232, KDNS_RRL_POSITIVE, "www.example.com." },
		{ "alias.example.com.", KDNS_T_A, 0, KDNS_RRL_POSITIVE, "alias.example.com." },
		{ "nothing.example.com.", KDNS_T_A, 1232, KDNS_RRL_NXDOMAIN, "example.com." },
		{ "dangling.example.com.", KDNS_T_A, 0, KDNS_RRL_NXDOMAIN, "example.com." },
		{ "www.example.com.", KDNS_T_TXT, 1232, KDNS_RRL_NODATA, "example.com." },
		{ "a.ent.example.com.", KDNS_T_A, 0, KDNS_RRL_NXDOMAIN, "example.com." },
		{ "b.ent.example.com.", KDNS_T_A, 0, KDNS_RRL_NODATA, "example.com." },
		{ "host.sub.example.com.", KDNS_T_A, 1232, KDNS_RRL_REFERRAL, "sub.example.com." },
		{ "x.y.wild.example.com.", KDNS_T_A, 1232, KDNS_RRL_WILDCARD,
		  "*.wild.example.com." },
		{ "x.cwild.example.com.", KDNS_T_A, 0, KDNS_RRL_WILDCARD, "*.cwild.example.com." },
		{ "big.example.com.", KDNS_T_TXT, 0, KDNS_RRL_LARGE, "big.example.com." },
		{ "large.example.com.", KDNS_T_TXT, 1232, KDNS_RRL_LARGE, "large.example.com." },
		{ "large.example.com.", KDNS_T_TXT, 1024, KDNS_RRL_LARGE, "large.example.com." },
	};
	struct kdns_answer_info info;
	struct kdns_rrl_answer r;
	static u8 q[512], out[KDNS_ANSWER_MAX], key[KDNS_NAME_MAX];
	size_t qlen, outlen;
	unsigned int i, want;

	KUNIT_ASSERT_TRUE(test, test_set != NULL);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		qlen = dt_query(q, 1, 0, cases[i].qname, cases[i].qtype, cases[i].payload, 0);
		KUNIT_ASSERT_EQ(test, (int)kdns_answer(test_set, &scratch, q, qlen, out,
						       sizeof(out), &outlen, &info),
				(int)KDNS_ANSWERED);
		kdns_answer_rrl(&scratch, &info, outlen, &r);
		KUNIT_EXPECT_EQ(test, i << 8 | r.cls, i << 8 | cases[i].cls);
		want = 0;
		if (cases[i].cls == KDNS_RRL_POSITIVE)
			want = cases[i].qtype;
		KUNIT_EXPECT_EQ(test, i << 16 | r.qtype, i << 16 | want);
		dt_name(key, cases[i].key, strlen(cases[i].key));
		KUNIT_EXPECT_EQ(test, r.name, kdns_name_hash(key));
	}
	/* Errors: one key, no name. */
	qlen = dt_query(q, 1, 0, "www.example.com.", KDNS_T_A, 1232, 0);
	q[qlen - 5] = 1;	/* EDNS version 1: BADVERS */
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	kdns_answer_rrl(&scratch, &info, outlen, &r);
	KUNIT_EXPECT_EQ(test, (int)r.cls, (int)KDNS_RRL_ERROR);
	KUNIT_EXPECT_EQ(test, r.name, 0U);
}

/* A slipped answer: the header with TC=1, the question, the OPT if any. */
static void rrl_slip_answer(struct kunit *test)
{
	static const struct {
		const char *qname;
		u16 payload;
		const char *expect;
	} cases[] = {
		{ "www.example.com.", 1232, "NOERROR aa tc rd qd=1\nAR OPT 1232 0 0\n" },
		{ "www.example.com.", 0, "NOERROR aa tc rd qd=1\n" },
		{ "nothing.example.com.", 1232, "NXDOMAIN aa tc rd qd=1\nAR OPT 1232 0 0\n" },
		{ "host.sub.example.com.", 0, "NOERROR tc rd qd=1\n" },
	};
	struct kdns_answer_info info;
	static u8 q[512], out[KDNS_ANSWER_MAX];
	static char text[1024];
	size_t qlen, outlen;
	unsigned int i;

	KUNIT_ASSERT_TRUE(test, test_set != NULL);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		qlen = dt_query(q, 0x4321, KDNS_FLAG_RD, cases[i].qname, KDNS_T_A,
				cases[i].payload, 0);
		KUNIT_ASSERT_EQ(test, (int)kdns_answer(test_set, &scratch, q, qlen, out,
						       sizeof(out), &outlen, &info),
				(int)KDNS_ANSWERED);
		outlen = kdns_answer_slip(out, outlen, &info);
		KUNIT_ASSERT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
		KUNIT_EXPECT_STREQ(test, text, cases[i].expect);
		KUNIT_EXPECT_EQ(test, kdns_get16(out), 0x4321);
		KUNIT_EXPECT_TRUE(test, kdns_get16(out + 2) & KDNS_FLAG_RD);
		KUNIT_EXPECT_EQ(test, memcmp(out + KDNS_HDR_LEN, q + KDNS_HDR_LEN,
					     strlen(cases[i].qname) + 5), 0);
	}
}

/* A query for www.example.com. A with EDNS and the option given (code, data). */
static size_t cookie_query(u8 *q, u16 code, const u8 *data, u16 len)
{
	size_t n = dt_query(q, 0x1234, 0, "www.example.com.", KDNS_T_A, 1232, 0);

	kdns_put16(q + n - 2, 4 + len);		/* the OPT's RDLENGTH */
	kdns_put16(q + n, code);
	kdns_put16(q + n + 2, len);
	memcpy(q + n + 4, data, len);
	return n + 4 + len;
}

static const u8 cookie_addr[4] = { 198, 51, 100, 100 };
static const u8 cookie_cc[8] = "kdnscli";

/*
 * The COOKIE option of an answer to cookie_query(): its server cookie into
 * sc[16], or false if it has none (or the answer no OPT).
 */
static bool answer_cookie(const u8 *out, size_t len, const struct kdns_answer_info *info,
			  u8 *sc)
{
	const u8 *o = out + info->opt;

	if (!info->opt || len != (size_t)info->opt + KDNS_OPT_LEN + 4 + 24 ||
	    kdns_get16(o + 9) != 4 + 24 || kdns_get16(o + 11) != KDNS_EDNS_COOKIE ||
	    kdns_get16(o + 13) != 24 || memcmp(o + 15, cookie_cc, 8))
		return false;
	memcpy(sc, o + 15 + 8, 16);
	return true;
}

/*
 * RFC 7873 5.2 with cookies on: a client cookie alone, or with a server
 * cookie not ours or too old, is answered with a new server cookie; a good
 * one is echoed, and the answer is exempt from rate limiting; a COOKIE of a
 * wrong length is FORMERR. Without a client (cookies off) the option is
 * ignored.
 */
static void cookies(struct kunit *test)
{
	static const u8 secret[KDNS_COOKIE_SECRET] = "kdns kunit key!";
	struct kdns_cookie_secrets sec = { .has_prev = false };
	struct kdns_query_ctx cl = { .addr = cookie_addr, .now = 1700000000, .cookies = &sec };
	struct kdns_answer_info info;
	static u8 q[512], out[KDNS_ANSWER_MAX];
	u8 opt[64] = { 0 }, sc[16], want[16];
	static const u16 bad_lengths[] = { 0, 7, 9, 15, 41 };
	size_t qlen, outlen;
	unsigned int i;

	KUNIT_ASSERT_TRUE(test, test_set != NULL);
	kdns_cookie_key(sec.cur, secret);
	memcpy(opt, cookie_cc, 8);
	scratch.ctx = &cl;

	/* The client's cookie alone: a new server cookie, made now. */
	qlen = cookie_query(q, KDNS_EDNS_COOKIE, opt, 8);
	KUNIT_ASSERT_EQ(test, (int)kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out),
					       &outlen, &info), (int)KDNS_ANSWERED);
	kdns_cookie_make(sec.cur, cookie_cc, cl.now, cookie_addr, false, want);
	KUNIT_EXPECT_TRUE(test, answer_cookie(out, outlen, &info, sc));
	KUNIT_EXPECT_EQ(test, memcmp(sc, want, 16), 0);
	KUNIT_EXPECT_FALSE(test, info.cookie_ok);
	KUNIT_EXPECT_EQ(test, kdns_get16(out + 6), 2);	/* the answer as ever */

	/* Ours, ten seconds old: echoed, exempt. */
	kdns_cookie_make(sec.cur, cookie_cc, cl.now - 10, cookie_addr, false, opt + 8);
	qlen = cookie_query(q, KDNS_EDNS_COOKIE, opt, 24);
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, answer_cookie(out, outlen, &info, sc));
	KUNIT_EXPECT_EQ(test, memcmp(sc, opt + 8, 16), 0);
	KUNIT_EXPECT_TRUE(test, info.cookie_ok);

	/* Ours, 2000 seconds old: good, exempt, replaced by one made now. */
	kdns_cookie_make(sec.cur, cookie_cc, cl.now - 2000, cookie_addr, false, opt + 8);
	qlen = cookie_query(q, KDNS_EDNS_COOKIE, opt, 24);
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, answer_cookie(out, outlen, &info, sc));
	KUNIT_EXPECT_EQ(test, memcmp(sc, want, 16), 0);
	KUNIT_EXPECT_TRUE(test, info.cookie_ok);

	/* Not ours (another address's): a new one, not exempt. */
	opt[8 + 15] ^= 1;
	qlen = cookie_query(q, KDNS_EDNS_COOKIE, opt, 24);
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, answer_cookie(out, outlen, &info, sc));
	KUNIT_EXPECT_EQ(test, memcmp(sc, want, 16), 0);
	KUNIT_EXPECT_FALSE(test, info.cookie_ok);

	/* Lengths other than 8 and 16 to 40: FORMERR, with an OPT (as Knot). */
	for (i = 0; i < ARRAY_SIZE(bad_lengths); i++) {
		qlen = cookie_query(q, KDNS_EDNS_COOKIE, opt, bad_lengths[i]);
		kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
		KUNIT_EXPECT_EQ(test, i << 8 | info.rcode, i << 8 | KDNS_RCODE_FORMERR);
		KUNIT_EXPECT_NE(test, info.opt, 0);
		KUNIT_EXPECT_EQ(test, i << 16 | outlen, i << 16 | (info.opt + KDNS_OPT_LEN));
	}

	/* Cookies off: the option is ignored. */
	scratch.ctx = NULL;
	qlen = cookie_query(q, KDNS_EDNS_COOKIE, opt, 9);
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_EQ(test, info.rcode, KDNS_RCODE_NOERROR);
	KUNIT_EXPECT_EQ(test, outlen, (size_t)info.opt + KDNS_OPT_LEN);
	/* Another option alone changes nothing either. */
	scratch.ctx = &cl;
	qlen = cookie_query(q, 3, opt, 0);	/* NSID */
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_EQ(test, outlen, (size_t)info.opt + KDNS_OPT_LEN);
	scratch.ctx = NULL;
}

static struct kdns_identity test_ident = {
	.nsid_len = 6, .nsid = "kdns-1", .id_len = 11, .id = "ns1.example",
	.version_len = 8, .version = "kdns 0.1", .chaos = true,
};

/* A query of class CH for name and type; the answer into out. */
static enum kdns_verdict chaos_query(const char *name, u16 qtype, u8 *out, size_t *outlen,
				     struct kdns_answer_info *info)
{
	static u8 q[512];
	size_t qlen = dt_query(q, 0x1234, 0, name, qtype, 0, 0);

	kdns_put16(q + qlen - 2, KDNS_CLASS_CH);
	return kdns_answer(test_set, &scratch, q, qlen, out, KDNS_ANSWER_MAX, outlen, info);
}

/*
 * Class CH, as Knot answers it: TXT for id.server. and hostname.bind. (the
 * identity), version.server. and version.bind., TTL 0, AA clear; REFUSED
 * for anything else, or a string set empty; passed on without chaos.
 */
static void chaos_identity(struct kunit *test)
{
	static const struct { const char *name; u16 qtype; const char *txt; } cases[] = {
		{ "id.server.", KDNS_T_TXT, "ns1.example" },
		{ "HOSTNAME.Bind.", KDNS_T_TXT, "ns1.example" },
		{ "version.server.", KDNS_T_TXT, "kdns 0.1" },
		{ "version.bind.", KDNS_T_TXT, "kdns 0.1" },
		{ "id.server.", KDNS_T_A, NULL },
		{ "authors.bind.", KDNS_T_TXT, NULL },
		{ "bind.", KDNS_T_TXT, NULL },
	};
	struct kdns_query_ctx ctx = { .ident = &test_ident };
	struct kdns_identity hidden = test_ident;
	struct kdns_answer_info info;
	static u8 out[KDNS_ANSWER_MAX];
	size_t outlen;
	unsigned int i;

	KUNIT_ASSERT_TRUE(test, test_set != NULL);
	scratch.ctx = &ctx;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const u8 *rr;
		size_t n;

		KUNIT_ASSERT_EQ(test, (int)chaos_query(cases[i].name, cases[i].qtype, out, &outlen,
						       &info), (int)KDNS_ANSWERED);
		KUNIT_EXPECT_FALSE(test, kdns_get16(out + 2) & KDNS_FLAG_AA);
		if (!cases[i].txt) {
			KUNIT_EXPECT_EQ(test, i << 8 | info.rcode, i << 8 | KDNS_RCODE_REFUSED);
			KUNIT_EXPECT_EQ(test, i << 8 | kdns_get16(out + 6), i << 8 | 0);
			continue;
		}
		n = strlen(cases[i].txt);
		rr = out + KDNS_HDR_LEN + strlen(cases[i].name) + 1 + 4;
		KUNIT_EXPECT_EQ(test, i << 8 | info.rcode, i << 8 | KDNS_RCODE_NOERROR);
		KUNIT_EXPECT_EQ(test, kdns_get16(out + 6), 1);
		KUNIT_ASSERT_EQ(test, outlen, (size_t)(rr - out) + 12 + 1 + n);
		KUNIT_EXPECT_EQ(test, memcmp(rr, "\xc0\x0c\0\x10\0\x03\0\0\0\0", 10), 0);
		KUNIT_EXPECT_EQ(test, kdns_get16(rr + 10), 1 + n);
		KUNIT_EXPECT_EQ(test, rr[12], n);
		KUNIT_EXPECT_EQ(test, memcmp(rr + 13, cases[i].txt, n), 0);
	}
	/* The version hidden: REFUSED. */
	hidden.version_len = 0;
	ctx.ident = &hidden;
	chaos_query("version.bind.", KDNS_T_TXT, out, &outlen, &info);
	KUNIT_EXPECT_EQ(test, info.rcode, KDNS_RCODE_REFUSED);
	/* Without chaos, or without a context, class CH is passed on. */
	hidden.chaos = false;
	KUNIT_EXPECT_EQ(test, (int)chaos_query("id.server.", KDNS_T_TXT, out, &outlen, &info),
			(int)KDNS_PASS);
	scratch.ctx = NULL;
	KUNIT_EXPECT_EQ(test, (int)chaos_query("id.server.", KDNS_T_TXT, out, &outlen, &info),
			(int)KDNS_PASS);
}

/* RFC 5001: an NSID option, of any content, gets ours; before a COOKIE. */
static void nsid(struct kunit *test)
{
	static const u8 secret[KDNS_COOKIE_SECRET] = "kdns kunit key!";
	struct kdns_cookie_secrets sec = { .has_prev = false };
	struct kdns_query_ctx ctx = { .addr = cookie_addr, .now = 1, .ident = &test_ident };
	struct kdns_answer_info info;
	static u8 q[512], out[KDNS_ANSWER_MAX];
	size_t qlen, outlen;
	const u8 *o;

	KUNIT_ASSERT_TRUE(test, test_set != NULL);
	scratch.ctx = &ctx;
	qlen = cookie_query(q, KDNS_EDNS_NSID, (const u8 *)"x", 1);
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	o = out + info.opt;
	KUNIT_ASSERT_EQ(test, outlen, (size_t)info.opt + KDNS_OPT_LEN + 4 + 6);
	KUNIT_EXPECT_EQ(test, memcmp(o + 9, "\0\x0a\0\x03\0\x06kdns-1", 10), 0);
	/* Not asked: not sent. */
	qlen = dt_query(q, 0x1234, 0, "www.example.com.", KDNS_T_A, 1232, 0);
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_EQ(test, outlen, (size_t)info.opt + KDNS_OPT_LEN);
	/* With a cookie too: NSID, then COOKIE. */
	kdns_cookie_key(sec.cur, secret);
	ctx.cookies = &sec;
	qlen = cookie_query(q, KDNS_EDNS_COOKIE, cookie_cc, 8);
	kdns_put16(q + qlen - 12 - 2, 4 + 8 + 4);	/* the OPT's RDLENGTH, NSID added */
	memcpy(q + qlen, "\0\x03\0\0", 4);
	qlen += 4;
	kdns_answer(test_set, &scratch, q, qlen, out, sizeof(out), &outlen, &info);
	o = out + info.opt;
	KUNIT_ASSERT_EQ(test, outlen, (size_t)info.opt + KDNS_OPT_LEN + 10 + 28);
	KUNIT_EXPECT_EQ(test, kdns_get16(o + 11), KDNS_EDNS_NSID);
	KUNIT_EXPECT_EQ(test, kdns_get16(o + 21), KDNS_EDNS_COOKIE);
	KUNIT_EXPECT_EQ(test, memcmp(o + 25, cookie_cc, 8), 0);
	/* Slipped: the cookie stays, the NSID goes. */
	outlen = kdns_answer_slip(out, outlen, &info);
	o = out + info.qend;
	KUNIT_ASSERT_EQ(test, outlen, (size_t)info.qend + KDNS_OPT_LEN + 28);
	KUNIT_EXPECT_EQ(test, kdns_get16(o + 1), KDNS_T_OPT);
	KUNIT_EXPECT_EQ(test, kdns_get16(o + 9), 28);
	KUNIT_EXPECT_EQ(test, kdns_get16(o + 11), KDNS_EDNS_COOKIE);
	KUNIT_EXPECT_EQ(test, memcmp(o + 15, cookie_cc, 8), 0);
	KUNIT_EXPECT_EQ(test, kdns_get16(out + 10), 1);
	scratch.ctx = NULL;
}

/* RRSIG RDATA (29 bytes): covered, algorithm 13, 2 labels, original TTL, signer example. */
#define SIG(covered, ttl)	"\\# 29 " covered " 0d 02 " ttl " 00000000 00000000 0001 " \
				"07 6578616d706c65 00 aabb"

/* A query of a signed zone's case, and the answer it gets, as text. */
struct signed_case {
	const char *qname;
	u16 qtype, payload;	/* payload 0: no EDNS */
	const char *want;
};

/* The zone of lines, alone in *zs; *zs NULL (the test failed) if refused. */
static void signed_set(struct kunit *test, const char *const *lines, unsigned int n,
		       struct kdns_zone **z, struct kdns_zoneset **zs)
{
	const struct kdns_zone *replaced;
	const char *why = NULL;

	*zs = NULL;
	*z = dt_zone("example.", lines, n, &why);
	KUNIT_EXPECT_STREQ(test, why ? why : "", "");
	if (*z)
		*zs = kdns_zoneset_update(NULL, *z, NULL, &replaced);
}

/* Each case asked (with EDNS, edns_flags), its answer compared with the text. */
static void expect_signed(struct kunit *test, const struct kdns_zoneset *zs,
			  const struct signed_case *sc, unsigned int n, u16 edns_flags)
{
	static u8 q[256], out[KDNS_ANSWER_MAX];
	static char text[2048];
	struct kdns_answer_info info;
	unsigned int i;
	size_t len, outlen;

	for (i = 0; i < n; i++) {
		u16 flags = sc[i].payload ? edns_flags : 0;

		len = dt_query(q, 1, 0, sc[i].qname, sc[i].qtype, sc[i].payload, flags);
		kdns_answer(zs, &scratch, q, len, out, sizeof(out), &outlen, &info);
		KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
		KUNIT_EXPECT_STREQ(test, text, sc[i].want);
	}
}

/*
 * A signed zone asked without DO, as Knot answers it: QTYPE RRSIG gets the
 * RRSIGs over the lowest type covered, each with its original TTL; the
 * NSEC3 chain's names do not exist; RRSIG and NSEC at a CNAME are answered
 * from the node; ANY where RRSIG is the lowest type gets every RRSIG, in
 * canonical order (over NSEC, type 47, before TLSA, 52).
 */
static void signed_without_do(struct kunit *test)
{
	static const char *const lines[] = {
		"@ 3600 SOA ns.example. h.example. 1 1 1 1 60",
		"@ 3600 NS ns.example.",
		"ns.example. 3600 A 192.0.2.1",
		"www.example. 3600 A 192.0.2.80",
		"www.example. 3600 MX 10 ns.example.",
		"www.example. 3600 RRSIG " SIG("000f", "00000258"),
		"www.example. 3600 RRSIG " SIG("0001", "0000012c"),
		"alias.example. 3600 CNAME www.example.",
		"alias.example. 3600 RRSIG " SIG("0005", "0000012c"),
		"alias.example. 3600 NSEC \\# 4 00 00 01 40",
		"tlsa.example. 3600 TYPE52 \\# 3 030101",
		"tlsa.example. 3600 RRSIG " SIG("0034", "0000012c"),
		"tlsa.example. 3600 RRSIG " SIG("002f", "0000003c"),
		"tlsa.example. 3600 NSEC \\# 4 00 00 01 40",
		"0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 NSEC3 \\# 29 01 00 0000 00 14 "
			"0102030405060708090a0b0c0d0e0f1011121314 000140",
		"0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 RRSIG " SIG("0032", "0000012c"),
	};
	static const struct signed_case cases[] = {
		{ "www.example.", KDNS_T_RRSIG, 0,
		  "NOERROR aa qd=1\nAN www.example. 300 RRSIG \\# 29\n" },
		{ "alias.example.", KDNS_T_NSEC, 0,
		  "NOERROR aa qd=1\nAN alias.example. 3600 NSEC .\n" },
		{ "alias.example.", KDNS_T_RRSIG, 0,
		  "NOERROR aa qd=1\nAN alias.example. 300 RRSIG \\# 29\n" },
		{ "tlsa.example.", KDNS_T_ANY, 0,
		  "NOERROR aa qd=1\nAN tlsa.example. 60 RRSIG \\# 29\n"
		  "AN tlsa.example. 300 RRSIG \\# 29\n" },
		{ "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.", KDNS_T_NSEC3, 0,
		  "NXDOMAIN aa qd=1\nNS example. 60 SOA ns.example. h.example. 1 1 1 1 60\n" },
	};
	struct kdns_zoneset *zs;
	struct kdns_zone *z;

	signed_set(test, lines, ARRAY_SIZE(lines), &z, &zs);
	KUNIT_ASSERT_TRUE(test, zs != NULL);
	expect_signed(test, zs, cases, ARRAY_SIZE(cases), 0);
	kdns_zoneset_free(zs);
	kdns_zone_free(z);
}

/*
 * A signed zone asked with DO (an RRSIG over the apex SOA): each section's
 * RRsets, then their RRSIGs (Original TTL, owner the RRset's); a CNAME
 * chain's all after it; a secure delegation's DS and its RRSIGs after the
 * NS; a negative answer's SOA with RRSIGs at no more than MINIMUM; without
 * room for the RRSIGs, TC. Without the apex's RRSIG over SOA, DO=1 gets no
 * RRSIGs (as Knot).
 */
static void signed_with_do(struct kunit *test)
{
	static const char *const lines[] = {
		"@ 3600 SOA ns.example. h.example. 1 1 1 1 60",
		"@ 3600 RRSIG " SIG("0006", "00000e10"),
		"@ 3600 NS ns.example.",
		"ns.example. 3600 A 192.0.2.1",
		"www.example. 3600 A 192.0.2.80",
		"www.example. 3600 RRSIG " SIG("0001", "0000012c"),
		"alias.example. 3600 CNAME www.example.",
		"alias.example. 3600 RRSIG " SIG("0005", "00000258"),
		"sub.example. 3600 NS ns.sub.example.",
		"sub.example. 3600 DS \\# 5 3039 0d 02 aa",
		"sub.example. 3600 RRSIG " SIG("002b", "00000e10"),
		"ns.sub.example. 3600 A 192.0.2.53",
		"big.example. 3600 RRSIG " SIG("0010", "0000012c"),
		"@ 3600 NSEC alias.example. 0006",
		"alias.example. 3600 NSEC big.example. 0006",
		"big.example. 3600 NSEC ns.example. 0006",
		"ns.example. 3600 NSEC sub.example. 0006",
		"sub.example. 3600 NSEC www.example. 0006",
		"www.example. 3600 NSEC example. 0006",
		"www.example. 3600 RRSIG " SIG("002f", "0000003c"),
		NULL,	/* big.example.'s TXT: 440 bytes, made below */
	};
	static const struct signed_case cases[] = {
		{ "www.example.", KDNS_T_A, 1232,
		  "NOERROR aa qd=1\nAN www.example. 3600 A 192.0.2.80\n"
		  "AN www.example. 300 RRSIG \\# 29\nAR OPT 1232 0 0 do\n" },
		{ "alias.example.", KDNS_T_A, 1232,
		  "NOERROR aa qd=1\nAN alias.example. 3600 CNAME www.example.\n"
		  "AN www.example. 3600 A 192.0.2.80\nAN alias.example. 600 RRSIG \\# 29\n"
		  "AN www.example. 300 RRSIG \\# 29\nAR OPT 1232 0 0 do\n" },
		{ "x.sub.example.", KDNS_T_A, 1232,
		  "NOERROR qd=1\nNS sub.example. 3600 NS ns.sub.example.\n"
		  "NS sub.example. 3600 DS \\# 5\nNS sub.example. 3600 RRSIG \\# 29\n"
		  "AR ns.sub.example. 3600 A 192.0.2.53\nAR OPT 1232 0 0 do\n" },
		{ "www.example.", KDNS_T_MX, 1232,
		  "NOERROR aa qd=1\nNS example. 60 SOA ns.example. h.example. 1 1 1 1 60\n"
		  "NS www.example. 3600 NSEC example.\n"
		  "NS example. 60 RRSIG \\# 29\nNS www.example. 60 RRSIG \\# 29\n"
		  "AR OPT 1232 0 0 do\n" },
	};
	static u8 q[256], out[KDNS_ANSWER_MAX];
	static char text[2048];
	struct kdns_answer_info info;
	struct kdns_zoneset *zs;
	struct kdns_zone *z;
	static const char *all[ARRAY_SIZE(lines)];
	static char big[64 + 2 * 440];
	char *p = big;
	unsigned int i;
	size_t len, outlen;

	/* Two character-strings, 255 and 183 bytes of "a": 440 bytes of RDATA. */
	p += sprintf(p, "big.example. 3600 TXT \\# 440 ff");
	for (i = 0; i < 438; i++)
		p += sprintf(p, i == 255 ? "b761" : "61");
	memcpy(all, lines, sizeof(lines));
	all[ARRAY_SIZE(lines) - 1] = big;
	signed_set(test, all, ARRAY_SIZE(all), &z, &zs);
	KUNIT_ASSERT_TRUE(test, zs != NULL);
	KUNIT_EXPECT_TRUE(test, z->dnssec);
	expect_signed(test, zs, cases, ARRAY_SIZE(cases), KDNS_EDNS_DO_BIT);
	/* In 512 bytes, room for the TXT, not for its RRSIG: TC, the TXT alone (as Knot). */
	len = dt_query(q, 1, 0, "big.example.", KDNS_T_TXT, 512, KDNS_EDNS_DO_BIT);
	kdns_answer(zs, &scratch, q, len, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, info.truncated);
	KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_TRUE(test, !strncmp(text, "NOERROR aa tc qd=1\nAN big.example. 3600 TXT ", 44));
	KUNIT_EXPECT_TRUE(test, !strstr(text, "RRSIG"));
	/* With 1232, both. */
	len = dt_query(q, 1, 0, "big.example.", KDNS_T_TXT, 1232, KDNS_EDNS_DO_BIT);
	kdns_answer(zs, &scratch, q, len, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_FALSE(test, info.truncated);
	KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_TRUE(test, strstr(text, "AN big.example. 300 RRSIG") != NULL);
	/* DO=1 without an RRSIG over the apex SOA: no RRSIGs. */
	kdns_zoneset_free(zs);
	kdns_zone_free(z);
	all[1] = "@ 3600 TXT unsigned";
	signed_set(test, all, ARRAY_SIZE(all), &z, &zs);
	KUNIT_ASSERT_TRUE(test, zs != NULL);
	KUNIT_EXPECT_FALSE(test, z->dnssec);
	len = dt_query(q, 1, 0, "www.example.", KDNS_T_A, 1232, KDNS_EDNS_DO_BIT);
	kdns_answer(zs, &scratch, q, len, out, sizeof(out), &outlen, &info);
	KUNIT_EXPECT_TRUE(test, dt_text(out, outlen, text, sizeof(text)));
	KUNIT_EXPECT_STREQ(test, text, "NOERROR aa qd=1\nAN www.example. 3600 A 192.0.2.80\n"
			   "AR OPT 1232 0 0 do\n");
	kdns_zoneset_free(zs);
	kdns_zone_free(z);
}

/*
 * NSEC proofs (RFC 4035 3.1.3), as Knot gives them: NXDOMAIN, the NSEC
 * covering the name and the one covering the closest encloser's wildcard
 * (an empty non-terminal's too); NODATA, the name's own NSEC, or for an
 * empty non-terminal the one covering it; a wildcard's answer, the NSEC
 * covering the name it answered; wildcard NODATA, the wildcard's own NSEC
 * (which covers the name too: once); an insecure delegation's NSEC; a
 * wildcard's NSEC answered, not again as its proof, unless (as Knot's copy)
 * it was answered after a DNAME.
 */
static void denial_nsec(struct kunit *test)
{
	static const char *const lines[] = {
		"@ 3600 SOA ns.example. h.example. 1 1 1 1 60",
		"@ 3600 RRSIG " SIG("0006", "00000e10"),
		"@ 3600 NS ns.example.",
		"@ 3600 NSEC dn.example. 0006",
		"dn.example. 3600 DNAME w.example.",
		"dn.example. 3600 NSEC a.ent.example. 0006",
		"a.ent.example. 3600 A 192.0.2.2",
		"a.ent.example. 3600 NSEC ns.example. 0006",
		"ns.example. 3600 A 192.0.2.1",
		"ns.example. 3600 NSEC sub.example. 0006",
		"sub.example. 3600 NS ns.elsewhere.",
		"sub.example. 3600 NSEC *.w.example. 0006",
		"*.w.example. 3600 A 192.0.2.7",
		"*.w.example. 3600 RRSIG " SIG("0001", "0000012c"),
		"*.w.example. 3600 NSEC example. 0006",
	};
#define NSEC_SOA "NS example. 60 SOA ns.example. h.example. 1 1 1 1 60\n"
#define NSEC_SIG "NS example. 60 RRSIG \\# 29\nAR OPT 1232 0 0 do\n"
	static const struct signed_case cases[] = {
		{ "nx.example.", KDNS_T_A, 1232, "NXDOMAIN aa qd=1\n" NSEC_SOA
		  "NS ns.example. 3600 NSEC sub.example.\n"
		  "NS example. 3600 NSEC dn.example.\n" NSEC_SIG },
		{ "b.ent.example.", KDNS_T_A, 1232, "NXDOMAIN aa qd=1\n" NSEC_SOA
		  "NS a.ent.example. 3600 NSEC ns.example.\n"
		  "NS dn.example. 3600 NSEC a.ent.example.\n" NSEC_SIG },
		{ "ns.example.", KDNS_T_MX, 1232, "NOERROR aa qd=1\n" NSEC_SOA
		  "NS ns.example. 3600 NSEC sub.example.\n" NSEC_SIG },
		{ "ent.example.", KDNS_T_A, 1232, "NOERROR aa qd=1\n" NSEC_SOA
		  "NS dn.example. 3600 NSEC a.ent.example.\n" NSEC_SIG },
		{ "a.w.example.", KDNS_T_A, 1232, "NOERROR aa qd=1\n"
		  "AN a.w.example. 3600 A 192.0.2.7\nAN a.w.example. 300 RRSIG \\# 29\n"
		  "NS *.w.example. 3600 NSEC example.\nAR OPT 1232 0 0 do\n" },
		{ "a.w.example.", KDNS_T_MX, 1232, "NOERROR aa qd=1\n" NSEC_SOA
		  "NS *.w.example. 3600 NSEC example.\n" NSEC_SIG },
		{ "x.sub.example.", KDNS_T_A, 1232, "NOERROR qd=1\n"
		  "NS sub.example. 3600 NS ns.elsewhere.\n"
		  "NS sub.example. 3600 NSEC *.w.example.\nAR OPT 1232 0 0 do\n" },
		{ "ns.example.", KDNS_T_NSEC, 1232, "NOERROR aa qd=1\n"
		  "AN ns.example. 3600 NSEC sub.example.\nAR OPT 1232 0 0 do\n" },
		/*
		 * A wildcard's NSEC answered through a DNAME: Knot copies it
		 * under the name, and its proof, the same NSEC, goes in too.
		 */
		{ "a.dn.example.", KDNS_T_NSEC, 1232, "NOERROR aa qd=1\n"
		  "AN dn.example. 3600 DNAME w.example.\n"
		  "AN a.dn.example. 3600 CNAME a.w.example.\n"
		  "AN a.w.example. 3600 NSEC example.\n"
		  "NS *.w.example. 3600 NSEC example.\nAR OPT 1232 0 0 do\n" },
		{ "a.w.example.", KDNS_T_NSEC, 1232, "NOERROR aa qd=1\n"
		  "AN a.w.example. 3600 NSEC example.\nAR OPT 1232 0 0 do\n" },
	};
#undef NSEC_SOA
#undef NSEC_SIG
	struct kdns_zoneset *zs;
	struct kdns_zone *z;

	signed_set(test, lines, ARRAY_SIZE(lines), &z, &zs);
	KUNIT_ASSERT_TRUE(test, zs != NULL);
	KUNIT_EXPECT_EQ(test, z->denial, KDNS_DENIAL_NSEC);
	expect_signed(test, zs, cases, ARRAY_SIZE(cases), KDNS_EDNS_DO_BIT);
	kdns_zoneset_free(zs);
	kdns_zone_free(z);
}

/* NSEC3 RDATA: SHA-1, opt-out, 12 iterations, salt aabbccdd, the next hash (hex). */
#define N3(next)	"\\# 30 01 01 000c 04 aabbccdd 14 " next

/*
 * NSEC3 proofs: RFC 5155 appendix A's zone (its NSEC3 chain made here:
 * the same hashes, no type bitmaps) asked appendix B's questions, and the
 * NSEC3s in authority are the appendix's, in Knot's order: name error
 * (B.1), no data (B.2) and at an empty non-terminal (B.2.1), a referral to
 * an opted-out unsigned zone (B.3), a wildcard's answer (B.4) and its no
 * data (B.5); and a secure referral's DS.
 */
static void denial_nsec3(struct kunit *test)
{
	static const char *const lines[] = {
		"@ 3600 SOA ns1.example. bugs.x.w.example. 1 3600 300 3600000 3600",
		"@ 3600 RRSIG " SIG("0006", "00000e10"),
		"@ 3600 NS ns1.example.",
		"@ 3600 NS ns2.example.",
		"@ 3600 MX 1 xx.example.",
		"@ 3600 TYPE51 \\# 9 01 00 000c 04 aabbccdd",
		"a.example. 3600 NS ns1.a.example.",
		"a.example. 3600 NS ns2.a.example.",
		"a.example. 3600 DS \\# 5 3039 0d 02 aa",
		"ns1.a.example. 3600 A 192.0.2.5",
		"ns2.a.example. 3600 A 192.0.2.6",
		"ai.example. 3600 A 192.0.2.9",
		"c.example. 3600 NS ns1.c.example.",
		"c.example. 3600 NS ns2.c.example.",
		"ns1.c.example. 3600 A 192.0.2.7",
		"ns2.c.example. 3600 A 192.0.2.8",
		"ns1.example. 3600 A 192.0.2.1",
		"ns2.example. 3600 A 192.0.2.2",
		"*.w.example. 3600 MX 1 ai.example.",
		"x.w.example. 3600 MX 1 xx.example.",
		"x.y.w.example. 3600 MX 1 xx.example.",
		"xx.example. 3600 A 192.0.2.10",
		"2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. 3600 A 192.0.2.127",
		"0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 NSEC3 " N3("174eb2409fe28bcb4887a1836f957f0a8425e27b"),
		"2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. 3600 NSEC3 " N3("17f3df17b2b2adaef615257de4d2020b80ac6c7c"),
		"2vptu5timamqttgl4luu9kg21e0aor3s.example. 3600 NSEC3 " N3("196dd8c3306783a8190f52c262d2b7e5e836e7f5"),
		"35mthgpgcu1qg68fab165klnsnk3dpvl.example. 3600 NSEC3 " N3("593d6419d08c5bc35dca0a4dcb7ed5c131be2525"),
		"b4um86eghhds6nea196smvmlo4ors995.example. 3600 NSEC3 " N3("84dda71446cd56f0c116a57254baef69d09bce12"),
		"gjeqe526plbf1g8mklp59enfd789njgi.example. 3600 NSEC3 " N3("9c8d77614ecfd0b2e0d423be31a9715223d4be0c"),
		"ji6neoaepv8b5o6k4ev33abha8ht9fgc.example. 3600 NSEC3 " N3("a23cd75bf90cc4f3ba069b979e04ffc8ee891511"),
		"k8udemvp1j2f7eg6jebps17vp3n8i58h.example. 3600 NSEC3 " N3("a622ad9ecb5a1ac131c85275faa238b92851fa32"),
		"kohar7mbb8dc2ce8a9qvl8hon4k53uhi.example. 3600 NSEC3 " N3("d0093a31dfd7ede41760091876d16a1a3009c8bb"),
		"q04jkcevqvmu85r014c7dkba38o0ji5r.example. 3600 NSEC3 " N3("d946bd1d8c17bf6f2dfe2e196b1b2edf13da25d7"),
		"r53bq7cc2uvmubfu5ocmm6pers9tk9en.example. 3600 NSEC3 " N3("e988472f544ae4b65d4839212fecd3c4cc2b563f"),
		"t644ebqk9bibcna874givr6joj62mlhv.example. 3600 NSEC3 " N3("065368abeed7ec6e9feba96b8c8bc3e8b791f716"),
	};
#define N3_SOA "NS example. 3600 SOA ns1.example. bugs.x.w.example. 1 3600 300 3600000 3600\n"
#define N3_SIG "NS example. 3600 RRSIG \\# 29\nAR OPT 1232 0 0 do\n"
#define N3_RR(hash) "NS " hash ".example. 3600 NSEC3 \\# 30\n"
	static const struct signed_case cases[] = {
		{ "a.c.x.w.example.", KDNS_T_A, 1232, "NXDOMAIN aa qd=1\n" N3_SOA
		  N3_RR("b4um86eghhds6nea196smvmlo4ors995") N3_RR("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom")
		  N3_RR("35mthgpgcu1qg68fab165klnsnk3dpvl") N3_SIG },
		{ "ns1.example.", KDNS_T_MX, 1232, "NOERROR aa qd=1\n" N3_SOA
		  N3_RR("2t7b4g4vsa5smi47k61mv5bv1a22bojr") N3_SIG },
		{ "y.w.example.", KDNS_T_A, 1232, "NOERROR aa qd=1\n" N3_SOA
		  N3_RR("ji6neoaepv8b5o6k4ev33abha8ht9fgc") N3_SIG },
		{ "mc.c.example.", KDNS_T_MX, 1232, "NOERROR qd=1\n"
		  "NS c.example. 3600 NS ns1.c.example.\nNS c.example. 3600 NS ns2.c.example.\n"
		  N3_RR("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom") N3_RR("35mthgpgcu1qg68fab165klnsnk3dpvl")
		  "AR ns1.c.example. 3600 A 192.0.2.7\nAR ns2.c.example. 3600 A 192.0.2.8\n"
		  "AR OPT 1232 0 0 do\n" },
		{ "a.z.w.example.", KDNS_T_MX, 1232, "NOERROR aa qd=1\n"
		  "AN a.z.w.example. 3600 MX 1 ai.example.\n"
		  N3_RR("q04jkcevqvmu85r014c7dkba38o0ji5r")
		  "AR ai.example. 3600 A 192.0.2.9\nAR OPT 1232 0 0 do\n" },
		{ "a.z.w.example.", KDNS_T_AAAA, 1232, "NOERROR aa qd=1\n" N3_SOA
		  N3_RR("r53bq7cc2uvmubfu5ocmm6pers9tk9en") N3_RR("k8udemvp1j2f7eg6jebps17vp3n8i58h")
		  N3_RR("q04jkcevqvmu85r014c7dkba38o0ji5r") N3_SIG },
		{ "x.a.example.", KDNS_T_A, 1232, "NOERROR qd=1\n"
		  "NS a.example. 3600 NS ns1.a.example.\nNS a.example. 3600 NS ns2.a.example.\n"
		  "NS a.example. 3600 DS \\# 5\n"
		  "AR ns1.a.example. 3600 A 192.0.2.5\nAR ns2.a.example. 3600 A 192.0.2.6\n"
		  "AR OPT 1232 0 0 do\n" },
	};
#undef N3_SOA
#undef N3_SIG
#undef N3_RR
	struct kdns_zoneset *zs;
	struct kdns_zone *z;

	signed_set(test, lines, ARRAY_SIZE(lines), &z, &zs);
	KUNIT_ASSERT_TRUE(test, zs != NULL);
	KUNIT_EXPECT_EQ(test, z->denial, KDNS_DENIAL_NSEC3);
	expect_signed(test, zs, cases, ARRAY_SIZE(cases), KDNS_EDNS_DO_BIT);
	kdns_zoneset_free(zs);
	kdns_zone_free(z);
}

/*
 * What NSEC3 cannot prove: x.ent.example. does not exist (ent.example., an
 * empty non-terminal above an opted-out delegation, is its closest
 * encloser), but its closest provable encloser is the apex, whose
 * wildcard exists. Knot answers that with an error: NXDOMAIN kept, no
 * records, no AA; without DO, the usual NXDOMAIN. NODATA at ent.example.
 * is provable (opt-out).
 */
static void denial_nsec3_unprovable(struct kunit *test)
{
	static const char *const lines[] = {
		"@ 3600 SOA ns.example. h.example. 1 1 1 1 60",
		"@ 3600 RRSIG " SIG("0006", "00000e10"),
		"@ 3600 NS ns.example.",
		"@ 3600 TYPE51 \\# 5 01 00 0000 00",
		"*.example. 3600 A 192.0.2.1",
		"d.ent.example. 3600 NS ns.elsewhere.",
		"3msev9usmd4br9s97v51r2tdvmr9iqo1.example. 3600 NSEC3 \\# 26 01 01 0000 00 14 "
			"4a66a8e74e719e25f8173c8accf2c6caf86ee405",
		"99jahpqee6f2bu0n7i5cpsm6pbs6tp05.example. 3600 NSEC3 \\# 26 01 01 0000 00 14 "
			"1db8efa7dcb348bda7893fca1d8badfdb6996b01",
	};
	static const struct signed_case with_do[] = {
		{ "x.ent.example.", KDNS_T_A, 1232, "NXDOMAIN qd=1\nAR OPT 1232 0 0 do\n" },
		/* NODATA there needs no wildcard: the opt-out proof (RFC 5155 7.2.3). */
		{ "ent.example.", KDNS_T_A, 1232, "NOERROR aa qd=1\n"
		  "NS example. 60 SOA ns.example. h.example. 1 1 1 1 60\n"
		  "NS 3msev9usmd4br9s97v51r2tdvmr9iqo1.example. 3600 NSEC3 \\# 26\n"
		  "NS 99jahpqee6f2bu0n7i5cpsm6pbs6tp05.example. 3600 NSEC3 \\# 26\n"
		  "NS example. 60 RRSIG \\# 29\nAR OPT 1232 0 0 do\n" },
	};
	static const struct signed_case without[] = {
		{ "x.ent.example.", KDNS_T_A, 1232, "NXDOMAIN aa qd=1\n"
		  "NS example. 60 SOA ns.example. h.example. 1 1 1 1 60\nAR OPT 1232 0 0\n" },
	};
	struct kdns_zoneset *zs;
	struct kdns_zone *z;

	signed_set(test, lines, ARRAY_SIZE(lines), &z, &zs);
	KUNIT_ASSERT_TRUE(test, zs != NULL);
	expect_signed(test, zs, with_do, ARRAY_SIZE(with_do), KDNS_EDNS_DO_BIT);
	expect_signed(test, zs, without, ARRAY_SIZE(without), 0);
	kdns_zoneset_free(zs);
	kdns_zone_free(z);
}

static struct kunit_case kdns_answer_test_cases[] = {
	KUNIT_CASE_PARAM(answer_query, answer_gen_params),
	KUNIT_CASE(formerr_two_opt),
	KUNIT_CASE(formerr_count_beyond_packet),
	KUNIT_CASE(formerr_trailing_garbage),
	KUNIT_CASE(badvers),
	KUNIT_CASE(ds_at_child_apex_from_parent),
	KUNIT_CASE(zones_of_same_label_count),
	KUNIT_CASE(negative_soa_too_big_tc),
	KUNIT_CASE(malformed_passed),
	KUNIT_CASE(malformed_question_passed),
	KUNIT_CASE(formerr_pointer_loop),
	KUNIT_CASE(rrl_classes),
	KUNIT_CASE(rrl_slip_answer),
	KUNIT_CASE(cookies),
	KUNIT_CASE(chaos_identity),
	KUNIT_CASE(nsid),
	KUNIT_CASE(signed_without_do),
	KUNIT_CASE(signed_with_do),
	KUNIT_CASE(denial_nsec),
	KUNIT_CASE(denial_nsec3),
	KUNIT_CASE(denial_nsec3_unprovable),
	{}
};

static struct kunit_suite kdns_answer_suite = {
	.name = "kdns_answer",
	.suite_init = answer_suite_init,
	.suite_exit = answer_suite_exit,
	.init = answer_test_init,
	.test_cases = kdns_answer_test_cases,
};

kunit_test_suite(kdns_answer_suite);
