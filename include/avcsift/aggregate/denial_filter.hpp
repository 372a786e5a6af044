#pragma once
/// Which denials a run keeps (audit2allow's `-t REGEX` and friends).
#include <map>
#include <optional>
#include <regex>
#include <string>

#include "avcsift/model/denial.hpp"

namespace avcsift {

/// Keeps denials whose source type matches a regular expression. Domains are
/// few and denials many, so each type's answer is cached.
class DenialFilter {
 public:
  /// Keeps everything.
  DenialFilter() = default;
  /// Keeps source types that start with a match of `pattern` (ECMAScript
  /// syntax; anchored at the start as audit2allow's `-t` is);
  /// throws avcsift::Error (usage) for an invalid pattern.
  /// With `target_too`, a match on the target type keeps the denial as
  /// well (what audit2allow's own `-t` does).
  explicit DenialFilter(const std::string& source_type_pattern, bool target_too = false);

  /// True when a denial (or SELINUX_ERR report) with this source type is kept.
  [[nodiscard]] bool keeps_source_type(const std::string& type);
  /// True when `denial` is kept: its source type matches, or (target_too)
  /// its target type does.
  [[nodiscard]] bool keeps(const Denial& denial);

 private:
  std::optional<std::regex> source_type_;
  bool target_too_ = false;
  std::map<std::string, bool, std::less<>> cache_;
};

}  // namespace avcsift
