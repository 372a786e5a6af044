#include "record_stamp.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace avcsift::parse {
namespace {

/// libauparse looks at no more of a header than this (more when it starts
/// with `n`, as a node name does); a stamp beyond it is read from what fits.
constexpr std::size_t kPlainHeaderLimit = 80;
constexpr std::size_t kNodeHeaderLimit = 340;
/// libauparse's end_of_event_timeout: it refuses a stamp so late that adding
/// the timeout to it would overflow.
constexpr long kEventTimeout = 2;

/// The next space-separated token of `text` from `pos`, skipping spaces
/// (audit_strsplit: spaces only, no other blank).
std::string_view next_token(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  const std::size_t begin = pos;
  while (pos < text.size() && text[pos] != ' ') ++pos;
  return text.substr(begin, pos - begin);
}

/// strtoul as libauparse uses it: any prefix of digits (signs and leading
/// blanks included, nothing read is 0), false only on overflow.
bool read_number(const char* text, unsigned long& value) {
  errno = 0;
  value = std::strtoul(text, nullptr, 10);
  return errno == 0;
}

/// libauparse's str2event: `seconds[.millis][:serial]`.
bool read_stamp_numbers(const char* text, RecordStamp& stamp) {
  unsigned long number = 0;
  if (!read_number(text, number)) return false;
  // time_t is a long: a number beyond LONG_MAX reads as negative, as there.
  const auto seconds = static_cast<long>(number);
  if (seconds > LONG_MAX - kEventTimeout - 1) return false;
  stamp.seconds = seconds;
  const char* after = text;
  if (const char* dot = std::strchr(text, '.')) {
    if (!read_number(dot + 1, number)) return false;
    // au_event_t's milli is an unsigned int: the number is cut to it first.
    stamp.millis = static_cast<unsigned int>(number);
    if (stamp.millis > 999) return false;
    after = dot + 1;
  }
  if (const char* colon = std::strchr(after, ':')) {
    if (!read_number(colon + 1, number)) return false;
    stamp.serial = number;
  }
  return true;
}

}  // namespace

std::optional<RecordStamp> read_record_stamp(std::string_view header, std::string& scratch) {
  const std::size_t limit = !header.empty() && header[0] == 'n' ? kNodeHeaderLimit : kPlainHeaderLimit;
  std::string_view seen = header.substr(0, limit);
  // libauparse reads the header as a C string: it ends at a NUL byte.
  seen = seen.substr(0, seen.find('\0'));
  RecordStamp stamp;
  std::size_t pos = 0;
  std::string_view token = next_token(seen, pos);
  if (token.empty()) return std::nullopt;
  // A first token of more than 5 characters that starts with `n` is a node
  // name from its sixth character on (`node=web1`); `node=` alone is not.
  if (token[0] == 'n' && token.size() > 5) {
    stamp.has_node = true;
    stamp.node = token.substr(5);
    token = next_token(seen, pos);
  }
  stamp.type_begin = static_cast<std::size_t>(token.data() - seen.data());
  if (token.substr(0, 5) == "type=") stamp.type = token.substr(5);
  const std::string_view message = next_token(seen, pos);
  // libauparse skips a message token shorter than `msg=audit(1.0:1)`.
  if (message.size() < 19) return std::nullopt;
  // The `(` at offset 9 of `msg=audit(`, else the token's first one.
  const std::size_t open = message[9] == '(' ? 9 : message.find('(');
  if (open == std::string_view::npos) return std::nullopt;
  // The stamp runs from after `(` to `)` or the token's end.
  std::string_view rest = message.substr(open + 1);
  rest = rest.substr(0, rest.find(')'));
  stamp.stamp = rest;
  scratch.assign(rest);  // strtoul needs a terminated string
  if (!read_stamp_numbers(scratch.c_str(), stamp)) return std::nullopt;
  return stamp;
}

}  // namespace avcsift::parse
