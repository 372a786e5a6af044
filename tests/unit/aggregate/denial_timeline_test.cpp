// DenialTimeline: break cycles at inputs and policy loads, new rules per
// cycle, and bucket widths that grow with the time span.
#include "avcsift/aggregate/denial_timeline.hpp"

#include <catch2/catch.hpp>

using avcsift::AuditStamp;
using avcsift::CycleStart;
using avcsift::DenialTimeline;

namespace {

AuditStamp at(std::int64_t seconds) { return AuditStamp{seconds, 0, static_cast<std::uint64_t>(seconds)}; }

}  // namespace

TEST_CASE("each input starts a cycle and later cycles count only rules not seen before") {
  DenialTimeline timeline;
  timeline.enter_input("cycle1.log", at(1000));
  timeline.add(at(1000), "a_t", "etc_t", "file");
  timeline.add(at(1001), "a_t", "tmp_t", "file");
  timeline.enter_input("cycle2.log", at(2000));
  timeline.add(at(2000), "a_t", "etc_t", "file");
  timeline.add(at(2001), "a_t", "var_t", "dir");
  timeline.add(at(2002), "a_t", "var_t", "dir");
  timeline.finish();
  const auto& cycles = timeline.cycles();
  REQUIRE(cycles.size() == 2);
  CHECK(cycles[0].input == "cycle1.log");
  CHECK(cycles[0].new_rules == 2);
  CHECK(cycles[1].input == "cycle2.log");
  CHECK(cycles[1].started_by == CycleStart::Input);
  CHECK(cycles[1].denials == 3);
  CHECK(cycles[1].rules.size() == 2);
  CHECK(cycles[1].new_rules == 1);
  CHECK(cycles[1].start == at(2000));
  CHECK(cycles[1].end == at(2002));
}

TEST_CASE("a policy load in the middle of a log starts a cycle and is marked") {
  DenialTimeline timeline;
  timeline.enter_input("audit.log", at(100));
  timeline.add(at(100), "a_t", "etc_t", "file");
  timeline.policy_load(at(200));
  timeline.add(at(300), "a_t", "etc_t", "file");
  timeline.finish();
  REQUIRE(timeline.cycles().size() == 2);
  CHECK(timeline.cycles()[1].started_by == CycleStart::PolicyLoad);
  CHECK(timeline.cycles()[1].start == at(200));
  CHECK(timeline.cycles()[1].new_rules == 0);
  REQUIRE(timeline.policy_loads().size() == 1);
  CHECK(timeline.policy_loads()[0] == at(200));
}

TEST_CASE("a policy load before any denial and one after the last make no empty cycle") {
  DenialTimeline timeline;
  timeline.enter_input("audit.log", at(100));
  timeline.policy_load(at(100));
  timeline.add(at(150), "a_t", "etc_t", "file");
  timeline.policy_load(at(400));
  timeline.finish();
  REQUIRE(timeline.cycles().size() == 1);
  CHECK(timeline.cycles()[0].started_by == CycleStart::PolicyLoad);
  CHECK(timeline.policy_loads().size() == 2);
}

TEST_CASE("buckets are one second wide for a short span") {
  DenialTimeline timeline;
  timeline.add(at(10), "a_t", "etc_t", "file");
  timeline.add(at(10), "b_t", "etc_t", "file");
  timeline.add(at(11), "a_t", "etc_t", "file");
  CHECK(timeline.bucket_seconds() == 1);
  REQUIRE(timeline.buckets().size() == 2);
  CHECK(timeline.buckets().at(10).at("a_t") == 1);
  CHECK(timeline.buckets().at(10).at("b_t") == 1);
}

TEST_CASE("buckets widen to keep at most kMaxBuckets over a day, and counts are kept") {
  DenialTimeline timeline;
  for (std::int64_t t = 0; t < 86400; t += 60) timeline.add(at(1'700'000'000 + t), "a_t", "etc_t", "file");
  CHECK(timeline.bucket_seconds() == 1800);  // 600 s would need 144 buckets
  std::uint64_t total = 0;
  for (const auto& [start, domains] : timeline.buckets()) {
    CHECK(start % timeline.bucket_seconds() == 0);
    total += domains.at("a_t");
  }
  CHECK(total == 1440);
  CHECK(static_cast<std::int64_t>(timeline.buckets().size()) <= DenialTimeline::kMaxBuckets);
}

TEST_CASE("bucket widths do not depend on the order denials arrive in") {
  DenialTimeline forward;
  DenialTimeline backward;
  for (std::int64_t t = 0; t < 5000; t += 7) forward.add(at(t), "a_t", "etc_t", "file");
  for (std::int64_t t = 4998; t >= 0; t -= 7) backward.add(at(t), "a_t", "etc_t", "file");
  CHECK(forward.bucket_seconds() == backward.bucket_seconds());
  CHECK(forward.buckets() == backward.buckets());
}

TEST_CASE("past kMaxCycles policy loads the last cycle goes on") {
  DenialTimeline timeline;
  for (std::int64_t i = 0; i < 300; ++i) {
    timeline.policy_load(at(i * 10));
    timeline.add(at(i * 10 + 1), "a_t", "etc_t", "file");
  }
  timeline.finish();
  CHECK(timeline.cycles().size() == DenialTimeline::kMaxCycles);
  CHECK(timeline.cycles().back().denials == 300 - DenialTimeline::kMaxCycles + 1);
}
