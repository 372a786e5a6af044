#ifndef AVCSIFT_POLICY_SLIM_POLICY_H
#define AVCSIFT_POLICY_SLIM_POLICY_H
/* A binary policy without what avcsift's judging never reads, written by
 * libsepol, for the policy cache (policy_cache.hpp).
 *
 * Reading Fedora's targeted policy spends a fifth of libsepol's time on its
 * 255,194 type transitions, most of them name-based (filename_trans_read_one),
 * and more on the type rules among the TE rules. Nothing in avcsift or in
 * libsepol's compute-av services reads them: judge() asks the allow, auditallow,
 * dontaudit and extended-permission rules (unconditional and conditional), the
 * constraints, role allow rules, typebounds, users, roles, levels and the
 * ocontexts; never type_transition, type_change, type_member, range_transition
 * or role_transition. The slim image leaves out
 *   - every filename (name-based) type transition,
 *   - the unconditional type_transition/type_change/type_member rules,
 *   - the range transitions and role transitions,
 * and keeps everything else as libsepol wrote it (conditional rules stay whole:
 * they are few, and their lists point into their table). The policydb is
 * changed only for the length of the call and is restored before it returns.
 *
 * Lives in C: policydb.h pulls in conditional.h, which C++ cannot parse. */
#include <stddef.h>

#include <sepol/handle.h>
#include <sepol/policydb.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the slim image of `db` (a kernel policy) into a malloc'd buffer
 * (*image, *length). Returns 0, or -1 when it cannot (out of memory, or
 * libsepol refused to write); *image is then NULL. */
int avcsift_slim_policy_image(sepol_handle_t *handle, sepol_policydb_t *db, void **image,
                              size_t *length);

/* Counts of what avcsift_slim_policy_image leaves out of `db`, for tests and
 * measurements. */
struct avcsift_slim_dropped {
  size_t filename_transitions;
  size_t type_rules;
  size_t range_transitions;
  size_t role_transitions;
};
void avcsift_slim_policy_dropped(const sepol_policydb_t *db, struct avcsift_slim_dropped *out);

#ifdef __cplusplus
}
#endif

#endif
