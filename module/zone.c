// SPDX-License-Identifier: GPL-2.0
/*
 * Zone images: the builder, and lookups in the finished image. Part of the
 * answer engine: portable.h only. See zone.h for the layout.
 */
#include "zone.h"
#include "heapsort.h"
#include "siphash.h"

/* ---- Records of KDNS_A_ZONE_RRS ---- */

void kdns_rr_read(struct kdns_cursor *c, struct kdns_rr *rr)
{
	rr->owner_len = kdns_read_u8(c);
	rr->owner = kdns_read_bytes(c, rr->owner_len);
	rr->type = kdns_read_u16(c);
	rr->rclass = kdns_read_u16(c);
	rr->ttl = kdns_read_u32(c);
	rr->rdlen = kdns_read_u16(c);
	rr->rdata = kdns_read_bytes(c, rr->rdlen);
}

size_t kdns_rr_put(u8 *p, const struct kdns_rr *rr)
{
	p[0] = rr->owner_len;
	memcpy(p + 1, rr->owner, rr->owner_len);
	p += 1 + rr->owner_len;
	kdns_put16(p, rr->type);
	kdns_put16(p + 2, rr->rclass);
	kdns_put32(p + 4, rr->ttl);
	kdns_put16(p + 8, rr->rdlen);
	memcpy(p + 10, rr->rdata, rr->rdlen);
	return kdns_rr_size(rr);
}

/* ---- Names and hashes ---- */

/*
 * Name hashes are keyed (SipHash-1-3, 128-bit key), so that no one who does
 * not know the key can choose names that collide: with linear probing, names
 * aimed at one slot would make building quadratic and lookups linear. The
 * kernel sets a random key once, before any zone is built
 * (kdns_hash_set_key); userspace programs keep this fixed one.
 */
static u64 hash_key[2] = { 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL };

void kdns_hash_set_key(const u8 key[16])
{
	hash_key[0] = kdns_get64le(key);
	hash_key[1] = kdns_get64le(key + 8);
}

/*
 * SipHash-1-3 of a name's wire form (lower-cased, as every name hashed is).
 * A suffix of a name is a name too, in place in it: the hashes of its
 * suffixes are each a pass over their own bytes.
 */
static u32 name_hash(const u8 *p, size_t len)
{
	u64 h = kdns_siphash13(hash_key, p, len);

	return (u32)(h ^ (h >> 32));
}

unsigned int kdns_name_offsets(const u8 *lname, u8 *off)
{
	unsigned int n = 0;
	size_t pos = 0;

	while (lname[pos]) {
		off[n++] = pos;
		pos += 1 + lname[pos];
	}
	off[n] = pos;
	return n;
}

void kdns_name_hashes(const u8 *lname, struct kdns_name_hashes *h)
{
	unsigned int k;

	h->labels = kdns_name_offsets(lname, h->off);
	for (k = 0; k <= h->labels; k++)
		h->hash[k] = name_hash(lname + h->off[k], kdns_suffix_len(h->off, h->labels, k));
}

void kdns_qname_init(const u8 *lname, struct kdns_qname *q)
{
	q->name = lname;
	q->labels = kdns_name_offsets(lname, q->off);
	q->ready[0] = 0;
	q->ready[1] = 0;
}

u32 kdns_qname_hash_new(struct kdns_qname *q, unsigned int k)
{
	q->hash[k] = name_hash(q->name + q->off[k], kdns_suffix_len(q->off, q->labels, k));
	q->ready[k / 64] |= 1ULL << (k % 64);
	return q->hash[k];
}

u32 kdns_name_hash(const u8 *lname)
{
	return name_hash(lname, kdns_name_len(lname));
}

static bool name_same(const u8 *a, const u8 *b)
{
	return kdns_bytes_equal(a, b, kdns_name_len(a));
}

bool kdns_name_in(const u8 *name, unsigned int labels, const u8 *apex,
		  unsigned int apex_labels)
{
	if (labels < apex_labels)
		return false;
	for (; labels > apex_labels; labels--)
		name += 1 + *name;
	return kdns_name_equal(name, apex);
}

/* ---- Lookup ---- */

const struct kdns_node *kdns_zone_find(const struct kdns_zone *z,
				       const u8 *lname, u32 hash)
{
	u32 i = hash & z->hmask;
	u32 idx;

	while ((idx = z->htab[i])) {
		const struct kdns_node *n = &z->nodes[idx - 1];

		if (n->hash == hash && name_same(z->data + n->name, lname))
			return n;
		i = (i + 1) & z->hmask;
	}
	return NULL;
}

const struct kdns_rrset *kdns_node_rrset(const struct kdns_zone *z,
					 const struct kdns_node *n, u16 type)
{
	const struct kdns_rrset *s = &z->rrsets[n->rrset];
	unsigned int i;

	for (i = 0; i < n->nrrsets; i++)
		if (s[i].type == type)
			return &s[i];
	return NULL;
}

const struct kdns_rrset *kdns_node_rrsig(const struct kdns_zone *z,
					 const struct kdns_node *n, u16 covered)
{
	const struct kdns_rrset *s = &z->rrsets[n->rrset];
	unsigned int i;

	for (i = 0; i < n->nrrsets; i++)
		if (s[i].type == KDNS_T_RRSIG && kdns_rrsig_covered(z, &s[i]) == covered)
			return &s[i];
	return NULL;
}

