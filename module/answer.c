// SPDX-License-Identifier: GPL-2.0
/*
 * Answering a query from the loaded zones, as an authoritative server does
 * (RFC 1034 4.3.2), aiming to answer exactly as Knot DNS 3.2 answers. Part of
 * the answer engine: portable.h only, no allocation, bounded work per query.
 */
#include "answer.h"

#define KDNS_T_TSIG		250


enum found {
	FOUND_EXACT,
	FOUND_DELEG,		/* a zone cut at or above the name */
	FOUND_DNAME,		/* a DNAME above the name */
	FOUND_WILDCARD,		/* the name exists through a wildcard */
	FOUND_NX,		/* the name does not exist */
};

static const struct kdns_node *find_suffix(struct kdns_scratch *c, unsigned int k)
{
	return kdns_zone_find(c->z, c->lname + c->h.off[k], kdns_qname_hash(&c->h, k));
}

/*
 * Where does the current name lead in the zone? Most names that exist are
 * found by one probe of the whole name; others walk down from the apex, label
 * by label, to the first zone cut or DNAME or the closest encloser.
 */
static enum found lookup(struct kdns_scratch *c, const struct kdns_node **node)
{
	const struct kdns_zone *z = c->z;
	const struct kdns_node *n, *prev = z->apex_node;
	unsigned int below = c->h.labels - z->apex_labels;	/* labels under the apex */
	/* The synth buffer that does not hold the current name. */
	u8 *wild = c->synth[c->nsynth & 1];
	unsigned int k;

	n = find_suffix(c, 0);
	if (n && !(n->flags & KDNS_NODE_OCCLUDED)) {
		*node = n;
		/* DS is the parent side's data: answered at the cut (RFC 4035 3.1.4.1). */
		if ((n->flags & KDNS_NODE_DELEG) && c->qtype != KDNS_T_DS)
			return FOUND_DELEG;
		return FOUND_EXACT;
	}
	if (below && (prev->flags & KDNS_NODE_DNAME)) {
		*node = prev;
		return FOUND_DNAME;
	}
	for (k = below; k-- > 0;) {
		const struct kdns_node *m = k ? find_suffix(c, k) : n;

		if (!m)
			break;
		*node = m;
		if ((m->flags & KDNS_NODE_DELEG) && (k || c->qtype != KDNS_T_DS))
			return FOUND_DELEG;
		if ((m->flags & KDNS_NODE_DNAME) && k)
			return FOUND_DNAME;
		if (!k)
			return FOUND_EXACT;
		prev = m;
	}
	/* RFC 4592: the closest encloser's wildcard child, if it has one. */
	*node = prev;
	/* (The child exists: its name is not too long.) */
	if ((prev->flags & KDNS_NODE_WILDCARD) && kdns_name_wildcard(wild, kdns_node_name(z, prev))) {
		n = kdns_zone_find(z, wild, kdns_name_hash(wild));
		if (n) {
			*node = n;
			/*
			 * NS at a wildcard owner: no RFC says, Knot refers to
			 * it (the owner "*.", AA=0), as operators expect.
			 */
			if ((n->flags & KDNS_NODE_DELEG) && c->qtype != KDNS_T_DS)
				return FOUND_DELEG;
			return FOUND_WILDCARD;
		}
	}
	return FOUND_NX;
}

static void write_rdata(struct kdns_writer *w, u16 type, const u8 *rd, u16 len)
{
	/* RFC 3597 4: only RFC 1035's own types have names compressed. */
	switch (type) {
	case KDNS_T_NS:
	case KDNS_T_CNAME:
	case KDNS_T_PTR:
		kdns_write_name(w, rd, true);
		return;
	case KDNS_T_MX:
		kdns_write_bytes(w, rd, 2);
		kdns_write_name(w, rd + 2, true);
		return;
	case KDNS_T_SOA: {
		size_t m = kdns_name_len(rd), r = kdns_name_len(rd + m);

		kdns_write_name(w, rd, true);
		kdns_write_name(w, rd + m, true);
		kdns_write_bytes(w, rd + m + r, 20);
		return;
	}
	default:
		kdns_write_bytes(w, rd, len);
	}
}

/* The target name in a record of a type that asks for additional data. */
static const u8 *addl_target(u16 type, const u8 *rd)
{
	switch (type) {
	case KDNS_T_NS:
		return rd;
	case KDNS_T_MX:
		return rd + 2;
	case KDNS_T_SRV:
		return rd + 6;
	default:
		return NULL;
	}
}

/*
 * Write one record; returns false once the buffer is full. The owner is a
 * name, or (ptr, not 0) a compression pointer already made: 0xc000 | offset.
 */
static bool put_rr(struct kdns_scratch *c, const u8 *owner, u16 ptr,
		   u16 type, u32 ttl, const u8 *rd, u16 rdlen)
{
	struct kdns_writer *w = &c->w;
	u8 *f;
	size_t lenpos;

	if (!ptr)
		kdns_write_name(w, owner, true);
	/*
	 * The owner's pointer if any, TYPE, CLASS, TTL, RDLENGTH: written in
	 * place, no copy from the stack.
	 */
	f = kdns_write_room(w, ptr ? 12 : 10);
	if (!f)
		return false;
	if (ptr) {
		kdns_put16(f, ptr);
		f += 2;
	}
	kdns_put16(f, type);
	kdns_put16(f + 2, KDNS_CLASS_IN);
	kdns_put32(f + 4, ttl);
	kdns_put16(f + 8, rdlen);	/* changed below if names were compressed */
	lenpos = w->pos - 2;
	write_rdata(w, type, rd, rdlen);
	if (w->overflow)
		return false;
	kdns_put16(w->base + lenpos, w->pos - lenpos - 2);
	return true;
}

/*
 * Where the answer stands, to roll back an RRset or a record that did not
 * fit. No rollback takes back an RRset queued for its RRSIGs: each is
 * queued once written whole, and what rolls back is the RRset (or record)
 * in work.
 */
struct mark {
	size_t pos;
	unsigned int ncomp;
};

static struct mark mark(const struct kdns_scratch *c)
{
	return (struct mark){ .pos = c->w.pos, .ncomp = c->w.ncomp };
}

static void rollback(struct kdns_scratch *c, struct mark m)
{
	c->w.overflow = false;
	c->w.pos = m.pos;
	c->w.ncomp = m.ncomp;
}

/* An RRSIG's Original TTL, from its RDATA (RFC 4034 3.1.4): Knot sends it as the TTL. */
static u32 rrsig_ttl(const u8 *rd)
{
	return kdns_get32(rd + 4);
}

/* No limit on an RRSIG RRset's TTLs: each record's Original TTL. */
#define ORIGINAL_TTLS	0xffffffffU

/*
 * An RRSIG RRset, all or nothing; its owner ptr (two bytes) or, without,
 * the name owner. Each record's TTL is its Original TTL, as Knot sends
 * them, or with ttl_max (a negative answer's SOA's RRSIGs), one TTL for
 * all: the first's, at most ttl_max. Counted into *count.
 */
