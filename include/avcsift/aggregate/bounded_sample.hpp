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
  /// Takes in `other`: the result is the sample of both inputs together
  /// (the smallest values of the union; overflowed when either did or the
  /// union had more than `Limit`).
  void merge(const BoundedSample& other) {
    for (const auto& value : other.values_) add(value);
    overflowed_ = overflowed_ || other.overflowed_;
  }
  /// Rebuilds a sample from its values and whether it overflowed (what a
  /// JSON report keeps); values past `Limit` are dropped as add() would.
  static BoundedSample restore(const std::set<std::string>& values, bool overflowed) {
    BoundedSample sample;
    for (const auto& value : values) sample.add(value);
    sample.overflowed_ = sample.overflowed_ || overflowed;
    return sample;
  }
  /// The kept values, sorted.
  [[nodiscard]] const std::set<std::string>& values() const { return values_; }
  /// True when more distinct values were seen than kept.
  [[nodiscard]] bool overflowed() const { return overflowed_; }

  friend bool operator==(const BoundedSample&, const BoundedSample&) = default;

 private:
  std::set<std::string> values_;
  bool overflowed_ = false;
};

}  // namespace avcsift
