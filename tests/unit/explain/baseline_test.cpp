// --baseline: findings marked new or seen against a previous report, and
// what the previous report had that is gone.
#include "avcsift/explain/baseline.hpp"

#include <catch2/catch.hpp>

using avcsift::explain::BaselineEntry;
using avcsift::explain::BaselineStatus;
using avcsift::explain::compare_with_baseline;
using avcsift::explain::Finding;
using avcsift::explain::FindingKind;

namespace {

Finding finding(const std::string& source, const std::string& target, std::set<std::string> permissions) {
  Finding f;
  f.source_type = source;
  f.target_type = target;
  f.tclass = "file";
  f.permissions = std::move(permissions);
  return f;
}

BaselineEntry entry(const std::string& source, const std::string& target, std::set<std::string> permissions,
                    std::uint64_t count) {
  BaselineEntry e;
  e.kind = "denial";
  e.source_type = source;
  e.target_type = target;
  e.tclass = "file";
  e.permissions = std::move(permissions);
  e.count = count;
  return e;
}

}  // namespace

TEST_CASE("a finding the baseline has with all its permissions is seen with the old count") {
  const auto result = compare_with_baseline({entry("a_t", "etc_t", {"read", "open"}, 7)},
                                            {finding("a_t", "etc_t", {"read"})});
  REQUIRE(result.marks.size() == 1);
  CHECK(result.marks[0].status == BaselineStatus::Seen);
  CHECK(result.marks[0].old_count == 7);
  CHECK(result.gone.empty());
  CHECK(result.seen_count() == 1);
}

TEST_CASE("a finding the baseline lacks is new") {
  const auto result = compare_with_baseline({entry("a_t", "etc_t", {"read"}, 1)}, {finding("b_t", "etc_t", {"read"})});
  CHECK(result.marks[0].status == BaselineStatus::New);
  CHECK_FALSE(result.marks[0].known);
  CHECK(result.new_count() == 1);
  REQUIRE(result.gone.size() == 1);
  CHECK(result.gone[0].source_type == "a_t");
}

TEST_CASE("a known access denied a permission more is new and names the permission") {
  const auto result = compare_with_baseline({entry("a_t", "etc_t", {"read"}, 3)},
                                            {finding("a_t", "etc_t", {"read", "write"})});
  CHECK(result.marks[0].status == BaselineStatus::New);
  CHECK(result.marks[0].known);
  CHECK(result.marks[0].old_count == 3);
  CHECK(result.marks[0].new_permissions == std::set<std::string>{"write"});
  CHECK(result.gone.empty());
}

TEST_CASE("the kind of finding is part of what identifies it") {
  Finding hidden = finding("a_t", "etc_t", {});
  hidden.kind = FindingKind::HiddenFailure;
  const auto result = compare_with_baseline({entry("a_t", "etc_t", {}, 1)}, {hidden});
  CHECK(result.marks[0].status == BaselineStatus::New);
  CHECK(result.gone.size() == 1);
}

TEST_CASE("a baseline entry of an ignored finding is not gone, and a doubled entry goes once") {
  const auto entries = std::vector<BaselineEntry>{entry("a_t", "etc_t", {"read"}, 1), entry("b_t", "tmp_t", {"read"}, 1),
                                                  entry("b_t", "tmp_t", {"write"}, 2)};
  const auto ignored = compare_with_baseline(entries, {}, {finding("a_t", "etc_t", {"read"})});
  REQUIRE(ignored.gone.size() == 1);
  CHECK(ignored.gone[0].source_type == "b_t");
}

TEST_CASE("entries listed twice add their counts and permissions") {
  const auto result = compare_with_baseline({entry("b_t", "tmp_t", {"read"}, 1), entry("b_t", "tmp_t", {"write"}, 2)},
                                            {finding("b_t", "tmp_t", {"read", "write"})});
  CHECK(result.marks[0].status == BaselineStatus::Seen);
  CHECK(result.marks[0].old_count == 3);
}
