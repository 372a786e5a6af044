#include "html_text.hpp"

#include <fmt/format.h>

#include "avcsift/model/identifier.hpp"

namespace avcsift::emit {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    switch (byte) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&#39;"; continue;
      case '\n':
      case '\t': out += byte; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += byte;
    }
  }
  return out;
}

std::string html_log_text(std::string_view text) { return html_escape(escape_for_comment(text)); }

}  // namespace avcsift::emit
