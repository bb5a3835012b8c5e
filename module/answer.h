/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Answering: query bytes in, answer bytes out, or "pass" (not ours: let the
 * sockets have it). Part of the answer engine; allocates nothing, the caller
 * supplies the output buffer.
 */
#ifndef KDNS_ANSWER_H
#define KDNS_ANSWER_H

#include "cookie.h"
#include "rrl.h"
#include "zone.h"
#include "zoneset.h"

/* Nodes of a CNAME and DNAME chain remembered (loops end there). */
#define KDNS_CHAIN_MAX		16
/*
 * CNAMEs in one answer, written or synthesized from a DNAME: the fifth is
 * still followed, a sixth ends the answer unwritten, as in Knot's (RFC
 * 1034 leaves the bound to the server; a self-referential DNAME would
 * otherwise go on to the name's length limit).
 */
#define KDNS_CNAME_MAX		5
/* Names (NS, MX, SRV targets) looked up for the additional section. */
#define KDNS_ADDL_MAX		16
/* NSEC and NSEC3 RRsets in one answer: NXDOMAIN's three, and each wildcard's. */
#define KDNS_DENIED_MAX		(KDNS_CHAIN_MAX + 4)
/* RRsets of one section whose RRSIGs wait: a chain's, a referral's, glue. */
#define KDNS_SIGQ_MAX		(2 * KDNS_ADDL_MAX + 8)

#define KDNS_CLASS_CH		3
#define KDNS_EDNS_NSID		3	/* the NSID option's code (RFC 5001) */
#define KDNS_NSID_MAX		128	/* bytes of NSID kdns sends */
#define KDNS_CHAOS_TXT_MAX	255	/* bytes of a CHAOS TXT string */

/*
 * The server's identity: its NSID (RFC 5001), sent to a query that asks for
 * it, and, with chaos, the TXT answers to class CH queries for id.server.
 * and hostname.bind. (id) and version.server. and version.bind. (version);
 * an empty string hides one (REFUSED), as any other CH query is. Without
 * chaos, CH queries are passed on, as every class but IN.
 */
struct kdns_identity {
	u8 nsid_len;
	u8 id_len;
	u8 version_len;
	bool chaos;
	u8 nsid[KDNS_NSID_MAX];
	u8 id[KDNS_CHAOS_TXT_MAX];
	u8 version[KDNS_CHAOS_TXT_MAX];
};

/*
 * Who asks, and when (DNS cookies), and who answers; the caller's to fill
 * in. Without one (scratch.ctx NULL), COOKIE and NSID options are ignored
 * and CH queries passed on, as by a server without them.
 */
struct kdns_query_ctx {
	const u8 *addr;		/* 4 or 16 bytes */
	bool v6;
	u32 now;		/* seconds since 1970 (modulo 2^32) */
	const struct kdns_cookie_secrets *cookies;	/* NULL: cookies off */
	const struct kdns_identity *ident;		/* NULL: none */
};

/*
 * The engine's working memory for one query, supplied by the caller (the
 * kernel keeps one per CPU): nothing is allocated, and little is on the stack.
 * ctx is the one field the caller sets.
 */
struct kdns_scratch {
	const struct kdns_query_ctx *ctx;
	const struct kdns_zone *z;
	struct kdns_writer w;
	u16 qtype;
	u16 an, ns, ar;
	u8 rcode;
	bool aa;
	const u8 *question;		/* the question's name, in the query */
	/* Where the current name of the chain came from: its case is kept. */
	const u8 *owner;
	u8 lname[KDNS_NAME_MAX];	/* the current name, lower-cased */
	struct kdns_qname h;
	u8 synth[2][KDNS_NAME_MAX];	/* DNAME-synthesized names, alternating */
	/*
	 * The owner of a record after the question, read to be checked and
	 * dropped: here rather than on the stack, which the kernel may zero
	 * at every call (CONFIG_INIT_STACK_ALL_ZERO).
	 */
	u8 rrname[KDNS_NAME_MAX];
	/* The chain's nodes by name, and its DNAMEs' RRsets: answer.c's seen(). */
	const void *visited[KDNS_CHAIN_MAX];
	unsigned int nvisited;
	unsigned int ncname;		/* CNAMEs in the answer so far */
	unsigned int nsynth;		/* names synthesized so far */
	const u8 *addl[KDNS_ADDL_MAX];	/* target names, in zone data */
	unsigned int naddl;
	u16 addl_type;			/* of the RRset they came from (one has them) */
	const struct kdns_node *cut;	/* of the referral answered, or NULL */
	/*
	 * Where the answer ended: the node answering (or with no RRset of the
	 * type, or the referral's cut); for NXDOMAIN, the closest encloser.
	 */
	const struct kdns_node *match;
	const struct kdns_node *closest;
	const struct kdns_node *wildcard;	/* the first one answering, or NULL */
	/* The question's name's hash, kept when another name became current. */
	bool renamed;
	u32 qhash;
	/*
	 * DO=1 in a signed zone: the RRsets written in the section in work
	 * (counted in *sigq_count), whose RRSIGs follow them at its end.
	 */
	bool dnssec;
	unsigned int nsigq;
	u16 *sigq_count;
	struct kdns_sigq {
		const struct kdns_node *n;	/* the RRset's node: its RRSIGs */
		const u8 *owner;		/* written as ptr, or as a name if ptr is 0 */
		u16 ptr;			/* 0xc000 | offset */
		u16 type;
		u32 ttl_max;			/* the SOA of a negative answer: its MINIMUM */
	} sigq[KDNS_SIGQ_MAX];
	/*
	 * DO=1 in a signed zone: the NSEC and NSEC3 RRsets in the answer (none
	 * goes twice); per wildcard answering, the node whose NSEC or NSEC3
	 * proves the name it answered does not exist (NULL: none can); the
	 * zone cannot prove the answer (an error, as Knot's).
	 */
	const struct kdns_rrset *denied[KDNS_DENIED_MAX];
	unsigned int ndenied;
	const struct kdns_node *wproof[KDNS_CHAIN_MAX];
	unsigned int nwproof;
	bool wild_referral;		/* the referral's cut is a wildcard that answered */
	bool bogus;
	/*
	 * The answer's OPT options, nopts bytes: NSID (nsid bytes of them,
	 * kept in nsid_opt) then COOKIE (the rest; its data in cookie).
	 */
	u16 nopts;
	u16 nsid;
	u8 nsid_opt[4 + KDNS_NSID_MAX];
	u8 cookie[KDNS_COOKIE_CLIENT + KDNS_COOKIE_SERVER];
};

