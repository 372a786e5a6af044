#include "avcsift/input/line_normalizer.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <ctime>
#include <optional>
#include <utility>

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

using Stamp = AuditStamp;

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

/// `HH:MM:SS` as seconds since midnight.
std::optional<std::int64_t> read_time_of_day(string_view text) {
  std::size_t pos = 0;
  const auto hour = read_number(text, pos, 2);
  if (!hour || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto minute = read_number(text, pos, 2);
  if (!minute || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto second = read_number(text, pos, 2);
  if (!second || pos != text.size() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  return static_cast<std::int64_t>(*hour * 3600 + *minute * 60 + *second);
}

/// The raw `SECONDS.MILLIS:SERIAL` inside `audit(...)`; `pos` ends on the `)` at `close`.
std::optional<Stamp> read_stamp(string_view text, std::size_t& pos, std::size_t close) {
  Stamp stamp;
  const auto seconds = read_number(text, pos, 12);
  if (!seconds) return std::nullopt;
  stamp.seconds = static_cast<std::int64_t>(*seconds);
  if (pos >= text.size() || text[pos++] != '.') return std::nullopt;
  const auto millis = read_millis(text, pos);
  if (!millis || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto serial = read_number(text, pos, 20);
  if (!serial || pos != close) return std::nullopt;
  stamp.millis = *millis;
  stamp.serial = *serial;
  return stamp;
}

/// Reads the inside of an `ausearch -i` stamp, `25.11.2026 10:00:00.123:456`:
/// the local date and time as the locale writes them, then the millis and
/// serial as in a raw stamp. The date's form is `dates`'s business; when it
/// cannot be read the stamp keeps its serial, with StampTime::Unknown and
/// the time of day (0 when that is unreadable too) as its seconds.
std::optional<Stamp> read_interpreted_stamp(string_view inside, InterpretedDateReader& dates,
                                            std::string& note) {
  const std::size_t colon = inside.rfind(':');
  const std::size_t dot = colon == npos ? npos : inside.rfind('.', colon);
  if (dot == npos) return std::nullopt;
  Stamp stamp;
  std::size_t pos = colon + 1;
  const auto serial = read_number(inside, pos, 20);
  if (!serial || pos != inside.size()) return std::nullopt;
  pos = dot + 1;
  const auto millis = read_millis(inside, pos);
  if (!millis || pos != colon) return std::nullopt;
  stamp.serial = *serial;
  stamp.millis = *millis;
  const std::size_t space = inside.rfind(' ', dot);
  const auto time_of_day = read_time_of_day(inside.substr(space + 1, dot - space - 1));
  const auto date = space == npos ? std::nullopt : dates.read(inside.substr(0, space), note);
  if (!time_of_day || !date) {
    stamp.time = StampTime::Unknown;
    stamp.seconds = time_of_day.value_or(0);
    return stamp;
  }
  std::tm tm{};
  tm.tm_year = date->year - 1900;
  tm.tm_mon = date->month - 1;
  tm.tm_mday = date->day;
  tm.tm_hour = static_cast<int>(*time_of_day / 3600);
  tm.tm_min = static_cast<int>(*time_of_day / 60 % 60);
  tm.tm_sec = static_cast<int>(*time_of_day % 60);
  tm.tm_isdst = -1;  // ausearch wrote local time, daylight saving as it was then
  stamp.seconds = static_cast<std::int64_t>(std::mktime(&tm));
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

/// The time of a syslog line: `Nov 25 10:00:00` (no year: `year` is used,
/// or the year before when that puts the line after `latest`) or
/// journalctl's `-o short-iso` `2026-11-25T10:00:02+0000` (its offset
/// honoured); an unknown time when neither.
Stamp syslog_time(string_view line, int year, std::optional<std::int64_t> latest) {
  constexpr Stamp kUnknown{0, 0, 0, true, StampTime::Unknown};
  std::tm tm{};
  tm.tm_isdst = -1;
  std::size_t pos = 0;
  bool iso = false;
  if (line.size() >= 15 && is_upper(line[0])) {
    int month = -1;
    for (int i = 0; i < 12; ++i) {
      if (line.substr(0, 3) == kMonths[i]) month = i;
    }
    if (month < 0 || line[3] != ' ') return kUnknown;
    pos = 4;
    while (pos < line.size() && line[pos] == ' ') ++pos;
    const auto day = read_number(line, pos, 2);
    if (!day || pos >= line.size() || line[pos++] != ' ') return kUnknown;
    tm.tm_year = year - 1900;
    tm.tm_mon = month;
    tm.tm_mday = static_cast<int>(*day);
  } else if (line.size() >= 19 && is_digit(line[0]) && line[4] == '-' && line[10] == 'T') {
    const auto y = read_number(line, pos, 4);
    ++pos;
    const auto m = read_number(line, pos, 2);
    ++pos;
    const auto d = read_number(line, pos, 2);
    if (!y || !m || !d || pos >= line.size() || line[pos++] != 'T') return kUnknown;
    tm.tm_year = static_cast<int>(*y) - 1900;
    tm.tm_mon = static_cast<int>(*m) - 1;
    tm.tm_mday = static_cast<int>(*d);
    iso = true;
  } else {
    return kUnknown;
  }
  const auto hour = read_number(line, pos, 2);
  if (!hour || pos >= line.size() || line[pos++] != ':') return kUnknown;
  const auto minute = read_number(line, pos, 2);
  if (!minute || pos >= line.size() || line[pos++] != ':') return kUnknown;
  const auto second = read_number(line, pos, 2);
  if (!second) return kUnknown;
  tm.tm_hour = static_cast<int>(*hour);
  tm.tm_min = static_cast<int>(*minute);
  tm.tm_sec = static_cast<int>(*second);
  if (iso) {
    if (pos < line.size() && line[pos] == '.') {
      ++pos;
      while (pos < line.size() && is_digit(line[pos])) ++pos;
    }
    if (const auto offset = read_utc_offset(line, pos)) {
      return {static_cast<std::int64_t>(timegm(&tm)) - *offset, 0, 0, true, StampTime::Exact};
    }
    return {static_cast<std::int64_t>(std::mktime(&tm)), 0, 0, true, StampTime::Exact};
  }
  std::tm copy = tm;
  auto seconds = static_cast<std::int64_t>(std::mktime(&copy));
  if (latest && seconds > *latest) {
    // Logged before the file was last written: the year before.
    --tm.tm_year;
    seconds = static_cast<std::int64_t>(std::mktime(&tm));
  }
  return {seconds, 0, 0, true, StampTime::YearGuessed};
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

LineNormalizer::LineNormalizer(int current_year, std::optional<DateOrder> date_order)
    : current_year_(current_year), dates_(date_order) {}

void LineNormalizer::begin_input(std::int64_t latest) {
  const std::time_t t = static_cast<std::time_t>(latest);
  std::tm tm{};
  if (localtime_r(&t, &tm) != nullptr) {
    current_year_ = tm.tm_year + 1900;
    latest_ = latest;
  }
  dates_.begin_input();
  unreadable_date_noted_ = false;
  unknown_day_ = 0;
  last_unknown_time_ = 0;
}

void LineNormalizer::place_unknown_time(AuditStamp& stamp, string_view inside, NormalizedLine& out) {
  if (stamp.seconds + 3600 < last_unknown_time_ % 86400) ++unknown_day_;  // past midnight
  stamp.seconds += unknown_day_ * 86400;
  last_unknown_time_ = stamp.seconds;
  out.time = StampTime::Unknown;
  if (!std::exchange(unreadable_date_noted_, true)) {
    out.note = fmt::format("cannot read the date in audit({}); records with such dates are kept, "
                           "without a time",
                           inside);
  }
}

AuditStamp LineNormalizer::made_up_stamp(string_view line, NormalizedLine& out) {
  AuditStamp stamp = syslog_time(line, current_year_, latest_);
  stamp.serial = next_synthetic_serial_++;
  stamp.serial_known = false;
  out.serial_known = false;
  out.time = stamp.time;
  out.rewritten = true;
  return stamp;
}

void LineNormalizer::normalize(string_view line, NormalizedLine& out) {
  out.kind = LineKind::Skipped;
  out.records.clear();
  out.record_count = 0;
  out.problem.clear();
  out.note.clear();
  out.rewritten = false;
  out.serial_known = true;
  out.time = StampTime::Exact;

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
    // The user's line differs from the records when something precedes the
    // first one (syslog, dmesg) or a stamp is interpreted.
    out.rewritten = !at_start;
    while (current) {
      std::size_t pos = current->stamp_pos;
      const std::size_t close = line.find(')', pos);
      // A space inside the parentheses: `ausearch -i`'s date and time.
      const bool interpreted = close != npos && std::memchr(line.data() + pos, ' ', close - pos) != nullptr;
      auto stamp = close == npos   ? std::nullopt
                         : interpreted ? read_interpreted_stamp(line.substr(pos, close - pos), dates_, out.note)
                                       : read_stamp(line, pos, close);
      if (!stamp) {
        set_malformed(out, "unreadable audit(...) time stamp");
        return;
      }
      pos = close;
      if (interpreted) out.rewritten = true;
      if (stamp->time == StampTime::Unknown) {
        place_unknown_time(*stamp, line.substr(current->stamp_pos, close - current->stamp_pos), out);
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
        append_record(out, current->node, type_name, *stamp, line.substr(pos, body_end - pos));
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
    append_record(out, {}, type_name, made_up_stamp(line, out), line.substr(name_end));
    out.kind = LineKind::Records;
    return;
  }

  if (bare != npos) {
    append_record(out, {}, "AVC", made_up_stamp(line, out), line.substr(bare));
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