static bool put_sigs(struct kdns_scratch *c, const u8 *owner, u16 ptr,
		     const struct kdns_rrset *s, u32 ttl_max, u16 *count)
{
	const u8 *p = c->z->data + s->rdata;
	struct mark m = mark(c);
	u32 ttl = rrsig_ttl(p + 2);
	unsigned int j;

	if (ttl > ttl_max)
		ttl = ttl_max;
	for (j = 0; j < s->count; j++) {
		u16 len = kdns_get16(p);

		if (ttl_max == ORIGINAL_TTLS)
			ttl = rrsig_ttl(p + 2);
		if (!put_rr(c, owner, ptr, KDNS_T_RRSIG, ttl, p + 2, len)) {
			rollback(c, m);
			return false;
		}
		p += 2 + len;
	}
	*count += s->count;
	return true;
}

/*
 * The RRSIGs of the RRsets queued for the section that ends (Knot writes
 * them after all of its RRsets, in their order): each covered type's as one
 * RRset, all or nothing, its owner a pointer to where the covered RRset's
 * stands, each record's TTL its Original TTL (or, over a negative answer's
 * SOA, one TTL: the first's Original TTL, at most the SOA's MINIMUM).
 * False when one does not fit: the answer stops there.
 */
static bool sig_flush(struct kdns_scratch *c)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < c->nsigq && ok; i++) {
		const struct kdns_sigq *e = &c->sigq[i];
		const struct kdns_rrset *s = kdns_node_rrsig(c->z, e->n, e->type);

		if (s)
			ok = put_sigs(c, e->owner, e->ptr, s, e->ttl_max,
				      c->sigq_count);
	}
	c->nsigq = 0;
	return ok;
}

/*
 * The answer section ends (the authority section's first RRset follows):
 * its RRSIGs go first. False if they do not fit.
 */
static bool sig_section_end(struct kdns_scratch *c)
{
	return !c->nsigq || sig_flush(c);
}

/* An RRset went in (DO=1, a signed zone): its RRSIGs wait for the section's end. */
static void sig_queue(struct kdns_scratch *c, const struct kdns_node *n, u16 type,
		      const u8 *owner, u16 ptr, u16 *count)
{
	struct kdns_sigq *e;

	if (!ptr || type == KDNS_T_RRSIG || c->nsigq == KDNS_SIGQ_MAX)
		return;
	e = &c->sigq[c->nsigq++];
	e->n = n;
	e->type = type;
	e->owner = owner;
	/* The root is written as its one byte, never as a pointer (as Knot). */
	e->ptr = owner[0] ? ptr : 0;
	e->ttl_max = ORIGINAL_TTLS;
	c->sigq_count = count;
}

/*
 * Write an RRset with the given owner and TTL; counts into *count. One
 * that does not fit is not written at all (RFC 2181 9: no RRset is split):
 * the answer is as it was before, and false is returned.
 */
static bool put_rrset_ttl(struct kdns_scratch *c, const struct kdns_node *n, const u8 *owner,
			  const struct kdns_rrset *s, u32 ttl, u16 *count)
{
	const u8 *p = c->z->data + s->rdata;
	struct mark m;
	u16 count0 = *count;
	unsigned int naddl = c->naddl;
	u16 ptr = 0;
	unsigned int i;

	m = mark(c);

	/*
	 * The owner as a pointer wherever that needs no search: to the
	 * question for the question's name, else, after the first record,
	 * to where the first record's owner stands.
	 */
	if (owner == c->question)
		ptr = 0xc000 | KDNS_HDR_LEN;
	for (i = 0; i < s->count; i++) {
		u16 len = kdns_get16(p);
		const u8 *target = addl_target(s->type, p + 2);
		size_t start = c->w.pos;

		if (!put_rr(c, owner, ptr, s->type, ttl, p + 2, len)) {
			rollback(c, m);
			*count = count0;
			c->naddl = naddl;
			return false;
		}
		if (!ptr)
			ptr = (c->w.base[start] & 0xc0) == 0xc0 ? kdns_get16(c->w.base + start) :
								  0xc000 | start;
		(*count)++;
		if (target && c->naddl < KDNS_ADDL_MAX) {
			c->addl[c->naddl++] = target;
			c->addl_type = s->type;
		}
		p += 2 + len;
	}
	if (c->dnssec)
		sig_queue(c, n, s->type, owner, ptr, count);
	return true;
}

static bool put_rrset(struct kdns_scratch *c, const struct kdns_node *n, const u8 *owner,
		      const struct kdns_rrset *s, u16 *count)
{
	return put_rrset_ttl(c, n, owner, s, s->ttl, count);
}

/* RRSIGs answered (QTYPE RRSIG, ANY), under the current name. */
static bool put_answer_sigs(struct kdns_scratch *c, const struct kdns_rrset *s)
{
	return put_sigs(c, c->owner, c->owner == c->question ? 0xc000 | KDNS_HDR_LEN : 0, s,
			ORIGINAL_TTLS, &c->an);
}

/*
 * Every RRSIG at a node, whatever it covers, as one RRset: all or none.
 * Where the lowest type at a node is RRSIG, Knot answers ANY with them.
 */
static bool put_rrsigs(struct kdns_scratch *c, const struct kdns_node *n)
{
	const struct kdns_rrset *s = &c->z->rrsets[n->rrset];
	struct mark m = mark(c);
	u16 an = c->an;
	unsigned int k;

	for (k = 0; k < n->nrrsets && s[k].type == KDNS_T_RRSIG; k++) {
		if (!put_answer_sigs(c, &s[k])) {
			rollback(c, m);
			c->an = an;
			return false;
		}
	}
	return true;
}

/* RFC 2308 3: the SOA in authority, its TTL the lesser of its TTL and MINIMUM. */
static bool put_soa(struct kdns_scratch *c)
{
	const struct kdns_zone *z = c->z;
	const struct kdns_rrset *soa = kdns_node_rrset(z, z->apex_node, KDNS_T_SOA);
	u32 minimum = kdns_get32(z->data + soa->rdata + soa->len - 4);

	if (!put_rrset_ttl(c, z->apex_node, kdns_node_name(z, z->apex_node), soa,
			   soa->ttl < minimum ? soa->ttl : minimum, &c->ns))
		return false;
	/* Its RRSIGs' TTL no more than MINIMUM either, as Knot's. */
	if (c->nsigq && c->sigq[c->nsigq - 1].type == KDNS_T_SOA)
		c->sigq[c->nsigq - 1].ttl_max = minimum;
	return true;
}

/* A referral: the cut's NS in authority, glue in additional, AA=0 (first hop). */
static bool put_referral(struct kdns_scratch *c, const struct kdns_node *cut)
{
	c->cut = cut;
	if (!c->nvisited)
		c->aa = false;
	return put_rrset(c, cut, kdns_node_name(c->z, cut), kdns_node_rrset(c->z, cut, KDNS_T_NS),
			 &c->ns);
}

