// End-to-end tests of the SELINUX_ERR reports audit2allow ignores
// (testdata/audit-logs/selinux-err-transitions.log): the process2 rule of a
// refused NNP/nosuid transition in every output form, its explanation in
// `why` and `report`, and the other forms explained without a rule.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::have_tool;
using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

const std::string kLog = testdata("audit-logs/selinux-err-transitions.log").string();

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The live `allow` lines of .te output.
std::string rule_lines(const std::string& te) {
  std::istringstream in(te);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.starts_with("allow ")) out += line + '\n';
  }
  return out;
}

const std::string kExpectedRules =
    "allow bounded_child_t data_t:file write;\n"
    "allow container_runtime_t container_t:process2 { nnp_transition nosuid_transition };\n"
    "allow init_t httpd_exec_t:file execute_no_trans;\n"
    "allow init_t httpd_t:process2 { nnp_transition nosuid_transition };\n"
    "allow init_t plone_t:process2 { nnp_transition nosuid_transition };\n";

}  // namespace

TEST_CASE("allow writes a process2 rule for each refused NNP or nosuid transition") {
  const auto result = run_avcsift({"allow", "--no-policy", kLog});
  CHECK(result.status == 0);
  CHECK(rule_lines(result.out) == kExpectedRules);
  CHECK(contains(result.out, "\tclass process2 { nnp_transition nosuid_transition };\n"));
  CHECK(contains(result.out,
                 "#SELINUX_ERR security_bounded_transition: init_t may not enter plone_t when no_new_privs is set "
                 "or the program is on a nosuid mount.\n"
                 "#A policy without class process2 (before Linux 4.14) needs instead: typebounds init_t plone_t;\n"
                 "allow init_t plone_t:process2 { nnp_transition nosuid_transition };\n"));
}

TEST_CASE("the ausearch -i form of the SELINUX_ERR log gives the same rules") {
  if (!have_tool("ausearch")) avcsift::test::skip_test("ausearch is not installed (Debian package auditd)");
  TempDir dir;
  const auto interpreted = run_command("env", {"LC_TIME=C", "ausearch", "-if", kLog, "-i"});
  REQUIRE(interpreted.status == 0);
  REQUIRE(contains(interpreted.out, "op=security_bounded_transition"));
  const auto log = dir.write("interpreted.log", interpreted.out);
  const auto result = run_avcsift({"allow", "--no-policy", log.string()});
  CHECK(result.status == 0);
  CHECK(rule_lines(result.out) == kExpectedRules);
  // ausearch -i prints the decoded fscreate context without quotes; the
  // report still shows the rest of the log's SELINUX_ERR reports.
  const auto report = run_avcsift({"report", "--no-policy", log.string()});
  CHECK(contains(report.out, "0 failed system calls without AVC, 5 other SELINUX_ERR reports"));
}

TEST_CASE("a setcon by a multithreaded process gives no process2 rule but typebounds advice") {
  const auto log = testdata("audit-logs/selinux-err.log").string();
  const auto allow = run_avcsift({"allow", "--no-policy", log});
  CHECK(!contains(allow.out, "process2"));
  const auto why = run_avcsift({"why", "--no-policy", log});
  CHECK(contains(why.out, "A multithreaded process of /usr/sbin/apache2 in httpd_t asked to switch to "
                          "httpd_sys_script_t (setcon, a write to /proc/self/attr/current)"));
  CHECK(contains(why.out, "\t\ttypebounds httpd_t httpd_sys_script_t;\n"));
}

TEST_CASE("allow --cil writes the process2 rule and its comments as CIL") {
  const auto result = run_avcsift({"allow", "--no-policy", "--cil", kLog});
  CHECK(result.status == 0);
  CHECK(contains(result.out, ";A policy without class process2 (before Linux 4.14) needs instead: typebounds "
                             "init_t plone_t;\n"
                             "(allow init_t plone_t (process2 (nnp_transition nosuid_transition)))\n"));
}

TEST_CASE("allow -M builds a module package holding the process2 rule") {
  if (!have_tool("checkmodule") || !have_tool("semodule_package")) {
    avcsift::test::skip_test("checkmodule or semodule_package is not installed");
  }
  TempDir dir;
  const auto result = run_avcsift({"allow", "--no-policy", "-M", "nnpfix", kLog}, "", dir.path());
  INFO(result.err);
  CHECK(result.status == 0);
  CHECK(contains(read_file(dir.path() / "nnpfix.te"),
                 "allow init_t plone_t:process2 { nnp_transition nosuid_transition };\n"));
  CHECK(std::filesystem::exists(dir.path() / "nnpfix.pp"));
}

