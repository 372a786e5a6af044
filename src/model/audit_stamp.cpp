#include "avcsift/model/audit_stamp.hpp"

#include <ctime>

#include <fmt/format.h>

namespace avcsift {

std::string AuditStamp::str() const {
  return fmt::format("{}.{:03}:{}", seconds, millis, serial);
}

std::string AuditStamp::iso8601() const {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return str();
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

}  // namespace avcsift
