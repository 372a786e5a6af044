#pragma once
/// Reads every input through the normalizer into libauparse and on to a sink.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/cli/common_options.hpp"
#include "avcsift/input/line_normalizer.hpp"
#include "avcsift/model/diagnostics.hpp"
#include "avcsift/parse/event_reader.hpp"

namespace avcsift::cli {

/// Counters over all inputs of a run.
struct IngestStats {
  std::uint64_t inputs_read = 0;     ///< inputs opened and read to the end.
  std::uint64_t inputs_failed = 0;   ///< inputs that could not be opened or read.
  std::uint64_t lines = 0;           ///< lines read.
  std::uint64_t bytes = 0;           ///< bytes read (compressed size for .gz).
  std::uint64_t unrelated_lines = 0; ///< lines with no audit record (syslog traffic).
  std::uint64_t malformed_lines = 0; ///< lines that looked like records but were not.
  std::uint64_t ignored_records = 0; ///< records of types avcsift does not read.
  parse::ParseStats parse;           ///< records, events, denials.

  /// Lines and records that could not be read (each had its warning).
  [[nodiscard]] std::uint64_t unreadable() const { return malformed_lines + parse.malformed_records; }
};

/// The year now, which dates syslog lines (they carry none).
[[nodiscard]] int current_year();

/// Where ingest_line() sends a line: the normalizer of the run, its reused
/// output, and the libauparse feed of the input named `input`.
struct LineFeed {
  input::LineNormalizer& normalizer;
  input::NormalizedLine& scratch;
  parse::EventReader& events;
  std::string input;  ///< for warnings.
};

/// One input line (without its terminator) through the normalizer into the
/// feed; counts it in `stats` (not in `lines`) and warns about a malformed one
/// through the feed (see EventReader::warn).
void ingest_line(std::string_view text, std::uint64_t number, const LineFeed& feed, IngestStats& stats);

/// Counts and warns (through `events`) about a line too long to read (see
/// input::kMaxLineLength).
void note_overlong_line(const SourceLocation& where, std::uint64_t length, parse::EventReader& events,
                        IngestStats& stats);

/// After a run: `N unreadable lines or records were skipped`, when any were.
void note_unreadable(const IngestStats& stats, Diagnostics& diagnostics);

/// Reads `inputs` in order (`-` is standard input; an empty list means
/// standard input), delivering events to `sink`. An input that cannot be read
/// is reported as an error and skipped; the others are still read.
/// `keep_record_text`: see parse::EventReader.
void ingest(const std::vector<std::string>& inputs, parse::EventSink& sink,
            Diagnostics& diagnostics, IngestStats& stats, bool keep_record_text = true);

/// ingest() for a command's options: the inputs, then the kernel ring buffer
/// with --dmesg; events before --since are dropped, and at each policy load
/// the sink restarts when --since-last-load asks for it.
void ingest(const CommonOptions& options, parse::EventSink& sink, Diagnostics& diagnostics,
            IngestStats& stats, bool keep_record_text = true);

}  // namespace avcsift::cli
