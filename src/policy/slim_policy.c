/* See slim_policy.h. */
#include "slim_policy.h"

#include <sepol/policydb/avtab.h>
#include <sepol/policydb/hashtab.h>
#include <sepol/policydb/policydb.h>
#include <stdint.h>
#include <stdlib.h>

/* An empty table never hashes or compares a key, but hashtab_create wants
 * both functions. */
static unsigned int no_hash(hashtab_t table, const_hashtab_key_t key) {
  (void)table;
  (void)key;
  return 0;
}

static int no_compare(hashtab_t table, const_hashtab_key_t a, const_hashtab_key_t b) {
  (void)table;
  (void)a;
  (void)b;
  return 0;
}

static int keep_unless_type_rule(avtab_key_t *key, avtab_datum_t *datum, void *arg) {
  if ((key->specified & AVTAB_TYPE) != 0) return 0;
  return avtab_insert((avtab_t *)arg, key, datum);
}

static int count_type_rule(avtab_key_t *key, avtab_datum_t *datum, void *arg) {
  (void)datum;
  if ((key->specified & AVTAB_TYPE) != 0) ++*(size_t *)arg;
  return 0;
}

int avcsift_slim_policy_image(sepol_handle_t *handle, sepol_policydb_t *sdb, void **image,
                              size_t *length) {
  policydb_t *db = &sdb->p;
  avtab_t kept;
  hashtab_t no_filename_trans = hashtab_create(no_hash, no_compare, 1);
  hashtab_t no_range_tr = hashtab_create(no_hash, no_compare, 1);
  int rc = -1;
  *image = NULL;
  *length = 0;
  avtab_init(&kept);
  if (no_filename_trans != NULL && no_range_tr != NULL &&
      avtab_alloc(&kept, db->te_avtab.nel) == 0 &&
      avtab_map(&db->te_avtab, keep_unless_type_rule, &kept) == 0) {
    const avtab_t saved_avtab = db->te_avtab;
    const hashtab_t saved_filename_trans = db->filename_trans;
    const uint32_t saved_filename_trans_count = db->filename_trans_count;
    const hashtab_t saved_range_tr = db->range_tr;
    role_trans_t *const saved_role_tr = db->role_tr;
    db->te_avtab = kept;
    db->filename_trans = no_filename_trans;
    db->filename_trans_count = 0;
    db->range_tr = no_range_tr;
    db->role_tr = NULL;
    rc = sepol_policydb_to_image(handle, sdb, image, length) < 0 ? -1 : 0;
    db->role_tr = saved_role_tr;
    db->range_tr = saved_range_tr;
    db->filename_trans_count = saved_filename_trans_count;
    db->filename_trans = saved_filename_trans;
    db->te_avtab = saved_avtab;
  }
  avtab_destroy(&kept);
  if (no_range_tr != NULL) hashtab_destroy(no_range_tr);
  if (no_filename_trans != NULL) hashtab_destroy(no_filename_trans);
  if (rc != 0) {
    free(*image);
    *image = NULL;
    *length = 0;
  }
  return rc;
}

void avcsift_slim_policy_dropped(const sepol_policydb_t *sdb, struct avcsift_slim_dropped *out) {
  const policydb_t *db = &sdb->p;
  const role_trans_t *role;
  out->filename_transitions = db->filename_trans_count;
  out->type_rules = 0;
  avtab_map((avtab_t *)&db->te_avtab, count_type_rule, &out->type_rules);
  out->range_transitions = db->range_tr != NULL ? db->range_tr->nel : 0;
  out->role_transitions = 0;
  for (role = db->role_tr; role != NULL; role = role->next) out->role_transitions++;
}
