#ifndef AVCSIFT_POLICY_COND_RULES_H
#define AVCSIFT_POLICY_COND_RULES_H
/* The conditional (booleanif) rules of a kernel policy, for C++ code that
 * cannot include <sepol/policydb/conditional.h> (a struct field there is
 * named `bool`). A narrow read-only walk: each conditional node's expression
 * and current state, then each rule in its true and false lists. */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct policydb;

/* Operators of a conditional expression in reverse Polish notation; the
 * values equal libsepol's COND_* (checked in cond_rules.c). */
enum avcsift_cond_op {
  AVCSIFT_COND_BOOL = 1, /* push boolean `bool_value` */
  AVCSIFT_COND_NOT = 2,
  AVCSIFT_COND_OR = 3,
  AVCSIFT_COND_AND = 4,
  AVCSIFT_COND_XOR = 5,
  AVCSIFT_COND_EQ = 6,
  AVCSIFT_COND_NEQ = 7
};

/* One term of an expression: an operator, or a boolean (1-based value). */
struct avcsift_cond_term {
  uint32_t op;
  uint32_t bool_value;
};

/* One access-vector rule of a conditional node's true or false list. */
struct avcsift_cond_rule {
  uint32_t source_type; /* type or attribute value, 1-based */
  uint32_t target_type;
  uint32_t tclass;
  uint32_t specified; /* AVTAB_ALLOWED, AVTAB_AUDITDENY, ... without AVTAB_ENABLED */
  uint32_t perms;     /* the rule's access vector (xperms rules: 0) */
};

/* Callbacks of avcsift_cond_walk; a nonzero return stops the walk. */
struct avcsift_cond_visitor {
  void *arg;
  /* A conditional node, in policy order: its expression and whether it is
   * true under the policy's current boolean values. */
  int (*node)(void *arg, const struct avcsift_cond_term *terms, size_t count, int current_state);
  /* A rule of the node last reported: in its true list (`if`) or false list (`else`). */
  int (*rule)(void *arg, int in_true_list, const struct avcsift_cond_rule *rule);
};

/* Walks every conditional node of a kernel policydb. Returns 0, -1 when out
 * of memory, or the first nonzero callback result. */
int avcsift_cond_walk(const struct policydb *db, const struct avcsift_cond_visitor *visitor);

/* What the type enforcement rules alone decide for (source type, target
 * type, class), all values 1-based, under the current boolean values: the
 * allowed and audit-deny vectors as libsepol computes them before it looks
 * at constraints. Returns 0, or -1 for a value out of range. */
int avcsift_te_decision(const struct policydb *db, uint32_t source_type, uint32_t target_type,
                        uint32_t tclass, uint32_t *allowed, uint32_t *auditdeny);

/* avcsift_te_decision with the attributes of the source and target types
 * (type_attr_map's bits as 1-based values, the type itself included) given
 * as arrays. Same answer: the rules of each (source key, target key) pair
 * are combined by OR (allowed) and AND (auditdeny), which ignore order; but
 * walking a prepared array costs a few instructions per pair, where
 * libsepol's ebitmap iteration costs hundreds on Fedora's sparse maps.
 * Returns 0, or -1 for a class out of range. */
int avcsift_te_decision_keys(const struct policydb *db, const uint32_t *source_keys,
                             size_t source_count, const uint32_t *target_keys, size_t target_count,
                             uint32_t tclass, uint32_t *allowed, uint32_t *auditdeny);

#ifdef __cplusplus
}
#endif

#endif /* AVCSIFT_POLICY_COND_RULES_H */
