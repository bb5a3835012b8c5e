/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Zone images: built once from a list of records, then immutable, so that a
 * reader under RCU never sees one change. Part of the answer engine.
 *
 * An image is a hash table of nodes (one per owner name, and one per empty
 * non-terminal), each node a run of RRsets, each RRset its RDATA stored as
 * it goes on the wire ([RDLENGTH][RDATA] per record, in canonical order).
 * Names are stored lower-cased. Lookup of a name is one hash probe sequence,
 * whatever the size of the zone.
 */
#ifndef KDNS_ZONE_H
#define KDNS_ZONE_H

#include "wire.h"

/* Limits of one zone; the builder refuses more with a reason. */
#define KDNS_ZONE_MAX_RECORDS	(16U << 20)
/* INT_MAX: kvmalloc refuses (and would warn about) anything larger. */
#define KDNS_ZONE_MAX_BYTES	0x7fffffffU

/* One record given to the builder: exactly what the control plane receives. */
struct kdns_rr {
	const u8 *owner;	/* uncompressed wire form, any case */
	u16 owner_len;
	u16 type;
	u16 rclass;
	u32 ttl;
	u16 rdlen;
	const u8 *rdata;	/* uncompressed wire form */
};

/*
 * The one codec of the records of KDNS_A_ZONE_RRS (ZONE_ADD's, ZONE_SHOW's),
 * for the module and kdnsctl alike: owner length (1 byte), owner, type,
 * class, TTL, RDATA length (big-endian), RDATA. kdns_rr_read() sets c->err
 * if the record runs past the cursor (rr then points at nothing useful);
 * kdns_rr_put() writes kdns_rr_size(rr) bytes at p, which must have room.
 */
#define KDNS_RR_FIXED		(1 + 2 + 2 + 4 + 2)

static inline size_t kdns_rr_size(const struct kdns_rr *rr)
{
	return KDNS_RR_FIXED + rr->owner_len + rr->rdlen;
}

void kdns_rr_read(struct kdns_cursor *c, struct kdns_rr *rr);
size_t kdns_rr_put(u8 *p, const struct kdns_rr *rr);

enum kdns_node_flags {
	KDNS_NODE_APEX		= 1 << 0,
	KDNS_NODE_DELEG		= 1 << 1,	/* NS below the apex: a zone cut */
	KDNS_NODE_DNAME		= 1 << 2,
	KDNS_NODE_CNAME		= 1 << 3,
	KDNS_NODE_WILDCARD	= 1 << 4,	/* has the child "*" */
	KDNS_NODE_OCCLUDED	= 1 << 5,	/* below a zone cut or a DNAME */
	KDNS_NODE_NSEC3		= 1 << 6,	/* the NSEC3 chain's: not in the table */
};

/*
 * An RRset: the records of one type at a node, an RRSIG's split by the type
 * they cover (the first two bytes of each one's RDATA), in covered order.
 */
struct kdns_rrset {
	u16 type;
	u16 count;
	u32 ttl;
	u32 rdata;		/* offset in zone->data */
	u32 len;		/* bytes of [RDLENGTH][RDATA]... */
};

struct kdns_node {
	u32 name;		/* offset in zone->data of the lower-cased name */
	u32 hash;
	u32 rrset;		/* index of the first RRset in zone->rrsets */
	u16 nrrsets;
	u8 flags;
	u8 labels;
};

enum kdns_denial {
	KDNS_DENIAL_NONE,	/* unsigned: no proofs */
	KDNS_DENIAL_NSEC,
	KDNS_DENIAL_NSEC3,
};

/*
 * NSEC3 iterations a zone may have: RFC 9276 3.2 lets validators take a zone
 * of more as insecure (BIND's and Unbound's limit is 150), and each query
 * for a name that does not exist hashes one name that many times.
 */
#define KDNS_NSEC3_MAX_ITERATIONS	150

/* A node's NSEC3 data (denial.c), for an NSEC3-signed zone's answers. */
struct kdns_nsec3_link {
	u32 match;		/* the NSEC3 node of its hash + 1, or 0 */
	u32 cpe;		/* its closest provable encloser: itself or above */
	u32 wild;		/* the NSEC3 node covering "*.name" (provable names only) */
};

#define KDNS_NSEC3_BOGUS	0xffffffffU	/* an NSEC3 matches it: no proof */

struct kdns_zone {
	u8 apex[KDNS_NAME_MAX];	/* lower-cased */
	u8 apex_len;
	u8 apex_labels;
	u32 apex_hash;
	u32 serial;
	bool dnssec;		/* an RRSIG over the apex SOA: DO=1 gets RRSIGs */
	u32 nrecords;
	u32 nnodes;
	u32 nrrsets;
	u32 hmask;		/* hash table size - 1 */
	u32 *htab;		/* node index + 1; 0 is empty */
	struct kdns_node *nodes;
	struct kdns_rrset *rrsets;
	u8 *data;
	size_t data_len;
	size_t bytes;		/* all memory the image holds */
	u64 loaded;		/* set by the loader (seconds since 1970), not the engine */
	u64 generation;		/* set by the loader: unique per load in a namespace */
	const struct kdns_node *apex_node;
	/*
	 * Signed zones' denial of existence (denial.c): chain[] is the NSEC
	 * chain's nodes in canonical order, or the NSEC3 chain's in hash
	 * order; n3links[] has one entry per node (NSEC3 only).
	 */
	enum kdns_denial denial;
	u32 *chain;
	u32 nchain;
	struct kdns_nsec3_link *n3links;
	u16 n3iterations;
	u8 n3salt_len;
	u8 n3salt[255];
};

