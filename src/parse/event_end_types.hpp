#pragma once
/// Which record types end their event at once in libauparse's grouping.
#include <string>
#include <string_view>
#include <unordered_map>

namespace avcsift::parse {

/// Tells whether libauparse completes an event as soon as a record of a
/// given type joins it (PROCTITLE, EOE, USER_AVC and other single-record
/// types do; AVC and SYSCALL wait for more records). libauparse's own rule is
/// asked, not copied: each type name is tried once on a small libauparse
/// buffer, and the answer is remembered, so EventGrouper completes events
/// exactly where libauparse would.
class EventEndTypes {
 public:
  /// Whether a record whose header says `type=<type>` completes its event.
  [[nodiscard]] bool ends_event(std::string_view type);

 private:
  /// Answers remembered at most: a hostile log with endless made-up type
  /// names costs a libauparse call per record beyond it, never memory.
  static constexpr std::size_t kMaxRemembered = 4096;

  std::unordered_map<std::string, bool> known_;
  std::string key_;  // reused for lookups
};

}  // namespace avcsift::parse
