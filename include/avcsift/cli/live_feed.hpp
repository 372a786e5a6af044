#pragma once
/// Audit records that arrive on a stream in chunks of any size, as auditd's
/// plugin interface (`format = string`) writes them on a plugin's standard
/// input: one record per line, exactly as audit.log holds them (embedded
/// newlines already turned into spaces), EOE records included:
///   type=AVC msg=audit(1795600800.100:500): avc:  denied  { read } for  pid=812 comm="httpd" ...
///   type=SYSCALL msg=audit(1795600800.100:500): arch=c000003e syscall=257 success=no exit=-13 ...
///   type=EOE msg=audit(1795600800.100:500):
/// With `name_format` set in auditd.conf each line starts with `node=NAME `.
/// Any other format the normalizer reads works too (a recorded log piped in).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "avcsift/cli/ingest.hpp"
#include "avcsift/input/line_normalizer.hpp"
#include "avcsift/parse/event_reader.hpp"

namespace avcsift::cli {

/// Cuts a byte stream into lines and sends each through the normalizer into
/// one libauparse feed, so events reach `sink` as soon as libauparse knows
/// they are complete. libauparse looks only when a line arrives: an event
/// ended by its EOE record, or by a record of a later event, is delivered
/// with the next line, or by age().
class LiveFeed {
 public:
  /// `name` names the stream in warnings (`<stdin>`); `date_order` is `--date-order`.
  LiveFeed(std::string name, parse::EventSink& sink, Diagnostics& diagnostics, IngestStats& stats,
           std::optional<input::DateOrder> date_order = std::nullopt);

  /// Reads the complete lines of `bytes`; a partial last line waits for the
  /// next chunk. A line longer than input::kMaxLineLength is skipped.
  void feed(std::string_view bytes);
  /// Delivers the events that have their EOE record, and those left open
  /// longer than libauparse's end-of-event timeout (see
  /// parse::EventReader::age); call it when the stream is idle.
  void age();
  /// The end of the stream: reads a last line without newline and delivers
  /// every open event.
  void finish();

 private:
  void take_line(std::string_view text);

  std::string name_;
  IngestStats& stats_;
  input::LineNormalizer normalizer_;
  input::NormalizedLine scratch_;
  parse::EventReader events_;
  LineFeed line_feed_;
  std::string partial_;          // the start of a line whose newline has not come yet
  std::uint64_t line_number_ = 0;
  std::uint64_t overlong_length_ = 0;  // >0: skipping the rest of an overlong line
};

}  // namespace avcsift::cli
