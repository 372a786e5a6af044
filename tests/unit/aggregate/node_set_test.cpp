// NodeSet: the hosts of a finding, exact up to a bound, estimated beyond, and
// equal however the log was split and merged.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "avcsift/aggregate/node_set.hpp"

using avcsift::AuditStamp;
using avcsift::NodeSet;

namespace {

std::string host(int i) {
  std::string name = std::to_string(i);
  return "web-" + std::string(5 - name.size(), '0') + name;
}

AuditStamp at(std::int64_t seconds) { return AuditStamp{seconds, 0, static_cast<std::uint64_t>(seconds)}; }

/// One sighting: host `h` at time `t`.
struct Sighting {
  int h;
  std::int64_t t;
};

/// Sightings of `hosts` hosts, each seen three times, in a scrambled order.
std::vector<Sighting> sightings(int hosts) {
  std::vector<Sighting> all;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < hosts; ++i) {
      const int h = (i * 7919 + round * 104729) % hosts;  // 7919 is prime to the counts used
      all.push_back({h, 1800000000 + round * 100000 + (h * 37) % 1000});
    }
  }
  return all;
}

NodeSet collect(const std::vector<Sighting>& all, bool (*keep)(const Sighting&) = nullptr) {
  NodeSet set;
  for (const auto& s : all) {
    if (keep == nullptr || keep(s)) set.add(host(s.h), at(s.t));
  }
  return set;
}

}  // namespace

TEST_CASE("A NodeSet counts distinct hosts exactly up to its bound") {
  NodeSet set;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < static_cast<int>(NodeSet::kExactLimit); ++i) set.add(host(i), at(1800000000 + i));
  }
  CHECK(set.exact());
  CHECK(set.count() == NodeSet::kExactLimit);
  CHECK(set.relative_error() == 0.0);
  set.add(host(1000), at(1800000000));
  CHECK_FALSE(set.exact());
  CHECK(set.count() >= NodeSet::kExactLimit + 1);
  CHECK(set.relative_error() == Approx(0.0325).epsilon(0.01));
}

TEST_CASE("A NodeSet's estimate beyond the bound stays within a few standard errors") {
  for (const int hosts : {65, 200, 1000, 10000, 50000}) {
    NodeSet set;
    for (int i = 0; i < hosts; ++i) set.add(host(i), at(1800000000));
    INFO(hosts << " hosts, estimated " << set.count());
    // 3.3% standard error: 10% is three of them.
    CHECK(static_cast<double>(set.count()) == Approx(hosts).epsilon(0.10));
  }
}

TEST_CASE("A NodeSet ignores an empty host name") {
  NodeSet set;
  set.add("", at(1800000000));
  CHECK(set.empty());
  CHECK(set.count() == 0);
  CHECK(set.sample().empty());
}

TEST_CASE("A NodeSet samples the alphabetically first hosts with their first and last time, in any order") {
  NodeSet set;
  set.add("web-3", at(30));
  set.add("db-1", at(50));
  set.add("web-3", at(10));
  for (int i = 0; i < 20; ++i) set.add("zz-" + std::to_string(i), at(i));
  set.add("db-1", at(70));
  set.add("app-9", at(5));
  const auto& sample = set.sample();
  REQUIRE(sample.size() == NodeSet::kSampleLimit);
  CHECK(sample[0].name == "app-9");
  CHECK(sample[1].name == "db-1");
  CHECK(sample[1].first_seen.seconds == 50);
  CHECK(sample[1].last_seen.seconds == 70);
  CHECK(sample[2].name == "web-3");
  CHECK(sample[2].first_seen.seconds == 10);
  CHECK(sample[2].last_seen.seconds == 30);
  CHECK(sample[3].name == "zz-0");
  CHECK(sample[7].name == "zz-12");  // zz-0, zz-1, zz-10, zz-11, zz-12: string order
}

TEST_CASE("A NodeSet of a whole log equals the merge of its parts split by host or by time, in any grouping") {
  for (const int hosts : {5, 64, 65, 3000}) {
    INFO(hosts << " hosts");
    const auto all = sightings(hosts);
    const NodeSet whole = collect(all);

    const NodeSet even = collect(all, [](const Sighting& s) { return s.h % 2 == 0; });
    const NodeSet odd = collect(all, [](const Sighting& s) { return s.h % 2 == 1; });
    const NodeSet early = collect(all, [](const Sighting& s) { return s.t < 1800100000; });
    const NodeSet middle = collect(all, [](const Sighting& s) { return s.t >= 1800100000 && s.t < 1800200000; });
    const NodeSet late = collect(all, [](const Sighting& s) { return s.t >= 1800200000; });

    NodeSet by_host = odd;
    by_host.merge(even);
    CHECK(by_host == whole);

    NodeSet left = early;  // (early + middle) + late
    left.merge(middle);
    left.merge(late);
    NodeSet right = middle;  // late + (middle + early)... grouped the other way
    NodeSet inner = late;
    inner.merge(early);
    right.merge(inner);
    CHECK(left == whole);
    CHECK(right == whole);
    CHECK(left.count() == whole.count());
  }
}

TEST_CASE("A NodeSet's state text and sample restore the same NodeSet") {
  for (const int hosts : {0, 3, 64, 65, 5000}) {
    INFO(hosts << " hosts");
    const NodeSet set = collect(sightings(hosts));
    const auto restored = NodeSet::restore(set.state_text(), set.sample());
    REQUIRE(restored);
    CHECK(*restored == set);
    CHECK(restored->state_text() == set.state_text());
  }
}

TEST_CASE("A NodeSet refuses a malformed state text or a sample that does not fit it") {
  const NodeSet set = collect(sightings(3));
  auto sample = set.sample();
  CHECK_FALSE(NodeSet::restore("", sample));
  CHECK_FALSE(NodeSet::restore("y:00", sample));
  CHECK_FALSE(NodeSet::restore(set.state_text() + "0", sample));               // not 16 digits per hash
  CHECK_FALSE(NodeSet::restore("h:" + std::string(NodeSet::kRegisters - 1, '0'), {}));  // too few registers
  CHECK_FALSE(NodeSet::restore("h:" + std::string(NodeSet::kRegisters, '~'), {}));      // not a register digit
  CHECK(NodeSet::restore("h:" + std::string(NodeSet::kRegisters, '0'), {}));
  auto stranger = sample;
  stranger[0].name = "not-in-the-set";
  CHECK_FALSE(NodeSet::restore(set.state_text(), stranger));
  auto unsorted = sample;
  std::swap(unsorted[0], unsorted[1]);
  CHECK_FALSE(NodeSet::restore(set.state_text(), unsorted));
  sample.pop_back();  // an exact set of 3 hosts must sample all 3
  CHECK_FALSE(NodeSet::restore(set.state_text(), sample));
}
