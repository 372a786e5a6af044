#pragma once
/// The words avcsift uses for a verdict, in the forms audit2allow and
/// audit2why print them, so scripts that read those tools read avcsift.
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "avcsift/model/verdict.hpp"

namespace avcsift::emit {

/// Looks up the description of a boolean (from the policy's policy.xml);
/// returns an empty string when unknown.
using BooleanDescriber = std::function<std::string(const std::string& name)>;

/// The comment lines (without the leading `#`) that audit2allow puts above a
/// rule with this verdict, e.g. `!!!! This avc is allowed in the current
/// policy`; empty for a missing TE rule or an unknown reason.
[[nodiscard]] std::vector<std::string> te_reason_comments(const Verdict& verdict);

/// The `Was caused by:` block audit2why prints under a denial, followed by
/// avcsift's extra detail (further causes, permissive domain).
void write_why_explanation(std::ostream& out, const Verdict& verdict,
                           const BooleanDescriber& describe_boolean);

/// `setsebool -P NAME 1` (several names joined with spaces for a combination).
[[nodiscard]] std::string setsebool_command(const std::vector<BooleanSetting>& settings);

}  // namespace avcsift::emit
