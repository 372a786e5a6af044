#include "avcsift/model/audit_stamp.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>

#include <fmt/format.h>

namespace avcsift {

std::string AuditStamp::str() const {
  return fmt::format("{}.{:03}:{}", seconds, millis, serial);
}

namespace {

constexpr std::string_view kSerialUnknown = " serial_unknown";
constexpr std::string_view kYearGuessed = " year_guessed";
constexpr std::string_view kTimeUnknown = " time_unknown";

/// Reads the digits at the front of `text` into `value`; false without any
/// or on overflow.
template <typename Number>
bool take_number(std::string_view& text, Number& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end == text.data()) return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return true;
}

bool take(std::string_view& text, std::string_view what) {
  if (!text.starts_with(what)) return false;
  text.remove_prefix(what.size());
  return true;
}

}  // namespace

std::string AuditStamp::full_text() const {
  std::string text = str();
  if (!serial_known) text += kSerialUnknown;
  switch (time) {
    case StampTime::Exact:
      break;
    case StampTime::YearGuessed:
      text += kYearGuessed;
      break;
    case StampTime::Unknown:
      text += kTimeUnknown;
      break;
  }
  return text;
}

std::optional<AuditStamp> AuditStamp::from_full_text(std::string_view text) {
  AuditStamp stamp;
  // Milliseconds are always three digits (str()), and no number has a sign
  // but the seconds' minus.
  if (text.starts_with('+')) return std::nullopt;
  if (!take_number(text, stamp.seconds) || !take(text, ".")) return std::nullopt;
  if (text.size() < 3 || !std::all_of(text.begin(), text.begin() + 3, [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  stamp.millis = static_cast<std::uint32_t>((text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0'));
  text.remove_prefix(3);
  if (!take(text, ":") || text.starts_with('-') || !take_number(text, stamp.serial)) return std::nullopt;
  if (take(text, kSerialUnknown)) stamp.serial_known = false;
  if (take(text, kYearGuessed)) {
    stamp.time = StampTime::YearGuessed;
  } else if (take(text, kTimeUnknown)) {
    stamp.time = StampTime::Unknown;
  }
  if (!text.empty()) return std::nullopt;
  return stamp;
}

std::string AuditStamp::iso8601() const {
  if (!time_known()) return "unknown";
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return str();
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

std::string AuditStamp::described() const {
  switch (time) {
    case StampTime::Exact: return iso8601();
    case StampTime::YearGuessed: return iso8601() + " (year guessed)";
    case StampTime::Unknown: return "unknown time";
  }
  return iso8601();
}

void widen_span(AuditStamp& first, AuditStamp& last, const AuditStamp& seen) {
  if (!seen.time_known()) return;
  if (!first.time_known()) {
    first = last = seen;
    return;
  }
  if (seen < first) first = seen;
  if (last < seen) last = seen;
}

void merge_span(AuditStamp& first, AuditStamp& last, const AuditStamp& other_first, const AuditStamp& other_last) {
  if (!first.time_known() && !other_first.time_known()) {
    first = std::min(first, other_first);
    last = std::max(last, other_last);
    return;
  }
  widen_span(first, last, other_first);
  widen_span(first, last, other_last);
}

}  // namespace avcsift
