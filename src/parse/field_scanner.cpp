#include "avcsift/parse/field_scanner.hpp"

#include <string>

namespace avcsift::parse {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool FieldScanner::next(Field& field) {
  while (pos_ < body_.size()) {
    while (pos_ < body_.size() && is_space(body_[pos_])) ++pos_;
    if (pos_ >= body_.size()) return false;
    const std::size_t word_start = pos_;
    while (pos_ < body_.size() && !is_space(body_[pos_]) && body_[pos_] != '=') ++pos_;
    if (pos_ >= body_.size() || body_[pos_] != '=') continue;  // a word without '='
    field.key = body_.substr(word_start, pos_ - word_start);
    ++pos_;  // '='
    if (pos_ < body_.size() && (body_[pos_] == '"' || body_[pos_] == '\'')) {
      const char quote = body_[pos_++];
      std::size_t close = body_.find(quote, pos_);
      if (close == std::string_view::npos) close = body_.size();
      field.value = body_.substr(pos_, close - pos_);
      field.quoted = true;
      pos_ = close < body_.size() ? close + 1 : close;
    } else {
      const std::size_t value_start = pos_;
      while (pos_ < body_.size() && !is_space(body_[pos_])) ++pos_;
      field.value = body_.substr(value_start, pos_ - value_start);
      field.quoted = false;
    }
    if (field.key.empty()) continue;
    return true;
  }
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
