#include "rbac_check.hpp"


namespace avcsift::policy {
namespace {

bool role_allowed(const policydb_t& db, std::uint32_t from, std::uint32_t to) {
  for (const role_allow_t* rule = db.role_allow; rule != nullptr; rule = rule->next) {
    if (rule->role == from && rule->new_role == to) return true;
  }
  return false;
}

}  // namespace

RbacFinding check_rbac(const policydb_t& db, const PolicyContext& source,
                       const PolicyContext& target, std::uint32_t tclass,
                       sepol_access_vector_t requested) {
  RbacFinding out;
  const sepol_access_vector_t transition = requested & db.process_trans_dyntrans;
  if (tclass == db.process_class && transition != 0 && source.role_known && target.role_known &&
      source.context.role != target.context.role &&
      !role_allowed(db, source.context.role, target.context.role)) {
    out.denied |= transition;
    out.causes.push_back("no role allow rule lets role " + source.role_name + " change to role " +
                         target.role_name);
  }
  return out;
}

std::vector<std::string> authorization_problems(const policydb_t& db, const PolicyContext& c) {
  // The kernel's context validity rules for users and roles (object_r may
  // hold any type and needs no user authorization).
  std::vector<std::string> problems;
  const std::uint32_t role = c.context.role;
  if (!c.role_known || role == OBJECT_R_VAL) return problems;
  if (c.type_known &&
      ebitmap_get_bit(&db.role_val_to_struct[role - 1]->types.types, c.context.type - 1) == 0) {
    problems.push_back("role " + c.role_name + " is not authorized for type " + c.type_name);
  }
  if (c.user_known &&
      ebitmap_get_bit(&db.user_val_to_struct[c.context.user - 1]->roles.roles, role - 1) == 0) {
    problems.push_back("user " + c.user_name + " is not authorized for role " + c.role_name);
  }
  return problems;
}

}  // namespace avcsift::policy
