// avcsift started as audit2allow / audit2why (through a symbolic link), and
// the event-scope options that their -l and -b map onto.
#include <catch2/catch.hpp>

#include <filesystem>

#include "run_avcsift.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;

namespace {

std::string avc(const std::string& stamp, const std::string& perm, const std::string& target) {
  return "type=AVC msg=audit(" + stamp + "): avc:  denied  { " + perm +
         " } for  pid=1 comm=\"python\" scontext=system_u:system_r:plone_t:s0 "
         "tcontext=system_u:object_r:" + target + ":s0 tclass=file\n";
}

// A denial, a policy load, then another denial.
const std::string kReloadLog = avc("1795600800.000:10", "read", "etc_t") +
                               "type=MAC_POLICY_LOAD msg=audit(1795600900.000:11): auid=0 ses=2 "
                               "lsm=selinux res=1\n" +
                               avc("1795601000.000:12", "write", "var_t");

/// A link named `name` to the avcsift binary, in `dir`.
std::string link_as(const TempDir& dir, const std::string& name) {
  const auto link = dir.path() / name;
  std::filesystem::create_symlink(AVCSIFT_BINARY, link);
  return link.string();
}

}  // namespace

TEST_CASE("allow and why with --since-last-load keep only the denials after the last policy load") {
  const auto all = run_avcsift({"allow", "--no-policy"}, kReloadLog);
  CHECK(all.out.find("etc_t") != std::string::npos);
  const auto after = run_avcsift({"allow", "--no-policy", "--since-last-load"}, kReloadLog);
  CHECK(after.status == 0);
  CHECK(after.out.find("etc_t") == std::string::npos);
  CHECK(after.out.find("allow plone_t var_t:file write;") != std::string::npos);
  const auto why = run_avcsift({"why", "--no-policy", "--since-last-load"}, kReloadLog);
  CHECK(why.out.find("{ read }") == std::string::npos);
  CHECK(why.out.find("{ write }") != std::string::npos);
}

TEST_CASE("allow --since-last-load starts over at an old auditd start but not at a policyload notice") {
  const auto result = run_avcsift({"allow", "--no-policy", "--since-last-load",
                                   avcsift::test::testdata("audit-logs/policy-reloads.log").string()});
  CHECK(result.status == 0);
  CHECK(result.out.find("httpd_t") == std::string::npos);
  CHECK(result.out.find("named_t") == std::string::npos);
  CHECK(result.out.find("allow sshd_t user_home_t:file read;\n") != std::string::npos);
  CHECK(result.out.find("allow syslogd_t var_t:file append;\n") != std::string::npos);
}

TEST_CASE("allow --since-last-load drops the denials of the loading event itself") {
  const std::string log = "type=AVC msg=audit(1795600900.000:11): avc:  denied  { load_policy } for  pid=9 "
                          "comm=\"load_policy\" scontext=staff_u:staff_r:staff_t:s0 "
                          "tcontext=system_u:object_r:security_t:s0 tclass=security permissive=1\n"
                          "type=MAC_POLICY_LOAD msg=audit(1795600900.000:11): policy loaded auid=500\n" +
                          avc("1795601000.000:12", "write", "var_t");
  const auto result = run_avcsift({"allow", "--no-policy", "--since-last-load"}, log);
  CHECK(result.out.find("load_policy") == std::string::npos);
  CHECK(result.out.find("allow plone_t var_t:file write;") != std::string::npos);
}

TEST_CASE("allow --since drops events before the given time") {
  const auto result = run_avcsift({"allow", "--no-policy", "--since", "1795600950"}, kReloadLog);
  CHECK(result.out.find("etc_t") == std::string::npos);
  CHECK(result.out.find("var_t") != std::string::npos);
}

TEST_CASE("started as audit2allow, avcsift takes audit2allow's options") {
  TempDir dir;
  const auto audit2allow = link_as(dir, "audit2allow");
  const auto log = dir.write("audit.log", kReloadLog);
  const auto result = run_command(audit2allow, {"-i", log.string(), "-m", "plone", "-l"});
  INFO(result.err);
  CHECK(result.out.find("module plone 1.0;") != std::string::npos);
  CHECK(result.out.find("etc_t") == std::string::npos);
  CHECK(result.out.find("allow plone_t var_t:file write;") != std::string::npos);
}

