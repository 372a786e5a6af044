// `avcsift merge`: the report of a whole log equals the merge of the reports
// of its parts split by host; merging is associative and commutative; bad
// reports get errors naming the file and the JSON path.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sys/utsname.h>

#include <functional>
#include <sstream>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;
using nlohmann::json;

namespace {

/// How bench/gen-log.py orders a fleet's log: none given, the mixed log of a
/// real aggregator (records of several events interleaved, hosts' clocks
/// skewed by seconds), which the per-node age rule groups as the hosts wrote
/// them; {"--keep-order"} would give each event's records together.
const std::vector<std::string> kLogOrder = {};

/// The fields that differ by design between a report of one log and the
/// merge of the reports of its parts (see avcsift-merge(1)).
void drop_by_design(json& report) {
  report["summary"].erase("inputs");
  report["timeline"].erase("cycles");
}

/// The first path where `a` and `b` differ, "" when equal (for messages).
std::string first_difference(const json& a, const json& b, const std::string& path = "") {
  if (a.type() != b.type()) return path + " (type)";
  if (a.is_object()) {
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key)) return path + "." + key + " (missing)";
      if (auto d = first_difference(value, b[key], path + "." + key); !d.empty()) return d;
    }
    return a.size() == b.size() ? "" : path + " (extra members)";
  }
  if (a.is_array()) {
    if (a.size() != b.size()) {
      return path + " (length " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) + ")";
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (auto d = first_difference(a[i], b[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
    }
    return "";
  }
  return a == b ? "" : path + " (" + a.dump() + " vs " + b.dump() + ")";
}

std::string local_host() {
  utsname names{};
  REQUIRE(::uname(&names) == 0);
  return names.nodename;
}

/// A fleet's log of 30 hosts from the generator.
std::string fleet_log(int seed) {
  std::vector<std::string> args = {testdata("../bench/gen-log.py").string(), "--hosts", "30", "--size", "3M",
                                   "--seed", std::to_string(seed)};
  args.insert(args.end(), kLogOrder.begin(), kLogOrder.end());
  const auto run = run_command("python3", args);
  REQUIRE(run.status == 0);
  return run.out;
}

/// `log` split in `count` parts by host (`node=`; records without it are the
/// local host's, as report counts them), written as part0.log, part1.log, ...
std::vector<std::string> split_by_host(const TempDir& dir, const std::string& log, std::size_t count) {
  std::vector<std::string> parts(count);
  const std::string local = local_host();
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    std::string host = local;
    if (line.starts_with("node=")) host = line.substr(5, line.find(' ') - 5);
    parts[std::hash<std::string>{}(host) % count] += line + '\n';
  }
  std::vector<std::string> files;
  for (std::size_t i = 0; i < count; ++i) {
    files.push_back(dir.write("part" + std::to_string(i) + ".log", parts[i]).string());
  }
  return files;
}

/// `report --format json` of `log` into `json_file`, with `policy` (--no-policy when empty).
std::string report_json(const std::string& log, const std::string& json_file, const std::string& policy) {
  std::vector<std::string> args = {"report", "-q", "--format", "json", "-o", json_file, "--force", log};
  if (policy.empty()) {
    args.push_back("--no-policy");
  } else {
    args.insert(args.end(), {"-p", policy});
  }
  const auto run = run_avcsift(args);
  INFO(run.err);
  REQUIRE(run.status == 0);
  return json_file;
}

std::string merge_out(std::vector<std::string> args) {
  args.insert(args.begin(), "merge");
  const auto run = run_avcsift(args);
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(run.err.empty());
  return run.out;
}

