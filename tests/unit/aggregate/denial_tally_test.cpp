// DenialTally: distinct denials (full contexts, class, permissions), how often
// and when each was seen.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "avcsift/aggregate/denial_tally.hpp"

using avcsift::AuditStamp;
using avcsift::Denial;
using avcsift::DenialTally;
using avcsift::DistinctDenial;
using avcsift::DistinctDenialKey;
using avcsift::Reason;
using avcsift::SecurityContext;
using avcsift::Verdict;

namespace {

using Strings = std::set<std::string>;

Denial denial(std::string source_level, std::string tclass, std::vector<std::string> perms,
              AuditStamp stamp = {1764064800, 0, 1}) {
  Denial d;
  d.source = SecurityContext{"system_u", "system_r", "container_t", std::move(source_level)};
  d.target = SecurityContext{"system_u", "object_r", "container_file_t", "s0"};
  d.tclass = std::move(tclass);
  d.permissions = std::move(perms);
  d.stamp = stamp;
  return d;
}

Verdict verdict(Reason reason) {
  Verdict v;
  v.reason = reason;
  return v;
}

const DistinctDenial& only(const DenialTally& tally) {
  REQUIRE(tally.denials().size() == 1);
  return tally.denials().begin()->second;
}

}  // namespace

TEST_CASE("the same contexts, class and permissions are one distinct denial with a count") {
  DenialTally tally;
  for (int i = 0; i < 3; ++i) tally.add(denial("s0:c1,c2", "file", {"read"}), verdict(Reason::MissingTeRule));
  CHECK(only(tally).count == 3);
}

TEST_CASE("denials that differ in a level, class or permission set are distinct") {
  DenialTally tally;
  tally.add(denial("s0:c1,c2", "file", {"read"}), verdict(Reason::MissingTeRule));
  tally.add(denial("s0:c3,c4", "file", {"read"}), verdict(Reason::MissingTeRule));
  tally.add(denial("s0:c1,c2", "dir", {"read"}), verdict(Reason::MissingTeRule));
  tally.add(denial("s0:c1,c2", "file", {"open", "read"}), verdict(Reason::MissingTeRule));
  tally.add(denial("s0:c1,c2", "file", {"read"}), verdict(Reason::MissingTeRule));
  REQUIRE(tally.denials().size() == 4);
  std::vector<DistinctDenialKey> keys;
  std::vector<std::uint64_t> counts;
  for (const auto& [key, distinct] : tally.denials()) {
    keys.push_back(key);
    counts.push_back(distinct.count);
  }
  const std::string target = "system_u:object_r:container_file_t:s0";
  CHECK(keys == std::vector<DistinctDenialKey>{
                    {"system_u:system_r:container_t:s0:c1,c2", target, "dir", {"read"}},
                    {"system_u:system_r:container_t:s0:c1,c2", target, "file", {"open", "read"}},
                    {"system_u:system_r:container_t:s0:c1,c2", target, "file", {"read"}},
                    {"system_u:system_r:container_t:s0:c3,c4", target, "file", {"read"}},
                });
  CHECK(counts == std::vector<std::uint64_t>{1, 1, 2, 1});
}

TEST_CASE("first and last seen are the earliest and latest stamps whatever the order") {
  DenialTally tally;
  tally.add(denial("s0", "file", {"read"}, {1764064850, 500, 20}), verdict(Reason::MissingTeRule));
  tally.add(denial("s0", "file", {"read"}, {1764064800, 100, 10}), verdict(Reason::MissingTeRule));
  tally.add(denial("s0", "file", {"read"}, {1764064900, 0, 30}), verdict(Reason::MissingTeRule));
  tally.add(denial("s0", "file", {"read"}, {1764064850, 0, 15}), verdict(Reason::MissingTeRule));
  const DistinctDenial& distinct = only(tally);
  CHECK(distinct.first_seen == AuditStamp{1764064800, 100, 10});
  CHECK(distinct.last_seen == AuditStamp{1764064900, 0, 30});
}

TEST_CASE("the first occurrence added and its verdict are kept") {
  DenialTally tally;
  Denial first = denial("s0", "file", {"read"}, {1764064850, 0, 20});
  first.record = "first record";
  Denial second = denial("s0", "file", {"read"}, {1764064800, 0, 10});
  second.record = "second record";
  tally.add(first, verdict(Reason::Boolean));
  tally.add(second, verdict(Reason::Allowed));
  CHECK(only(tally).first.record == "first record");
  CHECK(only(tally).verdict.reason == Reason::Boolean);
}

TEST_CASE("granted records are not counted") {
  DenialTally tally;
  Denial granted = denial("s0", "file", {"read"});
  granted.granted = true;
  tally.add(granted, verdict(Reason::Allowed));
  CHECK(tally.denials().empty());
  tally.add(denial("s0", "file", {"read"}), verdict(Reason::MissingTeRule));
  tally.add(granted, verdict(Reason::Allowed));
  CHECK(only(tally).count == 1);
}

TEST_CASE("paths fall back to the name, and commands are sampled") {
  DenialTally tally;
  Denial with_path = denial("s0", "file", {"read"});
  with_path.path = "/var/lib/containers/a";
  with_path.name = "a";
  with_path.comm = "cat";
  Denial with_name = denial("s0", "file", {"read"});
  with_name.name = "b";
  with_name.comm = "less";
  Denial bare = denial("s0", "file", {"read"});
  tally.add(with_path, verdict(Reason::MissingTeRule));
  tally.add(with_name, verdict(Reason::MissingTeRule));
  tally.add(bare, verdict(Reason::MissingTeRule));
  CHECK(only(tally).paths.values() == Strings{"/var/lib/containers/a", "b"});
  CHECK(only(tally).commands.values() == Strings{"cat", "less"});
}
