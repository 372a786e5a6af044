#pragma once
/// A small, sorted set of example values that stops growing at a limit.
#include <cstdint>
#include <set>
#include <string>

namespace avcsift {

/// Keeps at most `Limit` distinct values (the smallest ones, so the result
/// does not depend on input order) and counts how many distinct values were
/// turned away. This is what keeps memory bounded by the number of rules
/// rather than by the size of the log.
template <std::size_t Limit>
class BoundedSample {
 public:
  /// Adds `value` unless empty.
  void add(const std::string& value) {
    if (value.empty() || values_.contains(value)) return;
    values_.insert(value);
    if (values_.size() > Limit) {
      values_.erase(std::prev(values_.end()));
      overflowed_ = true;
    }
  }
  /// The kept values, sorted.
  [[nodiscard]] const std::set<std::string>& values() const { return values_; }
  /// True when more distinct values were seen than kept.
  [[nodiscard]] bool overflowed() const { return overflowed_; }

 private:
  std::set<std::string> values_;
  bool overflowed_ = false;
};

}  // namespace avcsift
