#include "avcsift/cli/ingest.hpp"

#include <ctime>

#include "avcsift/input/line_normalizer.hpp"
#include "avcsift/input/line_reader.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

int current_year() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

void ingest_one(input::LineReader& reader, input::LineNormalizer& normalizer,
                parse::EventSink& sink, Diagnostics& diagnostics, IngestStats& stats,
                bool keep_record_text) {
  parse::EventReader events(reader.name(), sink, diagnostics, stats.parse, keep_record_text);
  input::Line line;
  input::NormalizedLine normalized;
  while (reader.next(line)) {
    ++stats.lines;
    if (line.overlong) {
      ++stats.malformed_lines;
      diagnostics.warn({reader.name(), line.number},
                       "line of " + std::to_string(line.length) + " bytes is too long, skipped");
      continue;
    }
    normalizer.normalize(line.text, normalized);
    switch (normalized.kind) {
      case input::LineKind::Records:
        stats.ignored_records += normalized.ignored_records;
        if (normalized.record_count > 0) {
          events.feed(normalized.records, normalized.record_count, line.number);
        }
        break;
      case input::LineKind::Skipped:
        break;
      case input::LineKind::Unrelated:
        ++stats.unrelated_lines;
        break;
      case input::LineKind::Malformed:
        ++stats.malformed_lines;
        diagnostics.warn({reader.name(), line.number}, normalized.problem);
        break;
    }
  }
  events.finish();
  stats.bytes += reader.bytes_read();
  if (!reader.error().empty()) {
    ++stats.inputs_failed;
    diagnostics.error(reader.name() + ": read error: " + reader.error());
  } else {
    ++stats.inputs_read;
  }
}

}  // namespace

void ingest(const std::vector<std::string>& inputs, parse::EventSink& sink,
            Diagnostics& diagnostics, IngestStats& stats, bool keep_record_text) {
  input::LineNormalizer normalizer(current_year());
  const std::vector<std::string> stdin_only{"-"};
  for (const auto& path : inputs.empty() ? stdin_only : inputs) {
    std::unique_ptr<input::LineReader> reader;
    try {
      reader = input::LineReader::open(path);
    } catch (const Error& error) {
      ++stats.inputs_failed;
      diagnostics.error(error.what());
      continue;
    }
    ingest_one(*reader, normalizer, sink, diagnostics, stats, keep_record_text);
  }
}

}  // namespace avcsift::cli