/*
 * From a position whose node and RRset exist, or not, to the first record at
 * or after it: past exhausted RRsets, and nodes without RRsets (empty
 * non-terminals). it->rd is set for a record the walk enters at rec 0.
 */
static void iter_settle(struct kdns_zone_iter *it)
{
	const struct kdns_zone *z = it->z;

	while (it->node < z->nnodes) {
		const struct kdns_node *n = &z->nodes[it->node];

		if (it->rrset < n->nrrsets &&
		    it->rec < z->rrsets[n->rrset + it->rrset].count)
			return;
		if (it->rrset < n->nrrsets) {
			it->rrset++;
		} else {
			it->node++;
			it->rrset = 0;
		}
		it->rec = 0;
		if (it->node < z->nnodes && it->rrset < z->nodes[it->node].nrrsets)
			it->rd = z->data + z->rrsets[z->nodes[it->node].rrset + it->rrset].rdata;
	}
}

void kdns_zone_iter_seek(struct kdns_zone_iter *it, const struct kdns_zone *z,
			 unsigned long node, unsigned long rrset, unsigned long rec)
{
	const struct kdns_rrset *s;
	unsigned long i;

	it->z = z;
	it->node = node;
	it->rrset = rrset;
	it->rec = rec;
	it->rd = NULL;
	if (node >= z->nnodes)
		return;
	if (rrset >= z->nodes[node].nrrsets) {
		iter_settle(it);
		return;
	}
	s = &z->rrsets[z->nodes[node].rrset + rrset];
	if (rec > s->count)
		it->rec = s->count;
	it->rd = z->data + s->rdata;
	for (i = 0; i < it->rec; i++)
		it->rd += 2 + kdns_get16(it->rd);
	iter_settle(it);
}

bool kdns_zone_iter_get(const struct kdns_zone_iter *it, struct kdns_rr *rr)
{
	const struct kdns_zone *z = it->z;
	const struct kdns_node *n;

	if (it->node >= z->nnodes)
		return false;
	n = &z->nodes[it->node];
	rr->owner = kdns_node_name(z, n);
	rr->owner_len = kdns_name_len(rr->owner);
	rr->type = z->rrsets[n->rrset + it->rrset].type;
	rr->rclass = KDNS_CLASS_IN;
	rr->ttl = z->rrsets[n->rrset + it->rrset].ttl;
	rr->rdlen = kdns_get16(it->rd);
	rr->rdata = it->rd + 2;
	return true;
}

void kdns_zone_iter_next(struct kdns_zone_iter *it)
{
	if (it->node >= it->z->nnodes)
		return;
	it->rd += 2 + kdns_get16(it->rd);
	it->rec++;
	iter_settle(it);
}

/* ---- The builder ---- */

/* A record in the builder's buffer. */
#define REC_SEQ		0
#define REC_TYPE	4
#define REC_TTL		6
#define REC_RDLEN	10
#define REC_OWNER	12

static u32 rec_u32(const u8 *r, unsigned int off)
{
	return kdns_get32(r + off);
}

static const u8 *rec_owner(const u8 *r)
{
	return r + REC_OWNER;
}

static const u8 *rec_rdata(const u8 *r)
{
	return r + REC_OWNER + kdns_name_len(r + REC_OWNER);
}

/* The type an RRSIG covers (rdata_valid() made sure it has one); 0 for other types. */
static u16 rec_covered(const u8 *r)
{
	return kdns_get16(r + REC_TYPE) == KDNS_T_RRSIG ? kdns_get16(rec_rdata(r)) : 0;
}

/*
 * Does the record belong to the NSEC3 chain (an NSEC3, or an RRSIG over
 * one)? Those records make nodes of their own, which no lookup finds: a
 * name that owns only them does not exist for queries (as in Knot, whose
 * NSEC3 nodes are a tree apart).
 */
static bool rec_nsec3(const u8 *r)
{
	return kdns_get16(r + REC_TYPE) == KDNS_T_NSEC3 || rec_covered(r) == KDNS_T_NSEC3;
}

/* Same owner, and both of the NSEC3 chain or neither: one node. */
static bool same_node(const u8 *a, const u8 *b);

/* Same node, type and (for RRSIGs) type covered: one RRset. */
static bool same_rrset(const u8 *a, const u8 *b)
{
	return same_node(a, b) && kdns_get16(a + REC_TYPE) == kdns_get16(b + REC_TYPE) &&
	       rec_covered(a) == rec_covered(b);
}

