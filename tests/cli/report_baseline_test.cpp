// End-to-end tests of `report --baseline` and `--ignore` (and `allow
// --fail-on` with them): the built binary on the Plone break cycles with the
// CIL test policy, a report of one cycle as the baseline of the next.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <tuple>

#include "run_avcsift.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::TempDir;
using avcsift::test::testdata;
using nlohmann::json;

namespace {

/// `report` of `logs` (separated by '+': "plone-cycle-1.log+plone-cycle-2.log").
std::vector<std::string> report_args(const std::string& logs, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"report", "-q", "-p", AVCSIFT_TEST_POLICY, "--app-root", "/usr/local/Plone"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::size_t start = 0;
  while (start <= logs.size()) {
    const auto end = std::min(logs.find('+', start), logs.size());
    args.push_back(testdata("audit-logs/" + logs.substr(start, end - start)).string());
    start = end + 1;
  }
  return args;
}

/// Writes the JSON report of `logs` into `dir` as the baseline of a later run.
std::string baseline_of(const TempDir& dir, const std::string& logs) {
  const auto path = (dir.path() / "baseline.json").string();
  const auto result = run_avcsift(report_args(logs, {"--format", "json", "-o", path}));
  INFO(result.err);
  REQUIRE(result.status == 0);
  return path;
}

json report_json(const std::string& log, const std::vector<std::string>& extra) {
  auto args = report_args(log, extra);
  args.insert(args.begin() + 1, {"--format", "json"});
  const auto result = run_avcsift(args);
  INFO(result.err);
  REQUIRE(result.status == 0);
  return json::parse(result.out);
}

using Key = std::tuple<std::string, std::string, std::string, std::string>;
Key key_of(const json& f) { return {f["kind"], f["source_type"], f["target_type"], f["class"]}; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("report against its own log as baseline marks every finding seen and nothing gone") {
  TempDir dir;
  const auto base = baseline_of(dir, "plone-cycle-1.log");
  const auto report = report_json("plone-cycle-1.log", {"--baseline", base});
  CHECK(report["summary"]["schema_version"] == 5);
  REQUIRE(!report["findings"].empty());
  for (const auto& finding : report["findings"]) {
    CHECK(finding["baseline"]["status"] == "seen");
    CHECK(finding["baseline"]["old_count"] == finding["count"]);
    CHECK(finding["baseline"]["new_permissions"].empty());
  }
  CHECK(report["gone"].empty());
  CHECK(report["summary"]["baseline"]["new"] == 0);
  CHECK(report["summary"]["baseline"]["seen"] == report["findings"].size());
}

TEST_CASE("report of later cycles against earlier ones marks new and seen findings and lists those gone") {
  TempDir dir;
  const auto base = baseline_of(dir, "plone-cycle-1.log+plone-cycle-2.log");
  const auto old = json::parse(avcsift::test::read_file(base));
  const auto report = report_json("plone-cycle-2.log+plone-cycle-3.log", {"--baseline", base});
  std::set<Key> old_keys;
  for (const auto& f : old["findings"]) old_keys.insert(key_of(f));
  std::set<Key> now_keys;
  std::size_t fresh = 0;
  for (const auto& f : report["findings"]) {
    now_keys.insert(key_of(f));
    const bool known = old_keys.count(key_of(f)) != 0;
    INFO(f["sentence"]);
    CHECK(f["baseline"]["old_count"].is_null() == !known);
    if (!known) CHECK(f["baseline"]["status"] == "new");
    fresh += f["baseline"]["status"] == "new" ? 1 : 0;
  }
  std::size_t gone = 0;
  for (const auto& f : old["findings"]) gone += now_keys.count(key_of(f)) == 0 ? 1 : 0;
  CHECK(report["gone"].size() == gone);
  for (const auto& g : report["gone"]) CHECK(now_keys.count(key_of(g)) == 0);
  CHECK(report["summary"]["baseline"]["new"] == fresh);
  CHECK(report["summary"]["baseline"]["gone"] == gone);
  // The cycles differ both ways, so each mark is exercised.
  CHECK(fresh > 0);
  CHECK(fresh < report["findings"].size());
  CHECK(gone > 0);
}

TEST_CASE("a known access denied a permission more is new and names the permission") {
  TempDir dir;
  const auto base = baseline_of(dir, "plone-cycle-1.log");
  const auto report = report_json("plone-cycle-2.log", {"--baseline", base});
  bool widened = false;
  for (const auto& f : report["findings"]) {
    if (f["baseline"]["old_count"].is_null()) continue;
    widened = true;
    CHECK(f["baseline"]["status"] == "new");
    CHECK(!f["baseline"]["new_permissions"].empty());
  }
  CHECK(widened);
  const auto text = run_avcsift(report_args("plone-cycle-2.log", {"--baseline", base}));
  CHECK(contains(text.out, "   baseline:    new: write not in the baseline (the rest seen 2 times)\n"));
}

TEST_CASE("the text report says new, seen and gone against a baseline") {
  TempDir dir;
  const auto base = baseline_of(dir, "plone-cycle-1.log+plone-cycle-2.log");
  const auto result = run_avcsift(report_args("plone-cycle-2.log+plone-cycle-3.log", {"--baseline", base}));
  CHECK(result.status == 0);
  CHECK(contains(result.out, "  baseline:      " + base + ": 5 new, 7 seen, 8 gone\n"));
  CHECK(contains(result.out, "   baseline:    new\n"));
  CHECK(contains(result.out, "   baseline:    seen ("));
  CHECK(contains(result.out, "\nGone since the baseline ("));
}

TEST_CASE("report --fail-on with a baseline trips only on new findings") {
  TempDir dir;
  const auto base = baseline_of(dir, "plone-cycle-1.log");
  CHECK(run_avcsift(report_args("plone-cycle-1.log", {"--fail-on", "low"})).status == 3);
  CHECK(run_avcsift(report_args("plone-cycle-1.log", {"--fail-on", "low", "--baseline", base})).status == 0);
  const auto next = report_json("plone-cycle-2.log", {"--baseline", base});
  bool new_flagged = false;
  for (const auto& f : next["findings"]) {
    new_flagged = new_flagged || (f["baseline"]["status"] == "new" && !f["severity"].is_null());
  }
  CHECK(run_avcsift(report_args("plone-cycle-2.log", {"--fail-on", "low", "--baseline", base})).status ==
        (new_flagged ? 3 : 0));
}

TEST_CASE("allow --fail-on with a baseline trips only on new findings") {
  TempDir dir;
  const auto base = baseline_of(dir, "plone-cycle-1.log");
  const auto log = testdata("audit-logs/plone-cycle-1.log").string();
  const std::vector<std::string> allow{"allow", "-q", "-p", AVCSIFT_TEST_POLICY, "--app-root", "/usr/local/Plone",
                                       "--fail-on", "low", log};
  CHECK(run_avcsift(allow).status == 3);
  auto with_baseline = allow;
  with_baseline.insert(with_baseline.begin() + 1, {"--baseline", base});
  const auto result = run_avcsift(with_baseline);
  CHECK(result.status == 0);
  CHECK(contains(result.out, "allow plone_t etc_t:file"));
}

TEST_CASE("a baseline of an unknown schema version is refused naming the file") {
  TempDir dir;
  const auto base = dir.write("future.json", R"({"summary": {"schema_version": 99}, "findings": []})");
  const auto result = run_avcsift(report_args("plone-cycle-1.log", {"--baseline", base.string()}));
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: baseline '" + base.string() +
                          "': schema version 99 is not one this avcsift reads (1 to 5)\n");
  CHECK(result.out.empty());
}

TEST_CASE("a baseline that is not a report, not JSON or missing is refused") {
  TempDir dir;
  const auto other = dir.write("other.json", R"({"rules": []})");
  auto result = run_avcsift(report_args("plone-cycle-1.log", {"--baseline", other.string()}));
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: baseline '" + other.string() +
                          "': not an avcsift report (no summary.schema_version); write one with "
                          "'avcsift report --format json -o FILE'\n");
  const auto text = dir.write("text.json", "avcsift report\n");
  result = run_avcsift(report_args("plone-cycle-1.log", {"--baseline", text.string()}));
  CHECK(result.status == 2);
  CHECK(contains(result.err, "avcsift: error: baseline '" + text.string() + "': not JSON ("));
  const auto missing = (dir.path() / "missing.json").string();
  result = run_avcsift(report_args("plone-cycle-1.log", {"--baseline", missing}));
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: cannot read baseline '" + missing + "': No such file or directory\n");
}