TEST_CASE("audit2allow -o appends to the file, as audit2allow does") {
  TempDir dir;
  const auto audit2allow = link_as(dir, "audit2allow");
  const auto log = dir.write("audit.log", kReloadLog);
  const auto target = dir.write("plone.te", "# my module\n");
  CHECK(run_command(audit2allow, {"-i", log.string(), "-o", target.string()}).status == 0);
  const std::string text = read_file(target);
  CHECK(text.starts_with("# my module\n"));
  CHECK(text.find("allow plone_t var_t:file write;") != std::string::npos);
}

TEST_CASE("started as audit2why, avcsift explains denials") {
  TempDir dir;
  const auto audit2why = link_as(dir, "audit2why");
  const auto log = dir.write("audit.log", kReloadLog);
  const auto result = run_command(audit2why, {"-i", log.string()});
  CHECK(result.out.find("\tWas caused by:\n") != std::string::npos);
}

TEST_CASE("audit2allow's conflicting options are usage errors") {
  TempDir dir;
  const auto audit2allow = link_as(dir, "audit2allow");
  const auto result = run_command(audit2allow, {"-M", "plone", "-o", "x.te"});
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: --module-package conflicts with --output\n");
}

TEST_CASE("audit2allow -R proposes one-parameter interfaces with the given headers and map") {
  TempDir dir;
  const auto audit2allow = link_as(dir, "audit2allow");
  std::filesystem::create_directories(dir.path() / "include/kernel");
  dir.write("include/kernel/files.if", "interface(`files_read_etc_files',`allow $1 etc_t:file { getattr read };')\n");
  const auto map = dir.write("perm_map", "class file 2\n read r 10\n getattr r 7\n");
  const auto log = dir.write("audit.log",
                             "type=AVC msg=audit(1700000000.000:1): avc:  denied  { read } for  pid=1 comm=\"x\" "
                             "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 "
                             "tclass=file permissive=0\n");
  // env: the interface cache goes into the test's directory, not $HOME.
  const auto result = run_command("env", {"XDG_CACHE_HOME=" + (dir.path() / "cache").string(), audit2allow,
                                          "-R", "--interface-info", (dir.path() / "include").string(), "--perm-map",
                                          map.string(), "-i", log.string()},
                                  "", dir.path());
  INFO(result.err);
  CHECK(result.status == 0);
  CHECK(result.out.find("files_read_etc_files(httpd_t)\n") != std::string::npos);
}

TEST_CASE("an interrupted allow -o leaves neither the target nor a temporary file") {
  TempDir dir;
  const auto target = dir.path() / "plone.te";
  // Standard input stays open (sleep), so avcsift is still reading when TERM arrives.
  const auto result = run_command(
      "/bin/sh",
      {"-c", "( sleep 5 ) | \"$0\" allow --no-policy -o \"$1\" & pid=$!; sleep 0.5; kill -TERM $pid; "
             "wait $pid; echo status=$?",
       AVCSIFT_BINARY, target.string()});
  CHECK(result.out == "status=143\n");
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("allow -o under nohup goes on when SIGHUP arrives and writes its file") {
  TempDir dir;
  const auto target = dir.path() / "x.te";
  const auto log = avcsift::test::testdata("audit-logs/raw.log");
  // As nohup does: SIGHUP ignored, and inherited so by avcsift. It arrives while
  // avcsift reads (standard input stays open for a while) with -o's temporary open.
  const auto result = run_command(
      "/bin/sh",
      {"-c", "trap '' HUP; ( cat \"$2\"; sleep 1 ) | \"$0\" allow --no-policy -o \"$1\" & pid=$!; sleep 0.5; "
             "kill -HUP $pid; wait $pid; echo status=$?",
       AVCSIFT_BINARY, target.string(), log.string()});
  CHECK(result.out == "status=0\n");
  CHECK(read_file(target).find("allow syslogd_t var_t:file append;") != std::string::npos);
}
