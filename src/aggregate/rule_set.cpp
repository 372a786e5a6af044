#include "avcsift/aggregate/rule_set.hpp"

#include <tuple>

namespace avcsift {
namespace {

/// True when the denial of (stamp, host, verdict, role) comes before the one
/// `rule`'s first-denial fields were taken from (see Rule).
bool comes_first(const AuditStamp& stamp, std::string_view host, const Verdict& verdict, std::string_view role,
                 const Rule& rule) {
  if (stamp != rule.first_stamp) return stamp < rule.first_stamp;
  // Views on both sides: clang 14 with libstdc++ 12 cannot compare tuples of
  // std::string with tuples of std::string_view (see RuleKeyLess).
  const std::string_view first_host = rule.first_host;
  const std::string_view first_role = rule.source_role;
  return std::tie(host, verdict, role) < std::tie(first_host, rule.verdict, first_role);
}

/// The same for the denial a port comes from.
bool port_comes_first(const AuditStamp& stamp, std::string_view host, std::uint32_t port, const Rule& rule) {
  if (!rule.port) return true;
  if (stamp != rule.port_stamp) return stamp < rule.port_stamp;
  const std::string_view port_host = rule.port_host;
  return std::tie(host, port) < std::tie(port_host, *rule.port);
}

/// Keeps the kIoctlLimit smallest commands (an order-free choice).
void trim_ioctls(std::set<std::uint32_t>& commands) {
  while (commands.size() > kIoctlLimit) commands.erase(std::prev(commands.end()));
}

}  // namespace

void Rule::merge(const Rule& other) {
  permissions.insert(other.permissions.begin(), other.permissions.end());
  count += other.count;
  permissive_count += other.permissive_count;
  merge_span(first_seen, last_seen, other.first_seen, other.last_seen);
  paths.merge(other.paths);
  commands.merge(other.commands);
  executables.merge(other.executables);
  nodes.merge(other.nodes);
  ioctl_commands.insert(other.ioctl_commands.begin(), other.ioctl_commands.end());
  trim_ioctls(ioctl_commands);
  if (comes_first(other.first_stamp, other.first_host, other.verdict, other.source_role, *this)) {
    verdict = other.verdict;
    source_role = other.source_role;
    first_stamp = other.first_stamp;
    first_host = other.first_host;
  }
  if (other.port && port_comes_first(other.port_stamp, other.port_host, *other.port, *this)) {
    port = other.port;
    port_stamp = other.port_stamp;
    port_host = other.port_host;
  }
}

void RuleSet::merge(const Rule& rule) {
  auto [it, inserted] = rules_.try_emplace(rule.key, rule);
  if (!inserted) it->second.merge(rule);
}

void RuleSet::merge(const RuleSet& other) {
  for (const auto& [key, rule] : other.rules_) merge(rule);
  for (const auto& [key, count] : other.role_types_) add_role_type(key, count);
  add_totals(other.denials_, other.permissive_, other.granted_);
}

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
  const std::string_view host = track_hosts_ ? host_of(denial.node, local_host_) : std::string_view();
  if (inserted) {
    rule.key = it->first;
    rule.first_seen = rule.last_seen = denial.stamp;
  }
  if (inserted || comes_first(denial.stamp, host, verdict, denial.source.role, rule)) {
    rule.verdict = verdict;
    rule.source_role = denial.source.role;
    rule.first_stamp = denial.stamp;
    rule.first_host = host;
  }
  rule.permissions.insert(denial.permissions.begin(), denial.permissions.end());
  ++rule.count;
  if (permissive) ++rule.permissive_count;
  merge_span(rule.first_seen, rule.last_seen, denial.stamp, denial.stamp);
  rule.paths.add(denial.path.empty() ? denial.name : denial.path);
  rule.commands.add(denial.comm);
  rule.executables.add(denial.exe);
  if (track_hosts_) rule.nodes.add(host, denial.stamp);
  if (denial.port && port_comes_first(denial.stamp, host, *denial.port, rule)) {
    rule.port = denial.port;
    rule.port_stamp = denial.stamp;
    rule.port_host = host;
  }
  if (denial.ioctl_command) {
    rule.ioctl_commands.insert(*denial.ioctl_command);
    trim_ioctls(rule.ioctl_commands);
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
