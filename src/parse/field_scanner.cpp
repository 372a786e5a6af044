#include "avcsift/parse/field_scanner.hpp"

#include <cstdint>
#include <cstring>
#include <string>

namespace avcsift::parse {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

/// The first space or tab in [p, end), or end. Values run to the next one;
/// most are long (contexts, hex arguments), so eight bytes are tested at a
/// time with the has-zero bit trick on the word XOR ' ' and XOR '\t'.
const char* find_space(const char* p, const char* const end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    const std::uint64_t spaces = word ^ (kOnes * ' ');
    const std::uint64_t tabs = word ^ (kOnes * '\t');
    if ((((spaces - kOnes) & ~spaces) | ((tabs - kOnes) & ~tabs)) & kHighs) break;
    p += 8;
  }
  while (p < end && !is_space(*p)) ++p;
  return p;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool FieldScanner::next(Field& field) {
  // This runs for every field of every record avcsift reads, so it jumps from
  // '=' to '=' with memchr (vectorized in glibc) instead of walking every
  // byte: the key is the word just before the '=', and the words without one
  // in between (`avc:`, `denied`, `for`) are skipped without being looked at.
  const char* const begin = body_.data();
  const char* const end = begin + body_.size();
  const char* p = begin + pos_;
  while (p < end) {
    const auto* equals = static_cast<const char*>(std::memchr(p, '=', static_cast<std::size_t>(end - p)));
    if (equals == nullptr) break;
    const char* word = equals;
    while (word > p && !is_space(word[-1])) --word;
    field.key = std::string_view(word, static_cast<std::size_t>(equals - word));
    p = equals + 1;
    if (p < end && (*p == '"' || *p == '\'')) {
      const char quote = *p++;
      const auto* close = static_cast<const char*>(std::memchr(p, quote, static_cast<std::size_t>(end - p)));
      const char* const value_end = close == nullptr ? end : close;
      field.value = std::string_view(p, static_cast<std::size_t>(value_end - p));
      field.quoted = true;
      p = close == nullptr ? end : close + 1;
    } else {
      const char* const value = p;
      p = find_space(p, end);
      field.value = std::string_view(value, static_cast<std::size_t>(p - value));
      field.quoted = false;
    }
    if (field.key.empty()) continue;
    pos_ = static_cast<std::size_t>(p - begin);
    return true;
  }
  pos_ = body_.size();
  return false;
}

std::optional<std::string> decode_hex(std::string_view hex) {
  if (hex.empty() || hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = hex_value(hex[i]);
    const int low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

std::string decode_untrusted(const Field& field) {
  const std::string_view value = field.value;
  if (field.quoted) return std::string(value);
  if (value == "(null)" || value == "?" || value == "(none)") return {};
  auto decoded = decode_hex(value);
  if (!decoded) return std::string(value);
  for (char& c : *decoded) {
    if (c == '\0') c = ' ';
  }
  while (!decoded->empty() && decoded->back() == ' ') decoded->pop_back();
  return std::move(*decoded);
}

}  // namespace avcsift::parse
