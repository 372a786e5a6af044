#pragma once
/// Per host, exactly: which findings it logged, when, and how often
/// (`report --by-node`).
///
/// A NodeSet answers "on how many hosts?" per finding in bounded memory.
/// `--by-node` asks the transposed question, "what does each host have, and
/// which host is the odd one out?", which needs every (host, finding) pair:
/// memory grows with hosts x findings each logged (a fleet of 10,000 hosts
/// with 50 findings each holds 500,000 pairs, about 20 MB). So the tally is
/// kept only when --by-node asks for it. Finding keys are interned once and
/// hosts hold small numbers, not strings.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "avcsift/aggregate/node_set.hpp"
#include "avcsift/model/audit_event.hpp"

namespace avcsift {

/// What a denial finding is keyed by: source type, target type, class.
using FindingKey = std::tuple<std::string, std::string, std::string>;

/// The exact per-host tally of denials (see the file comment).
class NodeTally {
 public:
  /// One host's share of the log.
  struct Host {
    AuditStamp first_seen;
    AuditStamp last_seen;
    std::uint64_t denials = 0;
    std::set<std::uint32_t> findings;  ///< ids into keys().
  };

  /// Names the host of records without `node=` (see NodeFilter::local_host_name()).
  void set_local_host(std::string name) { local_host_ = std::move(name); }
  /// Counts one denial for its host; granted records (not denials) and
  /// records of no known host (no `node=`, no local name) are ignored.
  void add(const Denial& denial);
  /// Forgets everything but the local host's name.
  void clear();

  /// Hosts by name.
  [[nodiscard]] const std::map<std::string, Host, std::less<>>& hosts() const { return hosts_; }
  /// The finding keys, indexed by the ids Host::findings holds.
  [[nodiscard]] const std::vector<FindingKey>& keys() const { return keys_; }
  /// For each finding id, on how many hosts it was logged.
  [[nodiscard]] std::vector<std::size_t> hosts_per_finding() const;

 private:
  /// FindingKey order, also against views: a denial finds its id and host
  /// without allocating strings (the tally sees every denial of the log).
  struct KeyLess {
    using is_transparent = void;
    using View = std::tuple<std::string_view, std::string_view, std::string_view>;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return View(std::get<0>(a), std::get<1>(a), std::get<2>(a)) < View(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    }
  };
  std::map<std::string, Host, std::less<>> hosts_;
  std::map<FindingKey, std::uint32_t, KeyLess> ids_;
  std::vector<FindingKey> keys_;
  std::string local_host_;
};

}  // namespace avcsift
