// RuleSet::merge, BoundedSample::merge and DenialTimeline::merge: the
// aggregate of a whole log equals the merge of the aggregates of its parts,
// whatever the order and grouping of the merges (what `avcsift merge` needs).
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "avcsift/aggregate/bounded_sample.hpp"
#include "avcsift/aggregate/denial_timeline.hpp"
#include "avcsift/aggregate/rule_set.hpp"

using avcsift::AuditStamp;
using avcsift::BoundedSample;
using avcsift::Denial;
using avcsift::DenialTimeline;
using avcsift::InvalidContext;
using avcsift::Reason;
using avcsift::RuleSet;
using avcsift::SecurityContext;
using avcsift::Verdict;

namespace {

/// A denial of a small world of types, hosts, paths and ports, drawn from `random`.
struct Drawn {
  Denial denial;
  Verdict verdict;
};

Drawn draw(std::mt19937& random, std::uint64_t serial) {
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  Drawn drawn;
  Denial& d = drawn.denial;
  const std::string role = pick(2) == 0 ? "system_r" : "staff_r";
  d.source = SecurityContext{"system_u", role, "src" + std::to_string(pick(4)) + "_t", "s0"};
  d.target = SecurityContext{"system_u", "object_r", "tgt" + std::to_string(pick(3)) + "_t", "s0"};
  d.tclass = pick(2) == 0 ? "file" : "tcp_socket";
  d.permissions = {pick(2) == 0 ? "read" : "write"};
  // Few distinct seconds, so stamps tie and the tie-breaks matter.
  d.stamp = AuditStamp{1795600800 + pick(5), static_cast<std::uint32_t>(pick(2)), serial % 7};
  d.node = pick(6) == 0 ? "" : "host" + std::to_string(pick(12));
  d.path = "/srv/file" + std::to_string(pick(20));
  d.comm = "cmd" + std::to_string(pick(10));
  d.exe = "/usr/bin/cmd" + std::to_string(pick(10));
  d.permissive = pick(3) == 0;
  if (pick(2) == 0) d.port = static_cast<std::uint32_t>(1000 + pick(50));
  if (pick(3) == 0) d.ioctl_command = static_cast<std::uint32_t>(pick(4000));
  drawn.verdict.reason = Reason::MissingTeRule;
  drawn.verdict.cause = "cause" + std::to_string(pick(3));  // differs within one rule
  return drawn;
}

/// The aggregates of `denials` whole and split in three by host.
struct Split {
  RuleSet whole;
  std::vector<RuleSet> parts{3};
};

Split split_by_host(unsigned seed, int count) {
  std::mt19937 random(seed);
  Split split;
  split.whole.set_local_host("local");
  for (auto& part : split.parts) part.set_local_host("local");
  for (int i = 0; i < count; ++i) {
    const Drawn drawn = draw(random, static_cast<std::uint64_t>(i));
    split.whole.add(drawn.denial, drawn.verdict);
    const std::size_t part = std::hash<std::string>{}(drawn.denial.node) % 3;
    split.parts[part].add(drawn.denial, drawn.verdict);
  }
  return split;
}

void require_same(const RuleSet& a, const RuleSet& b) {
  REQUIRE(a.rules().size() == b.rules().size());
  for (auto ia = a.rules().begin(), ib = b.rules().begin(); ia != a.rules().end(); ++ia, ++ib) {
    REQUIRE(ia->first == ib->first);
    REQUIRE(ia->second == ib->second);
  }
  REQUIRE(a.role_types() == b.role_types());
  REQUIRE(a.denial_count() == b.denial_count());
  REQUIRE(a.permissive_count() == b.permissive_count());
  REQUIRE(a.granted_count() == b.granted_count());
}

RuleSet merged(std::initializer_list<const RuleSet*> sets) {
  RuleSet out;
  for (const RuleSet* set : sets) out.merge(*set);
  return out;
}

}  // namespace

TEST_CASE("the rules of a whole log equal the merge of the rules of its parts split by host") {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const Split split = split_by_host(seed, 400);
    require_same(merged({&split.parts[0], &split.parts[1], &split.parts[2]}), split.whole);
  }
}

