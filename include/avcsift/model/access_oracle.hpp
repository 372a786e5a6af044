#pragma once
/// The narrow interface through which explain/ asks a policy about an access,
/// so explanations can be tested with a fake and policy/ stays swappable.
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/model/security_context.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift {

/// One access to judge: who, on what, which class, which permissions.
struct AccessQuery {
  SecurityContext source;
  SecurityContext target;
  std::string tclass;
  std::vector<std::string> permissions;  ///< sorted, unique
};

/// Something that can judge accesses, normally the binary policy (policy::Policy).
class AccessOracle {
 public:
  virtual ~AccessOracle() = default;
  /// The verdict for one access; never throws for names it does not know
  /// (that is Reason::NotInPolicy).
  [[nodiscard]] virtual Verdict judge(const AccessQuery& query) = 0;
  /// True when the verdict may depend on users, roles or levels of this class
  /// (the policy has constraints or MLS constraints on it), so a cache must
  /// key by full contexts rather than by types.
  [[nodiscard]] virtual bool depends_on_full_context(std::string_view tclass) const = 0;
  /// Why `context` could not exist under this policy (`user staff_u is not
  /// authorized for role system_r`), or empty when it is valid. A denial
  /// logged with such a context was logged under another policy; audit2why
  /// cannot even look at it.
  [[nodiscard]] virtual std::string context_problem(const SecurityContext& context) = 0;
  /// Where the policy came from, for report headers (`policy.33 (path)`).
  [[nodiscard]] virtual std::string description() const = 0;
};

}  // namespace avcsift
