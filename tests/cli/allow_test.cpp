// End-to-end tests of `avcsift allow`: the built binary on small logs.
#include <catch2/catch.hpp>

#include <filesystem>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;

namespace {

// A Plone process writing /etc/passwd, reading it, binding port 8080 and
// asking for a capability: four denials, three distinct rules.
const std::string kPloneLog =
    "type=SYSCALL msg=audit(1764064800.100:500): arch=c000003e syscall=257 success=no exit=-13 "
    "comm=\"python\" exe=\"/usr/local/Plone/Python-2.7/bin/python\" subj=system_u:system_r:plone_t:s0\n"
    "type=AVC msg=audit(1764064800.100:500): avc:  denied  { write } for  pid=812 comm=\"python\" "
    "name=\"passwd\" dev=\"dm-0\" ino=1234 scontext=system_u:system_r:plone_t:s0 "
    "tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n"
    "type=AVC msg=audit(1764064801.200:501): avc:  denied  { read open } for  pid=812 comm=\"python\" "
    "name=\"passwd\" scontext=system_u:system_r:plone_t:s0 tcontext=system_u:object_r:etc_t:s0 "
    "tclass=file permissive=0\n"
    "type=AVC msg=audit(1764064802.300:502): avc:  denied  { name_bind } for  pid=812 comm=\"python\" "
    "src=8080 scontext=system_u:system_r:plone_t:s0 tcontext=system_u:object_r:http_port_t:s0 "
    "tclass=tcp_socket permissive=0\n"
    "type=AVC msg=audit(1764064803.400:503): avc:  denied  { setuid } for  pid=812 comm=\"python\" "
    "capability=7 scontext=system_u:system_r:plone_t:s0 tcontext=system_u:system_r:plone_t:s0 "
    "tclass=capability permissive=0\n";

const std::string kPloneRules =
    "#============= plone_t ==============\n"
    "allow plone_t etc_t:file { open read write };\n"
    "allow plone_t http_port_t:tcp_socket name_bind;\n"
    "allow plone_t self:capability setuid;\n";

const std::string kPloneRequire =
    "\nrequire {\n"
    "\ttype etc_t;\n"
    "\ttype http_port_t;\n"
    "\ttype plone_t;\n"
    "\tclass capability setuid;\n"
    "\tclass file { open read write };\n"
    "\tclass tcp_socket name_bind;\n"
    "}\n";

}  // namespace

TEST_CASE("allow prints a require block and one rule per source, target and class") {
  const auto result = run_avcsift({"allow", "--no-policy"}, kPloneLog);
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out == kPloneRequire + "\n" + kPloneRules);
}

TEST_CASE("allow -m prints a complete module with the name and version") {
  const auto result = run_avcsift({"allow", "--no-policy", "-m", "plone", "--module-version", "1.2"}, kPloneLog);
  CHECK(result.status == 0);
  CHECK(result.out == "\nmodule plone 1.2;\n" + kPloneRequire + "\n" + kPloneRules);
}

TEST_CASE("allow -D emits dontaudit rules") {
  const auto result = run_avcsift({"allow", "--no-policy", "-D"}, kPloneLog);
  CHECK(result.out.find("dontaudit plone_t etc_t:file { open read write };\n") != std::string::npos);
  CHECK(result.out.find("\nallow ") == std::string::npos);
}

TEST_CASE("allow -t keeps only denials whose source type starts with a match") {
  const std::string other =
      "type=AVC msg=audit(1764064805.000:600): avc:  denied  { read } for  pid=9 comm=\"cat\" "
      "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file\n";
  const auto result = run_avcsift({"allow", "--no-policy", "-t", "plone"}, kPloneLog + other);
  CHECK(result.out.find("plone_t etc_t:file") != std::string::npos);
  CHECK(result.out.find("httpd_t") == std::string::npos);
}