static const char *const zb_messages[__KDNS_ZB_LAST] = {
	[KDNS_ZB_OK]			= "no error",
	[KDNS_ZB_BAD_APEX]		= "the zone name is not a valid name",
	[KDNS_ZB_BAD_OWNER]		= "the owner is not a valid name",
	[KDNS_ZB_BAD_CLASS]		= "the class is not IN",
	[KDNS_ZB_OUTSIDE]		= "the owner is outside the zone",
	[KDNS_ZB_BAD_RDATA]		= "the RDATA is not valid for its type",
	[KDNS_ZB_TOO_MANY_RECORDS]	= "too many records",
	[KDNS_ZB_TOO_LARGE]		= "the zone is larger than the memory limit",
	[KDNS_ZB_NOMEM]			= "out of memory",
	[KDNS_ZB_SOA_BELOW_APEX]	= "SOA below the apex",
	[KDNS_ZB_MULTIPLE_CNAME]	= "more than one CNAME",
	[KDNS_ZB_MULTIPLE_DNAME]	= "more than one DNAME",
	[KDNS_ZB_CNAME_AND_OTHER]	= "CNAME beside other data",
	[KDNS_ZB_NO_SOA]		= "no SOA at the apex",
	[KDNS_ZB_MULTIPLE_SOA]		= "more than one SOA at the apex",
	[KDNS_ZB_NO_NS]			= "no NS at the apex",
	[KDNS_ZB_INTERNAL]		= "internal error: owner seen twice",
	[KDNS_ZB_RRSET_TOO_LARGE]	= "more than 65535 records in one RRset",
	[KDNS_ZB_REFUSED]		= "the memory limit refused the zone",
	[KDNS_ZB_BELOW_DNAME]		= "data below a DNAME (RFC 6672 2.4 forbids it)",
	[KDNS_ZB_RRSIG_ALONE]		= "an RRSIG covers a type the name does not have",
	[KDNS_ZB_MULTIPLE_NSEC3PARAM]	= "more than one NSEC3PARAM at the apex",
	[KDNS_ZB_NO_DENIAL]		= "signed (an RRSIG over the SOA), but neither NSEC nor NSEC3PARAM at the apex",
	[KDNS_ZB_NSEC_CHAIN]		= "the NSEC chain is broken: this name's NSEC is missing or names another next name",
	[KDNS_ZB_NSEC3_ALGORITHM]	= "the NSEC3PARAM hash algorithm is not 1 (SHA-1)",
	[KDNS_ZB_NSEC3_ITERATIONS]	= "more than 150 NSEC3 iterations (RFC 9276)",
	[KDNS_ZB_NSEC3_OWNER]		= "an NSEC3 of the chain whose owner is not a hash under the apex",
	[KDNS_ZB_NSEC3_CHAIN]		= "the NSEC3 chain is broken: none, or this NSEC3 names another next hash",
	[KDNS_ZB_NSEC3_MISSING]		= "this name has no NSEC3 in the chain",
	[KDNS_ZB_KILLED]		= "the loading task was killed",
};

const char *kdns_zb_strerror(enum kdns_zb_err err)
{
	if ((unsigned int)err >= __KDNS_ZB_LAST || !zb_messages[err])
		return "unknown error";
	return zb_messages[err];
}

int kdns_zb_fail(struct kdns_zone_builder *b, enum kdns_zb_err err, const u8 *name)
{
	b->err = err;
	b->why = kdns_zb_strerror(err);
	if (name)
		memcpy(b->why_name, name, kdns_name_len(name));
	else
		b->why_name[0] = 0;
	return -1;
}

/* An allocation of the builder or its image, offered to the account hook. */
void *kdns_zb_alloc(struct kdns_zone_builder *b, size_t size)
{
	void *p;

	if (b->account && !b->account(b, (long)size)) {
		kdns_zb_fail(b, KDNS_ZB_REFUSED, NULL);
		return NULL;
	}
	p = kdns_alloc(size);
	if (!p) {
		if (b->account)
			b->account(b, -(long)size);
		kdns_zb_fail(b, KDNS_ZB_NOMEM, NULL);
	}
	return p;
}

static void zb_free(struct kdns_zone_builder *b, void *p, size_t size)
{
	if (!p)
		return;
	kdns_free(p);
	if (b->account)
		b->account(b, -(long)size);
}

/*
 * Room for need elements of size elem in *p (capacity *cap): doubled, but
 * never past what max_bytes allows, so that no request is ever larger than
 * the limit (a huge one would only fail, and warn, in the allocator).
 */
static bool grow(struct kdns_zone_builder *b, void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 64, most = b->max_bytes / elem;
	void *np;

	if (need <= *cap)
		return true;
	if (need > most) {
		kdns_zb_fail(b, KDNS_ZB_TOO_LARGE, NULL);
		return false;
	}
	while (ncap < need)
		ncap *= 2;
	if (ncap > most)
		ncap = most;
	np = kdns_zb_alloc(b, ncap * elem);
	if (!np)
		return false;
	if (*p)
		memcpy(np, *p, *cap * elem);
	zb_free(b, *p, *cap * elem);
	*p = np;
	*cap = ncap;
	return true;
}

int kdns_zb_init(struct kdns_zone_builder *b, const u8 *apex, size_t max_bytes)
{
	struct kdns_cursor c;
	size_t len;

	memset(b, 0, sizeof(*b));
	b->max_bytes = max_bytes ? max_bytes : KDNS_ZONE_MAX_BYTES;
	kdns_cursor_init(&c, apex, KDNS_NAME_MAX);
	len = kdns_read_name(&c, b->apex, false);
	if (!len)
		return kdns_zb_fail(b, KDNS_ZB_BAD_APEX, NULL);
	kdns_name_lower(b->apex);
	b->apex_len = len;
	b->apex_labels = kdns_name_labels(b->apex);
	return 0;
}

