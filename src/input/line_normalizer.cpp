#include "avcsift/input/line_normalizer.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <ctime>
#include <optional>

#include <fmt/format.h>

namespace avcsift::input {
namespace {

using std::string_view;
constexpr auto npos = string_view::npos;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

bool starts_with_at(string_view text, std::size_t pos, string_view prefix) {
  return text.size() >= pos + prefix.size() && text.compare(pos, prefix.size(), prefix) == 0;
}

/// Reads an unsigned decimal number of at most `max_digits` digits at `pos`.
std::optional<std::uint64_t> read_number(string_view text, std::size_t& pos, std::size_t max_digits) {
  const std::size_t start = pos;
  std::uint64_t value = 0;
  while (pos < text.size() && is_digit(text[pos])) {
    if (pos - start == max_digits) return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(text[pos] - '0');
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return value;
}

struct Stamp {
  std::int64_t seconds = 0;
  std::uint32_t millis = 0;
  std::uint64_t serial = 0;
};

/// Fraction digits as milliseconds: `123` -> 123, `0` -> 0, `5` -> 500.
std::optional<std::uint32_t> read_millis(string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  if (!read_number(text, pos, 9)) return std::nullopt;
  string_view digits = text.substr(start, pos - start);
  std::uint32_t millis = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    millis = millis * 10 + (i < digits.size() ? static_cast<std::uint32_t>(digits[i] - '0') : 0);
  }
  return millis;
}

/// `MM/DD/YYYY HH:MM:SS` (or `MM/DD/YY`) as ausearch -i prints it, in local
/// time as it did.
std::optional<std::int64_t> read_interpreted_time(string_view text, std::size_t& pos) {
  std::tm tm{};
  const auto month = read_number(text, pos, 2);
  if (!month || pos >= text.size() || text[pos++] != '/') return std::nullopt;
  const auto day = read_number(text, pos, 2);
  if (!day || pos >= text.size() || text[pos++] != '/') return std::nullopt;
  const auto year = read_number(text, pos, 4);
  if (!year || pos >= text.size() || text[pos++] != ' ') return std::nullopt;
  const auto hour = read_number(text, pos, 2);
  if (!hour || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto minute = read_number(text, pos, 2);
  if (!minute || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto second = read_number(text, pos, 2);
  if (!second || *month < 1 || *month > 12 || *day < 1 || *day > 31) return std::nullopt;
  // In the C locale (the default of scripts and services) ausearch prints
  // `%x`, a two-digit year: 11/25/26.
  tm.tm_year = static_cast<int>(*year < 100 ? *year + 2000 : *year) - 1900;
  tm.tm_mon = static_cast<int>(*month) - 1;
  tm.tm_mday = static_cast<int>(*day);
  tm.tm_hour = static_cast<int>(*hour);
  tm.tm_min = static_cast<int>(*minute);
  tm.tm_sec = static_cast<int>(*second);
  tm.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&tm));
}

/// Parses the inside of `audit(...)`: `SECONDS.MILLIS:SERIAL`, or the
/// interpreted `MM/DD/YYYY HH:MM:SS.mmm:SERIAL`. `pos` ends on the `)`.
std::optional<Stamp> read_stamp(string_view text, std::size_t& pos) {
  Stamp stamp;
  const std::size_t slash = text.find('/', pos);
  const std::size_t close = text.find(')', pos);
  if (close == npos) return std::nullopt;
  if (slash != npos && slash < close) {
    const auto seconds = read_interpreted_time(text, pos);
    if (!seconds) return std::nullopt;
    stamp.seconds = *seconds;
  } else {
    const auto seconds = read_number(text, pos, 12);
    if (!seconds) return std::nullopt;
    stamp.seconds = static_cast<std::int64_t>(*seconds);
  }
  if (pos >= text.size() || text[pos++] != '.') return std::nullopt;
  const auto millis = read_millis(text, pos);
  if (!millis || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto serial = read_number(text, pos, 20);
  if (!serial || pos != close) return std::nullopt;
  stamp.millis = *millis;
  stamp.serial = *serial;
  return stamp;
}

/// A record start found in a line: `[node=N ]type=NAME (msg=)?audit(`.
struct RecordAnchor {
  std::size_t start = npos;      ///< first byte of the record (its node= if any).
  std::size_t type_pos = npos;   ///< the `t` of `type=`.
  string_view node;
  string_view type_name;
  std::size_t stamp_pos = npos;  ///< first byte inside `audit(`.
};

/// Checks for a record header at `pos` (which points at `type=`).
std::optional<RecordAnchor> anchor_at(string_view line, std::size_t pos) {
  if (pos > 0 && !is_space(line[pos - 1])) return std::nullopt;
  std::size_t p = pos + 5;
  const std::size_t name_start = p;
  while (p < line.size() && (is_upper(line[p]) || is_digit(line[p]) || line[p] == '_' ||
                             line[p] == '[' || line[p] == ']')) {
    ++p;
  }
  if (p == name_start) return std::nullopt;
  RecordAnchor anchor;
  anchor.type_name = line.substr(name_start, p - name_start);
  if (starts_with_at(line, p, " msg=audit(")) {
    anchor.stamp_pos = p + 11;
  } else if (starts_with_at(line, p, " audit(")) {
    anchor.stamp_pos = p + 7;
  } else {
    return std::nullopt;
  }
  anchor.start = anchor.type_pos = pos;
  // An optional `node=NAME ` (or the older `host=NAME `) right before.
  if (pos >= 2) {
    std::size_t word_end = pos - 1;
    while (word_end > 0 && is_space(line[word_end - 1])) --word_end;
    std::size_t word_start = word_end;
    while (word_start > 0 && !is_space(line[word_start - 1])) --word_start;
    const string_view word = line.substr(word_start, word_end - word_start);
    if (word.size() > 5 && (word.starts_with("node=") || word.starts_with("host="))) {
      anchor.node = word.substr(5);
      anchor.start = word_start;
    }
  }
  return anchor;
}

/// Whether `pos` lies outside any quoted value that starts at or after `from`:
/// a `type=` inside `name="..."` or `msg='...'` is data, not a new record.
bool outside_quotes(string_view line, std::size_t from, std::size_t pos) {
  char open = 0;
  for (std::size_t i = from; i < pos; ++i) {
    const char c = line[i];
    if (open != 0) {
      if (c == open) open = 0;
    } else if (c == '"' || c == '\'') {
      open = c;
    }
  }
  return open == 0;
}

/// The first record header at or after `from` that is not inside quotes
/// (quotes counted from `quote_base`).
std::optional<RecordAnchor> find_anchor(string_view line, std::size_t from, std::size_t quote_base) {
  for (std::size_t pos = line.find("type=", from); pos != npos; pos = line.find("type=", pos + 1)) {
    if (auto anchor = anchor_at(line, pos)) {
      if (outside_quotes(line, quote_base, anchor->start)) return anchor;
    }
  }
  return std::nullopt;
}

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// A UTC offset at `pos`: `Z`, `+0100`, `-05:30`, in seconds east of UTC.
std::optional<std::int64_t> read_utc_offset(string_view text, std::size_t pos) {
  if (pos < text.size() && text[pos] == 'Z') return 0;
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return std::nullopt;
  const std::int64_t sign = text[pos++] == '-' ? -1 : 1;
  const auto two_digits = [&](std::size_t p) -> std::optional<std::int64_t> {
    if (p + 2 > text.size() || !is_digit(text[p]) || !is_digit(text[p + 1])) return std::nullopt;
    return (text[p] - '0') * 10 + (text[p + 1] - '0');
  };
  const auto hours = two_digits(pos);
  const auto minutes = two_digits(pos + 2 < text.size() && text[pos + 2] == ':' ? pos + 3 : pos + 2);
  if (!hours || !minutes) return std::nullopt;
  return sign * (*hours * 3600 + *minutes * 60);
}

/// The time of a syslog line: `Nov 25 10:00:00` (no year: `year` is used) or
/// journalctl's `-o short-iso` `2026-11-25T10:00:02+0000` (its offset
/// honoured); 0 when neither.
std::int64_t syslog_time(string_view line, int year) {
  std::tm tm{};
  tm.tm_isdst = -1;
  std::size_t pos = 0;
  bool iso = false;
  if (line.size() >= 15 && is_upper(line[0])) {
    int month = -1;
    for (int i = 0; i < 12; ++i) {
      if (line.substr(0, 3) == kMonths[i]) month = i;
    }
    if (month < 0 || line[3] != ' ') return 0;
    pos = 4;
    while (pos < line.size() && line[pos] == ' ') ++pos;
    const auto day = read_number(line, pos, 2);
    if (!day || pos >= line.size() || line[pos++] != ' ') return 0;
    tm.tm_year = year - 1900;
    tm.tm_mon = month;
    tm.tm_mday = static_cast<int>(*day);
  } else if (line.size() >= 19 && is_digit(line[0]) && line[4] == '-' && line[10] == 'T') {
    const auto y = read_number(line, pos, 4);
    ++pos;
    const auto m = read_number(line, pos, 2);
    ++pos;
    const auto d = read_number(line, pos, 2);
    if (!y || !m || !d || pos >= line.size() || line[pos++] != 'T') return 0;
    tm.tm_year = static_cast<int>(*y) - 1900;
    tm.tm_mon = static_cast<int>(*m) - 1;
    tm.tm_mday = static_cast<int>(*d);
    iso = true;
  } else {
    return 0;
  }
  const auto hour = read_number(line, pos, 2);
  if (!hour || pos >= line.size() || line[pos++] != ':') return 0;
  const auto minute = read_number(line, pos, 2);
  if (!minute || pos >= line.size() || line[pos++] != ':') return 0;
  const auto second = read_number(line, pos, 2);
  if (!second) return 0;
  tm.tm_hour = static_cast<int>(*hour);
  tm.tm_min = static_cast<int>(*minute);
  tm.tm_sec = static_cast<int>(*second);
  if (iso) {
    if (pos < line.size() && line[pos] == '.') {
      ++pos;
      while (pos < line.size() && is_digit(line[pos])) ++pos;
    }
    if (const auto offset = read_utc_offset(line, pos)) {
      return static_cast<std::int64_t>(timegm(&tm)) - *offset;
    }
  }
  return static_cast<std::int64_t>(std::mktime(&tm));
}

/// journald's `audit[PID]: NAME ` or `audit: NAME `; returns the position of NAME.
std::size_t find_journald_anchor(string_view line) {
  for (std::size_t pos = line.find("audit"); pos != npos; pos = line.find("audit", pos + 1)) {
    if (pos > 0 && !is_space(line[pos - 1])) continue;
    std::size_t p = pos + 5;
    if (p < line.size() && line[p] == '[') {
      ++p;
      if (!read_number(line, p, 10) || p >= line.size() || line[p] != ']') continue;
      ++p;
    }
    if (!starts_with_at(line, p, ": ")) continue;
    p += 2;
    std::size_t q = p;
    while (q < line.size() && (is_upper(line[q]) || line[q] == '_')) ++q;
    if (q > p && q < line.size() && line[q] == ' ') return p;
  }
  return npos;
}

/// A headerless `avc:  denied  {` (or granted); returns the position of `avc:`.
std::size_t find_bare_avc(string_view line) {
  for (std::size_t pos = line.find("avc:"); pos != npos; pos = line.find("avc:", pos + 1)) {
    if (pos > 0 && !is_space(line[pos - 1])) continue;
    std::size_t p = pos + 4;
    while (p < line.size() && is_space(line[p])) ++p;
    if (starts_with_at(line, p, "denied") || starts_with_at(line, p, "granted")) return pos;
  }
  return npos;
}

void append_record(NormalizedLine& out, string_view node, string_view type_name, const Stamp& stamp,
                   string_view body) {
  if (!node.empty()) {
    out.records += "node=";
    out.records += node;
    out.records += ' ';
  }
  out.records += "type=";
  out.records += type_name;
  // to_chars rather than fmt: this runs for every record of a log.
  char digits[64];
  char* end = digits;
  const auto number = [&](auto value) { end = std::to_chars(end, digits + sizeof digits, value).ptr; };
  number(stamp.seconds);
  *end++ = '.';
  *end++ = static_cast<char>('0' + stamp.millis / 100 % 10);
  *end++ = static_cast<char>('0' + stamp.millis / 10 % 10);
  *end++ = static_cast<char>('0' + stamp.millis % 10);
  *end++ = ':';
  number(stamp.serial);
  out.records += " msg=audit(";
  out.records.append(digits, end);
  out.records += "):";
  if (!body.empty() && !is_space(body.front())) out.records += ' ';
  out.records += body;
  out.records += '\n';
  ++out.record_count;
}

void set_malformed(NormalizedLine& out, std::string problem) {
  out.kind = LineKind::Malformed;
  out.records.clear();
  out.record_count = 0;
  out.problem = std::move(problem);
}

}  // namespace

bool is_selinux_relevant(std::string_view type_name) {
  static constexpr std::string_view kRelevant[] = {
      "AVC",  "USER_AVC", "SELINUX_ERR", "MAC_POLICY_LOAD", "SYSCALL", "PATH",
      "CWD",  "PROCTITLE", "SOCKADDR", "AVC_PATH", "EOE", "DAEMON_START"};
  return std::find(std::begin(kRelevant), std::end(kRelevant), type_name) != std::end(kRelevant);
}

std::string record_type_name(unsigned number) {
  switch (number) {
    case 1107: return "USER_AVC";
    case 1200: return "DAEMON_START";
    case 1300: return "SYSCALL";
    case 1302: return "PATH";
    case 1306: return "SOCKADDR";
    case 1307: return "CWD";
    case 1320: return "EOE";
    case 1327: return "PROCTITLE";
    case 1400: return "AVC";
    case 1401: return "SELINUX_ERR";
    case 1402: return "AVC_PATH";
    case 1403: return "MAC_POLICY_LOAD";
    default: return fmt::format("UNKNOWN[{}]", number);
  }
}

LineNormalizer::LineNormalizer(int current_year) : current_year_(current_year) {}

void LineNormalizer::normalize(string_view line, NormalizedLine& out) {
  out.kind = LineKind::Skipped;
  out.records.clear();
  out.record_count = 0;
  out.problem.clear();

  while (!line.empty() && (line.back() == '\r' || is_space(line.back()))) line.remove_suffix(1);
  std::size_t first = 0;
  while (first < line.size() && is_space(line[first])) ++first;
  out.ignored_records = 0;
  if (first == line.size() || line[first] == '#' || line.starts_with("----") ||
      line.starts_with("time->")) {
    return;
  }
  if (std::memchr(line.data(), '\0', line.size()) != nullptr) {
    set_malformed(out, "line contains a NUL byte");
    return;
  }

  const auto anchor = find_anchor(line, first, first);
  const std::size_t anchor_pos = anchor ? anchor->start : npos;
  // A record header at the start of the line (raw audit.log, the common
  // case) leaves no room for the other forms: skip looking for them.
  const bool at_start = anchor_pos == first;
  const std::size_t journald = at_start ? npos : find_journald_anchor(line);
  const std::size_t bare = at_start ? npos : find_bare_avc(line);

  if (anchor && anchor_pos <= journald && anchor_pos <= bare) {
    // One or more records with headers, possibly several on this line.
    std::optional<RecordAnchor> current = anchor;
    while (current) {
      std::size_t pos = current->stamp_pos;
      const auto stamp = read_stamp(line, pos);
      if (!stamp) {
        set_malformed(out, "unreadable audit(...) time stamp");
        return;
      }
      ++pos;  // past ')'
      if (pos < line.size() && line[pos] == ' ' && pos + 1 < line.size() && line[pos + 1] == ':') ++pos;
      // Old auditd wrote some records (DAEMON_END) without the ':'.
      if (pos < line.size() && line[pos] == ':') ++pos;
      auto next = find_anchor(line, pos, pos);
      // Old logs put several records of one event on a line with a single
      // `node=` in front; the later records come from the same node.
      if (next && next->node.empty()) next->node = current->node;
      std::size_t body_end = next ? next->start : line.size();
      while (body_end > pos && is_space(line[body_end - 1])) --body_end;
      std::string type_name(current->type_name);
      if (!type_name.empty() && is_digit(type_name.front())) {
        std::size_t p = 0;
        const auto number = read_number(type_name, p, 6);
        if (!number || p != type_name.size()) {
          set_malformed(out, "unreadable record type");
          return;
        }
        type_name = record_type_name(static_cast<unsigned>(*number));
      }
      if (is_selinux_relevant(type_name)) {
        append_record(out, current->node, type_name, {stamp->seconds, stamp->millis, stamp->serial},
                      line.substr(pos, body_end - pos));
      } else {
        ++out.ignored_records;
      }
      current = next;
    }
    out.kind = LineKind::Records;
    return;
  }

  if (journald != npos && journald <= bare) {
    // journald has already taken the record apart: no stamp, no serial.
    std::size_t name_end = line.find(' ', journald);
    const string_view type_name = line.substr(journald, name_end - journald);
    const Stamp stamp{syslog_time(line, current_year_), 0, next_synthetic_serial_++};
    append_record(out, {}, type_name, stamp, line.substr(name_end));
    out.kind = LineKind::Records;
    return;
  }

  if (bare != npos) {
    const Stamp stamp{syslog_time(line, current_year_), 0, next_synthetic_serial_++};
    append_record(out, {}, "AVC", stamp, line.substr(bare));
    out.kind = LineKind::Records;
    return;
  }

  // No record here. A line that starts like a record but failed is worth a
  // warning; other text is ordinary syslog traffic.
  const string_view rest = line.substr(first);
  if (rest.starts_with("type=") || rest.starts_with("node=") || rest.starts_with("host=")) {
    set_malformed(out, "no audit(...) record header");
    return;
  }
  out.kind = LineKind::Unrelated;
}

}  // namespace avcsift::input
