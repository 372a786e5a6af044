// Rules naming what the loaded policy lacks (man avcsift-allow, "TYPES THE
// POLICY LACKS"): a type stays live wherever the output is appended to or
// built as the module under development, a class never does; a log from
// another policy is called one; wrong input and an --app-module or
// --app-types that names nothing of the log are warned about.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

// myapp_t and myapp_rw_t are the module under development's (not in the test
// policy); etc_t is the policy's; class dbus is not in the test policy.
constexpr const char* kLog =
    "type=AVC msg=audit(1764064800.100:501): avc:  denied  { read } for  pid=812 comm=\"myapp\" name=\"data\" "
    "dev=\"sda1\" ino=42 scontext=system_u:system_r:myapp_t:s0 tcontext=system_u:object_r:myapp_rw_t:s0 "
    "tclass=file permissive=0\n"
    "type=AVC msg=audit(1764064800.200:502): avc:  denied  { getattr } for  pid=812 comm=\"myapp\" "
    "name=\"passwd\" dev=\"sda1\" ino=43 scontext=system_u:system_r:myapp_t:s0 "
    "tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n"
    "type=AVC msg=audit(1764064800.300:503): avc:  denied  { send_msg } for  pid=813 comm=\"myapp\" "
    "scontext=system_u:system_r:myapp_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=dbus permissive=0\n";

constexpr const char* kAppModule = "policy_module(myapp, 1.0)\ntype myapp_t;\ntype myapp_rw_t;\n";

constexpr const char* kLiveRules =
    "#!!!! The loaded policy does not define type myapp_t; this rule installs together with the module that "
    "declares it\n"
    "allow myapp_t etc_t:file getattr;\n"
    "\n"
    "#!!!! The loaded policy does not define types myapp_t, myapp_rw_t; this rule installs together with the "
    "module that declares them\n"
    "allow myapp_t myapp_rw_t:file read;\n";

/// The dbus rule: a comment whatever the output, the class is not a type.
constexpr const char* kClassComment =
    "#     class dbus is not defined in the policy\n"
    "# allow myapp_t etc_t:dbus send_msg;\n";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("allow and allow -m keep a rule naming a type the policy lacks live, with a comment naming the type") {
  for (const bool module : {false, true}) {
    INFO("module " << module);
    const auto result = module ? run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "-m", "myapp"}, kLog)
                               : run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY}, kLog);
    CHECK(result.status == 0);
    CHECK(contains(result.out, kLiveRules));
    CHECK(contains(result.out, "\ttype myapp_rw_t;\n\ttype myapp_t;\n"));  // required, resolved at link time
    CHECK(contains(result.out, kClassComment));
    CHECK(contains(result.err, "avcsift: info: the rules name types the loaded policy does not define (myapp_rw_t, "
                               "myapp_t); they install together with the module that declares them"));
    CHECK(contains(result.err, "avcsift: info: 1 rules name classes or permissions the policy does not define; "
                               "they are commented out\n"));
  }
}

TEST_CASE("the allow -m module with unknown types compiles, and links with the module declaring them") {
  if (!avcsift::test::have_tool("checkmodule")) avcsift::test::skip_test("checkmodule is not installed");
  const auto result = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "-m", "myappfix"}, kLog);
  REQUIRE(result.status == 0);
  TempDir dir;
  dir.write("myappfix.te", result.out);
  const auto compiled =
      run_command("checkmodule", {"-M", "-m", "-o", "myappfix.mod", "myappfix.te"}, "", dir.path());
  INFO(result.out << compiled.out << compiled.err);
  CHECK(compiled.status == 0);
}

