#pragma once
/// Distinct denials (full contexts, class, permissions) with how often each
/// was seen: what `why --unique` and `why --format json` print.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "avcsift/aggregate/bounded_sample.hpp"
#include "avcsift/model/denial.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift {

/// What makes two denials the same for `why --unique`.
struct DistinctDenialKey {
  std::string source;  ///< full scontext
  std::string target;  ///< full tcontext
  std::string tclass;
  std::vector<std::string> permissions;
  friend auto operator<=>(const DistinctDenialKey&, const DistinctDenialKey&) = default;
};

/// One distinct denial and what was seen of it.
struct DistinctDenial {
  Denial first;               ///< the first occurrence (its record is printed).
  Verdict verdict;
  std::uint64_t count = 0;
  AuditStamp first_seen;
  AuditStamp last_seen;
  BoundedSample<8> paths;
  BoundedSample<8> commands;
};

/// Counts distinct denials; memory grows with their number, not the log's.
class DenialTally {
 public:
  /// Counts one denial (granted records are ignored).
  void add(const Denial& denial, const Verdict& verdict);
  /// Distinct denials, sorted by key.
  [[nodiscard]] const std::map<DistinctDenialKey, DistinctDenial>& denials() const { return denials_; }

 private:
  std::map<DistinctDenialKey, DistinctDenial> denials_;
};

}  // namespace avcsift
