#include "avcsift/cli/ingest.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>

#include "avcsift/cli/module_builder.hpp"
#include "avcsift/cli/node_scope.hpp"
#include "avcsift/cli/progress_meter.hpp"
#include "avcsift/input/line_normalizer.hpp"
#include "avcsift/input/line_reader.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

/// When the lines of `path` were last written: a regular file's
/// modification time, or now (standard input, pipes), which dates syslog
/// lines that carry no year.
std::int64_t input_written(const std::string& path) {
  struct stat st{};
  const int status = path == "-" ? ::fstat(STDIN_FILENO, &st) : ::stat(path.c_str(), &st);
  if (path != "-" && status == 0 && S_ISREG(st.st_mode)) return static_cast<std::int64_t>(st.st_mtime);
  return static_cast<std::int64_t>(std::time(nullptr));
}

/// The size of `path` when it is a regular file (`-`: standard input), for
/// the progress meter's percentage; a pipe has none.
std::optional<std::uint64_t> input_size(const std::string& path) {
  struct stat st{};
  const int status = path == "-" ? ::fstat(STDIN_FILENO, &st) : ::stat(path.c_str(), &st);
  if (status != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return static_cast<std::uint64_t>(st.st_size);
}

/// How often (in lines) the progress meter is asked whether to redraw: often
/// enough for a few updates a second, rarely enough to cost nothing.
constexpr std::uint64_t kProgressLines = 4096;

void ingest_one(input::LineReader& reader, input::LineNormalizer& normalizer,
                parse::EventSink& sink, Diagnostics& diagnostics, IngestStats& stats,
                bool keep_record_text, ProgressMeter& progress) {
  parse::EventReader events(reader.name(), sink, diagnostics, stats.parse, keep_record_text);
  input::Line line;
  input::NormalizedLine normalized;
  const LineFeed feed{normalizer, normalized, events, reader.name()};
  std::uint64_t line_bytes = 0;  // what a pipe delivered, where bytes_read() cannot tell
  while (reader.next(line)) {
    ++stats.lines;
    line_bytes += line.length + 1;
    if (line.number % kProgressLines == 0) {
      const std::uint64_t offset = reader.bytes_read();
      progress.update(offset > 0 ? offset : line_bytes);
    }
    if (line.overlong) {
      note_overlong_line({reader.name(), line.number}, line.length, events, stats);
      continue;
    }
    ingest_line(line.text, line.number, feed, stats);
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

/// Applies --since and --since-last-load in front of a command's sink.
class ScopedSink final : public parse::EventSink {
 public:
  ScopedSink(const CommonOptions& options, parse::EventSink& inner) : options_(options), inner_(inner) {}
  void on_event(AuditEvent&& event) override {
    // An event whose date could not be read is kept: nothing says it is older.
    if (options_.since && event.stamp.time_known() && event.stamp.seconds < *options_.since) return;
    if (options_.since_last_load && event.policy_load) {
      inner_.restart();
      // The loading event's own denials (load_policy itself, in permissive
      // mode) were decided by the old policy; audit2allow -l drops them too.
      event.denials.clear();
      event.invalid_contexts.clear();
      event.selinux_errors.clear();
    }
    inner_.on_event(std::move(event));
  }
  void restart() override { inner_.restart(); }

 private:
  const CommonOptions& options_;
  parse::EventSink& inner_;
};

/// The kernel ring buffer, as `dmesg` prints it, in a temporary file that is
/// read like any other input and removed afterwards.
class DmesgCapture {
 public:
  explicit DmesgCapture(Diagnostics& diagnostics) {
    std::string pattern = (std::filesystem::temp_directory_path() / "avcsift-dmesg-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw Error("cannot create a temporary file for dmesg's output");
    ::close(fd);
    path_ = pattern;
    const ToolRun run = run_tool({"dmesg"});
    if (run.status != 0) diagnostics.error("dmesg failed: " + run.output.substr(0, run.output.find('\n')));
    std::ofstream(path_, std::ios::binary) << run.output;
  }
  ~DmesgCapture() { ::unlink(path_.c_str()); }
  DmesgCapture(const DmesgCapture&) = delete;
  DmesgCapture& operator=(const DmesgCapture&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// ingest() showing how far it got on `progress`.
void read_inputs(const std::vector<std::string>& inputs, parse::EventSink& sink, Diagnostics& diagnostics,
                 IngestStats& stats, bool keep_record_text, ProgressMeter& progress,
                 std::optional<input::DateOrder> date_order) {
  input::LineNormalizer normalizer(current_year(), date_order);
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
    normalizer.begin_input(input_written(path));
    progress.start(reader->name(), input_size(path));
    ingest_one(*reader, normalizer, sink, diagnostics, stats, keep_record_text, progress);
    // Erased before the next input and before any summary is printed.
    progress.finish();
  }
}

}  // namespace

int current_year() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

void note_overlong_line(const SourceLocation& where, std::uint64_t length, parse::EventReader& events,
                        IngestStats& stats) {
  ++stats.malformed_lines;
  events.warn(where, "line of " + std::to_string(length) + " bytes is too long, skipped");
}

void ingest_line(std::string_view text, std::uint64_t number, const LineFeed& feed, IngestStats& stats) {
  input::NormalizedLine& normalized = feed.scratch;
  feed.normalizer.normalize(text, normalized);
  switch (normalized.kind) {
    case input::LineKind::Records:
      stats.ignored_records += normalized.ignored_records;
      if (!normalized.note.empty()) feed.events.warn({feed.input, number}, normalized.note);
      if (normalized.record_count > 0) {
        const parse::LineFacts facts{normalized.serial_known, normalized.time,
                                     normalized.rewritten ? text : std::string_view()};
        feed.events.feed(normalized.records, normalized.record_count, number, facts);
      }
      break;
    case input::LineKind::Skipped:
      break;
    case input::LineKind::Unrelated:
      ++stats.unrelated_lines;
      break;
    case input::LineKind::Malformed:
      ++stats.malformed_lines;
      feed.events.warn({feed.input, number}, normalized.problem);
      break;
  }
}

void note_unreadable(const IngestStats& stats, Diagnostics& diagnostics) {
  if (stats.unreadable() > 0) {
    diagnostics.note(std::to_string(stats.unreadable()) + " unreadable lines or records were skipped");
  }
}

void ingest(const CommonOptions& options, parse::EventSink& sink, Diagnostics& diagnostics,
            IngestStats& stats, bool keep_record_text) {
  std::vector<std::string> inputs = options.inputs;
  std::optional<DmesgCapture> dmesg;
  if (options.dmesg) {
    dmesg.emplace(diagnostics);
    inputs.push_back(dmesg->path());
  }
  ScopedSink scoped(options, sink);
  NodeScope hosts(options.node, scoped);
  diagnostics.set_quiet(options.quiet);
  ProgressMeter progress(diagnostics, ProgressMeter::wanted_on_stderr(options.quiet));
  read_inputs(inputs, hosts, diagnostics, stats, keep_record_text, progress, options.date_order);
}

void ingest(const std::vector<std::string>& inputs, parse::EventSink& sink,
            Diagnostics& diagnostics, IngestStats& stats, bool keep_record_text) {
  ProgressMeter progress(diagnostics, /*enabled=*/false);
  read_inputs(inputs, sink, diagnostics, stats, keep_record_text, progress, std::nullopt);
}


}  // namespace avcsift::cli
