#pragma once
/// Denials over time per source domain, and the policy's break cycles, for
/// the report's timeline and per-cycle table.
///
/// A break cycle is what a user does while confining an application: run it,
/// collect denials, load a new policy, run it again. avcsift starts a cycle at
/// every input (`report cycle1.log cycle2.log`) and at every policy load
/// (the events --since-last-load starts over at). Whether a module converges
/// shows in how many of each cycle's rules are new.
///
/// Memory stays bounded: denials are counted in at most kMaxBuckets time
/// buckets (the bucket grows with the time span), and at most kMaxCycles
/// cycles are kept (later boundaries continue the last cycle).
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "avcsift/model/audit_stamp.hpp"

namespace avcsift {

/// What started a cycle.
enum class CycleStart {
  Input,       ///< the first event of an input.
  PolicyLoad,  ///< a policy load (MAC_POLICY_LOAD, DAEMON_START, policyload notice).
};

/// One break cycle.
struct Cycle {
  std::string input;                ///< the input it was read from (log text: escape it).
  CycleStart started_by = CycleStart::Input;
  AuditStamp start;                 ///< the policy load, else the first denial.
  AuditStamp end;                   ///< the last denial (or start).
  std::uint64_t denials = 0;
  /// Distinct source, target and class triples denied in it.
  std::set<std::tuple<std::string, std::string, std::string>> rules;
  std::uint64_t new_rules = 0;      ///< of `rules`, not in any earlier cycle (after finish()).
};

/// Counts denials per time bucket and source domain, and splits them into cycles.
class DenialTimeline {
 public:
  /// Most time buckets between the first and the last denial.
  static constexpr std::int64_t kMaxBuckets = 120;
  /// Most cycles kept.
  static constexpr std::size_t kMaxCycles = 256;

  /// An event of `input` arrived: a new input starts a cycle.
  void enter_input(const std::string& input, const AuditStamp& stamp);
  /// A policy load: marked, and starts a cycle.
  void policy_load(const AuditStamp& stamp);
  /// One denial.
  void add(const AuditStamp& stamp, const std::string& source, const std::string& target, const std::string& tclass);
  /// Computes each cycle's new rules; call once after the last add().
  void finish();
  /// Takes in the buckets and policy loads of `other` (both finished): the
  /// buckets are those of both inputs together, the loads sorted by time.
  /// Cycles cannot be merged exactly (a cycle is a stretch of one input read
  /// in order), so the result has none.
  void merge(const DenialTimeline& other);
  /// Rebuilds a finished timeline without cycles from a report: buckets of
  /// `width` seconds (a width the ladder of bucket_seconds() has) and loads.
  [[nodiscard]] static DenialTimeline restore(std::int64_t width,
                                              std::map<std::int64_t, std::map<std::string, std::uint64_t>> buckets,
                                              std::vector<AuditStamp> loads);
  /// True when `width` is one of the widths bucket_seconds() can have.
  [[nodiscard]] static bool valid_width(std::int64_t width);
  /// Forgets everything (--since-last-load met a policy load).
  void clear() { *this = DenialTimeline{}; }

  /// Seconds per bucket: 1, 5, 10, 30, 60, 300, 600, 1800, 3600, 3, 6 and 12
  /// hours, a day, a week, then doubling.
  [[nodiscard]] std::int64_t bucket_seconds() const { return width_; }
  /// Denials per bucket (keyed by its start, Unix seconds) and source domain; only non-empty buckets.
  [[nodiscard]] const std::map<std::int64_t, std::map<std::string, std::uint64_t>>& buckets() const {
    return buckets_;
  }
  /// When the policy was loaded, in log order (at most kMaxCycles).
  [[nodiscard]] const std::vector<AuditStamp>& policy_loads() const { return loads_; }
  /// The cycles, in log order.
  [[nodiscard]] const std::vector<Cycle>& cycles() const { return cycles_; }

 private:
  void start_cycle(const std::string& input, CycleStart by, const AuditStamp& stamp);
  void widen();
  void rebucket();

  std::int64_t width_ = 1;
  std::map<std::int64_t, std::map<std::string, std::uint64_t>> buckets_;
  std::vector<AuditStamp> loads_;
  std::vector<Cycle> cycles_;
  std::string input_;
  bool any_input_ = false;
};

/// The name of a CycleStart in JSON: `input` or `policy_load`.
[[nodiscard]] const char* cycle_start_name(CycleStart start);

}  // namespace avcsift
