// SPDX-License-Identifier: GPL-2.0
/*
 * Denial of existence in signed zones (RFC 4035 3.1.3, RFC 5155 7.2): what
 * the builder works out once per image, and the lookups answers make in
 * it. Part of the answer engine: portable.h only, no allocation at query
 * time.
 *
 * NSEC: the chain's nodes (every name with authoritative data, delegations
 * included) in canonical order (RFC 4034 6.1); the NSEC that covers a name
 * is the last of them at or before it, found by binary search.
 *
 * NSEC3: the chain's NSEC3 nodes in hash order (the order of the image:
 * their owners are hashes of one length under the apex), and per node its
 * NSEC3, its closest provable encloser and the NSEC3 that covers its
 * wildcard, as NSD works them out at load. At query time, only next
 * closer names are hashed: one SHA-1 chain for an NXDOMAIN, one for each
 * wildcard that answered.
 */
#include "zone.h"
#include "heapsort.h"
#include "sha1.h"

/*
 * A step of a long loop: let others run, and say whether the task is being
 * killed (a zone of millions of names and 150 iterations hashes for
 * minutes; kill must not wait for it). Each step may hash a name 151 times:
 * both are checked at every one.
 */
static bool stop_now(void)
{
	kdns_cond_resched();
	return kdns_killed();
}

/* RFC 4034 6.1: two lower-cased names compared label by label from the right. */
static int canon_cmp(const u8 *a, const u8 *aoff, unsigned int al,
		     const u8 *b, const u8 *boff, unsigned int bl)
{
	while (al && bl) {
		const u8 *x = a + aoff[--al], *y = b + boff[--bl];
		int d = memcmp(x + 1, y + 1, x[0] < y[0] ? x[0] : y[0]);

		if (d)
			return d;
		if (x[0] != y[0])
			return x[0] < y[0] ? -1 : 1;
	}
	return (int)al - (int)bl;
}

/* Two nodes, by their indices, in canonical order. */
static int node_cmp(const void *zone, u32 a, u32 b)
{
	const struct kdns_zone *z = zone;
	u8 aoff[128], boff[128];
	const u8 *x = kdns_node_name(z, &z->nodes[a]), *y = kdns_node_name(z, &z->nodes[b]);

	return canon_cmp(x, aoff, kdns_name_offsets(x, aoff), y, boff, kdns_name_offsets(y, boff));
}

/* False if the task is being killed (v is then left half sorted). */
static bool sort_canonical(const struct kdns_zone *z, u32 *v, size_t n)
{
	return kdns_heapsort(v, n, node_cmp, z, stop_now);
}

/* An array of the image, accounted and counted in its bytes. */
static void *image_alloc(struct kdns_zone_builder *b, struct kdns_zone *z, size_t size)
{
	void *p;

	if (size > b->max_bytes - z->bytes) {
		kdns_zb_fail(b, KDNS_ZB_TOO_LARGE, NULL);
		return NULL;
	}
	p = kdns_zb_alloc(b, size);
	if (p)
		z->bytes += size;
	return p;
}

/* ---- NSEC ---- */

/* A name of the NSEC chain: authoritative, with data (RFC 4035 2.3). */
static bool in_nsec_chain(const struct kdns_node *n)
{
	return !(n->flags & (KDNS_NODE_NSEC3 | KDNS_NODE_OCCLUDED)) && n->nrrsets;
}

/*
 * The chain in canonical order, each NSEC (one per name) naming the next
 * name, the last the apex: a chain with a gap would deny names that exist.
 */
static int nsec_build(struct kdns_zone_builder *b, struct kdns_zone *z)
{
	u32 i, n = 0;

	for (i = 0; i < z->nnodes; i++)
		n += in_nsec_chain(&z->nodes[i]);
	z->chain = image_alloc(b, z, (size_t)n * sizeof(u32));
	if (!z->chain)
		return -1;
	for (i = 0; i < z->nnodes; i++)
		if (in_nsec_chain(&z->nodes[i]))
			z->chain[z->nchain++] = i;
	if (!sort_canonical(z, z->chain, z->nchain))
		return kdns_zb_fail(b, KDNS_ZB_KILLED, NULL);
	for (i = 0; i < z->nchain; i++) {
		const struct kdns_node *node = &z->nodes[z->chain[i]];
		const struct kdns_node *next = &z->nodes[z->chain[(i + 1) % z->nchain]];
		const struct kdns_rrset *s = kdns_node_rrset(z, node, KDNS_T_NSEC);
		u8 name[KDNS_NAME_MAX];

		if (stop_now())
			return kdns_zb_fail(b, KDNS_ZB_KILLED, NULL);
		if (!s || s->count != 1)
			return kdns_zb_fail(b, KDNS_ZB_NSEC_CHAIN, kdns_node_name(z, node));
		/* The next name keeps its case (RFC 6840 5.1): compared lower-cased. */
		memcpy(name, z->data + s->rdata + 2, kdns_name_len(z->data + s->rdata + 2));
		kdns_name_lower(name);
		if (!kdns_name_equal(name, kdns_node_name(z, next)))
			return kdns_zb_fail(b, KDNS_ZB_NSEC_CHAIN, kdns_node_name(z, node));
	}
	z->denial = KDNS_DENIAL_NSEC;
	return 0;
}

