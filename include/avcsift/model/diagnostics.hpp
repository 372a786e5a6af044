#pragma once
/// Warnings about bad input: counted, sampled, never fatal.
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "avcsift/model/source_location.hpp"

namespace spdlog { class logger; }

namespace avcsift {

/// Collects warnings about input the run can go on without (a malformed line,
/// an unknown record). The first `limit` are printed as
/// `avcsift: warning: audit.log:1234: message`; the rest are only counted and
/// summarised by finish(). Messages must already be escaped when they quote
/// log text (see escape_for_comment). Safe to call from several threads (a
/// command's own and EventReader's worker); which of two simultaneous
/// messages comes first is then up to the scheduler, so per-line warnings
/// go through EventReader::warn, which keeps them in input order.
class Diagnostics {
 public:
  /// Prints onto `out` (normally std::cerr); shows at most `limit` warnings.
  explicit Diagnostics(std::ostream& out, std::uint64_t limit = 20);
  ~Diagnostics();
  Diagnostics(const Diagnostics&) = delete;
  Diagnostics& operator=(const Diagnostics&) = delete;

  /// A problem with one place of the input; the run goes on.
  void warn(const SourceLocation& where, std::string_view message);
  /// A problem not tied to a line (an unreadable input among several).
  void warn(std::string_view message);
  /// A serious problem that still lets the run go on, e.g. a missing input;
  /// always printed and makes had_errors() true.
  void error(std::string_view message);
  /// Plain information the user asked for or must know (`no policy found`).
  void note(std::string_view message);
  /// With `quiet`, note() prints nothing (`--quiet`); warnings and errors still print.
  void set_quiet(bool quiet);
  /// Prints `N more warnings not shown` when warnings were suppressed.
  void finish();
  /// Writes `text` as it is (the progress meter's line, or its erasure) under
  /// the lock the messages take: the meter draws from the reading thread while
  /// warnings come from EventReader's worker, and two writers on one stream
  /// cut into each other's lines.
  void draw(std::string_view text);

  [[nodiscard]] std::uint64_t warning_count() const { return warnings_; }
  [[nodiscard]] std::uint64_t error_count() const { return errors_; }
  [[nodiscard]] bool had_errors() const { return errors_ > 0; }

 private:
  std::mutex mutex_;  // guards everything below
  std::ostream& out_;
  std::shared_ptr<spdlog::logger> logger_;
  std::uint64_t limit_;
  std::uint64_t warnings_ = 0;
  std::uint64_t errors_ = 0;
  bool finished_ = false;
};

}  // namespace avcsift
