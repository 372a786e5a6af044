#pragma once
/// Validation of security contexts read from logs before they are trusted.
#include <string>
#include <string_view>
#include <unordered_map>

#include "avcsift/model/security_context.hpp"

namespace avcsift::parse {

/// Parses `text` as a context whose user, role and type are valid identifiers
/// and whose level holds only MLS characters (`s0-s0:c0.c1023`, `s0:c1,c2`).
/// On failure returns false and sets `problem` (e.g. `'a:b:c{d' has an invalid
/// type`), with log text escaped.
bool parse_valid_context(std::string_view text, SecurityContext& out, std::string& problem);

/// parse_valid_context with a memory: a log names a few contexts many times,
/// so each distinct valid one is parsed once. Forgets everything when it
/// holds kLimit contexts (container logs have endless MCS variants), which
/// keeps memory bounded.
class ContextMemo {
 public:
  static constexpr std::size_t kLimit = 4096;
  /// As parse_valid_context.
  bool parse(std::string_view text, SecurityContext& out, std::string& problem);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, SecurityContext, Hash, std::equal_to<>> known_;
};

}  // namespace avcsift::parse
