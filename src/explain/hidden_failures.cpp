#include "avcsift/explain/hidden_failures.hpp"

namespace avcsift::explain {

bool is_permission_error(const std::string& exit) {
  // Raw logs say `-13`/`-1`; `ausearch -i` says `EACCES(Permission denied)`.
  return exit == "-13" || exit == "-1" || exit.starts_with("EACCES") || exit.starts_with("EPERM");
}

void HiddenFailureTally::add(const AuditEvent& event) {
  // A SELINUX_ERR report (a refused transition, an invalid context) is what
  // made the call fail: it was not hidden.
  if (!event.denials.empty() || !event.invalid_contexts.empty() || !event.selinux_errors.empty() ||
      !event.syscall) {
    return;
  }
  const SyscallInfo& call = *event.syscall;
  if (call.success.value_or(true) || !is_permission_error(call.exit)) return;
  ++count_;
  auto [it, inserted] = entries_.try_emplace({call.exe, call.comm, call.exit});
  Entry& entry = it->second;
  if (inserted) entry.first_seen = entry.last_seen = event.stamp;
  widen_span(entry.first_seen, entry.last_seen, event.stamp);
  ++entry.count;
  entry.nodes.add(host_of(event.node, local_host_), event.stamp);
  for (const auto& path : event.paths) {
    entry.paths.add(path.starts_with('/') || event.cwd.empty() ? path : event.cwd + '/' + path);
  }
}

void HiddenFailureTally::merge(const Key& key, const Entry& other) {
  count_ += other.count;
  auto [it, inserted] = entries_.try_emplace(key, other);
  if (inserted) return;
  Entry& entry = it->second;
  entry.count += other.count;
  merge_span(entry.first_seen, entry.last_seen, other.first_seen, other.last_seen);
  entry.paths.merge(other.paths);
  entry.nodes.merge(other.nodes);
}

std::vector<Finding> HiddenFailureTally::findings() const {
  std::vector<Finding> out;
  for (const auto& [key, entry] : entries_) {
    Finding finding;
    finding.kind = FindingKind::HiddenFailure;
    const auto& [exe, comm, exit] = key;
    if (!exe.empty()) finding.executables.push_back(exe);
    if (!comm.empty()) finding.commands.push_back(comm);
    finding.syscall_exit = exit;
    finding.count = entry.count;
    finding.first_seen = entry.first_seen;
    finding.last_seen = entry.last_seen;
    finding.nodes = entry.nodes;
    finding.paths.assign(entry.paths.values().begin(), entry.paths.values().end());
    out.push_back(std::move(finding));
  }
  return out;
}

}  // namespace avcsift::explain
