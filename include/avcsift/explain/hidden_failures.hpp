#pragma once
/// System calls that failed with EACCES or EPERM and left no AVC record.
///
/// A dontaudit rule silences a denial completely: the access still fails,
/// the application sees "Permission denied", and the audit log has nothing
/// for audit2allow to read. When the audit rules log failed system calls
/// (an `-F exit=-EACCES` watch, or any SYSCALL record of a failed call), an
/// event with a failed SYSCALL and no AVC is the only trace. It may be
/// ordinary DAC (Unix permissions), so it is a hint, not a verdict: rebuild
/// the policy without dontaudit rules (`semodule -DB`), reproduce, read the
/// now visible denials, and restore them (`semodule -B`).
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "avcsift/aggregate/bounded_sample.hpp"
#include "avcsift/aggregate/node_set.hpp"
#include "avcsift/explain/finding.hpp"
#include "avcsift/model/audit_event.hpp"

namespace avcsift::explain {

/// True when `exit` (`-13`, `-1`, `EACCES(Permission denied)`) is EACCES or EPERM.
[[nodiscard]] bool is_permission_error(const std::string& exit);

/// Counts failed system calls without AVC, per executable, command and exit.
class HiddenFailureTally {
 public:
  /// Counts `event` when its SYSCALL failed with EACCES/EPERM and it holds
  /// no denial and no SELINUX_ERR report; ignores it otherwise.
  void add(const AuditEvent& event);
  /// Names the host of events without `node=` (see NodeFilter::local_host_name()).
  void set_local_host(std::string name) { local_host_ = std::move(name); }
  /// One HiddenFailure finding per executable, command and exit, sorted
  /// (flags and fixes not yet filled in).
  [[nodiscard]] std::vector<Finding> findings() const;
  /// Events counted.
  [[nodiscard]] std::uint64_t count() const { return count_; }

  /// Executable, command and exit of a failed call.
  using Key = std::tuple<std::string, std::string, std::string>;
  /// What is known about the failed calls of one key.
  struct Entry {
    std::uint64_t count = 0;
    AuditStamp first_seen;
    AuditStamp last_seen;
    BoundedSample<8> paths;
    NodeSet nodes;
    friend bool operator==(const Entry&, const Entry&) = default;
  };
  /// The entries, sorted by key (what a JSON report keeps for `merge`).
  [[nodiscard]] const std::map<Key, Entry>& entries() const { return entries_; }
  /// Takes in one entry (a report read back): counts add up, spans widen,
  /// samples and hosts merge.
  void merge(const Key& key, const Entry& entry);
  /// Takes in every entry of `other`.
  void merge(const HiddenFailureTally& other) {
    for (const auto& [key, entry] : other.entries_) merge(key, entry);
  }

 private:
  std::map<Key, Entry> entries_;
  std::uint64_t count_ = 0;
  std::string local_host_;
};

}  // namespace avcsift::explain