/* Make name (any case) the current name; false when it is outside the zone. */
static bool set_name(struct kdns_scratch *c, const u8 *name)
{
	size_t len = kdns_name_len(name);

	if (!c->renamed) {
		/* Made by the lookup already: kept for rate limiting. */
		c->qhash = kdns_qname_hash(&c->h, 0);
		c->renamed = true;
	}
	c->owner = name;
	memcpy(c->lname, name, len);
	kdns_name_lower(c->lname);
	kdns_qname_init(c->lname, &c->h);
	return kdns_name_in(c->lname, c->h.labels, c->z->apex, c->z->apex_labels);
}

/*
 * What the chain met: a node by its name (a CNAME's owner, the node that
 * answers), or a DNAME, by its RRset (not its node: a chain that comes
 * back to a DNAME's owner by the owner's name gets the owner's data, as
 * Knot's does).
 */
static bool seen(const struct kdns_scratch *c, const void *key)
{
	unsigned int i;

	for (i = 0; i < c->nvisited; i++)
		if (c->visited[i] == key)
			return true;
	return false;
}

/* Remember what the chain met; false if met already (a loop) or too many. */
static bool visit(struct kdns_scratch *c, const void *key)
{
	if (seen(c, key) || c->nvisited == KDNS_CHAIN_MAX)
		return false;
	c->visited[c->nvisited++] = key;
	return true;
}

/* Is a name's first label (the label at label) "*"? */
static bool star_label(const u8 *label)
{
	return label[0] == 1 && label[1] == '*';
}

/* A node owned by a wildcard ("*.x"), reached through it or by that name. */
static bool wild_owned(const struct kdns_scratch *c, const struct kdns_node *n)
{
	return star_label(kdns_node_name(c->z, n));
}

/*
 * RFC 6672 3.3: the DNAME s at d (unless the chain met it before: once in
 * an answer is enough), then a CNAME from the current name to the name
 * with the DNAME's owner replaced by its target. Returns false when done.
 */
static bool put_dname(struct kdns_scratch *c, const struct kdns_node *d,
		      const struct kdns_rrset *s, bool again, bool *ok)
{
	const u8 *rd = c->z->data + s->rdata;
	const u8 *target = rd + 2;
	u8 *synth = c->synth[c->nsynth & 1];
	size_t prefix = c->h.off[c->h.labels - d->labels];
	size_t tlen = kdns_name_len(target);
	struct mark m;

	if (!again && !put_rrset(c, d, kdns_node_name(c->z, d), s, &c->an)) {
		*ok = false;
		return false;
	}
	if (prefix + tlen > KDNS_NAME_MAX) {
		c->rcode = KDNS_RCODE_YXDOMAIN;
		return false;
	}
	/* The labels above the DNAME keep the case they had. */
	memcpy(synth, c->owner, prefix);
	memcpy(synth + prefix, target, tlen);
	m = mark(c);
	if (!put_rr(c, c->owner, 0, KDNS_T_CNAME, s->ttl, synth, prefix + tlen)) {
		rollback(c, m);
		*ok = false;
		return false;
	}
	c->an++;
	c->nsynth++;
	return set_name(c, synth);
}

/* How the answer section ended: what the authority section is to say. */
enum end {
	END_HIT,
	END_NODATA,		/* c->match has no RRset of the type */
	END_NXDOMAIN,		/* below c->closest, nothing */
	END_REFERRAL,		/* c->match is the zone cut */
	END_FULL,		/* what was to go in did not fit */
};

static enum end hit(bool ok)
{
	return ok ? END_HIT : END_FULL;
}

/*
 * A proof's NSEC or NSEC3 (the node's, if it has one) into authority,
 * unless the answer has it already (as Knot's). A proof that cannot be
 * made (n NULL: an NSEC3 matches what should not exist) makes the answer
 * an error, as Knot's: false, with c->bogus.
 */
static bool put_denial(struct kdns_scratch *c, const struct kdns_node *n)
{
	const struct kdns_rrset *s;
	unsigned int i;

	if (!n) {
		c->bogus = true;
		return false;
	}
	s = kdns_node_rrset(c->z, n, n->flags & KDNS_NODE_NSEC3 ? KDNS_T_NSEC3 : KDNS_T_NSEC);
	if (!s)
		return true;
	for (i = 0; i < c->ndenied; i++)
		if (c->denied[i] == s)
			return true;
	if (c->ndenied < KDNS_DENIED_MAX)
		c->denied[c->ndenied++] = s;
	return put_rrset(c, n, kdns_node_name(c->z, n), s, &c->ns);
}

static const struct kdns_nsec3_link *n3link(const struct kdns_scratch *c,
					    const struct kdns_node *n)
{
	return &c->z->n3links[n - c->z->nodes];
}

/* The NSEC3 node of a node's own hash, or NULL (none: nothing to add). */
static const struct kdns_node *n3match(const struct kdns_scratch *c, const struct kdns_node *n)
{
	u32 m = n3link(c, n)->match;

	return m ? &c->z->nodes[m - 1] : NULL;
}

/* The closest provable encloser of the current name, whose closest encloser is n. */
static const struct kdns_node *n3cpe(const struct kdns_scratch *c, const struct kdns_node *n)
{
	return &c->z->nodes[n3link(c, n)->cpe];
}

/*
 * The NSEC3 covering the next closer name (RFC 5155 7.2.1): the current
 * name cut to one label below its closest provable encloser; hashed here
 * (one SHA-1 chain per name to deny: NXDOMAIN's, and each wildcard's that
 * answered along a chain, as Knot hashes them). NULL when an NSEC3 matches
 * it.
 */
static const struct kdns_node *n3_next_closer(struct kdns_scratch *c,
					      const struct kdns_node *cpe)
{
	if (c->h.labels <= cpe->labels)
		return NULL;
	return kdns_nsec3_cover(c->z, c->lname + c->h.off[c->h.labels - cpe->labels - 1]);
}

/* The closest encloser of the current name, answered by the wildcard w: w's parent. */
static const struct kdns_node *wild_parent(struct kdns_scratch *c, const struct kdns_node *w)
{
	return find_suffix(c, c->h.labels - w->labels + 1);
}

/*
 * Did the wildcard n answer the current name, as Knot tells it: n is a
 * wildcard's and the name is not (a literal "*" query is answered by its
 * own node; Knot proves no expansion then).
 */
static bool wildcard_expanded(const struct kdns_scratch *c, const struct kdns_node *n)
{
	return wild_owned(c, n) && !star_label(c->lname);
}

/*
 * The current name was answered from a wildcard (RFC 4035 3.1.3.3, RFC
 * 5155 7.2.6): what proves its own name does not exist, kept for the
 * authority section: the NSEC covering it, or the NSEC3 covering its next
 * closer name.
 */
