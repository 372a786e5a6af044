// `ausearch -i` in every locale: the interpreted logs are made by the real
// ausearch (Debian's auditd) from raw logs, under each LC_ALL, and must give
// the rules, times and --since window of the raw log they came from.
//
// ausearch writes the local time with the locale's `%x` (11/25/26 under C,
// 25.11.2026 under de_DE, 2026年11月25日 under ja_JP), so every run here sets
// one time zone for ausearch and avcsift alike: a POSIX rule with daylight
// saving, which needs no tzdata and checks that local time is turned back
// into the right Unix time on both sides of a change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

namespace {

using avcsift::test::RunResult;
using avcsift::test::TempDir;
namespace fs = std::filesystem;

constexpr const char* kZone = "TZ=CET-1CEST,M3.5.0,M10.5.0/3";

/// The raw logs of testdata/ that ausearch reads whole (it skips the syslog,
/// journald, dmesg and bare forms, and drops a few old `host=` records).
const std::vector<std::string> kTestdataLogs = {
    "raw.log", "user-avc.log", "policy-reloads.log", "plone-cycle-1.log", "plone-cycle-2.log",
    "plone-cycle-3.log", "selinux-err-transitions.log"};

/// Corpus logs small enough for ausearch -i eight times over (it takes some
/// 13 s on the 3 MB sepolgen-httpd.log here; bench/ is the place for that).
constexpr std::uintmax_t kMaxCorpusLog = 16 * 1024;

std::string ausearch_path() {
  if (avcsift::test::have_tool("ausearch")) return "ausearch";
  for (const char* path : {"/sbin/ausearch", "/usr/sbin/ausearch"}) {
    if (fs::exists(path)) return path;
  }
  return {};
}

/// Skips the test unless ausearch and `locale` are installed.
std::string need_ausearch(const std::string& locale) {
  const std::string ausearch = ausearch_path();
  if (ausearch.empty()) avcsift::test::skip_test("ausearch is not installed (Debian package auditd)");
  if (locale == "C") return ausearch;
  // glibc spells de_DE.UTF-8 as de_DE.utf8 in `locale -a`.
  const std::string listed = std::regex_replace(locale, std::regex(R"(\.UTF-8$)"), ".utf8");
  const RunResult all = avcsift::test::run_command("locale", {"-a"});
  if (("\n" + all.out).find("\n" + listed + "\n") == std::string::npos) {
    avcsift::test::skip_test("locale " + locale + " is not installed (Debian package locales-all)");
  }
  return ausearch;
}

/// avcsift `args` run in kZone.
RunResult avcsift_in_zone(std::vector<std::string> args, const std::string& stdin_text = "") {
  args.insert(args.begin(), {kZone, AVCSIFT_BINARY});
  return avcsift::test::run_command("env", args, stdin_text);
}

/// What `ausearch -if RAW` (`-i`: interpreted, under `locale`) prints.
std::string ausearch(const std::string& tool, const fs::path& raw, const std::string& locale, bool interpreted) {
  std::vector<std::string> args{kZone, "LC_ALL=" + locale, tool, "-if", raw.string()};
  if (interpreted) args.emplace_back("-i");
  const RunResult run = avcsift::test::run_command("env", args);
  INFO(run.err);
  REQUIRE(run.status == 0);
  return run.out;
}

/// The parts of `report --format json` that must not depend on the log's
/// form: the span, and per finding its rule, count and times. (Paths and
/// sentences may: ausearch -i writes a decoded name with a space unquoted.)
nlohmann::json times_and_rules(const RunResult& report) {
  INFO(report.err);
  REQUIRE(report.status == 0);
  const auto doc = nlohmann::json::parse(report.out);
  nlohmann::json kept{{"first_seen", doc["summary"]["first_seen"]},
                      {"last_seen", doc["summary"]["last_seen"]},
                      {"denials", doc["summary"]["denials"]},
                      // ausearch prints each event's records newest first:
                      // still one event each, not a PROCTITLE cut off.
                      {"events", doc["summary"]["events"]},
                      {"findings", nlohmann::json::array()}};
  for (const auto& finding : doc["findings"]) {
    kept["findings"].push_back({finding["kind"], finding["source_type"], finding["target_type"], finding["class"],
                                finding["permissions"], finding["count"], finding["first_seen"],
                                finding["last_seen"]});
  }
  return kept;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

RunResult allow(const fs::path& log, std::vector<std::string> extra = {}) {
  extra.insert(extra.begin(), {"allow", "--no-policy", log.string()});
  return avcsift_in_zone(extra);
}

/// A Unix time halfway through `report`'s span, for --since.
std::int64_t midpoint(const fs::path& raw) {
  const RunResult report = avcsift_in_zone({"report", "--no-policy", "--format", "json", raw.string()});
  const auto doc = nlohmann::json::parse(report.out);
  const auto seconds = [](const std::string& iso) {
    std::tm tm{};
    strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    return static_cast<std::int64_t>(timegm(&tm));
  };
  return (seconds(doc["summary"]["first_seen"]) + seconds(doc["summary"]["last_seen"])) / 2 + 1;
}

/// Checks that `interpreted` (ausearch -i's output of `raw`, written in a
/// locale whose slash dates are in `order`) gives what `baseline` gives:
/// rules, report times, and rules from --since. A date the text leaves
/// ambiguous (06/11/06) is read month first with a warning, so the times
/// are compared with `--date-order order`; testdata's dates are never ambiguous.
void check_same_as_raw(const fs::path& baseline, const fs::path& interpreted, const fs::path& raw,
                       const std::string& order, bool ambiguity_allowed) {
  INFO("raw log " << raw << ", interpreted " << interpreted);
  const RunResult expected_rules = allow(baseline);
  const RunResult rules = allow(interpreted);
  REQUIRE(expected_rules.status == 0);
  CHECK(rules.status == 0);
  CHECK(rules.out == expected_rules.out);
  std::vector<std::string> told;
  if (rules.err.find("warning: ") != std::string::npos) {
    INFO(rules.err);
    CHECK(ambiguity_allowed);
    CHECK(count(rules.err, "could be month/day/year or day/month/year: read as month/day/year") == 1);
    told = {"--date-order", order};
    CHECK(allow(interpreted, told).err.find("warning: ") == std::string::npos);
  }
  auto report_args = told;
  report_args.insert(report_args.begin(), {"report", "--no-policy", "--format", "json", interpreted.string()});
  CHECK(times_and_rules(avcsift_in_zone(report_args)) ==
        times_and_rules(avcsift_in_zone({"report", "--no-policy", "--format", "json", baseline.string()})));
  auto since = told;
  since.insert(since.end(), {"--since", std::to_string(midpoint(baseline))});
  CHECK(allow(interpreted, since).out == allow(baseline, {since.end() - 2, since.end()}).out);
}

/// The logs this run checks: testdata's, and the small corpus logs when ../shared is present.
std::vector<fs::path> raw_logs() {
  std::vector<fs::path> logs;
  for (const auto& name : kTestdataLogs) logs.push_back(avcsift::test::testdata("audit-logs/" + name));
  const fs::path corpus = avcsift::test::shared_dir();
  if (!corpus.empty() && fs::is_directory(corpus / "corpus/logs")) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(corpus / "corpus/logs")) {
      if (entry.is_regular_file() && entry.file_size() <= kMaxCorpusLog) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    logs.insert(logs.end(), found.begin(), found.end());
  }
  return logs;
}

/// ausearch -i of every raw log under `locale` gives what the raw log gives.
/// `order`: how the locale writes a slash date (mdy, dmy; unused for other forms).
void check_locale(const std::string& locale, const std::string& date_text, const std::string& order) {
  const std::string tool = need_ausearch(locale);
  TempDir dir;
  for (const auto& raw : raw_logs()) {
    const std::string base = raw.stem().string();
    const auto interpreted = dir.write(base + "-i.log", ausearch(tool, raw, locale, true));
    // testdata's logs are compared with themselves; the corpus's with ausearch's
    // uninterpreted output, as ausearch leaves out some of their old `host=` records.
    const bool ours = raw.parent_path() == avcsift::test::testdata("audit-logs");
    const auto baseline = ours ? raw : dir.write(base + "-raw.log", ausearch(tool, raw, "C", false));
    check_same_as_raw(baseline, interpreted, raw, order, !ours);
  }
  // The form checked is the locale's own, not C's fallback.
  const std::string first = ausearch(tool, avcsift::test::testdata("audit-logs/raw.log"), locale, true);
  CHECK(first.find("msg=audit(" + date_text + " ") != std::string::npos);
}

/// raw.log moved back 266 days, to 4 March 2026: a date whose day is 12 or
/// less, which C and en_US write 03/04/26, en_GB and fr_FR 04/03/26.
fs::path ambiguous_raw_log(const TempDir& dir) {
  const std::string raw = avcsift::test::read_file(avcsift::test::testdata("audit-logs/raw.log"));
  std::string moved;
  const std::regex stamp(R"(audit\((\d+)\.)");
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(raw.begin(), raw.end(), stamp); it != std::sregex_iterator(); ++it) {
    moved.append(raw, last, static_cast<std::size_t>(it->position()) - last);
    moved += "audit(" + std::to_string(std::stoll((*it)[1]) - 266 * 86400) + ".";
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  moved.append(raw, last);
  return dir.write("march.log", moved);
}

}  // namespace