const struct kdns_node *kdns_nsec_cover(const struct kdns_zone *z, const u8 *lname)
{
	u8 off[128], noff[128];
	unsigned int labels = kdns_name_offsets(lname, off);
	u32 lo = 0, hi = z->nchain;

	/* chain[lo] is at or before the name (the apex is before all), chain[hi] after. */
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;
		const u8 *m = kdns_node_name(z, &z->nodes[z->chain[mid]]);

		if (canon_cmp(m, noff, kdns_name_offsets(m, noff), lname, off, labels) <= 0)
			lo = mid;
		else
			hi = mid;
	}
	return &z->nodes[z->chain[lo]];
}

/* ---- NSEC3 ---- */

#define B32_LEN		32	/* a SHA-1 digest in base32hex (RFC 4648 7) */

static void b32hex(const u8 in[KDNS_SHA1_LEN], u8 out[B32_LEN])
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuv";
	unsigned int i, bits = 0;
	u32 acc = 0;

	for (i = 0; i < KDNS_SHA1_LEN; i++) {
		acc = acc << 8 | in[i];
		for (bits += 8; bits >= 5; bits -= 5)
			*out++ = digits[(acc >> (bits - 5)) & 31];
	}
}

/* The owner's hash label of an NSEC3 node of the chain. */
static const u8 *n3_label(const struct kdns_zone *z, u32 idx)
{
	return kdns_node_name(z, &z->nodes[idx]) + 1;
}

/*
 * The index in the chain of the NSEC3 at or before a hash (wrapping round
 * to the last); *match when at it.
 */
static u32 n3_find(const struct kdns_zone *z, const u8 label[B32_LEN], bool *match)
{
	u32 lo = 0, hi = z->nchain;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (memcmp(n3_label(z, z->chain[mid]), label, B32_LEN) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo) {
		*match = false;
		return z->nchain - 1;
	}
	*match = !memcmp(n3_label(z, z->chain[lo - 1]), label, B32_LEN);
	return lo - 1;
}

static void n3_hash(const struct kdns_zone *z, const u8 *lname, u8 label[B32_LEN])
{
	u8 digest[KDNS_SHA1_LEN];

	kdns_nsec3_hash(lname, kdns_name_len(lname), z->n3salt, z->n3salt_len,
			z->n3iterations, digest);
	b32hex(digest, label);
}

const struct kdns_node *kdns_nsec3_cover(const struct kdns_zone *z, const u8 *lname)
{
	u8 label[B32_LEN];
	bool match;
	u32 i;

	n3_hash(z, lname, label);
	i = n3_find(z, label, &match);
	return match ? NULL : &z->nodes[z->chain[i]];
}

/*
 * The NSEC3 of a node of the NSEC3 chain's that has the zone's parameters
 * (algorithm, iterations, salt), or NULL: others belong to another chain.
 */
static const u8 *n3_record(const struct kdns_zone *z, const struct kdns_node *n)
{
	const struct kdns_rrset *s = kdns_node_rrset(z, n, KDNS_T_NSEC3);
	const u8 *p;
	u16 i;

	if (!s)
		return NULL;
	for (i = 0, p = z->data + s->rdata; i < s->count; i++, p += 2 + kdns_get16(p)) {
		const u8 *rd = p + 2;

		if (rd[0] == 1 && kdns_get16(rd + 2) == z->n3iterations &&
		    rd[4] == z->n3salt_len && !memcmp(rd + 5, z->n3salt, rd[4]))
			return rd;
	}
	return NULL;
}

/* An owner that can be a hash: 32 base32hex digits, one label under the apex. */
static bool hash_owner(const struct kdns_zone *z, const struct kdns_node *n)
{
	const u8 *name = kdns_node_name(z, n);
	unsigned int i;

	if (n->labels != z->apex_labels + 1 || name[0] != B32_LEN)
		return false;
	for (i = 1; i <= B32_LEN; i++)
		if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'v')))
			return false;
	return true;
}