static void wildcard_proof(struct kdns_scratch *c, const struct kdns_node *w)
{
	const struct kdns_node *n;

	if (star_label(c->lname) || c->nwproof == KDNS_CHAIN_MAX)
		return;
	if (c->z->denial == KDNS_DENIAL_NSEC3)
		n = n3_next_closer(c, n3cpe(c, wild_parent(c, w)));
	else
		n = kdns_nsec_cover(c->z, c->lname);
	c->wproof[c->nwproof++] = n;
}

/*
 * A referral to a wildcard's NS (an NS at "*.x", which answered the name
 * below x, not met through a literal "*" label): the name it answered is
 * proved not to exist too, as a wildcard's answer is (as Knot).
 */
static void wild_referral(struct kdns_scratch *c, const struct kdns_node *cut)
{
	const u8 *label = c->lname + c->h.off[c->h.labels - cut->labels];

	c->wild_referral = wild_owned(c, cut) && !star_label(label);
	if (c->wild_referral)
		wildcard_proof(c, cut);
}

/*
 * NODATA at match (a referral without DS: the cut; expanded when match is
 * a wildcard that answered the name, whose parent is then the closest
 * encloser): with NSEC, match's NSEC, or for an empty non-terminal, the
 * one covering it; with NSEC3, match's NSEC3, then for a wildcard's or an
 * opted-out name, a closest encloser proof.
 */
static bool prove_nodata(struct kdns_scratch *c, const struct kdns_node *match,
			 bool expanded)
{
	const struct kdns_node *cpe;

	if (c->z->denial == KDNS_DENIAL_NSEC)
		return put_denial(c, match->nrrsets ? match : kdns_nsec_cover(c->z, c->lname));
	if (n3match(c, match) && !put_denial(c, n3match(c, match)))
		return false;
	/*
	 * A closest encloser proof for a name a wildcard answered, and where
	 * match is opted out (neither an NSEC3 nor data to prove below). As
	 * Knot's, a wildcard answered it when match is a wildcard's and the
	 * name is not (a referral to a wildcard's NS below a literal "*" too).
	 */
	if (!wildcard_expanded(c, match) && n3link(c, match)->cpe == (u32)(match - c->z->nodes))
		return true;
	/* The closest encloser: the wildcard's parent, or match (or below it). */
	cpe = n3cpe(c, expanded ? wild_parent(c, match) : match);
	if (n3match(c, cpe) && !put_denial(c, n3match(c, cpe)))
		return false;
	/* A wildcard's next closer name is its proof's: hashed once. */
	if (expanded && c->nwproof)
		return put_denial(c, c->wproof[c->nwproof - 1]);
	return put_denial(c, n3_next_closer(c, cpe));
}

/*
 * NXDOMAIN: with NSEC, the NSEC covering the name and the one covering the
 * closest encloser's wildcard (RFC 4035 3.1.3.2); with NSEC3, the closest
 * provable encloser's, the next closer name's cover, the cover of the
 * encloser's wildcard (RFC 5155 7.2.2).
 */
static bool prove_nxdomain(struct kdns_scratch *c)
{
	const struct kdns_node *cpe;
	u8 *wild = c->synth[c->nsynth & 1];
	u32 w;

	if (c->z->denial == KDNS_DENIAL_NSEC) {
		if (!put_denial(c, kdns_nsec_cover(c->z, c->lname)))
			return false;
		/* A wildcard too long to be (Knot's answer: an error). */
		if (!kdns_name_wildcard(wild, kdns_node_name(c->z, c->closest)))
			return put_denial(c, NULL);
		return put_denial(c, kdns_nsec_cover(c->z, wild));
	}
	cpe = n3cpe(c, c->closest);
	if (n3match(c, cpe) && !put_denial(c, n3match(c, cpe)))
		return false;
	if (!put_denial(c, n3_next_closer(c, cpe)))
		return false;
	w = n3link(c, cpe)->wild;
	return put_denial(c, w == KDNS_NSEC3_BOGUS ? NULL : &c->z->nodes[w]);
}

/*
 * DO=1 in a signed zone: what proves the answer, after the SOA or NS (as
 * Knot orders them): a referral's DS, or the proof that it has none; a
 * negative answer's denial; then each wildcard's proof; then the RRSIGs
 * still to write. Out of line: unsigned answers' code stays as it was.
 */
static noinline bool prove(struct kdns_scratch *c, enum end e)
{
	const struct kdns_rrset *s;
	bool ok = true;
	unsigned int i;

	switch (e) {
	case END_HIT:
		/* Wildcards' proofs start the authority section: the answer's RRSIGs first. */
		if (c->nwproof && !sig_section_end(c))
			return false;
		/*
		 * An NSEC answered (QTYPE NSEC, or ANY where it is the lowest
		 * type) is not repeated as a proof. c->match is the node
		 * answering, if the answer ended at one. As Knot's, whose
		 * test is the record's own data: not a wildcard's answered
		 * after a CNAME or DNAME (Knot copies those).
		 */
		s = c->match ? kdns_node_rrset(c->z, c->match, KDNS_T_NSEC) : NULL;
		if (s && (c->qtype == KDNS_T_NSEC ||
			  (c->qtype == KDNS_T_ANY && s == &c->z->rrsets[c->match->rrset])) &&
		    (!wild_owned(c, c->match) || c->owner == c->question))
			c->denied[c->ndenied++] = s;
		break;
	case END_REFERRAL:
		s = kdns_node_rrset(c->z, c->match, KDNS_T_DS);
		if (s)
			ok = put_rrset(c, c->match, kdns_node_name(c->z, c->match), s, &c->ns);
		else
			ok = prove_nodata(c, c->match, c->wild_referral);
		break;
	case END_NODATA:
		ok = prove_nodata(c, c->match, wildcard_expanded(c, c->match));
		break;
	case END_NXDOMAIN:
		ok = prove_nxdomain(c);
		break;
	default:
		break;
	}
	for (i = 0; ok && i < c->nwproof; i++)
		ok = put_denial(c, c->wproof[i]);
	/* The RRSIGs of the answer and authority sections' RRsets. */
	return ok && sig_section_end(c);
}

/*
 * The answer section: the chain of CNAMEs and DNAMEs from the question's
 * name, then what its last name has, or why it has nothing.
 */