/// Whole log against the merge of its parts, with `policy` (none when empty).
void require_whole_equals_merged_parts(const std::string& policy) {
  for (const int seed : {1, 2}) {
    TempDir dir;
    const std::string log = fleet_log(seed);
    const auto whole_log = dir.write("whole.log", log).string();
    json whole = json::parse(read_file(report_json(whole_log, (dir.path() / "whole.json").string(), policy)));
    std::vector<std::string> args;
    if (!policy.empty()) args = {"-p", policy};
    int i = 0;
    for (const auto& part : split_by_host(dir, log, 3)) {
      args.push_back(report_json(part, (dir.path() / ("part" + std::to_string(i++) + ".json")).string(), policy));
    }
    json merged = json::parse(merge_out(args));
    REQUIRE(whole["summary"]["denials"].get<int>() > 1000);
    REQUIRE(whole["summary"]["nodes"]["count"].get<int>() >= 30);
    drop_by_design(whole);
    drop_by_design(merged);
    INFO("seed " << seed << ": first difference at " << first_difference(whole, merged));
    REQUIRE(whole == merged);
  }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A small report of a testdata log, for the error and round-trip cases.
std::string small_report(const TempDir& dir, const std::string& log = "plone-cycle-1.log") {
  return report_json(testdata("audit-logs/" + log).string(), (dir.path() / (log + ".json")).string(), "");
}

/// `merge FILE` of `report` with one change, and its result.
avcsift::test::RunResult merge_changed(const TempDir& dir, const std::string& report,
                                       const std::function<void(json&)>& change) {
  json document = json::parse(read_file(report));
  change(document);
  const auto file = dir.write("changed.json", document.dump(2));
  return run_avcsift({"merge", file.string()});
}

}  // namespace

TEST_CASE("merging the reports of a fleet log split by host gives the report of the whole log") {
  require_whole_equals_merged_parts("");
}

TEST_CASE("with the Debian policy the merge of the parts also gives the whole log's verdicts flags and fixes") {
  const auto shared = avcsift::test::shared_dir();
  const auto debian = shared / "corpus/policy/debian-refpolicy-2.20221101.policy.33";
  if (shared.empty() || !std::filesystem::exists(debian)) {
    avcsift::test::skip_test("the reference corpus is absent (set -DAVCSIFT_SHARED_DIR)");
  }
  require_whole_equals_merged_parts(debian.string());
}

TEST_CASE("merging is commutative and associative to the byte") {
  TempDir dir;
  const std::string log = fleet_log(3);
  std::vector<std::string> reports;
  int i = 0;
  for (const auto& part : split_by_host(dir, log, 3)) {
    reports.push_back(report_json(part, (dir.path() / ("part" + std::to_string(i++) + ".json")).string(), ""));
  }
  const auto& a = reports[0];
  const auto& b = reports[1];
  const auto& c = reports[2];
  const std::string abc = merge_out({a, b, c});
  CHECK(merge_out({c, a, b}) == abc);
  CHECK(merge_out({b, c, a}) == abc);
  const auto ab = dir.write("ab.json", merge_out({a, b})).string();
  const auto bc = dir.write("bc.json", merge_out({b, c})).string();
  CHECK(merge_out({ab, c}) == abc);
  CHECK(merge_out({a, bc}) == abc);
}

TEST_CASE("the merge of one report is that report but for the timeline's cycles") {
  TempDir dir;
  const auto report = small_report(dir);
  json original = json::parse(read_file(report));
  json merged = json::parse(merge_out({report}));
  REQUIRE(!original["timeline"]["cycles"].empty());
  CHECK(merged["timeline"]["cycles"].empty());
  original["timeline"].erase("cycles");
  merged["timeline"].erase("cycles");
  INFO(first_difference(original, merged));
  CHECK(original == merged);
  // Standard input, named or not, is a report too.
  CHECK(run_avcsift({"merge"}, read_file(report)).out == merge_out({report}));
  CHECK(run_avcsift({"merge", "-"}, read_file(report)).out == merge_out({report}));
}

TEST_CASE("merge writes text and html reports too") {
  TempDir dir;
  const auto report = small_report(dir);
  const std::string text = merge_out({"--format", "text", "--color", "never", report});
  CHECK(contains(text, "plone_t"));
  CHECK(contains(merge_out({"--format", "html", report}), "<html"));
}

