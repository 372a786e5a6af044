// The user's own lines: for journal, syslog, dmesg and bare `avc:` lines,
// why and report show the line the input gave, never a record avcsift made
// up (`type=AVC msg=audit(...:1)`), and never a year the log did not say
// without marking it guessed. A syslog line's year comes from its file's
// modification time (a line dated after it is from the year before), or the
// current year on standard input.
#include <catch2/catch.hpp>

#include <ctime>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run_avcsift.hpp"

namespace {

using avcsift::test::RunResult;
using avcsift::test::TempDir;

const std::string kJournal =
    "Nov 25 10:00:00 web1 audit[1234]: AVC avc:  denied  { name_connect } for  pid=1234 comm=\"httpd\" "
    "dest=5432 scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:postgresql_port_t:s0 "
    "tclass=tcp_socket permissive=0";
const std::string kSyslogKernel =
    "Nov 25 10:00:01 web1 kernel: audit: type=1400 audit(1795600801.123:457): avc:  denied  { read } for  "
    "pid=1240 comm=\"httpd\" name=\"config.php\" dev=\"dm-0\" ino=4196502 "
    "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:var_lib_t:s0 tclass=file permissive=0";
const std::string kDmesg =
    "[   12.345678] audit: type=1400 audit(1795600800.100:600): avc:  denied  { read } for  pid=402 "
    "comm=\"systemd-tmpfile\" name=\"shop\" dev=\"sda1\" ino=2490369 "
    "scontext=system_u:system_r:systemd_tmpfiles_t:s0 tcontext=system_u:object_r:default_t:s0 tclass=dir "
    "permissive=0";
const std::string kBare =
    "avc:  denied  { write } for  pid=1893 comm=\"mariadbd\" name=\"mysql\" dev=\"sdb1\" ino=655361 "
    "scontext=system_u:system_r:mysqld_t:s0 tcontext=system_u:object_r:var_lib_t:s0 tclass=dir permissive=0";

/// avcsift `args` in UTC, so that syslog times read the same everywhere.
RunResult avcsift_utc(std::vector<std::string> args, const std::string& stdin_text = "") {
  args.insert(args.begin(), {"TZ=UTC", AVCSIFT_BINARY});
  return avcsift::test::run_command("env", args, stdin_text);
}

/// `why --format json` on `args`: its only denial.
nlohmann::json only_denial(std::vector<std::string> args, const std::string& stdin_text = "") {
  args.insert(args.begin(), {"why", "--no-policy", "--format", "json"});
  const RunResult run = avcsift_utc(args, stdin_text);
  INFO(run.err);
  REQUIRE(run.status == 0);
  const auto doc = nlohmann::json::parse(run.out);
  REQUIRE(doc["denials"].size() == 1);
  return doc["denials"][0];
}

/// Sets the modification time of `path` with touch -d, as a user would.
void touch(const std::filesystem::path& path, const std::string& when) {
  REQUIRE(avcsift::test::run_command("touch", {"-d", when, path.string()}).status == 0);
}

int current_year() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

}  // namespace

TEST_CASE("why prints journal and syslog and dmesg and bare avc lines as the input gave them") {
  TempDir dir;
  for (const auto& line : {kJournal, kSyslogKernel, kDmesg, kBare}) {
    const auto log = dir.write("input.log", "Nov 25 09:59:59 web1 systemd[1]: Started httpd.service.\n" + line + "\n");
    const RunResult run = avcsift_utc({"why", "--no-policy", log.string()});
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(run.out.rfind(line + "\n\n\tWas caused by:\n", 0) == 0);
    // Nothing avcsift made up: no record header the line did not have.
    if (line.find("audit(") == std::string::npos) CHECK(run.out.find("audit(") == std::string::npos);
  }
}