static enum end resolve(struct kdns_scratch *c)
{
	for (;;) {
		const struct kdns_node *n;
		const struct kdns_rrset *s;
		bool ok = true, wild;

		switch (lookup(c, &n)) {
		case FOUND_DELEG:
			c->match = n;
			if (c->dnssec)
				wild_referral(c, n);
			return END_REFERRAL;
		case FOUND_NX:
			c->rcode = KDNS_RCODE_NXDOMAIN;
			c->closest = n;
			return END_NXDOMAIN;
		case FOUND_DNAME: {
			/* A DNAME met again synthesizes another name: no loop. */
			const struct kdns_rrset *dname = kdns_node_rrset(c->z, n, KDNS_T_DNAME);
			bool again = seen(c, dname);

			if (c->ncname == KDNS_CNAME_MAX || (!again && !visit(c, dname)))
				return END_HIT;
			if (!put_dname(c, n, dname, again, &ok))
				return hit(ok);
			c->ncname++;
			/*
			 * A CNAME was asked for: the synthesized one answers
			 * it. A DNAME owned by a wildcard (met through a
			 * literal "*") met again ends the chain after its
			 * CNAME, as a wildcard's CNAME does.
			 */
			if (c->qtype == KDNS_T_CNAME || (again && wild_owned(c, n)))
				return END_HIT;
			continue;
		}
		case FOUND_WILDCARD:
			if (!c->wildcard)
				c->wildcard = n;
			if (c->dnssec)
				wildcard_proof(c, n);
			break;
		case FOUND_EXACT:
			break;
		}
		/*
		 * A loop ends where a record would go into the answer twice. A
		 * wildcard, though, owns a record under each name it answers
		 * for: as Knot, its CNAME is written again when the chain comes
		 * back to it, and the chain ends there.
		 */
		wild = wild_owned(c, n);
		if (!wild && !visit(c, n))
			return END_HIT;
		/*
		 * A CNAME restarts the query at its target (RFC 1034 4.3.2 step
		 * 3a), unless the CNAME itself matches: QTYPE CNAME, or ANY
		 * (3.6.2), which Knot answers with the CNAME alone; and the
		 * DNSSEC records beside it, RRSIG and NSEC (RFC 4035 3.1.4.1's
		 * spirit), which Knot answers from the node itself.
		 */
		if ((n->flags & KDNS_NODE_CNAME) && c->qtype != KDNS_T_CNAME &&
		    c->qtype != KDNS_T_ANY && c->qtype != KDNS_T_RRSIG &&
		    c->qtype != KDNS_T_NSEC) {
			if (c->ncname++ == KDNS_CNAME_MAX)
				return END_HIT;
			s = kdns_node_rrset(c->z, n, KDNS_T_CNAME);
			if (!put_rrset(c, n, c->owner, s, &c->an))
				return END_FULL;
			if (wild && !visit(c, n))
				return END_HIT;
			/* In-zone targets are followed; others end the answer. */
			if (!set_name(c, c->z->data + s->rdata + 2))
				return END_HIT;
			continue;
		}
		if (c->qtype == KDNS_T_ANY) {
			/*
			 * RFC 8482: one RRset, the lowest type, not all of them;
			 * where that is RRSIG, Knot's RRSIG RRset is all of them.
			 */
			s = n->nrrsets ? &c->z->rrsets[n->rrset] : NULL;
			if (s && s->type == KDNS_T_RRSIG)
				return hit(put_rrsigs(c, n));
		} else {
			s = kdns_node_rrset(c->z, n, c->qtype);
		}
		c->match = n;
		if (!s)
			return END_NODATA;
		/* QTYPE RRSIG: those over the lowest type covered (as Knot). */
		if (s->type == KDNS_T_RRSIG)
			return hit(put_answer_sigs(c, s));
		return hit(put_rrset(c, n, c->owner, s, &c->an));
	}
}

/*
 * The authority section: a negative answer's SOA, a referral's NS, and
 * (DO=1, signed) what proves them, after the wildcard proofs. False when
 * it does not fit, or (c->bogus) when the zone cannot prove the answer.
 */
static bool authority(struct kdns_scratch *c, enum end e)
{
	switch (e) {
	case END_FULL:
		return false;
	case END_REFERRAL:
		if (!sig_section_end(c) || !put_referral(c, c->match))
			return false;
		break;
	case END_NXDOMAIN:
	case END_NODATA:
		if (!sig_section_end(c) || !put_soa(c))
			return false;
		break;
	case END_HIT:
		break;
	}
	return !c->dnssec || prove(c, e);
}

/*
 * The node whose A and AAAA a target of the additional section gets, or
 * NULL; *owner is the name to write them under. Leaves the target as the
 * current name.
 */
static const struct kdns_node *addl_node(struct kdns_scratch *c, const u8 *target,
					 const u8 **owner)
{
	const struct kdns_node *n;

	if (!set_name(c, target))
		return NULL;
	/* Glue too: an occluded name is found by its own node. */
	n = kdns_zone_find(c->z, c->lname, kdns_qname_hash(&c->h, 0));
	*owner = n ? kdns_node_name(c->z, n) : c->owner;
	/* A target that exists through a wildcard: its expansion, as Knot. */
	if (!n && lookup(c, &n) != FOUND_WILDCARD)
		return NULL;
	return n;
}

/*
 * Glue that a name server of the NS RRset needs (the current name): a name
 * at or below a zone cut, within the domain of the NS RRset's owner (the
 * referral's cut, or the apex). It goes before every other target, so that
 * sibling glue cannot crowd it out (RFC 9471 3), as Knot orders it.
 */
static bool glue_needed(const struct kdns_scratch *c, const struct kdns_node *n)
{
	if (c->addl_type != KDNS_T_NS || !(n->flags & (KDNS_NODE_DELEG | KDNS_NODE_OCCLUDED)))
		return false;
	return !c->cut || kdns_name_in(c->lname, c->h.labels,
				       kdns_node_name(c->z, c->cut), c->cut->labels);
}

_Static_assert(KDNS_ADDL_MAX <= 32, "one bit per target in put_additional");

/*
 * A and AAAA of in-zone targets: the glue name servers need first, then the
 * rest, each in the order of the records. A target whose A (or AAAA) does
 * not fit gets no more, and the next target is tried, as Knot does. Returns
 * false when glue of a referral that lies in the delegated domain was left
 * out: the referral is then incomplete, and RFC 9471 3 asks for TC=1.
 */
static bool put_additional(struct kdns_scratch *c)
{
	static const u16 types[] = { KDNS_T_A, KDNS_T_AAAA };
	/* Targets for the second pass: all of them but an NS RRset's. */
	u32 later = c->addl_type == KDNS_T_NS ? 0 : ~0u;
	unsigned int pass, i, t;
	bool complete = true;
	size_t failed_at = 0;

	/* The answer is complete: the current name's buffers are free. */
	for (pass = later ? 1 : 0; pass < 2; pass++) {
		for (i = 0; i < c->naddl; i++) {
			const struct kdns_node *n;
			const u8 *owner;
			bool needed;

			if (pass && !(later & (1u << i)))
				continue;
			n = addl_node(c, c->addl[i], &owner);
			if (!n)
				continue;
			needed = glue_needed(c, n);
			if (!pass && !needed) {
				later |= (1u << i);
				continue;
			}
			for (t = 0; t < 2; t++) {
				const struct kdns_rrset *s = kdns_node_rrset(c->z, n, types[t]);

				if (!s || put_rrset(c, n, owner, s, &c->ar))
					continue;
				/*
				 * It did not fit and was rolled back: as Knot,
				 * the target's other type is not tried, the
				 * next target is.
				 */
				failed_at = c->w.pos;
				if (needed && c->cut)
					complete = false;
				break;
			}
		}
	}
	/*
	 * DO=1: the section's RRSIGs where they fit, no TC; none if the last
	 * RRset tried did not fit (nothing was written after it): Knot's answer
	 * ends there.
	 */
	if (c->nsigq && failed_at != c->w.pos)
		sig_flush(c);
	return complete;
}

