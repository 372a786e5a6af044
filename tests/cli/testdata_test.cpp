// Every log under testdata/audit-logs through `avcsift allow`: it is read
// without errors, the output is stable, and the module compiles.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

std::vector<std::filesystem::path> bundled_logs() {
  std::vector<std::filesystem::path> logs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testdata("audit-logs"))) {
    if (entry.path().extension() == ".log") logs.push_back(entry.path());
  }
  std::sort(logs.begin(), logs.end());
  return logs;
}

}  // namespace

TEST_CASE("every bundled log yields a module that checkmodule compiles") {
  if (!avcsift::test::have_tool("checkmodule")) {
    avcsift::test::skip_test("checkmodule is not installed (Debian package checkpolicy)");
  }
  const auto logs = bundled_logs();
  REQUIRE(!logs.empty());
  for (const auto& log : logs) {
    INFO(log.string());
    TempDir dir;
    const auto result = run_avcsift({"allow", "--no-policy", "-m", "bundled", log.string()});
    CHECK(result.status == 0);
    if (result.out.find("allow ") == std::string::npos &&
        result.out.find("role ") == std::string::npos) {
      continue;  // a log of notices only: nothing to compile
    }
    dir.write("bundled.te", result.out);
    const auto compiled =
        run_command("checkmodule", {"-M", "-m", "-o", "bundled.mod", "bundled.te"}, "", dir.path());
    INFO(result.out << compiled.out << compiled.err);
    CHECK(compiled.status == 0);
  }
}

TEST_CASE("every bundled log gives the same bytes on every run") {
  for (const auto& log : bundled_logs()) {
    INFO(log.string());
    const auto first = run_avcsift({"allow", "--no-policy", log.string()});
    const auto second = run_avcsift({"allow", "--no-policy", log.string()});
    CHECK(first.out == second.out);
    CHECK(first.err == second.err);
  }
}
