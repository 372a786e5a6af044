// `avcsift watch` when reading its standard input fails: a read that finds
// nothing after all (EAGAIN on a non-blocking stdin) is retried, a real read
// error ends the run with status 1. The failure is injected into read() with
// an LD_PRELOAD library (read_fault_preload.c).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "run_avcsift.hpp"

using avcsift::test::read_file;
using avcsift::test::run_command;
using avcsift::test::TempDir;

namespace {

/// `avcsift watch --no-policy` on `log`, its first read of stdin failing with `fault`.
avcsift::test::RunResult watch_with_read_fault(const std::string& fault, const TempDir& out) {
  const std::string log = read_file(avcsift::test::testdata("audit-logs/raw.log"));
  return run_command("env", {"LD_PRELOAD=" AVCSIFT_READ_FAULT_PRELOAD, "AVCSIFT_TEST_READ_FAULT=" + fault,
                             AVCSIFT_BINARY, "watch", "--no-policy", "-q", "--output-dir", out.path().string()},
                     log);
}

}  // namespace

TEST_CASE("watch reads on after EAGAIN on a non-blocking standard input") {
  TempDir out;
  const auto result = watch_with_read_fault("EAGAIN", out);
  CHECK(result.err.empty());
  CHECK(result.status == 0);
  CHECK(read_file(out.path() / "avcsift.te").find("allow syslogd_t var_t:file append;\n") != std::string::npos);
}

TEST_CASE("watch exits 1 after a read error on its standard input") {
  TempDir out;
  const auto result = watch_with_read_fault("EIO", out);
  CHECK(result.err == "avcsift: error: <stdin>: read error: Input/output error\n");
  CHECK(result.status == 1);
  // The last write still happens: what was read before the error is kept.
  CHECK(std::filesystem::exists(out.path() / "avcsift.te"));
}
