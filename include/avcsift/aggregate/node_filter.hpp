#pragma once
/// Which hosts' events a run keeps (`--node REGEX`).
#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace avcsift {

/// Keeps the events of hosts whose name matches a regular expression
/// anywhere (a search, as grep does). An aggregating auditd writes each
/// forwarded record with `node=NAME`; a record without one was logged by the
/// machine that wrote the log, so it goes by this machine's name (`uname
/// -n`), and mixed logs filter as expected. Hosts are few and events many,
/// so each name's answer is cached.
class NodeFilter {
 public:
  /// Keeps hosts matching `pattern` (ECMAScript syntax, searched anywhere in
  /// the name); `local_host` names the events without `node=`. Throws
  /// avcsift::Error (usage) naming `--node` for an invalid pattern.
  NodeFilter(const std::string& pattern, std::string local_host);

  /// True when an event of `node` (empty: the local host) is kept.
  [[nodiscard]] bool keeps(std::string_view node);

  /// This machine's name, as `uname -n` prints it.
  [[nodiscard]] static std::string local_host_name();

 private:
  /// Answers cached at most: a log naming endless hosts costs a regex search
  /// per event beyond it, never memory.
  static constexpr std::size_t kMaxCached = 1 << 16;

  std::regex pattern_;
  std::string local_host_;
  std::unordered_map<std::string, bool> cache_;
  std::string key_;
};

}  // namespace avcsift