TEST_CASE("a module whose every rule is a comment, or that has no rule, still compiles") {
  if (!avcsift::test::have_tool("checkmodule")) avcsift::test::skip_test("checkmodule is not installed");
  const std::string class_only =
      "type=AVC msg=audit(1764064800.300:503): avc:  denied  { send_msg } for  pid=813 comm=\"myapp\" "
      "scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=dbus permissive=0\n";
  for (const std::string& input : {class_only, std::string("not a log\n")}) {
    INFO(input);
    const auto result = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "-m", "empty"}, input);
    CHECK(result.status == 0);
    CHECK(result.out.find("\nallow ") == std::string::npos);
    CHECK(contains(result.out, "require {\n\tclass process transition;\n}\n"));
    TempDir dir;
    dir.write("empty.te", result.out);
    const auto compiled = run_command("checkmodule", {"-M", "-m", "-o", "empty.mod", "empty.te"}, "", dir.path());
    INFO(result.out << compiled.out << compiled.err);
    CHECK(compiled.status == 0);
  }
}

TEST_CASE("watch -m keeps a rule naming a type the policy lacks live, with a comment naming the type") {
  TempDir out;
  const auto result = run_avcsift(
      {"watch", "-p", AVCSIFT_TEST_POLICY, "-m", "myapp", "-q", "--output-dir", out.path().string()}, kLog);
  CHECK(result.status == 0);
  const std::string rules = read_file(out.path() / "avcsift.te");
  CHECK(rules.starts_with("\nmodule myapp 1.0;\n"));
  CHECK(contains(rules, kLiveRules));
  CHECK(contains(rules, kClassComment));
}

TEST_CASE("allow -M comments out a rule naming a type the policy lacks unless an --app-module declares it") {
  if (!avcsift::test::have_tool("checkmodule") || !avcsift::test::have_tool("semodule_package")) {
    avcsift::test::skip_test("checkmodule or semodule_package is not installed");
  }
  SECTION("without --app-module the package leaves the rules out, as comments naming the types") {
    TempDir dir;
    const auto result = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "-M", "myapp"}, kLog, dir.path());
    CHECK(result.status == 0);
    const std::string te = read_file(dir.path() / "myapp.te");
    CHECK(contains(te, "#!!!! The loaded policy does not define types myapp_t, myapp_rw_t, and no --app-module "
                       "declares them; a package cannot install this rule on its own\n"
                       "# allow myapp_t myapp_rw_t:file read;\n"));
    CHECK(contains(te, "# allow myapp_t etc_t:file getattr;\n"));
    CHECK(contains(te, kClassComment));
    CHECK(!contains(te, "type myapp_t;"));  // nothing live requires it
    CHECK(std::filesystem::file_size(dir.path() / "myapp.pp") > 0);
    CHECK(contains(result.err, "avcsift: info: 3 rules are commented out: they name what the policy does not "
                               "define"));
  }
  SECTION("with an --app-module declaring the types the rules are live, the class still a comment") {
    TempDir dir;
    const auto app = dir.write("app.te", kAppModule);
    const auto result = run_avcsift(
        {"allow", "-p", AVCSIFT_TEST_POLICY, "--app-module", app.string(), "-M", "myapp"}, kLog, dir.path());
    CHECK(result.status == 0);
    const std::string te = read_file(dir.path() / "myapp.te");
    CHECK(contains(te, "\nallow myapp_t etc_t:file getattr;\n"));
    CHECK(contains(te, "\nallow myapp_t myapp_rw_t:file read;\n"));
    CHECK(!contains(te, "does not define type"));
    CHECK(contains(te, kClassComment));
    CHECK(std::filesystem::file_size(dir.path() / "myapp.pp") > 0);
  }
}

TEST_CASE("allow --app-module is accepted by allow and watch and counts its types as defined") {
  TempDir dir;
  const auto app = dir.write("app.te", kAppModule);
  const auto result = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "--app-module", app.string()}, kLog);
  CHECK(result.status == 0);
  CHECK(contains(result.out, "\nallow myapp_t myapp_rw_t:file read;\n"));
  CHECK(!contains(result.out, "does not define type"));
  CHECK(!contains(result.err, "the rules name types"));

  TempDir out;
  const auto watch = run_avcsift({"watch", "-p", AVCSIFT_TEST_POLICY, "--app-module", app.string(), "-q",
                                  "--output-dir", out.path().string()},
                                 kLog);
  CHECK(watch.status == 0);
  const std::string rules = read_file(out.path() / "avcsift.te");
  CHECK(contains(rules, "\nallow myapp_t myapp_rw_t:file read;\n"));
  CHECK(!contains(rules, "does not define type"));
}