TEST_CASE("the emitted CIL rule loaded with the test policy makes libsepol allow the transition") {
  TempDir dir;
  // Before: the test policy has class process2 but no rule for init_t -> plone_t.
  const auto before = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "-t", "init_t", kLog});
  REQUIRE(contains(before.out, "allow init_t plone_t:process2 { nnp_transition nosuid_transition };\n"));
  CHECK(!contains(before.out, "This avc is allowed in the current policy"));
  // A -M package installs on its own, so the rules naming types the test
  // policy lacks (httpd_t) are commented out; the plone_t rule stays live.
  const auto cil = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "--cil", "-M", "nnpfix", "-t", "init_t", kLog},
                               "", dir.path());
  REQUIRE(cil.status == 0);
  const auto fix = dir.path() / "nnpfix.cil";
  const auto compiled = run_command("secilc", {"-o", "combined.policy", "-f", "combined.fc",
                                               testdata("policy/avcsift-test.cil").string(), fix.string()},
                                    "", dir.path());
  INFO(read_file(fix) << compiled.err);
  REQUIRE(compiled.status == 0);
  // After: libsepol (through avcsift's verdict) finds the transition allowed.
  const auto after = run_avcsift({"allow", "-p", (dir.path() / "combined.policy").string(), "-t", "init_t", kLog});
  CHECK(contains(after.out, "#!!!! This avc is allowed in the current policy\n"
                            "#SELINUX_ERR security_bounded_transition: init_t may not enter plone_t"));
}

TEST_CASE("why explains a refused NNP transition and names the rule that fixes it") {
  const auto result = run_avcsift({"why", "--no-policy", kLog});
  CHECK(result.status == 0);
  CHECK(contains(result.out,
                 "type=SELINUX_ERR msg=audit(1795700001.107:2001): op=security_bounded_transition seresult=denied "
                 "oldcontext=system_u:system_r:init_t:s0 newcontext=system_u:system_r:plone_t:s0\n\n"
                 "\tWas caused by:\n"
                 "\t\tThe kernel refused /usr/lib/systemd/systemd the transition from init_t into plone_t: the exec "
                 "failed with EPERM: no_new_privs was set (systemd NoNewPrivileges=, a container runtime, setpriv "
                 "--no-new-privs), and plone_t is not bounded by init_t.\n"
                 "\t\tAllow the transition (class process2, Linux 4.14 and later):\n"
                 "\t\tallow init_t plone_t:process2 { nnp_transition nosuid_transition };\n"
                 "\t\tA policy without class process2 needs instead: typebounds init_t plone_t;\n"));
  CHECK(contains(result.out, "the exec failed with EACCES: the program is on a nosuid mount"));
  CHECK(contains(result.out, "\t\tThe kernel then kept init_t; the denials of this event follow from that: allow "
                             "the transition instead.\n"));
}

TEST_CASE("why explains the SELINUX_ERR forms no allow rule fixes") {
  const auto result = run_avcsift({"why", "--no-policy", kLog});
  CHECK(contains(result.out, "\t\tA validatetrans rule of class file refused staff_t relabeling "
                             "system_u:object_r:etc_t:s0 to system_u:object_r:etc_t:s1.\n"));
  CHECK(contains(result.out, "\t\tbounded_child_t is bounded by a parent type (typebounds) that may not write on "
                             "data_t:file, so the kernel took that away from bounded_child_t.\n"));
  CHECK(contains(result.out, "\t\t/usr/bin/rsync tried to label a file system_u:object_r:plone_rw_t:s0, which the "
                             "loaded policy does not know"));
  CHECK(contains(result.out, "asked to create files as system_u:object_r:plone tmp_t:s0 (setfscreatecon)"));
  CHECK(contains(result.out, "\t\tA network peer's level made the context system_u:system_r:httpd_t:s15:c0.c1023"));
}

TEST_CASE("why --format json lists the distinct SELINUX_ERR reports") {
  const auto result = run_avcsift({"why", "--no-policy", "--format", "json", kLog});
  REQUIRE(result.status == 0);
  const auto doc = nlohmann::json::parse(result.out);
  CHECK(doc["summary"]["selinux_errors"] == 8);
  std::size_t bounded = 0;
  for (const auto& report : doc["selinux_errors"]) {
    if (report["kind"] == "bounded_transition") ++bounded;
  }
  CHECK(bounded == 3);
}