TEST_CASE("allow reads several inputs, stdin as '-', and gzip-compressed files") {
  TempDir dir;
  const auto plain = dir.write("audit.log.1", kPloneLog);
  REQUIRE(run_command("/bin/sh", {"-c", "gzip -c '" + plain.string() + "' > '" +
                                            (dir.path() / "audit.log.2.gz").string() + "'"})
              .status == 0);
  const auto from_gz = run_avcsift({"allow", "--no-policy", (dir.path() / "audit.log.2.gz").string()});
  CHECK(from_gz.status == 0);
  CHECK(from_gz.out == kPloneRequire + "\n" + kPloneRules);

  const std::string more =
      "type=AVC msg=audit(1764064809.000:700): avc:  denied  { getattr } for  pid=9 comm=\"ls\" "
      "scontext=system_u:system_r:plone_t:s0 tcontext=system_u:object_r:var_t:s0 tclass=dir\n";
  const auto mixed = run_avcsift({"allow", "--no-policy", plain.string(), "-"}, more);
  CHECK(mixed.status == 0);
  CHECK(mixed.out.find("allow plone_t var_t:dir getattr;\n") != std::string::npos);
  CHECK(mixed.out.find("allow plone_t etc_t:file { open read write };\n") != std::string::npos);
}

TEST_CASE("output does not depend on the order of the input lines") {
  std::vector<std::string> lines;
  std::string line;
  for (char c : kPloneLog) {
    line += c;
    if (c == '\n') lines.push_back(std::exchange(line, {}));
  }
  std::string reversed;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) reversed += *it;
  const auto forward = run_avcsift({"allow", "--no-policy", "-m", "plone"}, kPloneLog);
  const auto backward = run_avcsift({"allow", "--no-policy", "-m", "plone"}, reversed);
  CHECK(forward.out == backward.out);
  CHECK(run_avcsift({"allow", "--no-policy", "-m", "plone"}, kPloneLog).out == forward.out);
}

TEST_CASE("SELINUX_ERR invalid contexts in both forms become role statements") {
  const std::string log =
      "type=SELINUX_ERR msg=audit(1764064900.000:800): security_compute_sid:  invalid context "
      "staff_u:staff_r:staff_userhelper_t:s0 for scontext=staff_u:staff_r:staff_t:s0 "
      "tcontext=system_u:object_r:userhelper_exec_t:s0 tclass=process\n"
      "type=SELINUX_ERR msg=audit(1764064901.000:801): op=security_compute_sid "
      "invalid_context=\"unconfined_u:unconfined_r:plone_t:s0\" "
      "scontext=unconfined_u:unconfined_r:unconfined_t:s0 "
      "tcontext=system_u:object_r:plonectl_exec_t:s0 tclass=process\n";
  const auto result = run_avcsift({"allow", "--no-policy"}, log);
  CHECK(result.status == 0);
  CHECK(result.out ==
        "\nrequire {\n\ttype plone_t;\n\ttype staff_userhelper_t;\n\trole staff_r;\n"
        "\trole unconfined_r;\n}\n\n#============= ROLES ==============\n"
        "role staff_r types staff_userhelper_t;\nrole unconfined_r types plone_t;\n");
}

TEST_CASE("a missing input is an error naming it, and the other inputs are still read") {
  TempDir dir;
  const auto good = dir.write("good.log", kPloneLog);
  const auto missing = (dir.path() / "missing.log").string();
  const auto result = run_avcsift({"allow", "--no-policy", missing, good.string()});
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: " + missing + ": cannot open: No such file or directory\n");
  CHECK(result.out == kPloneRequire + "\n" + kPloneRules);
}

TEST_CASE("a bad line is a warning with file and line, and the run goes on") {
  TempDir dir;
  const auto log = dir.write("bad.log", "type=AVC msg=audit(abc:def): avc:  denied  { read }\n" + kPloneLog);
  const auto result = run_avcsift({"allow", "--no-policy", log.string()});
  CHECK(result.status == 0);
  CHECK(result.err == "avcsift: warning: " + log.string() +
                          ":1: unreadable audit(...) time stamp\n"
                          "avcsift: info: 1 unreadable lines or records were skipped\n");
  CHECK(result.out == kPloneRequire + "\n" + kPloneRules);
}