TEST_CASE("a log from another policy is called one once, naming -p and --no-policy") {
  const auto shared = avcsift::test::shared_dir();
  const auto debian = shared / "corpus/policy/debian-refpolicy-2.20221101.policy.33";
  const auto fedora = shared / "corpus/policy/fedora-targeted-41.24.policy.33";
  if (shared.empty() || !std::filesystem::exists(debian) || !std::filesystem::exists(fedora)) {
    avcsift::test::skip_test("the reference corpus is absent (set -DAVCSIFT_SHARED_DIR)");
  }
  const std::string log = testdata("audit-logs/fedora-host.log").string();
  const auto on_debian = run_avcsift({"allow", "-p", debian.string(), log});
  CHECK(on_debian.status == 0);
  CHECK(count_of(on_debian.err, "avcsift: warning: 8 of the log's 13 types are not in the policy " +
                                    debian.string() +
                                    " (policy version 33, MLS) (abrt_t, abrt_var_cache_t, boltd_t, "
                                    "container_file_t, container_t, ...): the log looks like one from a machine "
                                    "with another policy; give that policy with -p FILE, or use --no-policy\n") ==
        1);
  CHECK(count_of(on_debian.err, "another policy") == 1);
  // Its rules stay live: they install where the log came from.
  CHECK(contains(on_debian.out, "\nallow container_t container_file_t:dir { add_name write };\n"));

  const auto on_fedora = run_avcsift({"allow", "-p", fedora.string(), log});
  CHECK(on_fedora.status == 0);
  CHECK(!contains(on_fedora.err, "another policy"));
  const auto without = run_avcsift({"allow", "--no-policy", log});
  CHECK(!contains(without.err, "another policy"));
}

TEST_CASE("a module under development with a few unknown types is not called a log from another policy") {
  // Two types unknown of three: fewer than the census needs to call it foreign.
  const auto result = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY}, kLog);
  CHECK(!contains(result.err, "another policy"));
}

TEST_CASE("allow and why on input without a denial say so in one line") {
  for (const char* command : {"allow", "why"}) {
    INFO(command);
    const auto one = run_avcsift({command, "--no-policy"}, "this is not an audit log\n");
    CHECK(one.status == 0);
    CHECK(one.err == "avcsift: warning: no denials in 1 line read from <stdin>\n");
    TempDir dir;
    const auto file = dir.write("notes.txt", "a\nb\nc\n");
    const auto three = run_avcsift({command, "--no-policy", file.string()});
    CHECK(three.err == "avcsift: warning: no denials in 3 lines read from " + file.string() + "\n");
  }
  // A log holding only a refused transition is not "no denials" for why.
  const auto transition = run_avcsift(
      {"why", "--no-policy"},
      "type=SELINUX_ERR msg=audit(1795700002.114:2002): op=security_bounded_transition seresult=denied "
      "oldcontext=system_u:system_r:container_runtime_t:s0 newcontext=system_u:system_r:container_t:s0\n");
  CHECK(!contains(transition.err, "no denials"));
}

TEST_CASE("allow --app-types is a search: '^myapp' finds myapp_rw_t and counts the types as the application's") {
  // Three of four types unknown: a foreign log, unless they are the application's.
  const std::string log = std::string(kLog) +
                          "type=AVC msg=audit(1764064800.400:504): avc:  denied  { append } for  pid=812 "
                          "comm=\"myapp\" name=\"myapp.log\" dev=\"sda1\" ino=44 "
                          "scontext=system_u:system_r:myapp_t:s0 tcontext=system_u:object_r:myapp_log_t:s0 "
                          "tclass=file permissive=0\n";
  const auto plain = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY}, log);
  CHECK(contains(plain.err, "avcsift: warning: 3 of the log's 4 types are not in the policy"));
  const auto searched = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "--app-types", "^myapp"}, log);
  CHECK(searched.status == 0);
  CHECK(!contains(searched.err, "another policy"));
  CHECK(!contains(searched.err, "warning: --app-types"));
  const auto middle = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "--app-types", "rw"}, log);
  CHECK(!contains(middle.err, "warning: --app-types"));
}