/*
 * Hashes of every suffix of a name: hash[i] is the hash of the name without
 * its first i labels, so hash[labels] is the root's. The same function keys
 * the zone's node table and the zone set. Keyed: see kdns_hash_set_key().
 */
struct kdns_name_hashes {
	unsigned int labels;
	u8 off[128];		/* offset of label i in the name */
	u32 hash[128];
};

void kdns_name_hashes(const u8 *lname, struct kdns_name_hashes *h);
/* The offsets of a name's labels into off[128], the root's last; their number. */
unsigned int kdns_name_offsets(const u8 *lname, u8 *off);

/*
 * The same hashes for the answer path, which needs two or three of them
 * (the zone's apex, the whole name, a few closest-encloser candidates): each
 * computed when first asked for.
 */
struct kdns_qname {
	const u8 *name;		/* lower-cased; it must stay while hashes are asked */
	unsigned int labels;
	u8 off[128];		/* offset of label i in the name; off[labels]: the root */
	u64 ready[2];		/* bit k: hash[k] is computed */
	u32 hash[128];
};

/* Length of the suffix that starts at label k of a name of these offsets. */
static inline size_t kdns_suffix_len(const u8 *off, unsigned int labels, unsigned int k)
{
	return off[labels] + 1 - off[k];
}

void kdns_qname_init(const u8 *lname, struct kdns_qname *q);
u32 kdns_qname_hash_new(struct kdns_qname *q, unsigned int k);
/*
 * The hash of the suffix without the name's first k labels (k <= labels):
 * worked out once, on first use (kdns_qname_hash_new), then read here.
 */
static inline u32 kdns_qname_hash(struct kdns_qname *q, unsigned int k)
{
	if (q->ready[k / 64] & 1ULL << (k % 64))
		return q->hash[k];
	return kdns_qname_hash_new(q, k);
}
/* The hashes' secret; set once, before any zone is built. */
void kdns_hash_set_key(const u8 key[16]);
u32 kdns_name_hash(const u8 *lname);

/* The node of a lower-cased name in a zone, or NULL. */
const struct kdns_node *kdns_zone_find(const struct kdns_zone *z,
				       const u8 *lname, u32 hash);

/*
 * The RRset of a type at a node, or NULL; for RRSIG, those over the lowest
 * type covered (Knot's answer to QTYPE RRSIG).
 */
const struct kdns_rrset *kdns_node_rrset(const struct kdns_zone *z,
					 const struct kdns_node *n, u16 type);
/* The type an RRSIG RRset's records cover: the first two bytes of their RDATA. */
static inline u16 kdns_rrsig_covered(const struct kdns_zone *z, const struct kdns_rrset *s)
{
	return kdns_get16(z->data + s->rdata + 2);
}

/*
 * NSEC: the node of the chain that owns the NSEC covering (or matching) a
 * lower-cased name of the zone: the last in canonical order at or before it.
 */
const struct kdns_node *kdns_nsec_cover(const struct kdns_zone *z, const u8 *lname);
/*
 * NSEC3: the node of the chain whose NSEC3 covers the hash of a lower-cased
 * name (one SHA-1 chain); NULL when one matches it (the name exists).
 */
const struct kdns_node *kdns_nsec3_cover(const struct kdns_zone *z, const u8 *lname);

/* The RRSIGs at a node over a type, or NULL. */
const struct kdns_rrset *kdns_node_rrsig(const struct kdns_zone *z,
					 const struct kdns_node *n, u16 covered);

static inline const u8 *kdns_node_name(const struct kdns_zone *z,
				       const struct kdns_node *n)
{
	return z->data + n->name;
}

/*
 * A zone's records one by one, node by node and RRset by RRset, in the order
 * of the image (kdnsctl zone show). Its position (node, rrset: index within
 * the node, rec: index within the RRset) can be saved and given back to
 * kdns_zone_iter_seek(), which clamps it to the zone: a netlink dump resumes
 * from it.
 */
struct kdns_zone_iter {
	const struct kdns_zone *z;
	unsigned long node, rrset, rec;
	const u8 *rd;		/* the current record's RDLENGTH in z->data */
};

void kdns_zone_iter_seek(struct kdns_zone_iter *it, const struct kdns_zone *z,
			 unsigned long node, unsigned long rrset, unsigned long rec);
/* The current record into rr (pointing into the zone); false at the end. */
bool kdns_zone_iter_get(const struct kdns_zone_iter *it, struct kdns_rr *rr);
void kdns_zone_iter_next(struct kdns_zone_iter *it);