TEST_CASE("why JSON has a null serial for lines that carry none and a year_guessed flag for syslog dates") {
  TempDir dir;
  const auto journal = dir.write("journal.log", kJournal + "\n");
  touch(journal, "2026-12-01 12:00 UTC");
  const auto made_up = only_denial({journal.string()});
  CHECK(made_up["serial"].is_null());
  CHECK(made_up["year_guessed"] == true);
  CHECK(made_up["first_seen"] == "2026-11-25T10:00:00.000Z");
  CHECK(made_up["record"] == kJournal);

  // A kernel line in a syslog keeps the kernel's stamp: its serial and exact time.
  const auto kernel = only_denial({dir.write("kernel.log", kSyslogKernel + "\n").string()});
  CHECK(kernel["serial"] == 457);
  CHECK(kernel["year_guessed"] == false);
  CHECK(kernel["first_seen"] == "2026-11-25T10:00:01.123Z");
  CHECK(kernel["record"] == kSyslogKernel);

  const auto dmesg = only_denial({dir.write("dmesg.log", kDmesg + "\n").string()});
  CHECK(dmesg["serial"] == 600);
  CHECK(dmesg["record"] == kDmesg);

  // A bare line says nothing of when: no time at all rather than a made-up one.
  const auto bare = only_denial({dir.write("bare.log", kBare + "\n").string()});
  CHECK(bare["serial"].is_null());
  CHECK(bare["first_seen"].is_null());
  CHECK(bare["year_guessed"] == false);
  CHECK(bare["record"] == kBare);
}

TEST_CASE("a syslog line dated after its file was last written is from the year before") {
  TempDir dir;
  const auto log = dir.write("journal.log", kJournal + "\n");
  touch(log, "2026-03-01 12:00 UTC");
  CHECK(only_denial({log.string()})["first_seen"] == "2025-11-25T10:00:00.000Z");
  touch(log, "2026-11-25 10:00 UTC");
  CHECK(only_denial({log.string()})["first_seen"] == "2026-11-25T10:00:00.000Z");
  touch(log, "2031-01-02 00:00 UTC");
  CHECK(only_denial({log.string()})["first_seen"] == "2030-11-25T10:00:00.000Z");
}

TEST_CASE("a syslog line on standard input is dated in the current year") {
  std::string line = kJournal;
  line.replace(0, 6, "Jan  1");  // no later than today, whatever today is
  const auto denial = only_denial({}, line + "\n");
  CHECK(denial["first_seen"] == std::to_string(current_year()) + "-01-01T10:00:00.000Z");
  CHECK(denial["year_guessed"] == true);
  CHECK(denial["serial"].is_null());
}

TEST_CASE("report marks a guessed year in text and JSON and HTML and invents no record") {
  TempDir dir;
  const auto log = dir.write("journal.log", kJournal + "\n");
  touch(log, "2026-03-01 12:00 UTC");
  const RunResult text = avcsift_utc({"report", "--no-policy", log.string()});
  REQUIRE(text.status == 0);
  CHECK(text.out.find("time span:     2025-11-25T10:00:00.000Z (year guessed) to 2025-11-25T10:00:00.000Z "
                      "(year guessed)\n") != std::string::npos);
  CHECK(text.out.find("seen 1 time, 2025-11-25T10:00:00.000Z (year guessed)\n") != std::string::npos);

  const RunResult json = avcsift_utc({"report", "--no-policy", "--format", "json", log.string()});
  REQUIRE(json.status == 0);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["summary"]["first_seen"] == "2025-11-25T10:00:00.000Z");
  CHECK(doc["summary"]["year_guessed"] == true);
  CHECK(doc["findings"][0]["year_guessed"] == true);

  const RunResult html = avcsift_utc({"report", "--no-policy", "--format", "html", log.string()});
  REQUIRE(html.status == 0);
  CHECK(html.out.find("seen 1 time, 2025-11-25T10:00:00.000Z (year guessed)") != std::string::npos);
  CHECK(html.out.find("2025-11-25T10:00:00.000Z (year guessed) to 2025-11-25T10:00:00.000Z (year guessed)") !=
        std::string::npos);

  // The made-up stamp (serial 1) appears nowhere.
  for (const auto* out : {&text.out, &json.out, &html.out}) CHECK(out->find("audit(") == std::string::npos);
}
