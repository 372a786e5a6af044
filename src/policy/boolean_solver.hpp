#pragma once
// Which boolean changes would let the TE rules allow an access.
//
// audit2why flips every boolean of the policy one at a time and recomputes
// the whole decision (291 recomputations on Debian's policy), so it never
// finds an access that needs two booleans together. We read the conditional
// rules that can grant the access instead: only the booleans in their
// expressions matter, so we try changing those, one at a time, then in pairs,
// then in threes, and keep every smallest set of changes that allows all the
// requested permissions (a change can also switch off an `else` rule, which is
// why every requested permission is checked, not only the denied ones).
#include <vector>

#include "avcsift/model/verdict.hpp"
#include "sepol.hpp"
#include "te_rules.hpp"

namespace avcsift::policy {

/// Most booleans changed together in one fix; larger fixes are not searched.
inline constexpr std::size_t kMaxBooleanChanges = 3;

/// Every smallest set of boolean changes after which the TE rules in `access`
/// allow all of `requested`, each sorted by name, the list sorted; empty when
/// no set of up to kMaxBooleanChanges booleans does it.
[[nodiscard]] std::vector<std::vector<BooleanSetting>> find_boolean_fixes(
    const policydb_t& db, const TeRules& te, const TeAccess& access,
    sepol_access_vector_t requested);

}  // namespace avcsift::policy
