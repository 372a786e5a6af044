// `avcsift report` and the file_contexts series libselinux reads: the named
// file, its .local and .homedirs companions, and their compiled .bin forms.
#include <catch2/catch.hpp>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// staff_t may not write etc_t in the CIL test policy (a missing rule).
const std::string kDenial =
    "type=AVC msg=audit(1764600000.100:11): avc:  denied  { write } for  pid=2100 comm=\"vim\" "
    "path=\"/srv/app/data/notes.txt\" dev=\"sda1\" ino=5012 scontext=staff_u:staff_r:staff_t:s0 "
    "tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n";

// The distribution's entry labels the whole tree etc_t, as the log shows.
const std::string kBase = "/srv/app(/.*)?\tsystem_u:object_r:etc_t:s0\n";
// The admin's `semanage fcontext -a` entry says data/ is the user's.
const std::string kLocal = "/srv/app/data(/.*)?\tsystem_u:object_r:user_home_t:s0\n";

const std::string kRestorecon = "          restorecon -v /srv/app/data/notes.txt\n";

}  // namespace

TEST_CASE("report takes the label of a path from file_contexts.local next to the named file_contexts") {
  TempDir dir;
  const auto fc = dir.write("file_contexts", kBase);
  const auto log = dir.write("audit.log", kDenial);
  const auto without_local = run_avcsift({"report", "-p", AVCSIFT_TEST_POLICY, "--file-contexts", fc.string(), log.string()});
  CHECK(without_local.status == 0);
  CHECK_FALSE(contains(without_local.out, "restorecon -v"));
  dir.write("file_contexts.local", kLocal);
  const auto with_local = run_avcsift({"report", "-p", AVCSIFT_TEST_POLICY, "--file-contexts", fc.string(), log.string()});
  CHECK(with_local.status == 0);
  CHECK(contains(with_local.out, "restorecon: file_contexts label /srv/app/data/notes.txt user_home_t, the log shows etc_t"));
  CHECK(contains(with_local.out, kRestorecon));
}

TEST_CASE("report takes the label of a path from file_contexts.homedirs") {
  TempDir dir;
  const auto fc = dir.write("file_contexts", kBase);
  dir.write("file_contexts.homedirs", kLocal);
  const auto log = dir.write("audit.log", kDenial);
  const auto result = run_avcsift({"report", "-p", AVCSIFT_TEST_POLICY, "--file-contexts", fc.string(), log.string()});
  CHECK(result.status == 0);
  CHECK(contains(result.out, kRestorecon));
}

TEST_CASE("report reads the compiled file_contexts.local.bin when the text form is gone") {
  if (!avcsift::test::have_tool("sefcontext_compile")) avcsift::test::skip_test("sefcontext_compile is not installed");
  TempDir dir;
  const auto fc = dir.write("file_contexts", kBase);
  const auto local = dir.write("file_contexts.local", kLocal);
  const auto compiled = avcsift::test::run_command(
      "sefcontext_compile", {"-o", local.string() + ".bin", local.string()});
  REQUIRE(compiled.status == 0);
  std::filesystem::remove(local);
  const auto log = dir.write("audit.log", kDenial);
  const auto result = run_avcsift({"report", "-p", AVCSIFT_TEST_POLICY, "--file-contexts", fc.string(), log.string()});
  CHECK(result.status == 0);
  CHECK(contains(result.out, kRestorecon));
}

TEST_CASE("report reads a file_contexts that exists only in its compiled .bin form") {
  if (!avcsift::test::have_tool("sefcontext_compile")) avcsift::test::skip_test("sefcontext_compile is not installed");
  TempDir dir;
  const auto text = dir.write("source", kLocal);
  const auto fc = dir.path() / "file_contexts";
  REQUIRE(avcsift::test::run_command("sefcontext_compile", {"-o", fc.string() + ".bin", text.string()}).status == 0);
  const auto log = dir.write("audit.log", kDenial);
  const auto result = run_avcsift({"report", "-p", AVCSIFT_TEST_POLICY, "--file-contexts", fc.string(), log.string()});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(contains(result.out, kRestorecon));
}

TEST_CASE("report --file-contexts naming a missing file is an error naming it") {
  TempDir dir;
  const auto log = dir.write("audit.log", kDenial);
  const auto missing = (dir.path() / "file_contexts").string();
  const auto result = run_avcsift({"report", "-p", AVCSIFT_TEST_POLICY, "--file-contexts", missing, log.string()});
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: cannot read file_contexts '" + missing + "'\n");
}

TEST_CASE("report finds the policy's file_contexts and its .local in the policy's own tree") {
  TempDir dir;
  const auto root = dir.path() / "targeted";
  std::filesystem::create_directories(root / "policy");
  std::filesystem::create_directories(root / "contexts/files");
  std::filesystem::copy_file(AVCSIFT_TEST_POLICY, root / "policy/policy.33");
  dir.write("targeted/contexts/files/file_contexts", kBase);
  dir.write("targeted/contexts/files/file_contexts.local", kLocal);
  const auto log = dir.write("audit.log", kDenial);
  const auto result = run_avcsift({"report", "-p", (root / "policy/policy.33").string(), log.string()});
  CHECK(result.status == 0);
  CHECK(contains(result.out, "  file_contexts: " + (root / "contexts/files/file_contexts").string() + "\n"));
  CHECK(contains(result.out, kRestorecon));
}
