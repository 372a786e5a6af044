#pragma once
// Oracles shared by the fuzz targets: a crash is not the only bug; policy text
// that log data could shape is one too.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace avcsift::fuzz {

/// Stops the fuzzer with `what` when `ok` is false (libFuzzer saves the input).
inline void expect(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

/// Whether `c` may appear in a line of emitted .te policy outside a comment:
/// identifiers, blanks and the punctuation of module/require/allow/role lines.
inline bool is_policy_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ' ' || c == '\t' || c == '{' || c == '}' || c == ';' || c == ':' || c == '.' ||
         c == '=';
}

/// Every line of `te` is empty, a comment made only of printable ASCII (so no
/// log byte can end it early), or policy made only of is_policy_char().
inline void expect_safe_te(std::string_view te) {
  while (!te.empty()) {
    const auto newline = te.find('\n');
    const std::string_view line = te.substr(0, newline);
    te.remove_prefix(newline == std::string_view::npos ? te.size() : newline + 1);
    if (line.starts_with('#')) {
      for (unsigned char c : line) expect((c >= 0x20 && c < 0x7f) || c == '\t', "comment byte not escaped");
      continue;
    }
    for (char c : line) expect(is_policy_char(c), "policy line holds a character it must not");
  }
}

}  // namespace avcsift::fuzz
