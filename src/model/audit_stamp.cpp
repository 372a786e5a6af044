#include "avcsift/model/audit_stamp.hpp"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

namespace avcsift {

std::string AuditStamp::str() const {
  return fmt::format("{}.{:03}:{}", seconds, millis, serial);
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