TEST_CASE("ausearch -i under C gives the rules and times and --since of the raw log") { check_locale("C", "11/25/26", "mdy"); }

TEST_CASE("ausearch -i under en_US.UTF-8 gives the rules and times and --since of the raw log") {
  check_locale("en_US.UTF-8", "11/25/2026", "mdy");
}

TEST_CASE("ausearch -i under en_GB.UTF-8 gives the rules and times and --since of the raw log") {
  check_locale("en_GB.UTF-8", "25/11/26", "dmy");
}

TEST_CASE("ausearch -i under de_DE.UTF-8 gives the rules and times and --since of the raw log") {
  check_locale("de_DE.UTF-8", "25.11.2026", "dmy");
}

TEST_CASE("ausearch -i under fr_FR.UTF-8 gives the rules and times and --since of the raw log") {
  check_locale("fr_FR.UTF-8", "25/11/2026", "dmy");
}

TEST_CASE("ausearch -i under sv_SE.UTF-8 gives the rules and times and --since of the raw log") {
  check_locale("sv_SE.UTF-8", "2026-11-25", "ymd");
}

TEST_CASE("ausearch -i under ja_JP.UTF-8 gives the rules and times and --since of the raw log") {
  check_locale("ja_JP.UTF-8", "2026年11月25日", "ymd");
}

