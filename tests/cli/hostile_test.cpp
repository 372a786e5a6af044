// Hostile, broken and huge input: end-to-end tests of `avcsift allow` on the
// logs of testdata/audit-logs/hostile/ and on logs generated here (too big to
// commit). Audit logs are partly attacker-controlled (file and command names,
// D-Bus messages) and avcsift's output becomes policy, so each test proves
// that the module checkmodule compiles holds exactly the legitimate rules,
// read back with ../shared/tools/te-rules, and that every bad record gets
// exactly one warning naming the input and line.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;
namespace fs = std::filesystem;

namespace {

/// What a hostile log's header promises: `#   rule: KIND SRC TGT CLASS PERM
/// REASON` (te-rules form) and `#   warning: LINE: message` lines.
struct Expected {
  std::set<std::string> rules;
  std::vector<std::string> warnings;  ///< `LINE: message`
};

Expected read_header(const fs::path& log) {
  Expected expected;
  std::istringstream in(read_file(log));
  std::string line;
  while (std::getline(in, line) && line.starts_with('#')) {
    if (line.starts_with("#   rule: ")) expected.rules.insert(line.substr(10));
    if (line.starts_with("#   warning: ")) expected.warnings.push_back(line.substr(13));
  }
  return expected;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

fs::path te_rules_tool() {
  const fs::path tool = fs::path(AVCSIFT_SHARED_DIR) / "tools" / "te-rules";
  return fs::exists(tool) ? tool : fs::path{};
}

/// Skips the test unless its end-to-end policy check can run; called before
/// the test's first assertion.
void require_policy_check() {
  if (!avcsift::test::have_tool("checkmodule")) {
    avcsift::test::skip_test("checkmodule is not installed (Debian package checkpolicy)");
  }
  if (te_rules_tool().empty()) {
    avcsift::test::skip_test("te-rules not found under AVCSIFT_SHARED_DIR (" AVCSIFT_SHARED_DIR "/tools)");
  }
}

/// No log byte may shape policy text: every line of a module is empty, a
/// comment of printable ASCII (nothing can end it early), or made only of
/// identifier characters and the punctuation of module, require, allow and
/// role lines.
void check_only_safe_lines(const std::string& te) {
  for (const auto& line : split_lines(te)) {
    INFO("line: " << line);
    if (line.starts_with('#')) {
      CHECK(std::all_of(line.begin(), line.end(), [](char c) {
        return c == '\t' || (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f);
      }));
      continue;
    }
    CHECK(std::all_of(line.begin(), line.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             std::string_view("_ \t{};:.").find(c) != std::string_view::npos;
    }));
  }
}

/// Diagnostics quote log text only escaped: every stderr line is one
/// `avcsift: ...` line of printable ASCII.
void check_diagnostics_escaped(const std::string& err) {
  for (const auto& line : split_lines(err)) {
    INFO("stderr line: " << line);
    CHECK(line.starts_with("avcsift: "));
    CHECK(std::all_of(line.begin(), line.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
    }));
  }
}

/// Compiles `te` (a module named `hostile`) with checkmodule and returns its
/// rules as te-rules prints them.
std::set<std::string> compiled_rules(const std::string& te) {
  TempDir dir;
  dir.write("hostile.te", te);
  const auto compiled =
      run_command("checkmodule", {"-M", "-m", "-o", "hostile.mod", "hostile.te"}, "", dir.path());
  INFO(te << compiled.out << compiled.err);
  CHECK(compiled.status == 0);
  const auto rules = run_command("python3", {te_rules_tool().string(), "hostile.te"}, "", dir.path());
  CHECK(rules.status == 0);
  const auto lines = split_lines(rules.out);
  return {lines.begin(), lines.end()};
}

/// Runs `allow -m hostile --no-policy` on `log` and checks the module and the
/// diagnostics against what its header promises.
void check_hostile_log(const std::string& name) {
  require_policy_check();
  const fs::path log = testdata("audit-logs/hostile/" + name);
  const Expected expected = read_header(log);
  REQUIRE(!expected.rules.empty());
  const auto result = run_avcsift({"allow", "-m", "hostile", "--no-policy", log.string()});
  INFO(result.out << result.err);
  CHECK(result.status == 0);
  check_only_safe_lines(result.out);
  check_diagnostics_escaped(result.err);

  // One warning per bad record, in any order (a record's warning comes when
  // libauparse completes its event), then the count.
  std::vector<std::string> want;
  for (const auto& warning : expected.warnings) want.push_back("avcsift: warning: " + log.string() + ":" + warning);
  std::vector<std::string> got = split_lines(result.err);
  if (!expected.warnings.empty()) {
    REQUIRE(!got.empty());
    CHECK(got.back() == "avcsift: info: " + std::to_string(expected.warnings.size()) +
                            " unreadable lines or records were skipped");
    got.pop_back();
  }
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  CHECK(got == want);

  CHECK(compiled_rules(result.out) == expected.rules);
}

const std::string kGoodRecords =
    "type=AVC msg=audit(1795601500.000:7001): avc:  denied  { read } for  pid=1 comm=\"x\" "
    "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:httpd_config_t:s0 tclass=file "
    "permissive=0\n"
    "type=AVC msg=audit(1795601501.000:7002): avc:  denied  { name_bind } for  pid=1 comm=\"x\" "
    "src=80 scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:http_port_t:s0 "
    "tclass=tcp_socket permissive=0\n";
const std::set<std::string> kGoodRules = {"allow httpd_t http_port_t tcp_socket name_bind TERULE",
                                          "allow httpd_t httpd_config_t file read TERULE"};

}  // namespace

TEST_CASE("log text that looks like policy never reaches the module") {
  check_hostile_log("injection.log");
}