void kdns_zb_destroy(struct kdns_zone_builder *b)
{
	zb_free(b, b->records, (size_t)b->cap_records * sizeof(u32));
	zb_free(b, b->buf, b->buf_cap);
	b->records = NULL;
	b->buf = NULL;
	b->cap_records = 0;
	b->buf_cap = 0;
}

/* Is there exactly one valid uncompressed name at the cursor? */
static bool rdata_name(struct kdns_cursor *c)
{
	u8 name[KDNS_NAME_MAX];

	return kdns_read_name(c, name, false) != 0;
}

static void rdata_string(struct kdns_cursor *c)
{
	kdns_read_bytes(c, kdns_read_u8(c));
}

/*
 * Check the RDATA of the types whose format kdns knows (RFC 1035, 3596,
 * 2782, 3403, 6672, 4034, 5155); others are opaque (RFC 3597) and taken as
 * given.
 */
static bool rdata_valid(u16 type, const u8 *rdata, u16 len)
{
	struct kdns_cursor c;

	kdns_cursor_init(&c, rdata, len);
	switch (type) {
	case KDNS_T_A:
		return len == 4;
	case KDNS_T_AAAA:
		return len == 16;
	case KDNS_T_NS:
	case KDNS_T_CNAME:
	case KDNS_T_PTR:
	case KDNS_T_DNAME:
		rdata_name(&c);
		break;
	case KDNS_T_MX:
		kdns_read_u16(&c);
		rdata_name(&c);
		break;
	case KDNS_T_SOA:
		rdata_name(&c);
		rdata_name(&c);
		kdns_read_bytes(&c, 20);
		break;
	case KDNS_T_SRV:
		kdns_read_bytes(&c, 6);
		rdata_name(&c);
		break;
	case KDNS_T_NAPTR:
		kdns_read_bytes(&c, 4);
		rdata_string(&c);
		rdata_string(&c);
		rdata_string(&c);
		rdata_name(&c);
		break;
	case KDNS_T_TXT:
		if (!len)
			return false;
		while (!c.err && kdns_cursor_left(&c))
			rdata_string(&c);
		break;
	case KDNS_T_HINFO:
		rdata_string(&c);
		rdata_string(&c);
		break;
	case KDNS_T_DS:
		return len > 4;
	case KDNS_T_RRSIG:
		/* Type covered ... key tag, the signer, a signature (RFC 4034 3.1). */
		kdns_read_bytes(&c, 18);
		rdata_name(&c);
		return !c.err && kdns_cursor_left(&c);
	case KDNS_T_NSEC:
		/* The next name, a type bitmap (RFC 4034 4.1). */
		rdata_name(&c);
		return !c.err;
	case KDNS_T_NSEC3PARAM:
		/* Algorithm, flags, iterations, salt (RFC 5155 4.2). */
		kdns_read_bytes(&c, 4);
		rdata_string(&c);
		break;
	case KDNS_T_NSEC3: {
		/* Algorithm, flags, iterations, salt, next hashed owner, bitmap (RFC 5155 3.2). */
		u8 hlen;

		kdns_read_bytes(&c, 4);
		rdata_string(&c);
		hlen = kdns_read_u8(&c);
		kdns_read_bytes(&c, hlen);
		return !c.err && hlen;
	}
	case KDNS_T_OPT:
	case KDNS_T_IXFR:
	case KDNS_T_AXFR:
	case KDNS_T_MAILB:
	case KDNS_T_MAILA:
	case KDNS_T_ANY:
		return false;	/* meta types never stand in a zone */
	default:
		return true;
	}
	return !c.err && !kdns_cursor_left(&c);
}

int kdns_zb_add(struct kdns_zone_builder *b, const struct kdns_rr *rr)
{
	u8 owner[KDNS_NAME_MAX];
	size_t olen, need;
	size_t cap32;
	u8 *r;

	olen = kdns_read_name_all(rr->owner, rr->owner_len, owner);
	if (!olen)
		return kdns_zb_fail(b, KDNS_ZB_BAD_OWNER, NULL);
	kdns_name_lower(owner);
	if (rr->rclass != KDNS_CLASS_IN)
		return kdns_zb_fail(b, KDNS_ZB_BAD_CLASS, owner);
	if (!kdns_name_in(owner, kdns_name_labels(owner), b->apex, b->apex_labels))
		return kdns_zb_fail(b, KDNS_ZB_OUTSIDE, owner);
	if (!rdata_valid(rr->type, rr->rdata, rr->rdlen))
		return kdns_zb_fail(b, KDNS_ZB_BAD_RDATA, owner);
	if (b->nrecords >= KDNS_ZONE_MAX_RECORDS)
		return kdns_zb_fail(b, KDNS_ZB_TOO_MANY_RECORDS, NULL);

	need = b->buf_len + REC_OWNER + olen + rr->rdlen;
	if (need > b->max_bytes)
		return kdns_zb_fail(b, KDNS_ZB_TOO_LARGE, NULL);
	cap32 = b->cap_records;
	if (!grow(b, (void **)&b->records, &cap32, b->nrecords + 1, sizeof(u32)))
		return -1;
	b->cap_records = cap32;
	if (!grow(b, (void **)&b->buf, &b->buf_cap, need, 1))
		return -1;

	r = b->buf + b->buf_len;
	b->records[b->nrecords] = b->buf_len;
	r[0] = b->nrecords >> 24;
	r[1] = b->nrecords >> 16;
	r[2] = b->nrecords >> 8;
	r[3] = b->nrecords;
	kdns_put16(r + REC_TYPE, rr->type);
	r[REC_TTL] = rr->ttl >> 24;
	r[REC_TTL + 1] = rr->ttl >> 16;
	r[REC_TTL + 2] = rr->ttl >> 8;
	r[REC_TTL + 3] = rr->ttl;
	kdns_put16(r + REC_RDLEN, rr->rdlen);
	memcpy(r + REC_OWNER, owner, olen);
	memcpy(r + REC_OWNER + olen, rr->rdata, rr->rdlen);
	b->buf_len = need;
	b->nrecords++;
	return 0;
}

