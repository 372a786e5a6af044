// Logs of many hosts, as an aggregating auditd writes them (`node=NAME` on
// each record), and logs whose events interleave: events are grouped right
// whatever the order of their records, and `--node` picks hosts.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::have_tool;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

/// The log bench/gen-log.py writes with `args`.
std::string generate(std::vector<std::string> args) {
  if (!have_tool("python3")) avcsift::test::skip_test("python3 is not installed");
  args.insert(args.begin(), testdata("../bench/gen-log.py").string());
  const auto run = run_command("python3", args);
  REQUIRE(run.status == 0);
  REQUIRE(!run.out.empty());
  return run.out;
}

/// `avcsift ARGS` reading `log` on standard input (so that outputs naming
/// their input compare equal); the run must succeed.
std::string output_of(const std::vector<std::string>& args, const std::string& log) {
  const auto run = run_avcsift(args, log);
  INFO(run.err);
  REQUIRE(run.status == 0);
  return run.out;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

const std::string kLocalAvc =
    "type=AVC msg=audit(1795600800.100:7): avc:  denied  { read } for  pid=1 comm=\"here\" "
    "scontext=system_u:system_r:local_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n";

std::string node_avc(const std::string& node, const std::string& domain) {
  // The same time and serial on every host: they must stay apart.
  return "node=" + node + " type=AVC msg=audit(1795600800.100:7): avc:  denied  { read } for  pid=1 comm=\"x\" "
         "scontext=system_u:system_r:" + domain + ":s0 tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n";
}

}  // namespace

TEST_CASE("events written record by record across each other read exactly as the same events in order") {
  // 3,000 events within a second, written as all their first records, then
  // all their second records, and so on: libauparse alone took quadratic time.
  const auto mixed = generate({"--interleave", "3000", "--size", "1", "--rules", "300"});
  const auto ordered = generate({"--interleave", "3000", "--keep-order", "--size", "1", "--rules", "300"});
  REQUIRE(mixed != ordered);
  CHECK(output_of({"allow", "--no-policy"}, mixed) == output_of({"allow", "--no-policy"}, ordered));
  const std::string why = output_of({"why", "--no-policy", "--format", "json"}, mixed);
  CHECK(count_of(why, "\"serial\"") == count_of(output_of({"why", "--no-policy", "--format", "json"}, ordered),
                                                "\"serial\""));
  CHECK(output_of({"report", "--no-policy", "--format", "json"}, mixed) ==
        output_of({"report", "--no-policy", "--format", "json"}, ordered));
}

TEST_CASE("an aggregator's log of many hosts gives the same rules as its events in order") {
  const auto mixed = generate({"--hosts", "40", "--size", "2M", "--rules", "200"});
  const auto ordered = generate({"--hosts", "40", "--keep-order", "--size", "2M", "--rules", "200"});
  REQUIRE(mixed != ordered);
  CHECK(output_of({"allow", "--no-policy"}, mixed) == output_of({"allow", "--no-policy"}, ordered));
  // Every record found its event: none was left over as an event of its
  // own, so the denials explained agree in number.
  const auto denials_of = [](const std::string& log) {
    return count_of(output_of({"why", "--no-policy", "--format", "json"}, log), "\"serial\"");
  };
  CHECK(denials_of(mixed) == denials_of(ordered));
}

TEST_CASE("allow, why and report with --node keep the hosts whose name matches, and records without node= are this machine's") {
  const std::string log =
      node_avc("web-01", "web1_t") + node_avc("web-02", "web2_t") + node_avc("db-01", "db1_t") + kLocalAvc;
  const std::string all = output_of({"allow", "--no-policy"}, log);
  CHECK(count_of(all, "allow ") == 4);  // one serial, four hosts: four events
  const std::string web = output_of({"allow", "--no-policy", "--node", "web-"}, log);
  CHECK(web.find("web1_t") != std::string::npos);
  CHECK(web.find("web2_t") != std::string::npos);
  CHECK(web.find("db1_t") == std::string::npos);
  CHECK(web.find("local_t") == std::string::npos);
  const std::string anchored = output_of({"allow", "--no-policy", "--node", "^db-01$"}, log);
  CHECK(count_of(anchored, "allow ") == 1);
  CHECK(anchored.find("db1_t") != std::string::npos);

  const auto uname = run_command("uname", {"-n"});
  REQUIRE(uname.status == 0);
  const std::string here = uname.out.substr(0, uname.out.find('\n'));
  const std::string local = output_of({"allow", "--no-policy", "--node", "^" + here + "$"}, log);
  CHECK(count_of(local, "allow ") == 1);
  CHECK(local.find("local_t") != std::string::npos);

  const std::string why = output_of({"why", "--no-policy", "--node", "web-02"}, log);
  CHECK(why.find("web2_t") != std::string::npos);
  CHECK(why.find("web1_t") == std::string::npos);
  const std::string report = output_of({"report", "--no-policy", "--format", "json", "--node", "web-01"}, log);
  CHECK(report.find("web1_t") != std::string::npos);
  CHECK(report.find("web2_t") == std::string::npos);
}

TEST_CASE("watch --node writes only the rules of the hosts it names") {
  TempDir dir;
  const auto out = dir.path() / "out";
  const auto run = run_avcsift({"watch", "--no-policy", "--output-dir", out.string(), "--node", "db"},
                               node_avc("web-01", "web1_t") + node_avc("db-01", "db1_t"));
  REQUIRE(run.status == 0);
  const std::string rules = avcsift::test::read_file(out / "avcsift.te");
  CHECK(rules.find("db1_t") != std::string::npos);
  CHECK(rules.find("web1_t") == std::string::npos);
}

TEST_CASE("a bad --node pattern is a usage error naming the option") {
  for (const std::string command : {"allow", "why", "report", "watch"}) {
    std::vector<std::string> args{command, "--no-policy", "--node", "web-(", "/dev/null"};
    if (command == "watch") args = {command, "--no-policy", "--output-dir", "/tmp", "--node", "web-("};
    const auto run = run_avcsift(args);
    INFO(command);
    CHECK(run.status == 2);
    CHECK(run.err.starts_with("avcsift: error: --node: invalid regular expression 'web-(': "));
  }
}
