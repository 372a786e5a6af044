/* See cond_rules.h: this is the only file of avcsift that includes
 * <sepol/policydb/conditional.h>, which C++ cannot parse. */
#include "cond_rules.h"

#include <sepol/policydb/avtab.h>
#include <sepol/policydb/conditional.h>
#include <sepol/policydb/policydb.h>
#include <stdlib.h>

_Static_assert(AVCSIFT_COND_BOOL == COND_BOOL && AVCSIFT_COND_NOT == COND_NOT &&
                   AVCSIFT_COND_OR == COND_OR && AVCSIFT_COND_AND == COND_AND &&
                   AVCSIFT_COND_XOR == COND_XOR && AVCSIFT_COND_EQ == COND_EQ &&
                   AVCSIFT_COND_NEQ == COND_NEQ,
               "avcsift_cond_op must mirror libsepol's COND_*");

static int walk_list(const cond_av_list_t *list, int in_true_list,
                     const struct avcsift_cond_visitor *visitor) {
  for (; list != NULL; list = list->next) {
    const struct avtab_node *node = list->node;
    struct avcsift_cond_rule rule;
    int rc;
    rule.source_type = node->key.source_type;
    rule.target_type = node->key.target_type;
    rule.tclass = node->key.target_class;
    rule.specified = node->key.specified & (uint32_t)~(AVTAB_ENABLED | AVTAB_ENABLED_OLD);
    rule.perms = (rule.specified & AVTAB_XPERMS) ? 0 : node->datum.data;
    rc = visitor->rule(visitor->arg, in_true_list, &rule);
    if (rc != 0) return rc;
  }
  return 0;
}

int avcsift_cond_walk(const struct policydb *db, const struct avcsift_cond_visitor *visitor) {
  const cond_node_t *node;
  for (node = db->cond_list; node != NULL; node = node->next) {
    const cond_expr_t *expr;
    struct avcsift_cond_term *terms;
    size_t count = 0;
    size_t i = 0;
    int rc;
    for (expr = node->expr; expr != NULL; expr = expr->next) count++;
    terms = calloc(count == 0 ? 1 : count, sizeof *terms);
    if (terms == NULL) return -1;
    for (expr = node->expr; expr != NULL; expr = expr->next, i++) {
      terms[i].op = expr->expr_type;
      terms[i].bool_value = expr->bool;
    }
    rc = visitor->node(visitor->arg, terms, count, node->cur_state);
    free(terms);
    if (rc == 0) rc = walk_list(node->true_list, 1, visitor);
    if (rc == 0) rc = walk_list(node->false_list, 0, visitor);
    if (rc != 0) return rc;
  }
  return 0;
}

int avcsift_te_decision(const struct policydb *db, uint32_t source_type, uint32_t target_type,
                        uint32_t tclass, uint32_t *allowed, uint32_t *auditdeny) {
  /* The type enforcement part of libsepol's context_struct_compute_av
   * (services.c), step for step, through libsepol's own lookups. */
  struct policydb *pdb = (struct policydb *)db; /* libsepol's API is not const-correct */
  struct sepol_av_decision avd;
  avtab_key_t key;
  ebitmap_t *sattr, *tattr;
  ebitmap_node_t *snode, *tnode;
  unsigned int i, j;
  avtab_ptr_t node;

  if (source_type == 0 || source_type > pdb->p_types.nprim || target_type == 0 ||
      target_type > pdb->p_types.nprim || tclass == 0 || tclass > pdb->p_classes.nprim) {
    return -1;
  }
  avd.allowed = 0;
  avd.decided = 0xffffffff;
  avd.auditallow = 0;
  avd.auditdeny = 0xffffffff;
  avd.seqno = 0;
  key.target_class = (uint16_t)tclass;
  key.specified = AVTAB_AV;
  sattr = &pdb->type_attr_map[source_type - 1];
  tattr = &pdb->type_attr_map[target_type - 1];
  ebitmap_for_each_positive_bit(sattr, snode, i) {
    ebitmap_for_each_positive_bit(tattr, tnode, j) {
      key.source_type = (uint16_t)(i + 1);
      key.target_type = (uint16_t)(j + 1);
      for (node = avtab_search_node(&pdb->te_avtab, &key); node != NULL;
           node = avtab_search_node_next(node, key.specified)) {
        if (node->key.specified == AVTAB_ALLOWED)
          avd.allowed |= node->datum.data;
        else if (node->key.specified == AVTAB_AUDITALLOW)
          avd.auditallow |= node->datum.data;
        else if (node->key.specified == AVTAB_AUDITDENY)
          avd.auditdeny &= node->datum.data;
      }
      cond_compute_av(&pdb->te_cond_avtab, &key, &avd);
    }
  }
  *allowed = avd.allowed;
  *auditdeny = avd.auditdeny;
  return 0;
}

int avcsift_te_decision_keys(const struct policydb *db, const uint32_t *source_keys,
                             size_t source_count, const uint32_t *target_keys, size_t target_count,
                             uint32_t tclass, uint32_t *allowed, uint32_t *auditdeny) {
  /* avcsift_te_decision's loop body, over the prepared key arrays. */
  struct policydb *pdb = (struct policydb *)db; /* libsepol's API is not const-correct */
  struct sepol_av_decision avd;
  avtab_key_t key;
  avtab_ptr_t node;
  size_t i, j;

  if (tclass == 0 || tclass > pdb->p_classes.nprim) return -1;
  avd.allowed = 0;
  avd.decided = 0xffffffff;
  avd.auditallow = 0;
  avd.auditdeny = 0xffffffff;
  avd.seqno = 0;
  key.target_class = (uint16_t)tclass;
  key.specified = AVTAB_AV;
  for (i = 0; i < source_count; i++) {
    key.source_type = (uint16_t)source_keys[i];
    for (j = 0; j < target_count; j++) {
      key.target_type = (uint16_t)target_keys[j];
      for (node = avtab_search_node(&pdb->te_avtab, &key); node != NULL;
           node = avtab_search_node_next(node, key.specified)) {
        if (node->key.specified == AVTAB_ALLOWED)
          avd.allowed |= node->datum.data;
        else if (node->key.specified == AVTAB_AUDITALLOW)
          avd.auditallow |= node->datum.data;
        else if (node->key.specified == AVTAB_AUDITDENY)
          avd.auditdeny &= node->datum.data;
      }
      cond_compute_av(&pdb->te_cond_avtab, &key, &avd);
    }
  }
  *allowed = avd.allowed;
  *auditdeny = avd.auditdeny;
  return 0;
}
