#include "review_findings.hpp"

#include <optional>

#include "avcsift/policy/policy.hpp"
#include "cli_policy_facts.hpp"

namespace avcsift::cli {

std::vector<explain::Finding> build_review_findings(const RuleSet& rules, const explain::HiddenFailureTally& hidden,
                                                    const explain::AppScope& scope, policy::Policy* policy,
                                                    const explain::FileLabels* file_labels,
                                                    const explain::SelinuxErrorTally* errors,
                                                    const explain::BooleanDescriptions* descriptions) {
  std::optional<CliPolicyFacts> facts;
  if (policy != nullptr) facts.emplace(*policy);
  const explain::BuildContext context{scope, policy, facts ? &*facts : nullptr, file_labels, descriptions};
  return explain::build_findings(rules, hidden, context, errors);
}

}  // namespace avcsift::cli