TEST_CASE("names that are not identifiers and oversized permission lists are refused, one warning each") {
  check_hostile_log("bad-names.log");
}

TEST_CASE("one serial on several nodes and interlaced nodes give every denial its own event") {
  check_hostile_log("nodes.log");
}

TEST_CASE("truncated lines, NUL bytes, invalid UTF-8 and an input ending mid-event") {
  check_hostile_log("broken.log");
}

TEST_CASE("a 16 MiB line is skipped with one warning and the rest of the input is read") {
  require_policy_check();
  TempDir dir;
  // A well-formed denial padded to 16 MiB (in name=): kept whole it would be a
  // rule; it must not be buffered, and must not become one. The second such
  // line ends the input without a newline.
  const std::string padding(16 * 1024 * 1024, 'A');
  const std::string huge =
      "type=AVC msg=audit(1795601502.000:7003): avc:  denied  { write } for  pid=1 comm=\"x\" name=\"" +
      padding + "\" scontext=system_u:system_r:evil_t:s0 tcontext=system_u:object_r:shadow_t:s0 tclass=file";
  const auto log = dir.write("huge.log", kGoodRecords.substr(0, kGoodRecords.find('\n') + 1) + huge + "\n" +
                                             kGoodRecords.substr(kGoodRecords.find('\n') + 1) + huge);
  const auto start = std::chrono::steady_clock::now();
  const auto result = run_avcsift({"allow", "-m", "hostile", "--no-policy", log.string()});
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(result.status == 0);
  CHECK(seconds < 20);  // about 0.1 s in Release; generous for sanitizer builds
  const std::string warning = ": line of " + std::to_string(huge.size()) + " bytes is too long, skipped\n";
  CHECK(result.err == "avcsift: warning: " + log.string() + ":2" + warning + "avcsift: warning: " +
                          log.string() + ":4" + warning +
                          "avcsift: info: 2 unreadable lines or records were skipped\n");
  check_only_safe_lines(result.out);
  CHECK(compiled_rules(result.out) == kGoodRules);
}

TEST_CASE("only the first 20 warnings are shown, then how many more there were") {
  require_policy_check();
  TempDir dir;
  std::string text;
  for (int i = 0; i < 30; ++i) {
    text += "type=AVC msg=audit(1795601600." + std::to_string(100 + i) + ":" + std::to_string(8000 + i) +
            "): avc:  denied  { read } for  pid=1 scontext=system_u:system_r:httpd_t:s0 "
            "tcontext=system_u:object_r:etc_t:s0\n";  // no tclass=
  }
  const auto log = dir.write("many-bad.log", text + kGoodRecords);
  const auto result = run_avcsift({"allow", "-m", "hostile", "--no-policy", log.string()});
  CHECK(result.status == 0);
  std::string want;
  for (int line = 1; line <= 20; ++line) {
    want += "avcsift: warning: " + log.string() + ":" + std::to_string(line) + ": AVC record without tclass=\n";
  }
  want += "avcsift: warning: 10 more warnings not shown (30 in all)\n"
          "avcsift: info: 30 unreadable lines or records were skipped\n";
  CHECK(result.err == want);
  CHECK(compiled_rules(result.out) == kGoodRules);
}

TEST_CASE("thousands of events open at once in libauparse lose no denial") {
  // auditd writes no EOE records, so libauparse keeps every event of the last
  // two seconds of log time open: a burst of 6000 events (12000 records) in
  // one second once overflowed the record window and lost denials.
  TempDir dir;
  std::string text;
  for (int i = 0; i < 6000; ++i) {
    const std::string stamp = "audit(1795601700." + std::to_string(100 + i % 900) + ":" + std::to_string(40000 + i) + "): ";
    text += "type=AVC msg=" + stamp + "avc:  denied  { read } for  pid=1 comm=\"x\" scontext=system_u:system_r:d" +
            std::to_string(i) + "_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n";
    text += "type=SYSCALL msg=" + stamp + "arch=c000003e syscall=257 success=no exit=-13 comm=\"x\"\n";
  }
  const auto log = dir.write("burst.log", text);
  const auto result = run_avcsift({"allow", "--no-policy", log.string()});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  std::size_t rules = 0;
  for (const auto& line : split_lines(result.out)) rules += line.starts_with("allow ") ? 1 : 0;
  CHECK(rules == 6000);
}

TEST_CASE("no log text can start a policy line, with -D and as a fragment too") {
  for (const auto& entry : fs::directory_iterator(testdata("audit-logs/hostile"))) {
    if (entry.path().extension() != ".log") continue;
    for (const std::vector<std::string>& extra : {std::vector<std::string>{}, {"-D"}, {"-m", "hostile"}}) {
      std::vector<std::string> args{"allow", "--no-policy"};
      args.insert(args.end(), extra.begin(), extra.end());
      args.push_back(entry.path().string());
      INFO(entry.path().string() << (extra.empty() ? "" : " " + extra.front()));
      const auto result = run_avcsift(args);
      CHECK(result.status == 0);
      check_only_safe_lines(result.out);
      check_diagnostics_escaped(result.err);
      for (const char* evil : {"evil", "shadow_t", "blk_file", "sys_admin", "setcurrent", "allow_x"}) {
        CHECK(result.out.find(evil) == std::string::npos);
      }
    }
  }
}

TEST_CASE("every fuzz regression input runs through allow without a crash") {
  const fs::path root = testdata("fuzz-regressions");
  std::size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    ++count;
    INFO(entry.path().string());
    const auto result = run_avcsift({"allow", "--no-policy", "-m", "hostile", entry.path().string()});
    CHECK(result.status == 0);
    check_only_safe_lines(result.out);
    check_diagnostics_escaped(result.err);
  }
  CHECK(count > 0);  // a replay of an empty directory checks nothing
}