#define KDNS_EDNS_MAX_PAYLOAD	1232	/* our UDP payload size (DNS flag day 2020) */
#define KDNS_ANSWER_MAX		KDNS_EDNS_MAX_PAYLOAD

#define KDNS_RCODE_NOERROR	0
#define KDNS_RCODE_FORMERR	1
#define KDNS_RCODE_SERVFAIL	2
#define KDNS_RCODE_NXDOMAIN	3
#define KDNS_RCODE_NOTIMP	4
#define KDNS_RCODE_REFUSED	5
#define KDNS_RCODE_YXDOMAIN	6
#define KDNS_RCODE_BADVERS	16

enum kdns_verdict {
	KDNS_PASS,		/* not ours: pass the query on */
	KDNS_ANSWERED,		/* out holds the answer */
};

/* Why a query was passed on, or how it was answered; for the counters. */
enum kdns_pass_reason {
	KDNS_PASS_NONE,
	KDNS_PASS_MALFORMED,	/* header or question do not parse */
	KDNS_PASS_RESPONSE,	/* QR=1: never answer a response */
	KDNS_PASS_OPCODE,	/* not OPCODE QUERY */
	KDNS_PASS_CLASS,	/* not class IN */
	KDNS_PASS_QTYPE,	/* AXFR, IXFR: for a TCP server */
	KDNS_PASS_NO_ZONE,	/* the name is in no loaded zone */
	KDNS_PASS_TSIG,		/* signed: kdns has no keys */
};

struct kdns_answer_info {
	enum kdns_pass_reason pass;
	u8 rcode;		/* extended RCODE of the answer */
	bool truncated;
	u16 qend;		/* the answer's header and question: its first qend bytes */
	u16 opt;		/* where its OPT record starts (the last); 0: none */
	u16 opt_nsid;		/* bytes of its NSID option, the OPT's first */
	/* A COOKIE was answered; with a server cookie of ours (no rate limit). */
	bool cookie_seen;
	bool cookie_ok;
};

/* Answers of this many bytes or more are counted as large (RRL). */
#define KDNS_RRL_LARGE_BYTES	1024

/*
 * The most of a query's payload kdns reads. Queries are small: a question
 * is at most 4 + 255 bytes, and an OPT record with the usual options fits
 * easily. What is longer is passed on to the sockets.
 */
#define KDNS_QUERY_MAX		512

/*
 * Everything answering one query takes besides the zones: the engine's
 * scratch, the query's bytes (when they are not contiguous in the packet)
 * and the answer. The hook keeps one per CPU; a lookup over netlink
 * allocates its own.
 */
struct kdns_work {
	struct kdns_scratch scratch;
	u8 query[KDNS_QUERY_MAX];
	u8 answer[KDNS_ANSWER_MAX];
};

enum kdns_verdict kdns_answer(const struct kdns_zoneset *zs, struct kdns_scratch *scratch,
			      const u8 *query, size_t qlen,
			      u8 *out, size_t outcap, size_t *outlen,
			      struct kdns_answer_info *info);

/*
 * What rate limiting counts the answer of len bytes, just made with scratch
 * (whose state it reads) and info, as (rrl.h). Asked only when RRL is on.
 */
void kdns_answer_rrl(struct kdns_scratch *scratch, const struct kdns_answer_info *info,
		     size_t len, struct kdns_rrl_answer *r);

/*
 * The answer of len bytes in out, which kdns_answer() wrote with info, made
 * a slipped one (rate limiting): the header with TC=1 and the question, no
 * records, the OPT record if there was one, without its NSID (an answer
 * slipped is to be small; a cookie stays). Returns its length.
 */
size_t kdns_answer_slip(u8 *out, size_t len, const struct kdns_answer_info *info);

#endif /* KDNS_ANSWER_H */
