// Failures that are not avcsift's own Error (the standard library's, the
// system's) still end a run with one `avcsift: error:` line and status 1,
// never with std::terminate's abort.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::read_file;
using avcsift::test::run_command;
using avcsift::test::TempDir;

TEST_CASE("a thread that cannot start ends the run with an error line and status 1") {
  if (::geteuid() != 0) avcsift::test::skip_test("needs root to run avcsift as nobody under a process limit");
  if (!avcsift::test::have_tool("setpriv") || !avcsift::test::have_tool("prlimit")) {
    avcsift::test::skip_test("needs setpriv and prlimit (util-linux)");
  }
  // A copy of the binary that nobody may run; with at most one process for
  // nobody (RLIMIT_NPROC counts threads), EventReader's worker cannot start.
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);
  const auto binary = dir.path() / "avcsift";
  std::filesystem::copy_file(AVCSIFT_BINARY, binary);
  const auto result =
      run_command("setpriv", {"--reuid=65534", "--regid=65534", "--clear-groups", "prlimit", "--nproc=1",
                              binary.string(), "allow", "--no-policy"},
                  read_file(avcsift::test::testdata("audit-logs/raw.log")));
  CHECK(result.err == "avcsift: error: system error: Resource temporarily unavailable\n");
  CHECK(result.status == 1);
}