TEST_CASE("merge names the file and the JSON path of what is wrong in a report") {
  TempDir dir;
  const auto report = small_report(dir);
  const auto bad_json = dir.write("bad.json", "{\"summary\": ");
  auto run = run_avcsift({"merge", report, bad_json.string()});
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(contains(run.err, "avcsift: error: " + bad_json.string() + ": not a JSON report: parse error at line 1"));

  run = merge_changed(dir, report, [](json& d) { d["aggregate"]["rules"][0]["count"] = "many"; });
  CHECK(run.status == 2);
  CHECK(run.err == "avcsift: error: " + (dir.path() / "changed.json").string() +
                       ": aggregate.rules[0].count: expected a number\n");

  run = merge_changed(dir, report, [](json& d) { d["aggregate"]["rules"][1]["verdict"].erase("cause"); });
  CHECK(run.err == "avcsift: error: " + (dir.path() / "changed.json").string() +
                       ": aggregate.rules[1].verdict.cause: missing\n");

  run = merge_changed(dir, report, [](json& d) { d["aggregate"]["rules"][0]["nodes"]["state"] = "x:zz"; });
  CHECK(run.err == "avcsift: error: " + (dir.path() / "changed.json").string() +
                       ": aggregate.rules[0].nodes: the state does not match its sample (or is malformed)\n");

  run = merge_changed(dir, report, [](json& d) { d.erase("aggregate"); });
  CHECK(run.err == "avcsift: error: " + (dir.path() / "changed.json").string() + ": aggregate: missing\n");

  run = merge_changed(dir, report, [](json& d) { d["aggregate"]["timeline"]["bucket_seconds"] = 7; });
  CHECK(run.err == "avcsift: error: " + (dir.path() / "changed.json").string() +
                       ": aggregate.timeline.bucket_seconds: not a width avcsift uses\n");

  run = run_avcsift({"merge", (dir.path() / "absent.json").string()});
  CHECK(run.status == 1);
  CHECK(contains(run.err, "cannot read report '" + (dir.path() / "absent.json").string() + "'"));
}

TEST_CASE("merge refuses reports of a schema without an aggregate section, saying to run report again") {
  TempDir dir;
  const auto report = small_report(dir);
  auto run = merge_changed(dir, report, [](json& d) { d["summary"]["schema_version"] = 4; });
  CHECK(run.status == 2);
  CHECK(contains(run.err, "avcsift: error: " + (dir.path() / "changed.json").string() +
                              ": summary.schema_version: schema version 4 has no aggregate section to merge: run "
                              "'avcsift report --format json' of this version ("));
  run = merge_changed(dir, report, [](json& d) { d["summary"]["schema_version"] = 99; });
  CHECK(contains(run.err, ": summary.schema_version: schema version 99 is newer than this avcsift reads (5)\n"));
  run = merge_changed(dir, report, [](json& d) { d["summary"].erase("schema_version"); });
  CHECK(contains(run.err, ": summary.schema_version: missing\n"));
}

TEST_CASE("merge refuses reports made with different policies") {
  TempDir dir;
  const auto report = small_report(dir);
  json other = json::parse(read_file(report));
  other["summary"]["policy"] = "/etc/selinux/default/policy/policy.33 (policy version 33)";
  const auto other_file = dir.write("other.json", other.dump());
  const auto run = run_avcsift({"merge", report, other_file.string()});
  CHECK(run.status == 2);
  CHECK(run.err == "avcsift: error: " + other_file.string() +
                       " was made with policy '/etc/selinux/default/policy/policy.33 (policy version 33)', " +
                       report + " with no policy: merge only reports made with the same policy\n");
}

TEST_CASE("a report written by watch merges with one written by report") {
  TempDir dir;
  const auto out = dir.path() / "watch";
  std::filesystem::create_directory(out);
  const auto watch = run_avcsift({"watch", "--no-policy", "-q", "--output-dir", out.string()},
                                 read_file(testdata("audit-logs/plone-cycle-2.log")));
  INFO(watch.err);
  REQUIRE(watch.status == 0);
  const auto watched = (out / "avcsift-report.json").string();
  const auto reported = small_report(dir, "plone-cycle-1.log");
  const json merged = json::parse(merge_out({watched, reported}));
  const json a = json::parse(read_file(watched));
  const json b = json::parse(read_file(reported));
  CHECK(merged["summary"]["denials"] == a["summary"]["denials"].get<int>() + b["summary"]["denials"].get<int>());
  CHECK(merged["summary"]["inputs"] == json::array({"-", testdata("audit-logs/plone-cycle-1.log").string()}));
  // The same as a report of both logs, but for what a stream cannot say
  // (lines and the timeline watch does not keep).
  const auto both = run_avcsift({"report", "--no-policy", "-q", "--format", "json",
                                 testdata("audit-logs/plone-cycle-1.log").string(),
                                 testdata("audit-logs/plone-cycle-2.log").string()});
  json whole = json::parse(both.out);
  json merged_findings = merged["findings"];
  CHECK(whole["findings"] == merged_findings);
}