/*
 * Order: the NSEC3 chain's records after all others, then owner (bytes of
 * the lower-cased name), type, RDATA (canonical: an RRSIG's begins with the
 * type it covers), input order.
 */
static int rec_cmp(const u8 *a, const u8 *b)
{
	size_t la = kdns_name_len(rec_owner(a)), lb = kdns_name_len(rec_owner(b));
	u16 ra, rb;
	int d;

	d = (int)rec_nsec3(a) - (int)rec_nsec3(b);
	if (d)
		return d;
	d = memcmp(rec_owner(a), rec_owner(b), la < lb ? la : lb);
	if (d || la != lb)
		return d ? d : (la < lb ? -1 : 1);
	d = (int)kdns_get16(a + REC_TYPE) - (int)kdns_get16(b + REC_TYPE);
	if (d)
		return d;
	ra = kdns_get16(a + REC_RDLEN);
	rb = kdns_get16(b + REC_RDLEN);
	d = memcmp(rec_rdata(a), rec_rdata(b), ra < rb ? ra : rb);
	if (d || ra != rb)
		return d ? d : (ra < rb ? -1 : 1);
	return rec_u32(a, REC_SEQ) < rec_u32(b, REC_SEQ) ? -1 : 1;
}

/* Every 4096 steps of a loop over records or nodes: let others run. */
static void step(u32 i)
{
	if (!(i & 4095))
		kdns_cond_resched();
}

/* Two records, by their offsets in the builder's buffer. */
static int rec_key_cmp(const void *buf, u32 a, u32 b)
{
	return rec_cmp((const u8 *)buf + a, (const u8 *)buf + b);
}

static bool sort_pause(void)
{
	kdns_cond_resched();
	return false;
}

static void sort_records(const u8 *buf, u32 *v, size_t n)
{
	kdns_heapsort(v, n, rec_key_cmp, buf, sort_pause);
}

static bool same_owner(const u8 *a, const u8 *b)
{
	return name_same(rec_owner(a), rec_owner(b));
}

static bool same_node(const u8 *a, const u8 *b)
{
	return rec_nsec3(a) == rec_nsec3(b) && same_owner(a, b);
}

static bool same_rr(const u8 *a, const u8 *b)
{
	u16 len = kdns_get16(a + REC_RDLEN);

	return same_node(a, b) && kdns_get16(a + REC_TYPE) == kdns_get16(b + REC_TYPE) &&
	       len == kdns_get16(b + REC_RDLEN) && !memcmp(rec_rdata(a), rec_rdata(b), len);
}

/*
 * The builder's own lookups and inserts count their probes (b->probes): with
 * keyed hashes they stay linear in the zone's size whatever its names.
 */
static void table_insert(struct kdns_zone_builder *b, struct kdns_zone *z, u32 idx)
{
	u32 i = z->nodes[idx].hash & z->hmask;

	for (b->probes++; z->htab[i]; b->probes++)
		i = (i + 1) & z->hmask;
	z->htab[i] = idx + 1;
}

static struct kdns_node *find_mut(struct kdns_zone_builder *b, struct kdns_zone *z,
				  const u8 *lname, u32 hash)
{
	u32 i = hash & z->hmask;
	u32 idx;

	for (b->probes++; (idx = z->htab[i]); b->probes++) {
		struct kdns_node *n = &z->nodes[idx - 1];

		if (n->hash == hash && name_same(z->data + n->name, lname))
			return n;
		i = (i + 1) & z->hmask;
	}
	return NULL;
}

void kdns_zone_free(struct kdns_zone *z)
{
	if (!z)
		return;
	kdns_free(z->htab);
	kdns_free(z->nodes);
	kdns_free(z->rrsets);
	kdns_free(z->data);
	kdns_free(z->chain);
	kdns_free(z->n3links);
	kdns_free(z);
}

/*
 * One node's own rules (SOA only at the apex, one CNAME or DNAME, nothing
 * beside a CNAME) and the flags its RRsets give it and its parent (a
 * wildcard child).
 */
