// SELINUX_ERR reports in `report`: the tally, and the sentence, reason and
// fixes of each finding (explain/selinux_errors.hpp says what they mean).
#include "avcsift/explain/selinux_errors.hpp"

#include <algorithm>
#include <tuple>

#include "avcsift/model/identifier.hpp"

namespace avcsift::explain {
namespace {

/// True when the report `error` of (stamp, host) comes before `entry.first`:
/// earlier, then by host, then by value (an order-free choice).
bool comes_first(const AuditStamp& stamp, std::string_view host, const SelinuxError& error,
                 const SelinuxErrorTally::Entry& entry) {
  if (stamp != entry.first_seen) return stamp < entry.first_seen;
  const SelinuxError& first = entry.first;
  const std::string_view first_host = entry.first_host;  // views on both sides, as in RuleKeyLess
  return std::tie(host, error.old_context, error.new_context, error.permissions) <
         std::tie(first_host, first.old_context, first.new_context, first.permissions);
}

std::string subject_of(const Finding& finding) {
  if (!finding.executables.empty()) return escape_for_comment(finding.executables.front());
  if (!finding.commands.empty()) return escape_for_comment(finding.commands.front());
  return "a process";
}

std::string joined(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

}  // namespace

void SelinuxErrorTally::add(const AuditEvent& event) {
  for (const SelinuxError& error : event.selinux_errors) {
    if (transition_denial(error, event)) continue;  // a rule, counted with the denials
    ++count_;
    auto [it, inserted] = entries_.try_emplace(
        {error.kind, error.old_context.type, error.new_context.type, error.tclass, error.invalid_context});
    Entry& entry = it->second;
    const std::string_view host = host_of(event.node, local_host_);
    if (inserted || comes_first(event.stamp, host, error, entry)) {
      entry.first = error;
      entry.first_host = host;
    }
    if (inserted) entry.first_seen = entry.last_seen = event.stamp;
    if (event.stamp < entry.first_seen) entry.first_seen = event.stamp;
    if (entry.last_seen < event.stamp) entry.last_seen = event.stamp;
    ++entry.count;
    entry.nodes.add(host_of(event.node, local_host_), event.stamp);
    if (event.syscall) {
      entry.commands.add(event.syscall->comm);
      entry.executables.add(event.syscall->exe);
    }
  }
}

void SelinuxErrorTally::merge(const Key& key, const Entry& other) {
  count_ += other.count;
  auto [it, inserted] = entries_.try_emplace(key, other);
  if (inserted) return;
  Entry& entry = it->second;
  if (comes_first(other.first_seen, other.first_host, other.first, entry)) {
    entry.first = other.first;
    entry.first_host = other.first_host;
  }
  entry.count += other.count;
  entry.first_seen = std::min(entry.first_seen, other.first_seen);
  entry.last_seen = std::max(entry.last_seen, other.last_seen);
  entry.commands.merge(other.commands);
  entry.executables.merge(other.executables);
  entry.nodes.merge(other.nodes);
}

std::vector<Finding> SelinuxErrorTally::findings() const {
  std::vector<Finding> out;
  for (const auto& [key, entry] : entries_) {
    Finding finding;
    finding.kind = FindingKind::SelinuxError;
    finding.error_kind = entry.first.kind;
    finding.source_type = entry.first.old_context.type;
    finding.target_type = entry.first.new_context.type;
    finding.source_role = entry.first.old_context.role;
    finding.tclass = entry.first.tclass;
    finding.permissions.insert(entry.first.permissions.begin(), entry.first.permissions.end());
    finding.invalid_context = entry.first.invalid_context;
    if (entry.first.kind == SelinuxErrorKind::ValidateTransition) {
      // The types often stay and only the level changes: show both contexts.
      finding.invalid_context = entry.first.old_context.str() + " to " + entry.first.new_context.str();
    }
    finding.count = entry.count;
    finding.first_seen = entry.first_seen;
    finding.last_seen = entry.last_seen;
    finding.nodes = entry.nodes;
    finding.commands.assign(entry.commands.values().begin(), entry.commands.values().end());
    finding.executables.assign(entry.executables.values().begin(), entry.executables.values().end());
    out.push_back(std::move(finding));
  }
  return out;
}

std::string describe_transition(const Finding& finding) {
  return "The kernel refused " + subject_of(finding) + " the transition from " + finding.source_type + " into " +
         finding.target_type + " under no_new_privs or from a nosuid mount (" + finding.target_type +
         " is not bounded by " + finding.source_type + ")";
}

std::string describe_selinux_error(const Finding& finding) {
  const std::string subject = subject_of(finding);
  switch (finding.error_kind) {
    case SelinuxErrorKind::BoundedTransition:
      return "A multithreaded process of " + subject + " in " + finding.source_type + " was refused setcon() to " +
             finding.target_type + " (" + finding.target_type + " is not bounded by " + finding.source_type + ")";
    case SelinuxErrorKind::ValidateTransition:
      return "A validatetrans rule refused " + subject + " relabeling a " +
             (finding.tclass.empty() ? std::string("object") : finding.tclass) + " from " +
             finding.invalid_context;
    case SelinuxErrorKind::BoundsMasked:
      return "typebounds took " + joined(finding.permissions) + " on " + finding.target_type + ':' +
             finding.tclass + " away from " + finding.source_type + " (its parent type lacks them)";
    case SelinuxErrorKind::MlsCopyInvalid:
      return "A network peer's level made the invalid context " + escape_for_comment(finding.invalid_context);
    case SelinuxErrorKind::SetxattrInvalid:
      return subject + " tried to label a file " + escape_for_comment(finding.invalid_context) +
             ", a context the policy does not know";
    case SelinuxErrorKind::FscreateInvalid:
      return subject + " asked to create files as " + escape_for_comment(finding.invalid_context) +
             ", a context the policy does not know";
  }
  return "SELINUX_ERR";
}

std::string selinux_error_reason(const Finding& finding) {
  return std::string("SELINUX_ERR ") + selinux_error_name(finding.error_kind) + ": no allow rule fixes it";
}

std::vector<Fix> selinux_error_fixes(const Finding& finding) {
  const std::string& old_type = finding.source_type;
  const std::string& new_type = finding.target_type;
  switch (finding.error_kind) {
    case SelinuxErrorKind::BoundedTransition:
      // process2 permissions do not cover setcon(); only bounds (or
      // calling setcon() before starting threads) do.
      return {typebounds_fix(old_type, new_type, true)};
    case SelinuxErrorKind::ValidateTransition:
      return {{FixKind::PolicyReview, "seinfo --validatetrans " + finding.tclass + " -x",
               "a validatetrans rule (a constraint on relabeling, often MLS levels) refused it: relabel within "
               "what it permits, or change the rule"}};
    case SelinuxErrorKind::BoundsMasked:
      return {{FixKind::PolicyReview, "seinfo --typebounds -x",
               "grant " + old_type + "'s parent type the same access on " + new_type + ", or stop " + old_type +
                   " from needing it"}};
    case SelinuxErrorKind::MlsCopyInvalid:
      return {{FixKind::PolicyReview, "semanage user -l",
               "check the peer's network labeling (NetLabel, labeled IPsec) and that the SELinux user's range "
               "holds that level"}};
    case SelinuxErrorKind::SetxattrInvalid:
    case SelinuxErrorKind::FscreateInvalid:
      return {{FixKind::PolicyReview, "semodule -l",
               "install the module that declares the context's type, or restore the label the policy gives "
               "(restorecon)"}};
  }
  return {};
}

}  // namespace avcsift::explain