/*
 * The NSEC3PARAM's parameters, and the chain of NSEC3s that have them, in
 * hash order, each naming the next hash, the last the first (RFC 5155 7.1).
 */
static int n3_chain(struct kdns_zone_builder *b, struct kdns_zone *z,
		    const struct kdns_rrset *param)
{
	const u8 *rd = z->data + param->rdata + 2;
	u32 i, n = 0;

	if (rd[0] != 1)
		return kdns_zb_fail(b, KDNS_ZB_NSEC3_ALGORITHM, z->apex);
	z->n3iterations = kdns_get16(rd + 2);
	if (z->n3iterations > KDNS_NSEC3_MAX_ITERATIONS)
		return kdns_zb_fail(b, KDNS_ZB_NSEC3_ITERATIONS, z->apex);
	z->n3salt_len = rd[4];
	memcpy(z->n3salt, rd + 5, rd[4]);
	for (i = 0; i < z->nnodes; i++) {
		const struct kdns_node *node = &z->nodes[i];
		const u8 *r;

		if (!(node->flags & KDNS_NODE_NSEC3))
			continue;
		r = n3_record(z, node);
		if (!r)
			continue;
		/* Hash algorithm 1 (SHA-1): a 20-byte next hashed owner. */
		if (!hash_owner(z, node) || r[5 + r[4]] != KDNS_SHA1_LEN)
			return kdns_zb_fail(b, KDNS_ZB_NSEC3_OWNER, kdns_node_name(z, node));
		n++;
	}
	if (!n)
		return kdns_zb_fail(b, KDNS_ZB_NSEC3_CHAIN, z->apex);
	z->chain = image_alloc(b, z, (size_t)n * sizeof(u32));
	if (!z->chain)
		return -1;
	/* The image has the chain's nodes in the order of their owners: of their hashes. */
	for (i = 0; i < z->nnodes; i++)
		if ((z->nodes[i].flags & KDNS_NODE_NSEC3) && n3_record(z, &z->nodes[i]))
			z->chain[z->nchain++] = i;
	for (i = 0; i < z->nchain; i++) {
		const u8 *r = n3_record(z, &z->nodes[z->chain[i]]);
		u8 next[B32_LEN];

		b32hex(r + 6 + r[4], next);
		if (memcmp(next, n3_label(z, z->chain[(i + 1) % z->nchain]), B32_LEN))
			return kdns_zb_fail(b, KDNS_ZB_NSEC3_CHAIN,
					    kdns_node_name(z, &z->nodes[z->chain[i]]));
	}
	return 0;
}

/* Types that are not DNSSEC's own: a name with them has data to prove (as Knot). */
static bool has_data(const struct kdns_zone *z, const struct kdns_node *n)
{
	const struct kdns_rrset *s = &z->rrsets[n->rrset];
	unsigned int k;

	for (k = 0; k < n->nrrsets; k++)
		if (s[k].type != KDNS_T_NSEC && s[k].type != KDNS_T_RRSIG)
			return true;
	return false;
}

static u32 node_index(const struct kdns_zone *z, const struct kdns_node *n)
{
	return n - z->nodes;
}

/*
 * The node's parent: the zone has every name between an owner and the
 * apex (empty non-terminals), so it is there.
 */
static const struct kdns_node *node_parent(const struct kdns_zone *z, const struct kdns_node *n)
{
	const u8 *name = kdns_node_name(z, n);

	name += 1 + name[0];
	return kdns_zone_find(z, name, kdns_name_hash(name));
}

/*
 * Which names an NSEC3 must prove (RFC 5155 7.1, opt-out 6): those with
 * data and delegations with DS, and every name above them: marked in
 * links[].wild, for n3_links() to read and then overwrite.
 */
static void n3_mark_provable(struct kdns_zone *z)
{
	u32 i;

	for (i = 0; i < z->nnodes; i++) {
		const struct kdns_node *n = &z->nodes[i];
		bool deleg = n->flags & KDNS_NODE_DELEG;

		if (n->flags & (KDNS_NODE_NSEC3 | KDNS_NODE_OCCLUDED))
			continue;
		if (deleg ? !kdns_node_rrset(z, n, KDNS_T_DS) : !has_data(z, n))
			continue;
		/* Each name is marked once: the walks together are linear. */
		while (n && !z->n3links[node_index(z, n)].wild) {
			z->n3links[node_index(z, n)].wild = 1;
			n = n->flags & KDNS_NODE_APEX ? NULL : node_parent(z, n);
		}
	}
}