static int node_rules(struct kdns_zone_builder *b, struct kdns_zone *z, struct kdns_node *n)
{
	const u8 *name = z->data + n->name;
	const struct kdns_rrset *s = &z->rrsets[n->rrset];
	struct kdns_node *parent;
	unsigned int k;

	for (k = 0; k < n->nrrsets; k++) {
		switch (s[k].type) {
		case KDNS_T_NS:
			if (!(n->flags & KDNS_NODE_APEX))
				n->flags |= KDNS_NODE_DELEG;
			break;
		case KDNS_T_SOA:
			if (!(n->flags & KDNS_NODE_APEX))
				return kdns_zb_fail(b, KDNS_ZB_SOA_BELOW_APEX, name);
			break;
		case KDNS_T_CNAME:
			n->flags |= KDNS_NODE_CNAME;
			if (s[k].count > 1)
				return kdns_zb_fail(b, KDNS_ZB_MULTIPLE_CNAME, name);
			break;
		case KDNS_T_DNAME:
			n->flags |= KDNS_NODE_DNAME;
			if (s[k].count > 1)
				return kdns_zb_fail(b, KDNS_ZB_MULTIPLE_DNAME, name);
			break;
		case KDNS_T_NSEC3PARAM:
			/* Which chain the zone's denials come from: one (as Knot). */
			if ((n->flags & KDNS_NODE_APEX) && s[k].count > 1)
				return kdns_zb_fail(b, KDNS_ZB_MULTIPLE_NSEC3PARAM, name);
			break;
		}
	}
	if (n->flags & KDNS_NODE_CNAME) {
		/* RFC 2181 10.1: nothing beside a CNAME but DNSSEC data. */
		for (k = 0; k < n->nrrsets; k++)
			if (s[k].type != KDNS_T_CNAME && s[k].type != KDNS_T_RRSIG &&
			    s[k].type != KDNS_T_NSEC)
				return kdns_zb_fail(b, KDNS_ZB_CNAME_AND_OTHER, name);
	}
	if (!(n->flags & KDNS_NODE_APEX) && name[0] == 1 && name[1] == '*') {
		parent = find_mut(b, z, name + 2, kdns_name_hash(name + 2));
		if (parent)
			parent->flags |= KDNS_NODE_WILDCARD;
	}
	return 0;
}

/*
 * Every RRSIG covers an RRset of its name (an NSEC3 node's, the NSEC3):
 * answers send RRSIGs with the RRsets they cover, and one left over from
 * an earlier signing would never go out, or go out alone.
 */
static int rrsigs_covered(struct kdns_zone_builder *b, const struct kdns_zone *z,
			  const struct kdns_node *n)
{
	const struct kdns_rrset *s = &z->rrsets[n->rrset];
	unsigned int k;

	for (k = 0; k < n->nrrsets; k++)
		if (s[k].type == KDNS_T_RRSIG && !kdns_node_rrset(z, n, kdns_rrsig_covered(z, &s[k])))
			return kdns_zb_fail(b, KDNS_ZB_RRSIG_ALONE, z->data + n->name);
	return 0;
}

/*
 * A node below a zone cut is occluded (glue, or data a resolver never
 * asks this server for). Data below a DNAME must not exist (RFC 6672 2.4,
 * the apex's DNAME included): the zone is refused, naming it, as Knot's
 * loader refuses it. Needs every node's cut and DNAME flags: a pass after
 * node_rules().
 */
static int mark_occluded(struct kdns_zone_builder *b, struct kdns_zone *z)
{
	struct kdns_name_hashes h;
	u32 i;

	for (i = 0; i < z->nnodes; i++) {
		struct kdns_node *n = &z->nodes[i];
		unsigned int k;

		step(i);
		if (n->flags & KDNS_NODE_NSEC3)
			continue;
		kdns_name_hashes(z->data + n->name, &h);
		for (k = 1; k + z->apex_labels <= h.labels; k++) {
			const struct kdns_node *a = find_mut(b, z, z->data + n->name + h.off[k],
							     h.hash[k]);

			if (a && (a->flags & KDNS_NODE_DNAME) && n->nrrsets)
				return kdns_zb_fail(b, KDNS_ZB_BELOW_DNAME, z->data + n->name);
			if (a && (a->flags & (KDNS_NODE_DELEG | KDNS_NODE_DNAME))) {
				n->flags |= KDNS_NODE_OCCLUDED;
				break;
			}
		}
	}
	return 0;
}

/* Set the flags that depend on other nodes, and check the zone's rules. */
static int finish_nodes(struct kdns_zone_builder *b, struct kdns_zone *z)
{
	const struct kdns_rrset *soa;
	u32 i;
	int err;

	for (i = 0; i < z->nnodes; i++) {
		step(i);
		err = rrsigs_covered(b, z, &z->nodes[i]);
		if (err)
			return err;
		if (z->nodes[i].flags & KDNS_NODE_NSEC3)
			continue;
		err = node_rules(b, z, &z->nodes[i]);
		if (err)
			return err;
	}
	err = mark_occluded(b, z);
	if (err)
		return err;
	soa = z->apex_node ? kdns_node_rrset(z, z->apex_node, KDNS_T_SOA) : NULL;
	if (!soa)
		return kdns_zb_fail(b, KDNS_ZB_NO_SOA, b->apex);
	if (soa->count != 1)
		return kdns_zb_fail(b, KDNS_ZB_MULTIPLE_SOA, b->apex);
	if (!kdns_node_rrset(z, z->apex_node, KDNS_T_NS))
		return kdns_zb_fail(b, KDNS_ZB_NO_NS, b->apex);
	/* Signed, for answers to DO=1: an RRSIG over the apex SOA (as Knot). */
	z->dnssec = kdns_node_rrsig(z, z->apex_node, KDNS_T_SOA) != NULL;
	return z->dnssec ? kdns_zb_denial(b, z) : 0;
}