TEST_CASE("report no longer calls a refused transition a possibly hidden denial") {
  const auto result = run_avcsift({"report", "--no-policy", kLog});
  CHECK(result.status == 0);
  CHECK(contains(result.out, "0 failed system calls without AVC, 5 other SELINUX_ERR reports\n"));
  CHECK(!contains(result.out, "hidden_denials"));
  CHECK(contains(result.out, "] The kernel refused /usr/lib/systemd/systemd the transition from init_t into "
                             "plone_t under no_new_privs or from a nosuid mount (plone_t is not bounded by init_t)\n"));
  CHECK(contains(result.out, "     2. typebounds: for a policy without class process2 (before Linux 4.14): make "
                             "plone_t bounded by init_t"));
  CHECK(contains(result.out, "] A validatetrans rule refused /usr/bin/chcon relabeling a file from "
                             "system_u:object_r:etc_t:s0 to system_u:object_r:etc_t:s1\n"));
  CHECK(contains(result.out, "reason:      SELINUX_ERR validate_transition: no allow rule fixes it\n"));
}

TEST_CASE("report --format json marks SELINUX_ERR findings") {
  const auto result = run_avcsift({"report", "--no-policy", "--format", "json", kLog});
  REQUIRE(result.status == 0);
  const auto doc = nlohmann::json::parse(result.out);
  CHECK(doc["summary"]["hidden_failures"] == 0);
  CHECK(doc["summary"]["selinux_errors"] == 5);
  std::size_t errors = 0;
  for (const auto& finding : doc["findings"]) {
    if (finding["kind"] == "selinux_error") {
      ++errors;
      CHECK(finding["reason"] == "SELINUX_ERR");
      CHECK(!finding["selinux_error"].is_null());
    }
  }
  CHECK(errors == 5);
}

TEST_CASE("watch keeps the process2 rules and the SELINUX_ERR findings in its files") {
  TempDir dir;
  const auto result =
      run_avcsift({"watch", "--no-policy", "--output-dir", (dir.path() / "out").string()}, read_file(kLog));
  REQUIRE(result.status == 0);
  CHECK(rule_lines(read_file(dir.path() / "out" / "avcsift.te")) == kExpectedRules);
  const auto report = nlohmann::json::parse(read_file(dir.path() / "out" / "avcsift-report.json"));
  CHECK(report["summary"]["selinux_errors"] == 5);
  CHECK(report["summary"]["hidden_failures"] == 0);
}

TEST_CASE("with a policy older than class process2 the rule is commented out and typebounds comes first") {
  // The CIL test policy without class process2, as before Linux 4.14.
  std::string cil = read_file(testdata("policy/avcsift-test.cil"));
  const auto drop = [&cil](const std::string& what, const std::string& with) {
    const auto at = cil.find(what);
    REQUIRE(at != std::string::npos);
    cil.replace(at, what.size(), with);
  };
  drop("(class process2 (nnp_transition nosuid_transition))", "");
  drop("tcp_socket process2))", "tcp_socket))");
  drop("(policycap nnp_nosuid_transition)", "");
  TempDir dir;
  dir.write("old.cil", cil);
  const auto compiled = run_command("secilc", {"-o", "old.policy", "-f", "old.fc", "old.cil"}, "", dir.path());
  REQUIRE(compiled.status == 0);
  const std::string policy = (dir.path() / "old.policy").string();
  const auto allow = run_avcsift({"allow", "-p", policy, "-t", "init_t", kLog});
  CHECK(contains(allow.out, "#     class process2 is not defined in the policy\n"
                            "#SELINUX_ERR security_bounded_transition: init_t may not enter plone_t when "
                            "no_new_privs is set or the program is on a nosuid mount.\n"
                            "#A policy without class process2 (before Linux 4.14) needs instead: typebounds init_t "
                            "plone_t;\n"
                            "# allow init_t plone_t:process2 { nnp_transition nosuid_transition };\n"));
  const auto report = run_avcsift({"report", "-p", policy, kLog});
  CHECK(contains(report.out, "   reason:      the policy does not define class process2\n"
                             "   fixes, best first:\n"
                             "     1. typebounds: for a policy without class process2 (before Linux 4.14): make "
                             "plone_t bounded by init_t"));
}
