#pragma once
/// The `audit(SECONDS.MILLIS:SERIAL)` stamp that identifies an audit event.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace avcsift {

/// How much of an event's time the log itself said.
/// Closed: switch on it exhaustively (no `default:`).
enum class StampTime : std::uint8_t {
  Exact,        ///< date and time as logged (raw, `ausearch -i`, dmesg, ISO syslog).
  YearGuessed,  ///< a syslog line: month, day and time; the year was guessed.
  Unknown,      ///< the date could not be read: `seconds` only keeps events apart.
};

/// When an event happened and its serial number, as the kernel stamped it.
struct AuditStamp {
  std::int64_t seconds = 0;   ///< Unix time.
  std::uint32_t millis = 0;   ///< 0..999.
  std::uint64_t serial = 0;   ///< per-boot event serial.
  /// False when the log gave no serial (journald, syslog and bare `avc:`
  /// lines): `serial` was made up to keep their events apart.
  bool serial_known = true;
  StampTime time = StampTime::Exact;  ///< how far `seconds` can be trusted.

  friend auto operator<=>(const AuditStamp&, const AuditStamp&) = default;
  friend bool operator==(const AuditStamp&, const AuditStamp&) = default;

  /// `SECONDS.MMM:SERIAL`, the form audit records print.
  [[nodiscard]] std::string str() const;
  /// UTC time as `YYYY-MM-DDTHH:MM:SS.mmmZ`, for reports; `unknown` when the
  /// log's date could not be read.
  [[nodiscard]] std::string iso8601() const;
  /// iso8601() for text output: `... (year guessed)` when it was, `unknown
  /// time` when the date could not be read.
  [[nodiscard]] std::string described() const;
  /// Everything in one short text, for a JSON report's aggregate section
  /// (thousands of rules each hold about twenty stamps): str(), then
  /// ` serial_unknown` when !serial_known, then ` year_guessed` or
  /// ` time_unknown` unless the time is exact.
  [[nodiscard]] std::string full_text() const;
  /// Reads full_text() back; nullopt for anything else.
  [[nodiscard]] static std::optional<AuditStamp> from_full_text(std::string_view text);
  /// Whether the time means anything (see StampTime::Unknown).
  [[nodiscard]] bool time_known() const { return time != StampTime::Unknown; }
};

/// Widens the span [first, last] (set both to the first stamp seen) to take
/// in `seen`. A stamp of unknown time says nothing about the span: it only
/// stands in while no stamp of known time has been seen.
void widen_span(AuditStamp& first, AuditStamp& last, const AuditStamp& seen);

/// Widens [first, last] by another span [other_first, other_last] (merging
/// two reports). Two spans of unknown time keep the smaller first and the
/// larger last stamp, so the result does not depend on the order of merges.
void merge_span(AuditStamp& first, AuditStamp& last, const AuditStamp& other_first, const AuditStamp& other_last);

}  // namespace avcsift
