// `avcsift report` on a fleet's log: per finding the hosts that logged it,
// and `--by-node`, the odd host out (testdata/audit-logs/fleet.log).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sys/utsname.h>

#include "run_avcsift.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::testdata;

namespace {

std::vector<std::string> fleet_args(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"report", "--no-policy", testdata("audit-logs/fleet.log").string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

nlohmann::json fleet_json(std::vector<std::string> extra = {}) {
  extra.insert(extra.begin(), {"--format", "json"});
  const auto run = run_avcsift(fleet_args(extra));
  INFO(run.err);
  REQUIRE(run.status == 0);
  return nlohmann::json::parse(run.out);
}

/// What `uname -n` says: the name records without node= count for.
std::string local_host() {
  utsname names{};
  REQUIRE(::uname(&names) == 0);
  return names.nodename;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The finding of `source` on `target` in a JSON report.
const nlohmann::json& finding_on(const nlohmann::json& report, const std::string& target) {
  for (const auto& finding : report["findings"]) {
    if (finding["target_type"] == target) return finding;
  }
  FAIL("no finding on " << target);
  throw 0;
}

}  // namespace

TEST_CASE("report says on how many hosts and which each finding of a fleet's log was seen") {
  const auto run = run_avcsift(fleet_args());
  REQUIRE(run.status == 0);
  // Five web servers and the local host (two events without node=).
  std::vector<std::string> hosts = {"web-001", "web-002", "web-003", "web-004", "web-005", local_host()};
  std::sort(hosts.begin(), hosts.end());
  std::string names;
  for (const auto& host : hosts) names += (names.empty() ? "" : ", ") + host;
  CHECK(contains(run.out, "  hosts:         seen on 6 hosts (" + names + ")\n"));
  CHECK(contains(run.out, "   seen on 6 hosts (" + names + ")\n"));
  CHECK(contains(run.out, "   seen on 2 hosts (web-001, web-002)\n"));
  CHECK(contains(run.out, "   seen on 1 host (web-004)\n"));
}

TEST_CASE("report gives a single host's log no hosts lines") {
  const auto run = run_avcsift({"report", "--no-policy", testdata("audit-logs/plone-cycle-1.log").string()});
  REQUIRE(run.status == 0);
  CHECK_FALSE(contains(run.out, "seen on"));
  CHECK_FALSE(contains(run.out, "hosts:"));
}

TEST_CASE("the JSON report has a nodes object per finding and for all denials") {
  const auto report = fleet_json();
  CHECK(report["summary"]["schema_version"] == 5);
  const auto& all = report["summary"]["nodes"];
  CHECK(all["count"] == 6);
  CHECK(all["estimated"] == false);
  CHECK(all["relative_error"] == 0);
  const auto& shadow = finding_on(report, "shadow_t")["nodes"];
  CHECK(shadow["count"] == 1);
  REQUIRE(shadow["sample"].size() == 1);
  CHECK(shadow["sample"][0]["name"] == "web-004");
  CHECK(shadow["sample"][0]["first_seen"] == "2026-11-25T10:15:00.300Z");
  CHECK(shadow["sample"][0]["last_seen"] == "2026-11-25T10:16:00.300Z");
  CHECK(shadow["state"].get<std::string>().rfind("x:", 0) == 0);
  CHECK(shadow["state"].get<std::string>().size() == 2 + 16);
  CHECK(report["by_node"].is_null());
}

TEST_CASE("records without node= count for the host avcsift runs on") {
  const auto report = fleet_json({"--by-node"});
  bool found = false;
  for (const auto& host : finding_on(report, "etc_t")["nodes"]["sample"]) found = found || host["name"] == local_host();
  CHECK(found);
  found = false;
  for (const auto& entry : report["by_node"]) {
    if (entry["node"] != local_host()) continue;
    found = true;
    CHECK(entry["denials"] == 2);
    CHECK(entry["only_here"].empty());
  }
  CHECK(found);
}

TEST_CASE("report --by-node lists each host's findings and the ones only it has") {
  const auto report = fleet_json({"--by-node"});
  const auto& by_node = report["by_node"];
  REQUIRE(by_node.size() == 6);
  const auto& findings = report["findings"];
  for (const auto& entry : by_node) {
    INFO(entry.dump());
    const std::string node = entry["node"];
    for (const auto& index : entry["findings"]) REQUIRE(index.get<std::size_t>() < findings.size());
    if (node == "web-004") {
      CHECK(entry["denials"] == 3);
      CHECK(entry["findings"].size() == 2);
      REQUIRE(entry["only_here"].size() == 1);
      CHECK(findings[entry["only_here"][0].get<std::size_t>()]["target_type"] == "shadow_t");
      CHECK(entry["first_seen"] == "2026-11-25T10:04:00.100Z");
      CHECK(entry["last_seen"] == "2026-11-25T10:16:00.300Z");
    } else {
      CHECK(entry["only_here"].empty());
    }
    if (node == "web-001") CHECK(entry["findings"].size() == 2);
    if (node == "web-003") CHECK(entry["findings"].size() == 1);
  }
  const auto text = run_avcsift(fleet_args({"--by-node"}));
  REQUIRE(text.status == 0);
  // The odd host out heads the list; the others follow by name.
  CHECK(contains(text.out, "\nHosts (6):\n  web-004: 2 findings, 1 only here: httpd_t shadow_t:file { read }\n"));
  CHECK(contains(text.out, "  web-001: 2 findings\n  web-002: 2 findings\n  web-003: 1 finding\n"));
  const auto html = run_avcsift(fleet_args({"--by-node", "--format", "html"}));
  REQUIRE(html.status == 0);
  CHECK(contains(html.out, "<table id=\"by-node\">"));
  CHECK(contains(html.out, "<tr class=\"odd-host\"><td>web-004</td>"));
  CHECK(contains(html.out, "seen on 1 host (web-004)"));
}

TEST_CASE("report --by-node gives the same bytes on every run") {
  for (const char* format : {"text", "json", "html"}) {
    const auto first = run_avcsift(fleet_args({"--by-node", "--format", format}));
    const auto second = run_avcsift(fleet_args({"--by-node", "--format", format}));
    CHECK(first.out == second.out);
  }
}

TEST_CASE("report estimates the hosts of a finding beyond 64 and says how well") {
  std::string log;
  for (int i = 0; i < 200; ++i) {
    log += "node=host-" + std::to_string(1000 + i) + " type=AVC msg=audit(1795600800.100:7): avc:  denied  { read } "
           "for  pid=1 comm=\"x\" scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 "
           "tclass=file permissive=0\n";
  }
  const auto text = run_avcsift({"report", "--no-policy"}, log);
  REQUIRE(text.status == 0);
  CHECK(contains(text.out, "   seen on about "));
  CHECK(contains(text.out, " hosts (±3.3%) (host-1000, host-1001, host-1002, host-1003, host-1004, host-1005, "
                           "host-1006, host-1007, ...)\n"));
  const auto json = run_avcsift({"report", "--no-policy", "--format", "json"}, log);
  const auto nodes = nlohmann::json::parse(json.out)["findings"][0]["nodes"];
  CHECK(nodes["estimated"] == true);
  CHECK(nodes["relative_error"].get<double>() == Approx(0.0325));
  CHECK(nodes["count"].get<double>() == Approx(200).epsilon(0.1));
  CHECK(nodes["sample"].size() == 8);
  CHECK(nodes["state"].get<std::string>().rfind("h:", 0) == 0);
}