struct query {
	struct kdns_hdr h;
	size_t qend;		/* end of the question in the query */
	u16 qtype;
	u16 qclass;
	bool edns;
	u8 edns_version;
	u16 edns_flags;
	u16 payload;
	const u8 *cookie;	/* the first COOKIE option's data, or NULL */
	u16 cookie_len;
	bool nsid;		/* an NSID option asks for ours */
	bool chaos;		/* class CH, answered (ctx->ident->chaos) */
};

/*
 * Everything after the question: answer and authority records are skipped,
 * the additional section may hold one OPT; name[KDNS_NAME_MAX] takes each
 * record's owner. Returns the pass reason, or KDNS_PASS_NONE with *formerr
 * set when the query is malformed.
 */
static enum kdns_pass_reason parse_rest(struct kdns_cursor *cur, struct query *q,
					u8 *name, bool *formerr)
{
	unsigned int total = q->h.ancount + q->h.nscount + q->h.arcount, i;

	for (i = 0; i < total && !cur->err; i++) {
		bool additional = i >= q->h.ancount + q->h.nscount;
		const u8 *fixed, *rd;
		struct kdns_cursor opt;
		u16 type, rclass, rdlen;
		size_t nlen;
		u32 ttl;

		/* The root (an OPT's owner) needs no name read. */
		if (kdns_cursor_left(cur) && !cur->base[cur->pos]) {
			cur->pos++;
			nlen = 1;
		} else {
			nlen = kdns_read_name(cur, name, true);
		}
		/* TYPE, CLASS, TTL, RDLENGTH */
		fixed = kdns_read_bytes(cur, 10);
		if (!fixed)
			break;
		type = kdns_get16(fixed);
		rclass = kdns_get16(fixed + 2);
		ttl = kdns_get32(fixed + 4);
		rdlen = kdns_get16(fixed + 8);
		rd = kdns_read_bytes(cur, rdlen);
		if (!rd)
			break;
		if (type == KDNS_T_TSIG && additional)
			return KDNS_PASS_TSIG;
		if (type != KDNS_T_OPT)
			continue;
		/* RFC 6891 6.1.1: one OPT, in the additional section, owned by root. */
		if (!additional || q->edns || nlen != 1) {
			*formerr = true;
			return KDNS_PASS_NONE;
		}
		q->edns = true;
		q->payload = rclass;
		q->edns_version = ttl >> 16;
		q->edns_flags = ttl;
		kdns_cursor_init(&opt, rd, rdlen);
		while (kdns_cursor_left(&opt)) {
			u16 code = kdns_read_u16(&opt), len = kdns_read_u16(&opt);
			const u8 *data = kdns_read_bytes(&opt, len);

			/* RFC 7873 5.2: only the first COOKIE counts. */
			if (code == KDNS_EDNS_COOKIE && data && !q->cookie) {
				q->cookie = data;
				q->cookie_len = len;
			}
			if (code == KDNS_EDNS_NSID && data)
				q->nsid = true;
		}
		if (opt.err) {
			*formerr = true;
			return KDNS_PASS_NONE;
		}
	}
	if (cur->err || kdns_cursor_left(cur))
		*formerr = true;
	return KDNS_PASS_NONE;
}

/*
 * Start an answer: room for the header (finish() writes it) and the question
 * as it was asked.
 */
static void start(struct kdns_scratch *c, const u8 *query, const struct query *q)
{
	unsigned int k;

	/* The query's header holds the place of the answer's. */
	kdns_write_bytes(&c->w, query, q->qend);
	/* The question name is the first compression target, each suffix of it. */
	for (k = 0; k < c->h.labels; k++)
		kdns_writer_add_target(&c->w, KDNS_HDR_LEN + c->h.off[k],
				       kdns_suffix_len(c->h.off, c->h.labels, k));
}

static void finish(struct kdns_scratch *c, const struct query *q, size_t *outlen,
		   struct kdns_answer_info *info)
{
	struct kdns_hdr h = {
		.id = q->h.id,
		/* RD and CD are copied (RFC 1035 4.1.1, RFC 4035 3.2.2). */
		.flags = KDNS_FLAG_QR | (q->h.flags & (KDNS_FLAG_RD | KDNS_FLAG_CD)) |
			 (c->rcode & KDNS_RCODE_MASK),
		.qdcount = 1,
		.ancount = c->an,
		.nscount = c->ns,
	};

	if (c->aa)
		h.flags |= KDNS_FLAG_AA;
	if (info->truncated)
		h.flags |= KDNS_FLAG_TC;
	if (q->edns) {
		/* The room for it was kept back from the writer's capacity. */
		c->w.cap += KDNS_OPT_LEN + c->nopts;
		kdns_write_opt(&c->w, KDNS_EDNS_MAX_PAYLOAD, c->rcode,
			       q->edns_flags & KDNS_EDNS_DO_BIT, c->nopts);
		if (c->nsid)
			kdns_write_bytes(&c->w, c->nsid_opt, c->nsid);
		if (c->nopts > c->nsid) {
			/* COOKIE: copies of fixed sizes, no call. */
			u8 *o = kdns_write_room(&c->w, 4 + sizeof(c->cookie));

			if (o) {
				kdns_put16(o, KDNS_EDNS_COOKIE);
				kdns_put16(o + 2, sizeof(c->cookie));
				memcpy(o + 4, c->cookie, sizeof(c->cookie));
			}
		}
		c->ar++;
	}
	h.arcount = c->ar;
	kdns_put_hdr(c->w.base, &h);
	*outlen = c->w.pos;
	info->rcode = c->rcode;
	info->qend = q->qend;
	info->opt = q->edns ? c->w.pos - KDNS_OPT_LEN - c->nopts : 0;
}

/*
 * A COOKIE option in the query (RFC 7873 5.2), with cookies on: the answer's
 * COOKIE data into c->cookie, the client's cookie and a server cookie: the one it
 * sent if it is good, else a new one (a client cookie alone, or a server
 * cookie not ours or too old, is answered normally, with a new one). False
 * if the option is malformed (FORMERR).
 */
static bool cookie_reply(struct kdns_scratch *c, const struct query *q,
			 struct kdns_answer_info *info)
{
	const struct kdns_query_ctx *cl = c->ctx;
	size_t slen = q->cookie_len - KDNS_COOKIE_CLIENT;
	enum kdns_cookie_state st = KDNS_COOKIE_BAD;

