#pragma once
// The one place where the C++ code of policy/ includes libsepol. These headers
// compile as C++ inside extern "C" (DESIGN.md); conditional.h does not (a
// struct field is named `bool`), so conditional rules are read by
// cond_rules.c behind cond_rules.h.
//
// We link libsepol statically: the shared library exports only the record
// API, not the policydb, avtab, ebitmap and sidtab functions used here (the
// same reason audit2why's Python module links libsepol.a).
extern "C" {
// policydb.h first: constraint.h and policydb.h include each other.
#include <sepol/policydb/policydb.h>
#include <sepol/debug.h>
#include <sepol/handle.h>
#include <sepol/policydb.h>
#include <sepol/policydb/avtab.h>
#include <sepol/policydb/constraint.h>
#include <sepol/policydb/context.h>
#include <sepol/policydb/ebitmap.h>
#include <sepol/policydb/hashtab.h>
#include <sepol/policydb/mls_types.h>
#include <sepol/policydb/services.h>
#include <sepol/policydb/sidtab.h>
#include <sepol/policydb/util.h>
}

#include <cstdint>
#include <string>
#include <string_view>

namespace avcsift::policy {

/// Looks `name` up in one of the policy's symbol tables; nullptr when absent.
/// libsepol wants a NUL-terminated key, hence the copy.
template <typename Datum>
[[nodiscard]] Datum* find_symbol(const symtab_t& table, std::string_view name) {
  const std::string key(name);
  return static_cast<Datum*>(hashtab_search(table.table, key.c_str()));
}

/// The value of a type, alias or attribute, 0 when `name` is none of them.
[[nodiscard]] inline std::uint32_t type_value(const policydb_t& db, std::string_view name) {
  const auto* type = find_symbol<type_datum_t>(db.p_types, name);
  return type == nullptr ? 0 : type->s.value;
}

/// True when value `type` (1-based) is an attribute rather than a type.
[[nodiscard]] inline bool is_attribute(const policydb_t& db, std::uint32_t type) {
  return db.type_val_to_struct[type - 1]->flavor == TYPE_ATTRIB;
}

}  // namespace avcsift::policy
