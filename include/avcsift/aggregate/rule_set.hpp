#pragma once
/// Folds denials into one rule per (source type, target type, class, reason).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "avcsift/aggregate/bounded_sample.hpp"
#include "avcsift/aggregate/node_set.hpp"
#include "avcsift/model/audit_event.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift {

/// What makes two denials land in the same rule. The reason is part of the
/// key because audit2allow splits a source/target/class by reason, so that a
/// comment like "allowed by boolean X" sits above exactly its permissions.
struct RuleKey {
  std::string source_type;
  std::string target_type;
  std::string tclass;
  Reason reason = Reason::Unknown;
  /// Distinguishes rules of one reason with different evidence (booleans).
  std::string reason_detail;

  friend auto operator<=>(const RuleKey&, const RuleKey&) = default;
  friend bool operator==(const RuleKey&, const RuleKey&) = default;
};

/// RuleKey order, also against a key of views, so a denial finds its rule
/// without building (and allocating) a RuleKey first.
struct RuleKeyLess {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    // Both sides as views: clang 14 with libstdc++ 12 cannot compare tuples
    // of std::string with tuples of std::string_view.
    using View = std::tuple<std::string_view, std::string_view, std::string_view, Reason, std::string_view>;
    return View(a.source_type, a.target_type, a.tclass, a.reason, a.reason_detail) <
           View(b.source_type, b.target_type, b.tclass, b.reason, b.reason_detail);
  }
};

/// Most examples kept per rule for each of paths, commands, executables.
inline constexpr std::size_t kSampleLimit = 8;
/// Most distinct ioctl commands kept per rule (xperm rules merge them anyway).
inline constexpr std::size_t kIoctlLimit = 1024;

/// Everything known about one rule to emit.
///
/// What is taken "from the first denial" (verdict, source role, port) is
/// taken from the earliest by stamp, ties broken by host name and then by
/// value, not from the first to arrive: so the rule of a whole log equals
/// the merge of the rules of its parts, in any order (`avcsift merge`).
struct Rule {
  RuleKey key;
  std::set<std::string> permissions;
  Verdict verdict;                   ///< of the first denial (see above).
  std::uint64_t count = 0;           ///< denials folded in.
  std::uint64_t permissive_count = 0;  ///< of them, logged with permissive=1.
  AuditStamp first_seen;
  AuditStamp last_seen;
  BoundedSample<kSampleLimit> paths;
  BoundedSample<kSampleLimit> commands;
  BoundedSample<kSampleLimit> executables;
  NodeSet nodes;                     ///< the hosts that logged it.
  std::set<std::uint32_t> ioctl_commands;
  /// Role of the first denial's source context (for transition advice).
  std::string source_role;
  /// Port of the first network denial that named one.
  std::optional<std::uint32_t> port;
  /// Stamp and host of the denial verdict and source_role come from.
  AuditStamp first_stamp;
  std::string first_host;
  /// Stamp and host of the denial port comes from (when port is set).
  AuditStamp port_stamp;
  std::string port_host;

  /// Takes in `other` (same key): the result is the rule of both inputs together.
  void merge(const Rule& other);

  friend bool operator==(const Rule&, const Rule&) = default;
};

/// `role R types T;` demanded by SELINUX_ERR invalid-context reports.
struct RoleTypeKey {
  std::string role;
  std::string type;
  friend auto operator<=>(const RoleTypeKey&, const RoleTypeKey&) = default;
};

/// The aggregate of a run: memory grows with distinct rules, not log size.
class RuleSet {
 public:
  /// Folds one denial with its verdict into its rule. Granted records are
  /// only counted (they are not missing rules).
  void add(const Denial& denial, const Verdict& verdict);
  /// Records a SELINUX_ERR invalid context as a role/type statement.
  void add(const InvalidContext& report);

  /// Counts the hosts of each rule (Rule::nodes), naming the host of records
  /// without `node=` `name` (the machine that wrote the log; see
  /// NodeFilter::local_host_name()). Without this call no host is counted:
  /// `allow` shows none and saves the work.
  void set_local_host(std::string name) {
    local_host_ = std::move(name);
    track_hosts_ = true;
  }

  /// Forgets everything (a policy load made what came before irrelevant),
  /// except the local host's name and whether hosts are counted.
  void clear() {
    std::string local_host = std::move(local_host_);
    const bool track_hosts = track_hosts_;
    *this = RuleSet{};
    local_host_ = std::move(local_host);
    track_hosts_ = track_hosts;
  }
  /// Takes in `other`: the result is the RuleSet of both inputs together,
  /// whatever the order and grouping of the merges (see Rule).
  void merge(const RuleSet& other);
  /// Takes in one rule, as merge() does (a report read back).
  void merge(const Rule& rule);
  /// Adds `count` reports of a role/type statement (a report read back).
  void add_role_type(const RoleTypeKey& key, std::uint64_t count) { role_types_[key] += count; }
  /// Adds the totals of another run (a report read back).
  void add_totals(std::uint64_t denials, std::uint64_t permissive, std::uint64_t granted) {
    denials_ += denials;
    permissive_ += permissive;
    granted_ += granted;
  }

  /// Rules, sorted by key.
  [[nodiscard]] const std::map<RuleKey, Rule, RuleKeyLess>& rules() const { return rules_; }
  /// Role/type statements with how often each was reported, sorted.
  [[nodiscard]] const std::map<RoleTypeKey, std::uint64_t>& role_types() const { return role_types_; }
  /// Denials folded in (granted records excluded).
  [[nodiscard]] std::uint64_t denial_count() const { return denials_; }
  /// Of those, the ones logged in permissive mode.
  [[nodiscard]] std::uint64_t permissive_count() const { return permissive_; }
  /// Granted (auditallow) records seen.
  [[nodiscard]] std::uint64_t granted_count() const { return granted_; }

 private:
  std::map<RuleKey, Rule, RuleKeyLess> rules_;
  std::map<RoleTypeKey, std::uint64_t> role_types_;
  std::uint64_t denials_ = 0;
  std::uint64_t permissive_ = 0;
  std::uint64_t granted_ = 0;
  std::string local_host_;
  bool track_hosts_ = false;
};

/// A stable text for the evidence part of a verdict (booleans), used as
/// RuleKey::reason_detail so rules with different boolean fixes stay apart.
[[nodiscard]] std::string reason_detail(const Verdict& verdict);

}  // namespace avcsift