/*
 * Why the builder refused: callers decide on the code (an errno, say), people
 * read kdns_zb_strerror(); rewording a message changes no decision.
 */
enum kdns_zb_err {
	KDNS_ZB_OK,
	KDNS_ZB_BAD_APEX,
	KDNS_ZB_BAD_OWNER,
	KDNS_ZB_BAD_CLASS,
	KDNS_ZB_OUTSIDE,
	KDNS_ZB_BAD_RDATA,
	KDNS_ZB_TOO_MANY_RECORDS,
	KDNS_ZB_TOO_LARGE,		/* over the builder's max_bytes */
	KDNS_ZB_REFUSED,		/* the account hook said no */
	KDNS_ZB_NOMEM,
	KDNS_ZB_NO_SOA,
	KDNS_ZB_MULTIPLE_SOA,
	KDNS_ZB_NO_NS,
	KDNS_ZB_SOA_BELOW_APEX,
	KDNS_ZB_MULTIPLE_CNAME,
	KDNS_ZB_MULTIPLE_DNAME,
	KDNS_ZB_CNAME_AND_OTHER,
	KDNS_ZB_RRSET_TOO_LARGE,
	KDNS_ZB_INTERNAL,
	KDNS_ZB_BELOW_DNAME,		/* data below a DNAME (RFC 6672 2.4) */
	KDNS_ZB_RRSIG_ALONE,		/* an RRSIG over a type its name lacks */
	KDNS_ZB_MULTIPLE_NSEC3PARAM,	/* more than one at the apex */
	KDNS_ZB_NO_DENIAL,		/* signed, neither NSEC nor NSEC3PARAM at the apex */
	KDNS_ZB_NSEC_CHAIN,		/* a name's NSEC is missing or names another next */
	KDNS_ZB_NSEC3_ALGORITHM,	/* an NSEC3PARAM hash algorithm not SHA-1 */
	KDNS_ZB_NSEC3_ITERATIONS,	/* over KDNS_NSEC3_MAX_ITERATIONS */
	KDNS_ZB_NSEC3_OWNER,		/* an NSEC3 of the chain not at a hash */
	KDNS_ZB_NSEC3_CHAIN,		/* none, or one naming another next hash */
	KDNS_ZB_NSEC3_MISSING,		/* a name to prove has no NSEC3 */
	KDNS_ZB_KILLED,			/* the task building is being killed */
	__KDNS_ZB_LAST
};

const char *kdns_zb_strerror(enum kdns_zb_err err);

/*
 * The builder. Records are added one by one (copied), then finished into an
 * image. Every error sets builder->err (and builder->why, its message), and
 * for errors about a record, which name (builder->why_name).
 *
 * Memory: every allocation of the builder and of the image it finishes is
 * first offered to account(b, +bytes), and every free reported with
 * account(b, -bytes), when account is set; a refusal fails the build with
 * KDNS_ZB_REFUSED. On success the image's bytes (zone->bytes) stay accounted:
 * the caller takes them over.
 */
struct kdns_zone_builder {
	u8 apex[KDNS_NAME_MAX];
	u8 apex_len;
	u8 apex_labels;
	u32 nrecords;
	u32 cap_records;
	u32 *records;		/* offsets into buf */
	u8 *buf;		/* [u32 seq][u16 type][u32 ttl][u16 rdlen][owner][rdata] */
	size_t buf_len;
	size_t buf_cap;
	size_t max_bytes;	/* limit on the buffer and on the finished image */
	bool (*account)(struct kdns_zone_builder *b, long bytes);
	u64 probes;		/* hash probes while building: linear in the size */
	/*
	 * RRsets whose records had different TTLs (the last one's is kept),
	 * and the first of them, for a warning as Knot's loader gives.
	 */
	u32 ttl_mixed;
	u16 ttl_mixed_type;
	u8 ttl_mixed_name[KDNS_NAME_MAX];
	enum kdns_zb_err err;
	const char *why;
	u8 why_name[KDNS_NAME_MAX];
};

int kdns_zb_init(struct kdns_zone_builder *b, const u8 *apex, size_t max_bytes);
/* For the builder's parts in other files: fail with a reason; an accounted allocation. */
int kdns_zb_fail(struct kdns_zone_builder *b, enum kdns_zb_err err, const u8 *name);
void *kdns_zb_alloc(struct kdns_zone_builder *b, size_t size);
/* A signed zone's denial of existence, checked and worked out (denial.c). */
int kdns_zb_denial(struct kdns_zone_builder *b, struct kdns_zone *z);
int kdns_zb_add(struct kdns_zone_builder *b, const struct kdns_rr *rr);
struct kdns_zone *kdns_zb_finish(struct kdns_zone_builder *b);
void kdns_zb_destroy(struct kdns_zone_builder *b);
void kdns_zone_free(struct kdns_zone *z);

/* Is name (any case) at or below apex (lower-cased)? */
bool kdns_name_in(const u8 *name, unsigned int labels, const u8 *apex,
		  unsigned int apex_labels);

#endif /* KDNS_ZONE_H */
