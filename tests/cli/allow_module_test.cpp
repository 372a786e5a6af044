// End-to-end tests of allow's module options: --cil, -x, -M, --against,
// --version, checked with the real SELinux compilers where they are installed.
#include <catch2/catch.hpp>

#include <filesystem>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

// staff_t (a domain of testdata/policy/avcsift-test.cil) writing etc_t,
// getting and issuing ioctls on user_home_t, and a role statement.
const std::string kLog =
    "type=AVC msg=audit(1764064800.100:500): avc:  denied  { write } for  pid=812 comm=\"vi\" "
    "scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n"
    "type=AVC msg=audit(1764064800.200:501): avc:  denied  { ioctl } for  pid=812 comm=\"vi\" "
    "path=\"/home/a\" ioctlcmd=0x5401 scontext=staff_u:staff_r:staff_t:s0 "
    "tcontext=system_u:object_r:user_home_t:s0 tclass=file permissive=0\n"
    "type=AVC msg=audit(1764064800.300:502): avc:  denied  { ioctl } for  pid=812 comm=\"vi\" "
    "path=\"/home/a\" ioctlcmd=0x5402 scontext=staff_u:staff_r:staff_t:s0 "
    "tcontext=system_u:object_r:user_home_t:s0 tclass=file permissive=0\n"
    "type=AVC msg=audit(1764064800.400:503): avc:  denied  { ioctl } for  pid=812 comm=\"vi\" "
    "path=\"/home/a\" ioctlcmd=0x8910 scontext=staff_u:staff_r:staff_t:s0 "
    "tcontext=system_u:object_r:user_home_t:s0 tclass=file permissive=0\n"
    "type=AVC msg=audit(1764064800.500:504): avc:  denied  { read } for  pid=812 comm=\"vi\" "
    "scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:nosuch_t:s0 tclass=file permissive=0\n"
    "type=SELINUX_ERR msg=audit(1764064901.000:801): op=security_compute_sid "
    "invalid_context=\"staff_u:staff_r:daemon_t:s0\" scontext=staff_u:staff_r:staff_t:s0 "
    "tcontext=system_u:object_r:etc_t:s0 tclass=process\n";

std::string test_policy() { return AVCSIFT_TEST_POLICY; }

}  // namespace

TEST_CASE("allow --cil writes the same rules as CIL that secilc compiles with the test policy") {
  if (!avcsift::test::have_tool("secilc")) avcsift::test::skip_test("secilc is not installed");
  const auto result = run_avcsift({"allow", "-p", test_policy(), "--cil", "-x", "-m", "local"}, kLog);
  CHECK(result.status == 0);
  CHECK(result.out.find("(allow staff_t etc_t (file (write)))\n") != std::string::npos);
  CHECK(result.out.find("(allow staff_t user_home_t (file (ioctl)))\n"
                        "(allowx staff_t user_home_t (ioctl file ((range 0x5401 0x5402) 0x8910)))\n") !=
        std::string::npos);
  CHECK(result.out.find("(roletype staff_r daemon_t)\n") != std::string::npos);
  // A rule naming a type the policy lacks stays live in a module to be linked.
  CHECK(result.out.find("\n(allow staff_t nosuch_t (file (read)))\n") != std::string::npos);
  CHECK(result.err.find("the rules name types the loaded policy does not define (nosuch_t)") !=
        std::string::npos);
  TempDir dir;
  const auto cil = dir.write("local.cil", result.out);
  // The module that declares nosuch_t, linked with it.
  const auto declaring = dir.write("nosuch.cil", "(type nosuch_t)\n");
  const auto compiled = run_command("secilc", {"-o", (dir.path() / "policy").string(), "-f",
                                               (dir.path() / "fc").string(),
                                               testdata("policy/avcsift-test.cil").string(), cil.string(),
                                               declaring.string()});
  CHECK(compiled.err == "");
  CHECK(compiled.status == 0);
}

TEST_CASE("allow -x writes allowxperm rules with merged ranges next to the ioctl rule") {
  const auto result = run_avcsift({"allow", "--no-policy", "-x"}, kLog);
  CHECK(result.out.find("allow staff_t user_home_t:file ioctl;\n"
                        "allowxperm staff_t user_home_t:file ioctl { 0x5401-0x5402 0x8910 };\n") !=
        std::string::npos);
  CHECK(run_avcsift({"allow", "--no-policy"}, kLog).out.find("allowxperm") == std::string::npos);
}

TEST_CASE("allow -M writes NAME.te and NAME.pp and says how to install it") {
  if (!avcsift::test::have_tool("checkmodule") || !avcsift::test::have_tool("semodule_package")) {
    avcsift::test::skip_test("checkmodule or semodule_package is not installed");
  }
  TempDir dir;
  const auto result = run_avcsift({"allow", "--no-policy", "-x", "-M", "local", "--version", "2.1"}, kLog, dir.path());
  CHECK(result.err == "avcsift: info: wrote local.te and local.pp; install it with: semodule -i local.pp\n");
  CHECK(result.status == 0);
  CHECK(result.out.empty());
  CHECK(read_file(dir.path() / "local.te").starts_with("\nmodule local 2.1;\n"));
  CHECK(std::filesystem::file_size(dir.path() / "local.pp") > 0);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 2);

  const auto again = run_avcsift({"allow", "--no-policy", "-M", "local"}, kLog, dir.path());
  CHECK(again.status == 1);
  CHECK(again.err == "avcsift: error: local.te: already exists; use --force to overwrite it\n");
  CHECK(run_avcsift({"allow", "--no-policy", "-M", "local", "--force"}, kLog, dir.path()).status == 0);
}

