// Every log under testdata/audit-logs through `avcsift allow`: the output is
// stable. (Its modules compile: testdata_modules_test.cpp.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::run_avcsift;
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

TEST_CASE("every bundled log gives the same bytes on every run") {
  for (const auto& log : bundled_logs()) {
    INFO(log.string());
    const auto first = run_avcsift({"allow", "--no-policy", log.string()});
    const auto second = run_avcsift({"allow", "--no-policy", log.string()});
    CHECK(first.out == second.out);
    CHECK(first.err == second.err);
  }
}