	/* A client cookie, and a server cookie of 8 to 32 bytes or none. */
	if (q->cookie_len < KDNS_COOKIE_CLIENT || q->cookie_len > KDNS_COOKIE_MAX ||
	    (slen && slen < 8))
		return false;
	if (slen)
		st = kdns_cookie_check(cl->cookies, q->cookie, q->cookie + KDNS_COOKIE_CLIENT,
				       slen, cl->now, cl->addr, cl->v6);
	memcpy(c->cookie, q->cookie, KDNS_COOKIE_CLIENT);
	if (st == KDNS_COOKIE_GOOD)
		memcpy(c->cookie + KDNS_COOKIE_CLIENT, q->cookie + KDNS_COOKIE_CLIENT,
		       KDNS_COOKIE_SERVER);
	else
		kdns_cookie_make(cl->cookies->cur, q->cookie, cl->now, cl->addr, cl->v6,
				 c->cookie + KDNS_COOKIE_CLIENT);
	c->nopts += 4 + sizeof(c->cookie);
	info->cookie_seen = true;
	info->cookie_ok = st != KDNS_COOKIE_BAD;
	return true;
}

/*
 * The header and the question: what a query must be for kdns to look at it
 * at all. The lower-cased question name and its hashes go to c. Returns
 * KDNS_PASS_NONE, or why the query goes to the sockets.
 */
static enum kdns_pass_reason parse_question(struct kdns_cursor *cur, struct query *q,
					    struct kdns_scratch *c)
{
	kdns_read_hdr(cur, &q->h);
	if (cur->err)
		return KDNS_PASS_MALFORMED;
	if (q->h.flags & KDNS_FLAG_QR)
		return KDNS_PASS_RESPONSE;
	if (KDNS_OPCODE(q->h.flags) != 0)
		return KDNS_PASS_OPCODE;
	/* RFC 1035 4.1.2: the question's name never uses compression here. */
	if (!q->h.qdcount || !kdns_read_name_lower(cur, c->lname))
		return KDNS_PASS_MALFORMED;
	q->qtype = kdns_read_u16(cur);
	q->qclass = kdns_read_u16(cur);
	q->qend = cur->pos;
	if (cur->err)
		return KDNS_PASS_MALFORMED;
	q->chaos = q->qclass == KDNS_CLASS_CH && c->ctx && c->ctx->ident &&
		   c->ctx->ident->chaos;
	if (q->qclass != KDNS_CLASS_IN && !q->chaos)
		return KDNS_PASS_CLASS;
	kdns_qname_init(c->lname, &c->h);
	return KDNS_PASS_NONE;
}

/*
 * The closest enclosing zone, into c->z: the longest suffix of the question
 * name that is an apex. DS at an apex is the parent's data (RFC 4035
 * 3.1.4.1): the parent zone answers it when it is loaded too.
 */
static bool find_zone(const struct kdns_zoneset *zs, struct kdns_scratch *c, u16 qtype)
{
	unsigned int k;

	c->z = NULL;
	if (!zs)
		return false;
	for (k = 0; k <= c->h.labels; k++) {
		const u8 *suffix = c->lname + c->h.off[k];
		const struct kdns_zone *z;

		if (!kdns_zoneset_has_labels(zs, c->h.labels - k))
			continue;
		/* The only apex of this many labels: compared, no hash needed. */
		z = zs->only[c->h.labels - k];
		if (z) {
			if (z->apex_len != kdns_suffix_len(c->h.off, c->h.labels, k) ||
			    !kdns_bytes_equal(z->apex, suffix, z->apex_len))
				continue;
		} else {
			z = kdns_zoneset_get(zs, suffix, kdns_qname_hash(&c->h, k));
			if (!z)
				continue;
		}
		if (!c->z)
			c->z = z;
		if (k || qtype != KDNS_T_DS) {
			c->z = z;
			break;
		}
	}
	return c->z;
}

/*
 * Room for the answer (RFC 6891 6.2.5): the query's payload size, never
 * under 512 or over ours or outcap, less the OPT record's room.
 */
static size_t answer_room(const struct query *q, size_t outcap, size_t nopts)
{
	size_t cap = 512;

	if (q->edns)
		cap = q->payload < 512 ? 512 : q->payload > KDNS_EDNS_MAX_PAYLOAD ?
		      KDNS_EDNS_MAX_PAYLOAD : q->payload;
	if (cap > outcap)
		cap = outcap;
	return q->edns ? cap - KDNS_OPT_LEN - nopts : cap;
}

/*
 * A class CH query, as Knot answers them: TXT for id.server. and
 * hostname.bind. (the identity), version.server. and version.bind. (the
 * version), TTL 0, not authoritative; REFUSED for any other, or for a
 * string set empty (hidden).
 */
static void chaos(struct kdns_scratch *c)
{
	static const u8 names[4][16] = { "\2id\6server", "\10hostname\4bind",
					 "\7version\6server", "\7version\4bind" };
	const struct kdns_identity *id = c->ctx->ident;
	size_t len = kdns_name_len(c->lname);
	const u8 *txt = NULL;
	u8 txtlen = 0, rr[12 + 1];
	unsigned int i;

	c->aa = false;
	for (i = 0; i < 4 && c->qtype == KDNS_T_TXT; i++) {
		if (len != kdns_name_len(names[i]) || memcmp(c->lname, names[i], len))
			continue;
		txt = i < 2 ? id->id : id->version;
		txtlen = i < 2 ? id->id_len : id->version_len;
	}
	if (!txt || !txtlen) {
		c->rcode = KDNS_RCODE_REFUSED;
		return;
	}
	/* The question's name, TXT, CH, TTL 0, one string; it fits in 512. */
	kdns_put16(rr, 0xc000 | KDNS_HDR_LEN);
	kdns_put16(rr + 2, KDNS_T_TXT);
	kdns_put16(rr + 4, KDNS_CLASS_CH);
	kdns_put32(rr + 6, 0);
	kdns_put16(rr + 10, 1 + txtlen);
	rr[12] = txtlen;
	kdns_write_bytes(&c->w, rr, sizeof(rr));
	kdns_write_bytes(&c->w, txt, txtlen);
	c->an = 1;
}

/* The answer's sections after the question: an error, the data, or TC=1. */
static void fill(struct kdns_scratch *c, const struct query *q, bool formerr,
		 struct kdns_answer_info *info)
{
	if (formerr) {
		c->rcode = KDNS_RCODE_FORMERR;
		c->aa = false;
	} else if (q->edns && q->edns_version != 0) {
		c->rcode = KDNS_RCODE_BADVERS;	/* RFC 6891 6.1.3 */
		c->aa = false;
	} else if (q->chaos) {
		chaos(c);
	} else {
		if (authority(c, resolve(c))) {
			if (!put_additional(c))
				info->truncated = true;
		} else if (c->dnssec && c->bogus) {
			/*
			 * The zone cannot prove the answer: Knot's answer is an
			 * error, no records, no AA; an NXDOMAIN keeps its code.
			 * Back to the question: start() made one compression
			 * target a label of it, at most KDNS_COMP_MAX.
			 */
			unsigned int labels = kdns_name_labels(c->question);

			rollback(c, (struct mark){ .pos = q->qend,
						   .ncomp = labels < KDNS_COMP_MAX ? labels :
							    KDNS_COMP_MAX });
			c->an = c->ns = 0;
			c->aa = false;
			if (c->rcode != KDNS_RCODE_NXDOMAIN)
				c->rcode = KDNS_RCODE_SERVFAIL;
		} else {
			/*
			 * The answer does not fit: the RRsets that did stay (a
			 * CNAME chain's start, say), the one that did not was
			 * rolled back, and TC=1, as Knot answers; so with
			 * RRSIGs that do not fit.
			 */
			info->truncated = true;
		}
	}
}

