#pragma once
/// Where a piece of input came from, for diagnostics.
#include <cstdint>
#include <string>

namespace avcsift {

/// An input name (file path or `<stdin>`) and a 1-based line number there;
/// line 0 means the line is not known.
struct SourceLocation {
  std::string input;        ///< as the user named it, `<stdin>` for `-`.
  std::uint64_t line = 0;   ///< 1-based, 0 when unknown.

  /// `input:line`, or just `input` when the line is unknown.
  [[nodiscard]] std::string str() const;
};

}  // namespace avcsift
