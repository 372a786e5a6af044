#pragma once
/// A one-line progress meter on a terminal's stderr while inputs are read.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "avcsift/model/diagnostics.hpp"

namespace avcsift::cli {

/// Shows `avcsift: reading audit.log: 12.0 MiB of 48.0 MiB (25%), 80.0 MiB/s`
/// on one line that it rewrites in place, for inputs that take long enough
/// to make a user wonder (kFirstShow), at most a few times a second
/// (kInterval), and erases at the end so stderr holds only diagnostics.
/// Disabled, it does nothing at all: the caller decides (stderr a terminal,
/// no --quiet). It draws through the run's Diagnostics, whose lock keeps its
/// line and the warnings of EventReader's worker from cutting into each other.
class ProgressMeter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  /// Nothing is shown before an input has been read this long.
  static constexpr std::chrono::milliseconds kFirstShow{500};
  /// The shortest time between two updates of the line.
  static constexpr std::chrono::milliseconds kInterval{250};

  /// Draws through `out` (see Diagnostics::draw) when `enabled`; `clock` is
  /// injectable for tests.
  ProgressMeter(Diagnostics& out, bool enabled, Clock clock = std::chrono::steady_clock::now);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  /// A new input named `name` begins; `total_bytes` is its size when known
  /// (a regular file; compressed size for .gz).
  void start(std::string name, std::optional<std::uint64_t> total_bytes);
  /// `bytes` of the current input are read; redraws when it is time to.
  void update(std::uint64_t bytes);
  /// Erases the line, if one is shown.
  void finish();

  /// The text of the line (without `\r`): name, bytes, percent, rate.
  static std::string format(const std::string& name, std::uint64_t bytes,
                            std::optional<std::uint64_t> total_bytes, double seconds);
  /// `512 B`, `12.0 KiB`, `3.4 MiB`, `1.2 GiB`.
  static std::string format_bytes(double bytes);

  /// True when progress belongs on stderr: it is a terminal and not `quiet`.
  static bool wanted_on_stderr(bool quiet);

 private:
  Diagnostics& out_;
  bool enabled_;
  Clock clock_;
  std::string name_;
  std::optional<std::uint64_t> total_;
  std::chrono::steady_clock::time_point started_{};
  std::chrono::steady_clock::time_point last_shown_{};
  bool shown_ = false;
};

}  // namespace avcsift::cli
