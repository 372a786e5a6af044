#include "record_stamp.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace avcsift::parse {
namespace {

/// libauparse looks at no more of a header than this (more when it starts
/// with a node name); a stamp beyond it is read from what fits.
constexpr std::size_t kPlainHeaderLimit = 80;
constexpr std::size_t kNodeHeaderLimit = 340;

/// The next space-separated token of `text` from `pos`, skipping spaces.
std::string_view next_token(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  const std::size_t begin = pos;
  while (pos < text.size() && text[pos] != ' ') ++pos;
  return text.substr(begin, pos - begin);
}

/// strtoul as libauparse uses it: false only on overflow.
bool read_number(const char* text, unsigned long& value) {
  errno = 0;
  value = std::strtoul(text, nullptr, 10);
  return errno == 0;
}

}  // namespace

std::optional<RecordStamp> read_record_stamp(std::string_view header, std::string& scratch) {
  const std::size_t limit = !header.empty() && header[0] == 'n' ? kNodeHeaderLimit : kPlainHeaderLimit;
  const std::string_view seen = header.substr(0, limit);
  RecordStamp stamp;
  std::size_t pos = 0;
  std::string_view token = next_token(seen, pos);
  if (token.empty()) return std::nullopt;
  if (token[0] == 'n') {
    stamp.has_node = true;
    stamp.node = token.substr(std::min<std::size_t>(5, token.size()));
    token = next_token(seen, pos);
  }
  stamp.type_begin = static_cast<std::size_t>(token.data() - seen.data());
  if (token.substr(0, 5) == "type=") stamp.type = token.substr(5);
  const std::string_view message = next_token(seen, pos);
  if (message.empty()) return std::nullopt;
  // libauparse takes the `(` at offset 9 of `msg=audit(`, else the first one.
  std::size_t open = message.size() > 9 && message[9] == '(' ? 9 : message.find('(');
  if (open == std::string_view::npos) return std::nullopt;
  // The rest of the header after `(` (within the limit), up to `)`.
  std::string_view rest = seen.substr(static_cast<std::size_t>(message.data() - seen.data()) + open + 1);
  rest = rest.substr(0, rest.find(')'));
  stamp.stamp = rest;
  scratch.assign(rest);  // strtoul needs a terminated string
  const char* text = scratch.c_str();
  unsigned long number = 0;
  if (!read_number(text, number)) return std::nullopt;
  stamp.seconds = static_cast<std::int64_t>(number);
  const char* after = text;
  if (const char* dot = std::strchr(text, '.')) {
    if (!read_number(dot + 1, number)) return std::nullopt;
    stamp.millis = static_cast<std::uint32_t>(number);
    after = dot + 1;
  }
  if (const char* colon = std::strchr(after, ':')) {
    if (!read_number(colon + 1, number)) return std::nullopt;
    stamp.serial = number;
  }
  return stamp;
}

}  // namespace avcsift::parse
