// NodeTally: what each host logged, exactly, for `report --by-node`.
#include <catch2/catch.hpp>

#include <string>

#include "avcsift/aggregate/node_tally.hpp"

using avcsift::AuditStamp;
using avcsift::Denial;
using avcsift::FindingKey;
using avcsift::NodeTally;

namespace {

Denial denial(const std::string& node, const std::string& source, std::int64_t seconds) {
  Denial d;
  d.source.type = source;
  d.target.type = "etc_t";
  d.tclass = "file";
  d.permissions = {"read"};
  d.node = node;
  d.stamp = AuditStamp{seconds, 0, static_cast<std::uint64_t>(seconds)};
  return d;
}

}  // namespace

TEST_CASE("a NodeTally keeps each host's findings, denial count and time span") {
  NodeTally tally;
  tally.add(denial("web-2", "httpd_t", 300));
  tally.add(denial("web-1", "httpd_t", 200));
  tally.add(denial("web-2", "httpd_t", 100));
  tally.add(denial("web-2", "named_t", 200));
  REQUIRE(tally.hosts().size() == 2);
  const auto& web2 = tally.hosts().at("web-2");
  CHECK(web2.denials == 3);
  CHECK(web2.first_seen.seconds == 100);
  CHECK(web2.last_seen.seconds == 300);
  CHECK(web2.findings.size() == 2);
  CHECK(tally.hosts().at("web-1").findings.size() == 1);
  REQUIRE(tally.keys().size() == 2);
  CHECK(tally.keys()[0] == FindingKey{"httpd_t", "etc_t", "file"});
}

TEST_CASE("a NodeTally says on how many hosts each finding was logged") {
  NodeTally tally;
  for (const char* host : {"a", "b", "c"}) tally.add(denial(host, "httpd_t", 100));
  tally.add(denial("c", "named_t", 100));
  tally.add(denial("c", "named_t", 101));
  CHECK(tally.hosts_per_finding() == std::vector<std::size_t>{3, 1});
}

TEST_CASE("a NodeTally counts records without node= for the local host and skips granted ones") {
  NodeTally tally;
  tally.add(denial("", "httpd_t", 100));
  CHECK(tally.hosts().empty());  // no local name yet: no host
  tally.set_local_host("here");
  tally.add(denial("", "httpd_t", 100));
  Denial granted = denial("there", "httpd_t", 100);
  granted.granted = true;
  tally.add(granted);
  REQUIRE(tally.hosts().size() == 1);
  CHECK(tally.hosts().begin()->first == "here");
  tally.clear();
  CHECK(tally.hosts().empty());
  tally.add(denial("", "httpd_t", 100));
  CHECK(tally.hosts().count("here") == 1);
}