/* Add a node for name (stored at data offset off) unless it exists. */
static struct kdns_node *add_node(struct kdns_zone_builder *b, struct kdns_zone *z, u32 off,
				  u32 hash, unsigned int labels)
{
	struct kdns_node *n = find_mut(b, z, z->data + off, hash);

	if (n)
		return n;
	n = &z->nodes[z->nnodes];
	n->name = off;
	n->hash = hash;
	n->rrset = z->nrrsets;
	n->labels = labels;
	table_insert(b, z, z->nnodes++);
	return n;
}

/* A node of the NSEC3 chain: in the image, not in its table (no lookup finds it). */
static struct kdns_node *add_nsec3_node(struct kdns_zone *z, u32 off, u32 hash,
					unsigned int labels)
{
	struct kdns_node *n = &z->nodes[z->nnodes++];

	n->name = off;
	n->hash = hash;
	n->rrset = z->nrrsets;
	n->nrrsets = 0;
	n->flags = KDNS_NODE_NSEC3;
	n->labels = labels;
	return n;
}

/* What the image of the sorted records needs. */
struct zb_size {
	size_t nrrsets;
	size_t data_len;
	size_t ncap;	/* nodes: owners, the empty non-terminals they imply, a spare */
	size_t tsize;	/* hash table slots, a power of two */
	size_t bytes;	/* all of it, as accounted */
};

/* Count owners, RRsets, the most empty non-terminals there can be. */
static void size_image(struct kdns_zone_builder *b, struct zb_size *sz)
{
	size_t nowners = 0, extra = 0;
	u32 i;

	sz->nrrsets = 0;
	sz->data_len = 0;
	for (i = 0; i < b->nrecords; i++) {
		const u8 *r = b->buf + b->records[i];
		const u8 *prev = i ? b->buf + b->records[i - 1] : NULL;

		step(i);
		if (prev && same_rr(prev, r))
			continue;
		sz->data_len += 2 + kdns_get16(r + REC_RDLEN);
		if (prev && same_node(prev, r)) {
			if (!same_rrset(prev, r))
				sz->nrrsets++;
			continue;
		}
		nowners++;
		sz->nrrsets++;
		sz->data_len += kdns_name_len(rec_owner(r));
		if (!rec_nsec3(r))
			extra += kdns_name_labels(rec_owner(r)) - b->apex_labels;
	}
	sz->ncap = nowners + extra + 1;
	for (sz->tsize = 64; sz->tsize < 2 * sz->ncap; sz->tsize *= 2)
		;
	sz->bytes = sizeof(struct kdns_zone) + sz->tsize * sizeof(u32) +
		    sz->ncap * sizeof(struct kdns_node) +
		    sz->nrrsets * sizeof(struct kdns_rrset) + sz->data_len;
}

static void unaccount(struct kdns_zone_builder *b, struct kdns_zone *z, size_t bytes)
{
	kdns_zone_free(z);
	if (b->account)
		b->account(b, -(long)bytes);
}

/*
 * The image's allocations, empty, accounted whole (they stay so if the
 * image is returned); NULL after fail().
 */
static struct kdns_zone *alloc_image(struct kdns_zone_builder *b, const struct zb_size *sz)
{
	struct kdns_zone *z;

	if (sz->bytes > b->max_bytes) {
		kdns_zb_fail(b, KDNS_ZB_TOO_LARGE, NULL);
		return NULL;
	}
	if (b->account && !b->account(b, (long)sz->bytes)) {
		kdns_zb_fail(b, KDNS_ZB_REFUSED, NULL);
		return NULL;
	}
	z = kdns_alloc(sizeof(*z));
	if (z) {
		z->bytes = sz->bytes;
		memcpy(z->apex, b->apex, b->apex_len);
		z->apex_len = b->apex_len;
		z->apex_labels = b->apex_labels;
		z->apex_hash = kdns_name_hash(z->apex);
		z->hmask = sz->tsize - 1;
		z->htab = kdns_alloc(sz->tsize * sizeof(u32));
		z->nodes = kdns_alloc(sz->ncap * sizeof(struct kdns_node));
		z->rrsets = kdns_alloc(sz->nrrsets * sizeof(struct kdns_rrset));
		z->data = kdns_alloc(sz->data_len);
	}
	if (!z || !z->htab || !z->nodes || !z->rrsets || !z->data) {
		kdns_zb_fail(b, KDNS_ZB_NOMEM, NULL);
		unaccount(b, z, sz->bytes);
		return NULL;
	}
	return z;
}

