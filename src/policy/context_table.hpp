#pragma once
// Security contexts from a log, mapped onto a policy's values and SIDs.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "avcsift/model/security_context.hpp"
#include "sepol.hpp"

namespace avcsift::policy {

/// A log context resolved against the policy. Unknown parts get harmless
/// stand-ins (the first user, object_r, the lowest level) so libsepol can
/// still compute the TE decision; the *_known flags say which parts are real.
struct PolicyContext {
  PolicyContext() { context_init(&context); }
  ~PolicyContext() { context_destroy(&context); }
  PolicyContext(const PolicyContext&) = delete;
  PolicyContext& operator=(const PolicyContext&) = delete;

  context_struct_t context;        ///< owned; stand-ins where unknown
  sepol_security_id_t sid = 0;     ///< 0 when the type is unknown
  bool type_known = false;
  bool user_known = false;
  bool role_known = false;
  bool level_known = false;        ///< true as well when the policy has no MLS
  std::string type_name;           ///< as the log spells it
  std::string user_name;
  std::string role_name;
  std::string low_level;           ///< level text as logged, for causes
  std::string high_level;
  std::vector<std::string> undefined;  ///< `user X`, `role X`, `sensitivity X`, ...; not the type

  /// User, role and level are all defined in the policy.
  [[nodiscard]] bool complete() const { return user_known && role_known && level_known; }
};

/// Resolves contexts once each and hands them to libsepol's SID table.
/// Memory grows with the number of distinct contexts, not of log lines.
class ContextTable {
 public:
  ContextTable(policydb_t& db, sidtab_t& sidtab) : db_(db), sidtab_(sidtab) {}

  /// The resolved form of `context`, cached by its text; the reference stays
  /// valid for the table's lifetime.
  [[nodiscard]] const PolicyContext& resolve(const SecurityContext& context);
  /// The SID of context `sid` (whose structure is `context`) with its type
  /// replaced by `type`: a typebounds parent judged in the child's place.
  [[nodiscard]] sepol_security_id_t with_type(sepol_security_id_t sid,
                                              const context_struct_t& context,
                                              std::uint32_t type);

 private:
  void resolve_level(const std::string& text, PolicyContext& out) const;
  [[nodiscard]] bool parse_level(std::string_view text, mls_level_t& level,
                                 std::vector<std::string>& undefined) const;

  policydb_t& db_;
  sidtab_t& sidtab_;
  std::unordered_map<std::string, std::unique_ptr<PolicyContext>> cache_;
  std::unordered_map<std::uint64_t, sepol_security_id_t> retyped_;  // sid << 32 | type
};

}  // namespace avcsift::policy
