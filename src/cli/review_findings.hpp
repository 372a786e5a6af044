#pragma once
// The review that `report`, `allow` (with the application named or --fail-on)
// and `watch` make of the same rules, written once.
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/explain/finding_builder.hpp"

namespace avcsift::policy { class Policy; }

namespace avcsift::cli {

/// One finding per source, target and class of `rules`, plus the hidden
/// failures: flagged for `scope`, advised with what `policy` (null: none)
/// and `file_labels` (null: none) tell, with a finding per kind of
/// SELINUX_ERR report in `errors` (null: none), boolean fixes described from
/// `descriptions` (null: by name only). See explain::build_findings.
[[nodiscard]] std::vector<explain::Finding> build_review_findings(const RuleSet& rules,
                                                                  const explain::HiddenFailureTally& hidden,
                                                                  const explain::AppScope& scope,
                                                                  policy::Policy* policy,
                                                                  const explain::FileLabels* file_labels = nullptr,
                                                                  const explain::SelinuxErrorTally* errors = nullptr,
                                                                  const explain::BooleanDescriptions* descriptions = nullptr);

}  // namespace avcsift::cli