TEST_CASE("allow -M with a missing tool fails with exit 1 and leaves no file behind") {
  TempDir dir;
  const auto result = run_command("/usr/bin/env", {"PATH=/nonexistent", AVCSIFT_BINARY, "allow",
                                                   "--no-policy", "-M", "local"}, kLog, dir.path());
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: checkmodule: command not found (Debian package checkpolicy)\n");
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("allow -M reports checkmodule's own message when the module does not compile") {
  if (!avcsift::test::have_tool("checkmodule")) {
    avcsift::test::skip_test("checkmodule is not installed");
  }
  // A class checkmodule does not know (no base policy) still compiles in a
  // module; a permission set with a keyword as a type does not. Force a
  // failure with a fake checkmodule that prints an error.
  TempDir dir;
  TempDir bin;
  bin.write("checkmodule", "#!/bin/sh\necho 'local.te:5:ERROR syntax error at token' >&2\nexit 1\n");
  std::filesystem::permissions(bin.path() / "checkmodule", std::filesystem::perms::owner_all);
  const auto result = run_command("/usr/bin/env", {"PATH=" + bin.path().string() + ":/usr/bin:/bin",
                                                   AVCSIFT_BINARY, "allow", "--no-policy", "-M", "local"},
                                  kLog, dir.path());
  CHECK(result.status == 1);
  CHECK(result.err ==
        "avcsift: error: checkmodule failed (exit status 1): local.te:5:ERROR syntax error at token\n");
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("allow --against leaves out what the module already grants and notes interface calls") {
  TempDir dir;
  const auto te = dir.write("local.te",
                            "module local 1.0;\nrequire { type staff_t; class file { read write }; }\n"
                            "allow staff_t etc_t:file { read write };\nrole staff_r types daemon_t;\n"
                            "files_read_etc(staff_t)\n");
  const auto result = run_avcsift({"allow", "--no-policy", "--against", te.string()}, kLog);
  CHECK(result.status == 0);
  CHECK(result.out.find("etc_t") == std::string::npos);
  CHECK(result.out.find("role ") == std::string::npos);
  CHECK(result.out.find("allow staff_t user_home_t:file ioctl;\n") != std::string::npos);
  CHECK(result.err == "avcsift: warning: " + te.string() +
                          ":5: interface call files_read_etc(staff_t) not expanded; its permissions "
                          "are not subtracted\n"
                          "avcsift: info: 1 permissions are already granted by the --against modules "
                          "and were left out\n");
  const auto missing = run_avcsift({"allow", "--no-policy", "--against", (dir.path() / "no.te").string()}, kLog);
  CHECK(missing.status == 1);
  CHECK(missing.err == "avcsift: error: " + (dir.path() / "no.te").string() +
                           ": cannot open: No such file or directory\n");
}

TEST_CASE("allow --version sets the module version and is validated, and avcsift --version is the program's") {
  CHECK(run_avcsift({"allow", "--no-policy", "-m", "local", "--version", "3.4"}, kLog).out.starts_with(
      "\nmodule local 3.4;\n"));
  const auto bad = run_avcsift({"allow", "--no-policy", "-m", "local", "--version", "3"}, kLog);
  CHECK(bad.status == 2);
  CHECK(bad.err == "avcsift: error: invalid module version '3': use numbers joined by dots, such as 1.0\n");
  CHECK(run_avcsift({"allow", "--module-version", "1.0;allow"}, kLog).status == 2);
  CHECK(run_avcsift({"--version"}).out.starts_with("avcsift "));
}

TEST_CASE("allow -M and -o together are a usage error") {
  const auto result = run_avcsift({"allow", "-M", "local", "-o", "x.te"});
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: -M writes NAME.te and NAME.pp; it cannot be used with -o\n");
}

TEST_CASE("allow -M leaves a denial that a boolean fixes out of the package, as a comment") {
  if (!avcsift::test::have_tool("checkmodule") || !avcsift::test::have_tool("semodule_package")) {
    avcsift::test::skip_test("checkmodule or semodule_package is not installed");
  }
  // plone_t writing plone_rw_t is allowed by the test policy's ploneZEO boolean;
  // plone_t reading etc_t needs a new rule.
  const std::string log =
      "type=AVC msg=audit(1764064803.100:503): avc:  denied  { write } for  pid=7 comm=\"python\" "
      "scontext=system_u:system_r:plone_t:s0 tcontext=system_u:object_r:plone_rw_t:s0 tclass=file\n"
      "type=AVC msg=audit(1764064804.100:504): avc:  denied  { read } for  pid=7 comm=\"python\" "
      "scontext=system_u:system_r:plone_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file\n";
  TempDir dir;
  const auto result = run_avcsift({"allow", "-p", AVCSIFT_TEST_POLICY, "-M", "local"}, log, dir.path());
  INFO(result.err);
  CHECK(result.status == 0);
  const std::string te = read_file(dir.path() / "local.te");
  CHECK(te.find("\nallow plone_t etc_t:file read;\n") != std::string::npos);
  CHECK(te.find("\n# allow plone_t plone_rw_t:file write;\n") != std::string::npos);
  CHECK(te.find("#!!!! This avc can be allowed using the boolean 'ploneZEO'") != std::string::npos);
  CHECK(result.err.find("1 rules are commented out: they name what the policy does not define, or their "
                        "denials are fixed by a boolean or already allowed or dontaudited") != std::string::npos);
}
