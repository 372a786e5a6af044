#pragma once
/// The `audit(SECONDS.MILLIS:SERIAL)` stamp that identifies an audit event.
#include <compare>
#include <cstdint>
#include <string>

namespace avcsift {

/// When an event happened and its serial number, as the kernel stamped it.
struct AuditStamp {
  std::int64_t seconds = 0;   ///< Unix time.
  std::uint32_t millis = 0;   ///< 0..999.
  std::uint64_t serial = 0;   ///< per-boot event serial.

  friend auto operator<=>(const AuditStamp&, const AuditStamp&) = default;
  friend bool operator==(const AuditStamp&, const AuditStamp&) = default;

  /// `SECONDS.MMM:SERIAL`, the form audit records print.
  [[nodiscard]] std::string str() const;
  /// UTC time as `YYYY-MM-DDTHH:MM:SS.mmmZ`, for reports.
  [[nodiscard]] std::string iso8601() const;
};

}  // namespace avcsift