TEST_CASE("allow warns when --app-types and --app-module name no type of the log") {
  const auto pattern = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "--app-types", "^plone"}, kLog);
  CHECK(pattern.status == 0);
  CHECK(contains(pattern.err, "avcsift: warning: --app-types '^plone' finds no type that appears in the log\n"));
  const std::string plone = testdata("policy/plone.te").string();
  const auto module = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "--app-module", plone}, kLog);
  CHECK(module.status == 0);
  CHECK(contains(module.err, "avcsift: warning: --app-module " + plone +
                                 " declares no type that appears in the log (it declares plone_maint_exec_t, "
                                 "plone_maint_t, plone_rw_t, plone_t, plonectl_exec_t)\n"));
  // Where the log has the application's types, neither warns.
  const std::string cycle = testdata("audit-logs/plone-cycle-2.log").string();
  const auto matched =
      run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "--app-types", "^plone", "--app-module", plone, cycle});
  CHECK(!contains(matched.err, "warning: --app-types"));
  CHECK(!contains(matched.err, "warning: --app-module"));
  // '^plone' is a search: plone_rw_t alone in the log is found.
  const auto rw_only = run_avcsift(
      {"allow", "-p", AVCSIFT_TEST_POLICY, "--app-types", "^plone"},
      "type=AVC msg=audit(1764064800.100:501): avc:  denied  { write } for  pid=812 comm=\"vi\" "
      "scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:plone_rw_t:s0 tclass=file permissive=0\n");
  CHECK(rw_only.status == 0);
  CHECK(!contains(rw_only.err, "warning: --app-types"));
}

TEST_CASE("allow -M leaves out a role statement naming a role or type no module declares, and says so") {
  if (!avcsift::test::have_tool("secilc")) avcsift::test::skip_test("secilc is not installed");
  // staff_r and daemon_t are the test policy's; unconfined_r and myapp_t are not.
  const std::string log =
      "type=SELINUX_ERR msg=audit(1764064901.000:801): op=security_compute_sid "
      "invalid_context=\"staff_u:staff_r:daemon_t:s0\" scontext=staff_u:staff_r:staff_t:s0 "
      "tcontext=system_u:object_r:etc_t:s0 tclass=process\n"
      "type=SELINUX_ERR msg=audit(1764064902.000:802): op=security_compute_sid "
      "invalid_context=\"unconfined_u:unconfined_r:daemon_t:s0\" scontext=staff_u:staff_r:staff_t:s0 "
      "tcontext=system_u:object_r:etc_t:s0 tclass=process\n"
      "type=SELINUX_ERR msg=audit(1764064903.000:803): op=security_compute_sid "
      "invalid_context=\"staff_u:staff_r:myapp_t:s0\" scontext=staff_u:staff_r:staff_t:s0 "
      "tcontext=system_u:object_r:etc_t:s0 tclass=process\n";
  TempDir dir;
  const auto result = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "--cil", "-M", "rolefix"}, log, dir.path());
  CHECK(result.status == 0);
  CHECK(contains(result.err, "avcsift: info: the package leaves out role staff_r types myapp_t, role unconfined_r "
                             "types daemon_t: the policy does not declare the role or the type, and no "
                             "--app-module does\n"));
  const std::string cil = read_file(dir.path() / "rolefix.cil");
  CHECK(contains(cil, "(roletype staff_r daemon_t)\n"));
  CHECK(!contains(cil, "unconfined_r"));
  const auto compiled = run_command(
      "secilc", {"-o", "/dev/null", "-f", "/dev/null", testdata("policy/avcsift-test.cil").string(), "rolefix.cil"},
      "", dir.path());
  INFO(cil << compiled.out << compiled.err);
  CHECK(compiled.status == 0);
  // Printed rather than packaged, the statements are all kept: the module
  // under development may declare them.
  const auto printed = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY}, log);
  CHECK(contains(printed.out, "role unconfined_r types daemon_t;\n"));
  CHECK(contains(printed.out, "role staff_r types myapp_t;\n"));
}