/* One node per owner; RRsets and RDATA in sorted order. */
static int fill_records(struct kdns_zone_builder *b, struct kdns_zone *z)
{
	struct kdns_name_hashes h;
	u32 i, last_seq = 0;
	bool mixed = false;

	for (i = 0; i < b->nrecords; i++) {
		const u8 *r = b->buf + b->records[i];
		const u8 *prev = i ? b->buf + b->records[i - 1] : NULL;
		u16 type = kdns_get16(r + REC_TYPE), rdlen = kdns_get16(r + REC_RDLEN);
		struct kdns_rrset *s = z->nrrsets ? &z->rrsets[z->nrrsets - 1] : NULL;
		struct kdns_node *n;

		step(i);
		/*
		 * RFC 2181 5.2: one TTL per RRset. Where the file gives several,
		 * the last record's counts, duplicates included, as Knot's
		 * loader does.
		 */
		if (s && prev && same_rrset(prev, r)) {
			if (rec_u32(r, REC_TTL) != rec_u32(prev, REC_TTL) && !mixed) {
				mixed = true;
				if (!b->ttl_mixed++) {
					b->ttl_mixed_type = type;
					memcpy(b->ttl_mixed_name, rec_owner(r),
					       kdns_name_len(rec_owner(r)));
				}
			}
			if (rec_u32(r, REC_SEQ) > last_seq) {
				last_seq = rec_u32(r, REC_SEQ);
				s->ttl = rec_u32(r, REC_TTL);
			}
		}
		if (prev && same_rr(prev, r))
			continue;	/* duplicate records are one record */
		if (!prev || !same_node(prev, r)) {
			size_t olen = kdns_name_len(rec_owner(r));
			u32 off = z->data_len;
			bool chain = rec_nsec3(r);

			memcpy(z->data + off, rec_owner(r), olen);
			z->data_len += olen;
			kdns_name_hashes(z->data + off, &h);
			if (chain) {
				n = add_nsec3_node(z, off, h.hash[0], h.labels);
			} else {
				n = add_node(b, z, off, h.hash[0], h.labels);
				if (n != &z->nodes[z->nnodes - 1])
					return kdns_zb_fail(b, KDNS_ZB_INTERNAL, rec_owner(r));
			}
			if (h.labels == z->apex_labels && !chain) {
				n->flags |= KDNS_NODE_APEX;
				z->apex_node = n;
			}
			s = NULL;
		}
		n = &z->nodes[z->nnodes - 1];
		if (!s || !same_rrset(prev, r) || n->rrset + n->nrrsets != z->nrrsets) {
			s = &z->rrsets[z->nrrsets++];
			s->type = type;
			s->rdata = z->data_len;
			s->ttl = rec_u32(r, REC_TTL);
			s->count = 0;
			s->len = 0;
			n->nrrsets++;
			last_seq = rec_u32(r, REC_SEQ);
			mixed = false;
		} else if (s->count == 0xffff) {
			return kdns_zb_fail(b, KDNS_ZB_RRSET_TOO_LARGE, rec_owner(r));
		}
		kdns_put16(z->data + z->data_len, rdlen);
		memcpy(z->data + z->data_len + 2, rec_rdata(r), rdlen);
		z->data_len += 2 + rdlen;
		s->len += 2 + rdlen;
		s->count++;
		z->nrecords++;
	}
	return 0;
}

/* Empty non-terminals: every name between an owner and the apex. */
static void add_empty_non_terminals(struct kdns_zone_builder *b, struct kdns_zone *z)
{
	struct kdns_name_hashes h;
	u32 i, j;

	for (i = 0, j = z->nnodes; i < j; i++) {
		u32 off = z->nodes[i].name;
		unsigned int k;

		step(i);
		if (z->nodes[i].flags & KDNS_NODE_NSEC3)
			continue;
		kdns_name_hashes(z->data + off, &h);
		for (k = 1; k + z->apex_labels < h.labels; k++)
			add_node(b, z, off + h.off[k], h.hash[k], h.labels - k);
	}
}

/* The serial of the apex SOA (finish_nodes made sure there is one). */
static u32 apex_serial(const struct kdns_zone *z)
{
	const struct kdns_rrset *soa = kdns_node_rrset(z, z->apex_node, KDNS_T_SOA);
	struct kdns_cursor c;
	u8 tmp[KDNS_NAME_MAX];

	kdns_cursor_init(&c, z->data + soa->rdata + 2, soa->len - 2);
	kdns_read_name(&c, tmp, false);
	kdns_read_name(&c, tmp, false);
	return kdns_read_u32(&c);
}

struct kdns_zone *kdns_zb_finish(struct kdns_zone_builder *b)
{
	struct kdns_zone *z;
	struct zb_size sz;

	if (!b->nrecords) {
		kdns_zb_fail(b, KDNS_ZB_NO_SOA, b->apex);
		return NULL;
	}
	sort_records(b->buf, b->records, b->nrecords);
	size_image(b, &sz);
	z = alloc_image(b, &sz);
	if (!z)
		return NULL;
	if (fill_records(b, z)) {
		unaccount(b, z, z->bytes);
		return NULL;
	}
	add_empty_non_terminals(b, z);
	if (finish_nodes(b, z)) {
		unaccount(b, z, z->bytes);
		return NULL;
	}
	z->serial = apex_serial(z);
	return z;
}
