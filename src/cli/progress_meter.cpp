#include "avcsift/cli/progress_meter.hpp"

#include <unistd.h>

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace avcsift::cli {
namespace {

/// Bounds the name's share of the line (kMaxName characters): long paths
/// keep their end, which names the file.
std::string shorten(const std::string& name) {
  constexpr std::size_t kMaxName = 32;
  if (name.size() <= kMaxName) return name;
  return "..." + name.substr(name.size() - (kMaxName - 3));
}

// `\r` goes back to the start of the line, ESC [ K clears to its end (every
// terminal emulator in use speaks this much ANSI). The meter leaves the
// cursor at the start of its line, so a warning printed while reading
// overwrites it instead of being appended to it.
constexpr const char* kEraseLine = "\r\033[K";

}  // namespace

ProgressMeter::ProgressMeter(Diagnostics& out, bool enabled, Clock clock)
    : out_(out), enabled_(enabled), clock_(std::move(clock)) {}

ProgressMeter::~ProgressMeter() { finish(); }

bool ProgressMeter::wanted_on_stderr(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

void ProgressMeter::start(std::string name, std::optional<std::uint64_t> total_bytes) {
  if (!enabled_) return;
  name_ = std::move(name);
  total_ = total_bytes;
  started_ = clock_();
}

void ProgressMeter::update(std::uint64_t bytes) {
  if (!enabled_) return;
  const auto now = clock_();
  if (now - started_ < kFirstShow) return;
  if (shown_ && now - last_shown_ < kInterval) return;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  out_.draw(kEraseLine + format(name_, bytes, total_, seconds) + '\r');
  shown_ = true;
  last_shown_ = now;
}

void ProgressMeter::finish() {
  if (!shown_) return;
  out_.draw(kEraseLine);
  shown_ = false;
}

std::string ProgressMeter::format_bytes(double bytes) {
  if (bytes < 1024) return fmt::format("{:.0f} B", bytes);
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  std::size_t unit = 0;
  bytes /= 1024;
  while (bytes >= 1024 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", bytes, kUnits[unit]);
}

std::string ProgressMeter::format(const std::string& name, std::uint64_t bytes,
                                  std::optional<std::uint64_t> total_bytes, double seconds) {
  std::string line = "avcsift: reading " + shorten(name) + ": " + format_bytes(static_cast<double>(bytes));
  if (total_bytes && *total_bytes > 0) {
    const auto percent = std::min<std::uint64_t>(100, bytes * 100 / *total_bytes);
    line += fmt::format(" of {} ({}%)", format_bytes(static_cast<double>(*total_bytes)), percent);
  }
  if (seconds > 0) line += ", " + format_bytes(static_cast<double>(bytes) / seconds) + "/s";
  return line;
}

}  // namespace avcsift::cli
