/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Answering: query bytes in, answer bytes out, or "pass" (not ours: let the
 * sockets have it). Part of the answer engine; allocates nothing, the caller
 * supplies the output buffer.
 */
#ifndef KDNS_ANSWER_H
#define KDNS_ANSWER_H

#include "zone.h"

/* The zones of one network namespace, by apex; immutable like the zones. */
struct kdns_zoneset {
	u32 nzones;
	u32 hmask;
	const struct kdns_zone **slots;	/* open addressing on apex_hash */
};

/* The zone whose apex is this lower-cased name, or NULL. */
const struct kdns_zone *kdns_zoneset_get(const struct kdns_zoneset *zs,
					 const u8 *lname, u32 hash);

/*
 * A new set: zs with zone added (replacing a zone of the same apex, which is
 * then returned in *replaced), or without the zone of apex del when zone is
 * NULL. zs itself is not changed; free it with kdns_zoneset_free (which frees
 * the table only, never the zones).
 */
struct kdns_zoneset *kdns_zoneset_update(const struct kdns_zoneset *zs,
					 const struct kdns_zone *zone,
					 const u8 *del,
					 const struct kdns_zone **replaced);
void kdns_zoneset_free(struct kdns_zoneset *zs);

/* CNAME and DNAME hops followed in one answer, the first name included. */
#define KDNS_CHAIN_MAX		16
/* Names (NS, MX, SRV targets) looked up for the additional section. */
#define KDNS_ADDL_MAX		16

/*
 * The engine's working memory for one query, supplied by the caller (the
 * kernel keeps one per CPU): nothing is allocated, and little is on the stack.
 */
struct kdns_scratch {
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
	struct kdns_name_hashes h;
	u8 synth[2][KDNS_NAME_MAX];	/* DNAME-synthesized names, alternating */
	const struct kdns_node *visited[KDNS_CHAIN_MAX];
	unsigned int nvisited;
	const u8 *addl[KDNS_ADDL_MAX];	/* target names, in zone data */
	unsigned int naddl;
};

#define KDNS_EDNS_DO_BIT	0x8000	/* in the OPT TTL's low 16 bits */
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
};

enum kdns_verdict kdns_answer(const struct kdns_zoneset *zs, struct kdns_scratch *scratch,
			      const u8 *query, size_t qlen,
			      u8 *out, size_t outcap, size_t *outlen,
			      struct kdns_answer_info *info);

#endif /* KDNS_ANSWER_H */