/* Can a node's NSEC3 prove it exists (an NSEC3, or names to prove below)? */
static bool provable(const struct kdns_zone *z, u32 i)
{
	const struct kdns_nsec3_link *l = &z->n3links[i];

	return !(z->nodes[i].flags & KDNS_NODE_OCCLUDED) && (l->match || l->wild);
}

/*
 * Node i's closest provable encloser: itself, or its parent's. The walk up
 * stops at the first name whose encloser is known, and sets it on every
 * name it passed: each name's is worked out once (names in a zone can be
 * 127 labels deep, a zone millions of names).
 */
static void n3_cpe(struct kdns_zone *z, u32 i)
{
	u32 path[128], n = 0, k = i, cpe;

	while (z->n3links[k].cpe == KDNS_NSEC3_BOGUS && !provable(z, k) && n < 128) {
		path[n++] = k;
		k = node_index(z, node_parent(z, &z->nodes[k]));
	}
	cpe = z->n3links[k].cpe == KDNS_NSEC3_BOGUS ? k : z->n3links[k].cpe;
	z->n3links[k].cpe = cpe;
	while (n)
		z->n3links[path[--n]].cpe = cpe;
}

/*
 * Per node: its NSEC3 (exactly its hash), its closest provable encloser
 * (itself or the nearest name above with an NSEC3 or data below: an
 * opted-out delegation, and a name above only such, prove nothing), and
 * for a provable name, the NSEC3 that covers its wildcard. A provable
 * name without its NSEC3 makes the chain incomplete: refused.
 */
static int n3_links(struct kdns_zone_builder *b, struct kdns_zone *z)
{
	struct kdns_nsec3_link *l = z->n3links;
	u8 label[B32_LEN], wild[KDNS_NAME_MAX];
	u32 i;
	bool match;

	for (i = 0; i < z->nnodes; i++) {
		const u8 *name = kdns_node_name(z, &z->nodes[i]);
		u32 c;

		if (stop_now())
			return kdns_zb_fail(b, KDNS_ZB_KILLED, NULL);
		if (z->nodes[i].flags & (KDNS_NODE_NSEC3 | KDNS_NODE_OCCLUDED))
			continue;
		n3_hash(z, name, label);
		c = n3_find(z, label, &match);
		if (match)
			l[i].match = z->chain[c] + 1;
		else if (l[i].wild)
			return kdns_zb_fail(b, KDNS_ZB_NSEC3_MISSING, name);
	}
	for (i = 0; i < z->nnodes; i++)
		l[i].cpe = KDNS_NSEC3_BOGUS;	/* not known yet */
	for (i = 0; i < z->nnodes; i++) {
		if (stop_now())
			return kdns_zb_fail(b, KDNS_ZB_KILLED, NULL);
		if (!(z->nodes[i].flags & KDNS_NODE_NSEC3))
			n3_cpe(z, i);
	}
	for (i = 0; i < z->nnodes; i++) {
		u32 c;

		if (stop_now())
			return kdns_zb_fail(b, KDNS_ZB_KILLED, NULL);
		if ((z->nodes[i].flags & KDNS_NODE_NSEC3) || l[i].cpe != i)
			continue;
		/* A wildcard of a name too long (Knot's answer: an error). */
		l[i].wild = KDNS_NSEC3_BOGUS;
		if (!kdns_name_wildcard(wild, kdns_node_name(z, &z->nodes[i])))
			continue;
		n3_hash(z, wild, label);
		c = z->chain[n3_find(z, label, &match)];
		l[i].wild = match ? KDNS_NSEC3_BOGUS : c;
	}
	return 0;
}

static int nsec3_build(struct kdns_zone_builder *b, struct kdns_zone *z,
		       const struct kdns_rrset *param)
{
	if (n3_chain(b, z, param))
		return -1;
	z->n3links = image_alloc(b, z, (size_t)z->nnodes * sizeof(*z->n3links));
	if (!z->n3links)
		return -1;
	n3_mark_provable(z);
	if (n3_links(b, z))
		return -1;
	z->denial = KDNS_DENIAL_NSEC3;
	return 0;
}

int kdns_zb_denial(struct kdns_zone_builder *b, struct kdns_zone *z)
{
	const struct kdns_rrset *param = kdns_node_rrset(z, z->apex_node, KDNS_T_NSEC3PARAM);

	if (param)
		return nsec3_build(b, z, param);
	if (kdns_node_rrset(z, z->apex_node, KDNS_T_NSEC))
		return nsec_build(b, z);
	return kdns_zb_fail(b, KDNS_ZB_NO_DENIAL, z->apex);
}
