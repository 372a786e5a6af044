// The progress meter on a terminal (through util-linux `script`, which runs
// avcsift on a pseudo-terminal), and --quiet.
#include <catch2/catch.hpp>

#include <string>

#include "run_avcsift.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;

namespace {

std::string many_denials(int count) {
  std::string log;
  for (int i = 0; i < count; ++i) {
    // Times only move forward: libauparse holds on to events whose time goes back.
    log += "type=AVC msg=audit(" + std::to_string(1795602000 + i / 1000) + "." + std::to_string(100 + i % 900) +
           ":" + std::to_string(20000 + i) +
           "): avc:  denied  { read } for  pid=1 comm=\"x\" scontext=system_u:system_r:httpd_t:s0 "
           "tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n";
  }
  return log;
}

/// Denials in the log of the terminal comparison (18 MB): the worker writes
/// `why`'s 26 MB for a while after the pause, long enough for redraws.
constexpr int kTerminalDenials = 100000;

/// A shell line that makes in.fifo deliver big.log slowly: half of it, a
/// pause longer than the meter's first-show delay, then the rest (the meter
/// looks at the clock every 4096 lines).
const std::string kSlowFifo =
    "mkfifo in.fifo; { head -n 6000 big.log; sleep 0.7; tail -n +6001 big.log; } > in.fifo & ";

}  // namespace

TEST_CASE("on a terminal a slow input shows progress on stderr and erases it at the end") {
  TempDir dir;
  dir.write("big.log", many_denials(12000));
  const auto result = run_command(
      "script", {"-qefc", kSlowFifo + "'" AVCSIFT_BINARY "' allow --no-policy in.fifo > out; wait", "/dev/null"},
      "", dir.path());
  REQUIRE(result.status == 0);
  INFO(result.out);
  // What the terminal received: the meter's line, rewritten in place, then erased.
  CHECK(result.out.find("avcsift: reading in.fifo: ") != std::string::npos);
  CHECK(result.out.find("B/s\r") != std::string::npos);
  CHECK(result.out.ends_with("\r\033[K"));
  CHECK(read_file(dir.path() / "out").find("allow httpd_t etc_t:file read;") != std::string::npos);
}

TEST_CASE("with --quiet no progress shows on a terminal") {
  TempDir dir;
  dir.write("big.log", many_denials(12000));
  const auto result = run_command(
      "script", {"-qefc", kSlowFifo + "'" AVCSIFT_BINARY "' allow --quiet --no-policy in.fifo > out; wait", "/dev/null"},
      "", dir.path());
  REQUIRE(result.status == 0);
  CHECK(result.out.empty());
  CHECK(read_file(dir.path() / "out").find("allow httpd_t etc_t:file read;") != std::string::npos);
}

TEST_CASE("when stderr is not a terminal a slow input shows no progress") {
  TempDir dir;
  dir.write("big.log", many_denials(12000));
  const auto result = run_command(
      "/bin/bash", {"-c", kSlowFifo + "'" AVCSIFT_BINARY "' allow --no-policy in.fifo; wait"}, "", dir.path());
  REQUIRE(result.status == 0);
  CHECK(result.err.empty());
}

TEST_CASE("allow -q silences the notes but not the warnings") {
  const auto log = avcsift::test::testdata("audit-logs/bad-input.log").string();
  const auto loud = run_avcsift({"allow", "--no-policy", log});
  REQUIRE(loud.err.find("avcsift: info: ") != std::string::npos);
  const auto quiet = run_avcsift({"allow", "-q", "--no-policy", log});
  CHECK(quiet.status == loud.status);
  CHECK(quiet.out == loud.out);
  CHECK(quiet.err.find("avcsift: info: ") == std::string::npos);
  CHECK(quiet.err.find("avcsift: warning: ") != std::string::npos);
}

TEST_CASE("allow -q does not silence errors") {
  const auto result = run_avcsift({"allow", "-q", "--no-policy", "/nonexistent/audit.log"});
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: /nonexistent/audit.log: cannot open: No such file or directory\n");
}

// Regression: the meter drew on std::cerr from the reading thread, and
// std::cerr was tied to std::cout, so every redraw flushed std::cout while
// EventReader's worker was writing `why`'s explanations into it: on a
// terminal, a redirected stdout got duplicated text and lines cut mid-word.
// The log pauses once after the meter's first-show delay, then flows at
// full speed, so the meter redraws while the worker writes.
TEST_CASE("on a terminal why allow and report write the same bytes to stdout as without one") {
  TempDir dir;
  dir.write("big.log", many_denials(kTerminalDenials));
  const std::string slow_fifo =
      "rm -f in.fifo; mkfifo in.fifo; { head -n 6000 big.log; sleep 0.7; tail -n +6001 big.log; } > in.fifo & ";
  // `why` three times: it is the one that writes while reading, and before
  // the fix about one run in two came out wrong.
  for (const std::string command : {"why", "why", "why", "allow", "report"}) {
    INFO(command);
    const std::string run = "'" AVCSIFT_BINARY "' " + command + " --no-policy in.fifo";
    const auto plain = run_command("/bin/sh", {"-c", slow_fifo + run + " > plain 2>/dev/null; wait"}, "", dir.path());
    REQUIRE(plain.status == 0);
    const auto terminal = run_command("script", {"-qefc", slow_fifo + run + " > out; wait", "/dev/null"}, "", dir.path());
    REQUIRE(terminal.status == 0);
    // The meter did draw while the worker was writing.
    CHECK(terminal.out.find("avcsift: reading in.fifo: ") != std::string::npos);
    const std::string expected = read_file(dir.path() / "plain");
    REQUIRE(expected.size() > 100);
    const std::string out = read_file(dir.path() / "out");
    CHECK(out.size() == expected.size());
    CHECK(out == expected);
  }
}