TEST_CASE("ausearch -i under ko_KR.UTF-8 gives the rules and times and --since of the raw log") {
  check_locale("ko_KR.UTF-8", "2026년 11월 25일", "ymd");
}

TEST_CASE("an ambiguous ausearch -i date is read month first with one warning per input and --date-order dmy reads en_GB's") {
  const std::string tool = need_ausearch("en_GB.UTF-8");
  TempDir dir;
  const fs::path raw = ambiguous_raw_log(dir);
  const auto us = dir.write("us.log", ausearch(tool, raw, "C", true));
  const auto gb = dir.write("gb.log", ausearch(tool, raw, "en_GB.UTF-8", true));
  const auto gb_again = dir.write("gb-again.log", ausearch(tool, raw, "en_GB.UTF-8", true));
  REQUIRE(avcsift::test::read_file(us).find("audit(03/04/26 ") != std::string::npos);
  REQUIRE(avcsift::test::read_file(gb).find("audit(04/03/26 ") != std::string::npos);
  const auto report = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"report", "--no-policy", "--format", "json"});
    return avcsift_in_zone(args);
  };
  const auto expected = times_and_rules(report({raw.string()}));
  REQUIRE(expected["first_seen"] == "2026-03-04T10:00:02.117Z");

  // C writes month first: the assumption holds, and is said once.
  const RunResult c = report({us.string()});
  CHECK(times_and_rules(c) == expected);
  CHECK(count(c.err, "warning: ") == 1);
  CHECK(c.err.find("us.log:2: date '03/04/26' could be month/day/year or day/month/year: read as "
                   "month/day/year") != std::string::npos);

  // en_GB writes day first: without --date-order the dates are read as 3 April,
  // the rules stay, and each input says once which order it assumed.
  const RunResult guessed = report({gb.string(), gb_again.string()});
  const auto misread = times_and_rules(guessed);
  CHECK(misread["first_seen"] == "2026-04-03T09:00:02.117Z");
  CHECK(misread["findings"].size() == expected["findings"].size());
  CHECK(count(guessed.err, "warning: ") == 2);
  CHECK(count(guessed.err, "gb.log:2: date '04/03/26' could be") == 1);
  CHECK(count(guessed.err, "gb-again.log:2: date '04/03/26' could be") == 1);
  CHECK(allow(gb).out == allow(raw).out);

  // --date-order dmy reads them as written, with no warning.
  const RunResult told = report({"--date-order", "dmy", gb.string()});
  CHECK(times_and_rules(told) == expected);
  CHECK(told.err.find("warning: ") == std::string::npos);
  const std::string since = std::to_string(midpoint(raw));
  CHECK(allow(gb, {"--date-order", "dmy", "--since", since}).out == allow(raw, {"--since", since}).out);
}

TEST_CASE("watch reads ausearch -i dates from standard input and takes --date-order too") {
  const std::string tool = need_ausearch("de_DE.UTF-8");
  need_ausearch("en_GB.UTF-8");
  TempDir dir;
  const fs::path march = ambiguous_raw_log(dir);
  int runs = 0;
  const auto watch = [&](const std::string& input, std::vector<std::string> extra) {
    const fs::path out = dir.path() / ("out" + std::to_string(++runs));
    std::vector<std::string> args{"watch", "--no-policy", "--quiet", "--output-dir", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const RunResult run = avcsift_in_zone(args, input);
    INFO(run.err);
    REQUIRE(run.status == 0);
    const auto doc = nlohmann::json::parse(avcsift::test::read_file(out / "avcsift-report.json"));
    return std::pair{avcsift::test::read_file(out / "avcsift.te"),
                     doc["summary"]["first_seen"].get<std::string>() + " " +
                         doc["summary"]["last_seen"].get<std::string>()};
  };
  const auto raw = watch(avcsift::test::read_file(avcsift::test::testdata("audit-logs/raw.log")), {});
  const auto german = watch(ausearch(tool, avcsift::test::testdata("audit-logs/raw.log"), "de_DE.UTF-8", true), {});
  CHECK(german == raw);

  const auto raw_march = watch(avcsift::test::read_file(march), {});
  const auto british = watch(ausearch(tool, march, "en_GB.UTF-8", true), {"--date-order", "dmy"});
  CHECK(british == raw_march);
  CHECK(raw_march.second == "2026-03-04T10:00:02.117Z 2026-03-04T10:00:31.207Z");
}