enum kdns_verdict kdns_answer(const struct kdns_zoneset *zs, struct kdns_scratch *c,
			      const u8 *query, size_t qlen,
			      u8 *out, size_t outcap, size_t *outlen,
			      struct kdns_answer_info *info)
{
	struct kdns_cursor cur;
	struct query q = { .edns = false };
	bool formerr = false;

	memset(info, 0, sizeof(*info));
	kdns_cursor_init(&cur, query, qlen);
	/* Every answer fits in 512 bytes at least (RFC 1035 4.2.1). */
	if (outcap < 512)
		info->pass = KDNS_PASS_MALFORMED;
	if (!info->pass)
		info->pass = parse_question(&cur, &q, c);
	if (!info->pass && q.chaos)
		c->z = NULL;	/* no zone answers class CH */
	else if (!info->pass && !find_zone(zs, c, q.qtype))
		info->pass = KDNS_PASS_NO_ZONE;
	if (!info->pass && (q.qtype == KDNS_T_AXFR || q.qtype == KDNS_T_IXFR))
		info->pass = KDNS_PASS_QTYPE;
	/* Knot drops queries of more than one question: let the sockets decide. */
	if (!info->pass && q.h.qdcount != 1)
		info->pass = KDNS_PASS_MALFORMED;
	if (!info->pass)
		info->pass = parse_rest(&cur, &q, c->rrname, &formerr);
	if (info->pass)
		return KDNS_PASS;

	c->nopts = 0;
	c->nsid = 0;
	/* RFC 5001 2.3: an NSID option asks for ours, whatever it holds. */
	if (q.edns && q.nsid && c->ctx && c->ctx->ident && c->ctx->ident->nsid_len) {
		const struct kdns_identity *id = c->ctx->ident;

		kdns_put16(c->nsid_opt, KDNS_EDNS_NSID);
		kdns_put16(c->nsid_opt + 2, id->nsid_len);
		memcpy(c->nsid_opt + 4, id->nsid, id->nsid_len);
		c->nsid = 4 + id->nsid_len;
		c->nopts = c->nsid;
		info->opt_nsid = c->nopts;
	}
	/* A FORMERR goes without OPT, as Knot's: the query's OPT is not trusted. */
	if (formerr) {
		q.edns = false;
		c->nopts = c->nsid = 0;
	} else if (q.cookie && c->ctx && c->ctx->cookies && !cookie_reply(c, &q, info)) {
		/* A malformed COOKIE: the OPT was sound, Knot keeps one. */
		formerr = true;
		c->nopts = c->nsid = 0;
	}
	if (formerr)
		info->opt_nsid = 0;
	kdns_writer_init(&c->w, out, answer_room(&q, outcap, c->nopts));
	c->qtype = q.qtype;
	c->aa = true;
	c->an = c->ns = c->ar = 0;
	c->rcode = KDNS_RCODE_NOERROR;
	c->nvisited = 0;
	c->ncname = 0;
	c->nsynth = 0;
	c->naddl = 0;
	c->cut = NULL;
	c->wildcard = NULL;
	c->renamed = false;
	c->nsigq = 0;
	/*
	 * DNSSEC records with the answer: the zone is signed, DO=1 (as Knot;
	 * edns_flags is 0 without an OPT).
	 */
	c->dnssec = (q.edns_flags & KDNS_EDNS_DO_BIT) && c->z && c->z->dnssec && !formerr;
	if (c->dnssec) {
		c->ndenied = 0;
		c->nwproof = 0;
		c->bogus = false;
		c->match = NULL;
	}
	/* The question's name, as asked: it is uncompressed in the query. */
	c->question = query + KDNS_HDR_LEN;
	c->owner = c->question;
	start(c, query, &q);
	fill(c, &q, formerr, info);
	finish(c, &q, outlen, info);
	return KDNS_ANSWERED;
}

size_t kdns_answer_slip(u8 *out, size_t len, const struct kdns_answer_info *info)
{
	size_t n = info->qend, opt = info->opt, nsid = info->opt_nsid;
	/* What kdns_answer() wrote: an OPT after the question, if any, is the last. */
	bool has_opt = opt >= n && opt + KDNS_OPT_LEN + nsid <= len;

	kdns_put16(out + 2, kdns_get16(out + 2) | KDNS_FLAG_TC);
	kdns_put16(out + 6, 0);
	kdns_put16(out + 8, 0);
	kdns_put16(out + 10, has_opt);
	if (has_opt) {
		/* The OPT's fixed part, then its options but the NSID. */
		memmove(out + n, out + opt, KDNS_OPT_LEN);
		kdns_put16(out + n + 9, kdns_get16(out + n + 9) - nsid);
		memmove(out + n + KDNS_OPT_LEN, out + opt + KDNS_OPT_LEN + nsid,
			len - opt - KDNS_OPT_LEN - nsid);
		n += len - opt - nsid;
	}
	return n;
}

/*
 * The errors first, then large answers, then by what the lookup found; the
 * key's name is the question's, the zone's, the delegation's or the
 * wildcard's.
 */
void kdns_answer_rrl(struct kdns_scratch *c, const struct kdns_answer_info *info,
		     size_t len, struct kdns_rrl_answer *r)
{
	u32 qhash = c->renamed ? c->qhash : kdns_qname_hash(&c->h, 0);

	r->qtype = 0;
	r->name = 0;
	if (c->rcode == KDNS_RCODE_NXDOMAIN && c->z) {
		r->cls = KDNS_RRL_NXDOMAIN;
		r->name = c->z->apex_hash;
	} else if (c->rcode != KDNS_RCODE_NOERROR) {
		r->cls = KDNS_RRL_ERROR;
	} else if (info->truncated || len >= KDNS_RRL_LARGE_BYTES) {
		r->cls = KDNS_RRL_LARGE;
		r->name = qhash;
	} else if (c->wildcard) {
		r->cls = KDNS_RRL_WILDCARD;
		r->name = c->wildcard->hash;
	} else if (c->cut) {
		r->cls = KDNS_RRL_REFERRAL;
		r->name = c->cut->hash;
	} else if (!c->an && c->z) {
		r->cls = KDNS_RRL_NODATA;
		r->name = c->z->apex_hash;
	} else {
		r->cls = KDNS_RRL_POSITIVE;
		r->qtype = c->qtype;
		r->name = qhash;
	}
}