TEST_CASE("ignored findings are counted and listed, never dropped, and do not trip --fail-on") {
  TempDir dir;
  const auto all = report_json("plone-cycle-1.log", {});
  const auto ignore = dir.write("accepted.ignore", "# everything plone_t does is accepted\n"
                                                   "plone_t * * # reviewed in TICKET-7\n");
  const auto report = report_json("plone-cycle-1.log", {"--ignore", ignore.string()});
  std::size_t plone = 0;
  for (const auto& f : all["findings"]) plone += f["source_type"] == "plone_t" ? 1 : 0;
  REQUIRE(plone > 0);
  CHECK(report["summary"]["ignored"]["findings"] == plone);
  CHECK(report["ignored"].size() == plone);
  CHECK(report["findings"].size() + plone == all["findings"].size());
  for (const auto& f : report["findings"]) CHECK(f["source_type"] != "plone_t");
  const auto& first = report["ignored"][0];
  CHECK(first["source_type"] == "plone_t");
  CHECK(first["ignored_by"][0]["line"] == 2);
  CHECK(first["ignored_by"][0]["reason"] == "reviewed in TICKET-7");

  const auto text = run_avcsift(report_args("plone-cycle-1.log", {"--ignore", ignore.string()}));
  CHECK(contains(text.out, "  ignored:       " + std::to_string(plone) + " findings accepted by " + ignore.string()));
  CHECK(contains(text.out, "\nIgnored (" + std::to_string(plone) + "):\n  - plone_t "));
  CHECK(contains(text.out, ignore.string() + ":2 (reviewed in TICKET-7)\n"));

  const auto everything = dir.write("all.ignore", "* * * # a lab machine\n");
  CHECK(run_avcsift(report_args("plone-cycle-1.log", {"--fail-on", "low", "--ignore", everything.string()})).status ==
        0);
}

