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