TEST_CASE("merging rule sets is commutative and associative") {
  const Split split = split_by_host(7, 600);
  const RuleSet& a = split.parts[0];
  const RuleSet& b = split.parts[1];
  const RuleSet& c = split.parts[2];
  const RuleSet abc = merged({&a, &b, &c});
  require_same(merged({&c, &a, &b}), abc);
  require_same(merged({&b, &c, &a}), abc);
  const RuleSet ab = merged({&a, &b});
  const RuleSet bc = merged({&b, &c});
  require_same(merged({&ab, &c}), abc);
  require_same(merged({&a, &bc}), abc);
}

TEST_CASE("the verdict of the earliest denial wins a merge, not the first merged") {
  RuleSet early;
  RuleSet late;
  Denial d;
  d.source = SecurityContext{"system_u", "system_r", "a_t", "s0"};
  d.target = SecurityContext{"system_u", "object_r", "b_t", "s0"};
  d.tclass = "file";
  d.permissions = {"read"};
  Verdict first;
  first.reason = Reason::Constraint;
  first.cause = "early";
  Verdict second = first;
  second.cause = "late";
  d.stamp = AuditStamp{100, 0, 1};
  early.add(d, first);
  d.stamp = AuditStamp{200, 0, 2};
  d.port = 22;
  late.add(d, second);
  RuleSet merged_rules;
  merged_rules.merge(late);
  merged_rules.merge(early);
  const auto& rule = merged_rules.rules().begin()->second;
  REQUIRE(rule.verdict.cause == "early");
  REQUIRE(rule.port == 22u);  // the only denial that named a port
  REQUIRE(rule.count == 2);
  REQUIRE(rule.first_seen.seconds == 100);
  REQUIRE(rule.last_seen.seconds == 200);
}

TEST_CASE("role type statements and totals add up in a merge") {
  RuleSet a;
  RuleSet b;
  InvalidContext report;
  report.context = SecurityContext{"user_u", "user_r", "app_t", "s0"};
  a.add(report);
  b.add(report);
  b.add_totals(3, 1, 2);
  a.merge(b);
  REQUIRE(a.role_types().begin()->second == 2);
  REQUIRE(a.denial_count() == 3);
  REQUIRE(a.permissive_count() == 1);
  REQUIRE(a.granted_count() == 2);
}

TEST_CASE("a merged sample keeps the smallest values of the union and whether any overflowed") {
  BoundedSample<3> a;
  BoundedSample<3> b;
  for (const char* value : {"d", "b"}) a.add(value);
  for (const char* value : {"c", "a", "e"}) b.add(value);
  BoundedSample<3> ab = a;
  ab.merge(b);
  BoundedSample<3> ba = b;
  ba.merge(a);
  REQUIRE(ab == ba);
  REQUIRE(ab.values() == std::set<std::string>{"a", "b", "c"});
  REQUIRE(ab.overflowed());
  BoundedSample<3> small;
  small.add("x");
  small.merge(BoundedSample<3>::restore({"y"}, false));
  REQUIRE_FALSE(small.overflowed());
}

TEST_CASE("a timeline of a whole log equals the merge of the timelines of its parts except for cycles") {
  DenialTimeline whole;
  DenialTimeline first_half;
  DenialTimeline second_half;
  for (std::int64_t i = 0; i < 400; ++i) {
    const AuditStamp stamp{1795600800 + i * 97, 0, static_cast<std::uint64_t>(i)};
    const std::string source = i % 3 == 0 ? "a_t" : "b_t";
    whole.add(stamp, source, "t", "file");
    (i % 2 == 0 ? first_half : second_half).add(stamp, source, "t", "file");
  }
  DenialTimeline merged_halves = second_half;
  merged_halves.merge(first_half);
  REQUIRE(merged_halves.bucket_seconds() == whole.bucket_seconds());
  REQUIRE(merged_halves.buckets() == whole.buckets());
  REQUIRE(merged_halves.cycles().empty());
  const DenialTimeline restored =
      DenialTimeline::restore(whole.bucket_seconds(), whole.buckets(), whole.policy_loads());
  REQUIRE(restored.buckets() == whole.buckets());
}

TEST_CASE("only the widths of the bucket ladder are valid") {
  REQUIRE(DenialTimeline::valid_width(1));
  REQUIRE(DenialTimeline::valid_width(3600));
  REQUIRE(DenialTimeline::valid_width(1209600 * 4));
  REQUIRE_FALSE(DenialTimeline::valid_width(7));
  REQUIRE_FALSE(DenialTimeline::valid_width(0));
  REQUIRE_FALSE(DenialTimeline::valid_width(-60));
}
