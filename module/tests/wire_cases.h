/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cases for the wire reader, the table of the KUnit suite kdns_wire
 * (wire_kunit.c), which runs in the debug kernel and, through the KUnit shim
 * of tests/unit, on the host. Names are written with
 * 3-digit octal escapes (a hex escape would swallow the label's letters).
 */
#ifndef KDNS_WIRE_CASES_H
#define KDNS_WIRE_CASES_H

#include "../wire.h"

struct kdns_name_case {
	const char *desc;
	const u8 *msg;
	size_t len;
	size_t start;		/* where the name begins in msg */
	bool allow_ptr;
	enum kdns_wire_err err;
	const u8 *name;		/* expected name, when err is KDNS_WIRE_OK */
	size_t name_len;
	size_t end;		/* expected cursor position after the name */
};

#define KDNS_BYTES(s) (const u8 *)(s), sizeof(s) - 1

#define L63 "\077" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
/* 4 labels of 63 plus one of 61: 4 * 64 + 62 + 1 = 255 bytes. */
#define L61 "\075" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define L62 "\076" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define NAME255 L63 L63 L63 L61 ""
#define NAME256 L63 L63 L63 L62 ""

static const struct kdns_name_case kdns_name_cases[] = {
	{ "root", KDNS_BYTES("\000"), 0, false, KDNS_WIRE_OK,
	  KDNS_BYTES("\000"), 1 },
	{ "three_labels", KDNS_BYTES("\003www\007example\003com\000"), 0, false,
	  KDNS_WIRE_OK, KDNS_BYTES("\003www\007example\003com\000"), 17 },
	{ "case_kept", KDNS_BYTES("\003WwW\007ExAmPlE\000"), 0, false,
	  KDNS_WIRE_OK, KDNS_BYTES("\003WwW\007ExAmPlE\000"), 13 },
	{ "trailing_data_not_read", KDNS_BYTES("\001a\000\000\001\000\001"), 0, false,
	  KDNS_WIRE_OK, KDNS_BYTES("\001a\000"), 3 },
	{ "label_63", KDNS_BYTES(L63 "\000"), 0, false, KDNS_WIRE_OK,
	  KDNS_BYTES(L63 "\000"), 65 },
	{ "label_64_is_type_01", KDNS_BYTES("\100" L63 "a\000"), 0, false,
	  KDNS_WIRE_LABEL_TYPE },
	{ "label_type_10", KDNS_BYTES("\200abc\000"), 0, true, KDNS_WIRE_LABEL_TYPE },
	{ "name_255", KDNS_BYTES(NAME255 "\000"), 0, false, KDNS_WIRE_OK,
	  KDNS_BYTES(NAME255 "\000"), 255 },
	{ "name_256", KDNS_BYTES(NAME256 "\000"), 0, false, KDNS_WIRE_NAME_LONG },
	{ "empty", KDNS_BYTES(""), 0, false, KDNS_WIRE_SHORT },
	{ "truncated_label", KDNS_BYTES("\005abc"), 0, false, KDNS_WIRE_SHORT },
	{ "no_root_label", KDNS_BYTES("\003com"), 0, false, KDNS_WIRE_SHORT },
	{ "pointer_refused", KDNS_BYTES("\003com\000\001a\300\000"), 5, false,
	  KDNS_WIRE_PTR },
	{ "pointer_backwards", KDNS_BYTES("\003com\000\007example\300\000"), 5, true,
	  KDNS_WIRE_OK, KDNS_BYTES("\007example\003com\000"), 15 },
	{ "pointer_chain", KDNS_BYTES("\003com\000\001b\300\000\001a\300\005"), 9, true,
	  KDNS_WIRE_OK, KDNS_BYTES("\001a\001b\003com\000"), 13 },
	{ "pointer_to_itself", KDNS_BYTES("\300\000"), 0, true, KDNS_WIRE_PTR_BAD },
	{ "pointer_forwards", KDNS_BYTES("\300\002\001a\000"), 0, true,
	  KDNS_WIRE_PTR_BAD },
	{ "pointer_loop", KDNS_BYTES("\001a\300\004\001b\300\000"), 4, true,
	  KDNS_WIRE_PTR_BAD },
	{ "pointer_into_own_name", KDNS_BYTES("\001a\001b\300\002"), 0, true,
	  KDNS_WIRE_PTR_BAD },
	{ "pointer_truncated", KDNS_BYTES("\001a\300"), 0, true, KDNS_WIRE_SHORT },
	{ "pointer_past_end", KDNS_BYTES("\001a\000\300\050"), 3, true,
	  KDNS_WIRE_PTR_BAD },
	{ "pointed_name_too_long", KDNS_BYTES(NAME255 "\000" "\001a\300\000"),
	  255, true, KDNS_WIRE_NAME_LONG },
};

#endif /* KDNS_WIRE_CASES_H */
