#include "avcsift/aggregate/rule_set.hpp"

namespace avcsift {

void RuleSet::add(const Denial& denial, const Verdict& verdict) {
  if (denial.granted) {
    ++granted_;
    return;
  }
  ++denials_;
  const bool permissive = denial.permissive.value_or(false);
  if (permissive) ++permissive_;

  // Look up with views; build the owning key only for a new rule.
  const std::string detail = reason_detail(verdict);
  struct KeyView {
    std::string_view source_type, target_type, tclass;
    Reason reason;
    std::string_view reason_detail;
  } view{denial.source.type, denial.target.type, denial.tclass, verdict.reason, detail};
  auto it = rules_.find(view);
  const bool inserted = it == rules_.end();
  if (inserted) {
    it = rules_.emplace(RuleKey{denial.source.type, denial.target.type, denial.tclass, verdict.reason, detail},
                        Rule{}).first;
  }
  Rule& rule = it->second;
  if (inserted) {
    rule.key = it->first;
    rule.verdict = verdict;
    rule.first_seen = rule.last_seen = denial.stamp;
    rule.source_role = denial.source.role;
  }
  rule.permissions.insert(denial.permissions.begin(), denial.permissions.end());
  ++rule.count;
  if (permissive) ++rule.permissive_count;
  widen_span(rule.first_seen, rule.last_seen, denial.stamp);
  rule.paths.add(denial.path.empty() ? denial.name : denial.path);
  rule.commands.add(denial.comm);
  rule.executables.add(denial.exe);
  if (track_hosts_) rule.nodes.add(host_of(denial.node, local_host_), denial.stamp);
  if (!rule.port) rule.port = denial.port;
  if (denial.ioctl_command && rule.ioctl_commands.size() < kIoctlLimit) {
    rule.ioctl_commands.insert(*denial.ioctl_command);
  }
}

void RuleSet::add(const InvalidContext& report) {
  ++role_types_[RoleTypeKey{report.context.role, report.context.type}];
}

std::string reason_detail(const Verdict& verdict) {
  std::string detail;
  for (const auto& fix : verdict.boolean_fixes) {
    if (!detail.empty()) detail += '|';
    for (const auto& setting : fix) {
      detail += setting.name;
      detail += setting.value ? "=1," : "=0,";
    }
  }
  return detail;
}

}  // namespace avcsift