TEST_CASE("allow -o writes the file and refuses to overwrite it without --force") {
  TempDir dir;
  const auto target = dir.path() / "plone.te";
  const auto first = run_avcsift({"allow", "--no-policy", "-m", "plone", "-o", target.string()}, kPloneLog);
  CHECK(first.status == 0);
  CHECK(first.out.empty());
  CHECK(read_file(target) == "\nmodule plone 1.0;\n" + kPloneRequire + "\n" + kPloneRules);

  const auto second = run_avcsift({"allow", "--no-policy", "-o", target.string()}, kPloneLog);
  CHECK(second.status == 1);
  CHECK(second.err == "avcsift: error: " + target.string() +
                          ": already exists; use --force to overwrite it\n");
  CHECK(read_file(target).starts_with("\nmodule plone 1.0;\n"));

  const auto forced = run_avcsift({"allow", "--no-policy", "--force", "-o", target.string()}, kPloneLog);
  CHECK(forced.status == 0);
  CHECK(read_file(target) == kPloneRequire + "\n" + kPloneRules);
  // Nothing but the target is left in the directory: no temporary files.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("an invalid module name is a usage error") {
  for (const std::string name : {"t1", "u2", "r1", "9lives", "plone-app"}) {
    const auto result = run_avcsift({"allow", "--no-policy", "-m", name}, kPloneLog);
    CHECK(result.status == 2);
    CHECK(result.err == "avcsift: error: invalid module name '" + name +
                            "': use letters, digits and '_', not starting with a digit, and not "
                            "a policy keyword such as t1 or allow\n");
  }
}

TEST_CASE("unknown commands and options are usage errors") {
  const auto command = run_avcsift({"frobnicate"});
  CHECK(command.status == 2);
  CHECK(command.err == "avcsift: error: unknown command 'frobnicate' (try 'avcsift --help')\n");
  const auto option = run_avcsift({"allow", "--no-policy", "--frobnicate"});
  CHECK(option.status == 2);
  CHECK(option.err == "avcsift: error: unrecognised option '--frobnicate'\n");
}

TEST_CASE("the module printed by allow -m compiles with checkmodule") {
  if (!avcsift::test::have_tool("checkmodule")) {
    avcsift::test::skip_test("checkmodule is not installed (Debian package checkpolicy)");
  }
  TempDir dir;
  const auto result = run_avcsift({"allow", "--no-policy", "-m", "plone"}, kPloneLog);
  dir.write("plone.te", result.out);
  const auto compiled =
      run_command("checkmodule", {"-M", "-m", "-o", "plone.mod", "plone.te"}, "", dir.path());
  INFO(compiled.out << compiled.err);
  CHECK(compiled.status == 0);
}

TEST_CASE("allow --app-root writes the review's flags as warnings above the rules they concern") {
  const auto result = run_avcsift({"allow", "--no-policy", "--app-root", "/usr/local/Plone"}, kPloneLog);
  CHECK(result.status == 0);
  CHECK(result.out.find("#!!!! WARNING (high): write on etc_t, a system type: an allow rule would let "
                        "it change every such file\n") != std::string::npos);
  // The warning sits right above its rule, not above another one.
  const auto warning = result.out.find("#!!!! WARNING (high): write on etc_t");
  const auto rule = result.out.find("allow plone_t etc_t:file { open read write };");
  REQUIRE(warning != std::string::npos);
  REQUIRE(rule != std::string::npos);
  CHECK(result.out.find("\nallow ", warning) == rule - 1);
  // Without the application named, allow prints what audit2allow prints.
  CHECK(run_avcsift({"allow", "--no-policy"}, kPloneLog).out.find("WARNING") == std::string::npos);
}

TEST_CASE("allow --fail-on exits with status 3 when a flag of that severity is present") {
  CHECK(run_avcsift({"allow", "--no-policy", "--fail-on", "high"}, kPloneLog).status == 3);
  const std::string harmless =
      "type=AVC msg=audit(1764064809.000:700): avc:  denied  { getattr } for  pid=9 comm=\"ls\" "
      "scontext=system_u:system_r:plone_t:s0 tcontext=system_u:object_r:plone_rw_t:s0 tclass=dir\n";
  CHECK(run_avcsift({"allow", "--no-policy", "--fail-on", "high"}, harmless).status == 0);
  const auto bad = run_avcsift({"allow", "--no-policy", "--fail-on", "severe"}, kPloneLog);
  CHECK(bad.status == 2);
  CHECK(bad.err == "avcsift: error: unknown severity 'severe' for --fail-on (use high, medium or low)\n");
}

TEST_CASE("allow whose output cannot be written fails instead of losing the policy quietly") {
  const auto result = run_command("/bin/sh", {"-c", "\"$0\" allow --no-policy > /dev/full", AVCSIFT_BINARY},
                                  kPloneLog);
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: cannot write to standard output\n");
}
