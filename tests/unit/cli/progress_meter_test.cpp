#include "avcsift/cli/progress_meter.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using avcsift::cli::ProgressMeter;
using namespace std::chrono_literals;

namespace {

/// A clock the test moves by hand.
struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  ProgressMeter::Clock function() {
    return [this] { return now; };
  }
};

constexpr std::uint64_t kMiB = 1024 * 1024;

}  // namespace

TEST_CASE("byte counts are shown in binary units with one decimal") {
  CHECK(ProgressMeter::format_bytes(0) == "0 B");
  CHECK(ProgressMeter::format_bytes(1023) == "1023 B");
  CHECK(ProgressMeter::format_bytes(1536) == "1.5 KiB");
  CHECK(ProgressMeter::format_bytes(12.0 * kMiB) == "12.0 MiB");
  CHECK(ProgressMeter::format_bytes(3.0 * 1024 * kMiB) == "3.0 GiB");
}

TEST_CASE("a file of known size shows bytes read, its size, the percentage and the rate") {
  CHECK(ProgressMeter::format("audit.log", 12 * kMiB, 48 * kMiB, 2.0) ==
        "avcsift: reading audit.log: 12.0 MiB of 48.0 MiB (25%), 6.0 MiB/s");
}

TEST_CASE("a pipe shows bytes and rate without a percentage") {
  CHECK(ProgressMeter::format("<stdin>", 3 * kMiB, std::nullopt, 1.0) ==
        "avcsift: reading <stdin>: 3.0 MiB, 3.0 MiB/s");
}

TEST_CASE("a long path is shortened to its end") {
  const std::string line =
      ProgressMeter::format("/var/log/audit/archive/2024/host-with-a-long-name/audit.log.1.gz", 0, 10, 0);
  CHECK(line == "avcsift: reading ...th-a-long-name/audit.log.1.gz: 0 B of 10 B (0%)");
}

TEST_CASE("a short input shows nothing at all") {
  FakeClock clock;
  std::ostringstream out;
  avcsift::Diagnostics diagnostics(out);
  ProgressMeter meter(diagnostics, true, clock.function());
  meter.start("audit.log", 100);
  clock.now += 100ms;
  meter.update(50);
  clock.now += 100ms;
  meter.update(100);
  meter.finish();
  CHECK(out.str().empty());
}

TEST_CASE("a long input redraws at most every quarter second and is erased at the end") {
  FakeClock clock;
  std::ostringstream out;
  avcsift::Diagnostics diagnostics(out);
  ProgressMeter meter(diagnostics, true, clock.function());
  meter.start("audit.log", 4 * kMiB);
  clock.now += 1s;
  meter.update(kMiB);
  clock.now += 100ms;
  meter.update(2 * kMiB);  // too soon after the last redraw
  clock.now += 200ms;
  meter.update(3 * kMiB);
  meter.finish();
  CHECK(out.str() ==
        "\r\033[Kavcsift: reading audit.log: 1.0 MiB of 4.0 MiB (25%), 1.0 MiB/s\r"
        "\r\033[Kavcsift: reading audit.log: 3.0 MiB of 4.0 MiB (75%), 2.3 MiB/s\r"
        "\r\033[K");
}

TEST_CASE("a disabled meter writes nothing") {
  FakeClock clock;
  std::ostringstream out;
  avcsift::Diagnostics diagnostics(out);
  ProgressMeter meter(diagnostics, false, clock.function());
  meter.start("audit.log", 100);
  clock.now += 10s;
  meter.update(50);
  meter.finish();
  CHECK(out.str().empty());
}
