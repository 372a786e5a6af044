#include "avcsift/model/identifier.hpp"

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace avcsift {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool needs_escape(unsigned char c) { return c < 0x20 || c >= 0x7f || c == '\\'; }

/// Where the first byte that needs an escape is, or text.size(). Looks at
/// eight bytes at a time (why prints every record it reads through this, and
/// almost none needs an escape): a word has such a byte when one of its bytes
/// is below 0x20, above 0x7e, or equals '\\'; the tests are the classic
/// has-less / has-more / has-zero bit tricks, exact for these bounds.
std::size_t first_to_escape(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
    const std::uint64_t above_tilde = ((word + kOnes * (127 - 0x7e)) | word) & kHighs;
    const std::uint64_t backslash_bits = word ^ (kOnes * '\\');
    const std::uint64_t backslash = (backslash_bits - kOnes) & ~backslash_bits & kHighs;
    if ((below_space | above_tilde | backslash) != 0) break;
  }
  while (i < text.size() && !needs_escape(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

}  // namespace

bool is_valid_identifier(std::string_view name) {
  if (name.empty() || name.size() > kMaxIdentifierLength) return false;
  if (!is_letter(name.front()) && name.front() != '_') return false;
  for (char c : name) {
    if (!is_letter(c) && !is_digit(c) && c != '_') return false;
  }
  return true;
}

std::string escape_for_comment(std::string_view text) {
  const std::size_t first = first_to_escape(text);
  std::string out(text.substr(0, first));
  for (const char byte : text.substr(first)) {
    const auto c = static_cast<unsigned char>(byte);
    if (needs_escape(c)) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += byte;
    }
  }
  return out;
}

std::string escape_for_comment_keeping_tabs(std::string_view text) {
  std::string out;
  for (std::size_t start = 0;;) {
    const auto tab = text.find('\t', start);
    out += escape_for_comment(text.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return out;
    out += '\t';
    start = tab + 1;
  }
}

}  // namespace avcsift
