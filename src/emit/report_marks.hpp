#pragma once
// The words the text and HTML reports use for --baseline and --ignore marks,
// written once so both say the same (plain text: escape it for HTML).
#include <set>
#include <string>

#include "avcsift/explain/baseline.hpp"
#include "avcsift/explain/ignore_list.hpp"

namespace avcsift::emit {

/// `seen (7 times in the baseline)`, `new`, or `new: write not in the baseline (seen 3 times)`.
[[nodiscard]] std::string baseline_phrase(const explain::BaselineMark& mark);

/// `partly accepted by FILE:LINE (reason); not accepted: write` for a partial ignore match.
[[nodiscard]] std::string partial_ignore_phrase(const explain::IgnoreMatch& match);

/// `FILE:LINE: reason; FILE:LINE: reason` for the rules that ignored a finding.
[[nodiscard]] std::string ignore_rules_phrase(const std::vector<explain::IgnoreRule>& rules);

/// `source target:class { perms }` (log-free: types and classes are identifiers).
[[nodiscard]] std::string access_phrase(const std::string& source, const std::string& target,
                                        const std::string& tclass, const std::set<std::string>& permissions);

}  // namespace avcsift::emit
