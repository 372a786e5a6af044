#include "avcsift/model/identifier.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace avcsift {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

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
  const auto needs_escape = [](unsigned char c) { return c < 0x20 || c >= 0x7f || c == '\\'; };
  // Most text needs no escape: copy the clean prefix at once (this runs for
  // every record `why` prints).
  const auto first = std::find_if(text.begin(), text.end(), needs_escape);
  std::string out(text.begin(), first);
  for (auto it = first; it != text.end(); ++it) {
    const auto c = static_cast<unsigned char>(*it);
    if (needs_escape(c)) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
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