TEST_CASE("a finding only partly ignored stays in the report and says what is not accepted") {
  TempDir dir;
  const auto ignore = dir.write("partial.ignore", "plone_t etc_t file { getattr read } # reads config\n");
  const auto report = report_json("plone-cycle-1.log", {"--ignore", ignore.string()});
  bool found = false;
  for (const auto& f : report["findings"]) {
    if (f["source_type"] != "plone_t" || f["target_type"] != "etc_t" || f["class"] != "file") continue;
    found = true;
    CHECK(f["partly_ignored"]["uncovered"] == json::array({"write"}));
    CHECK(f["partly_ignored"]["rules"][0]["line"] == 1);
  }
  CHECK(found);
  CHECK(report["ignored"].empty());
}

TEST_CASE("a malformed ignore file is an error naming file and line, before the log is read") {
  TempDir dir;
  const auto ignore = dir.write("bad.ignore", "# accepted\nplone_t etc_t file read\n");
  const auto result = run_avcsift(report_args("plone-cycle-1.log", {"--ignore", ignore.string()}));
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: " + ignore.string() +
                          ":2: missing '# reason' comment: say why this access is accepted\n");
  CHECK(result.out.empty());
  const auto missing = (dir.path() / "none.ignore").string();
  const auto unreadable = run_avcsift(report_args("plone-cycle-1.log", {"--ignore", missing}));
  CHECK(unreadable.status == 1);
  CHECK(unreadable.err == "avcsift: error: cannot read ignore file '" + missing + "': No such file or directory\n");
}
