// allow -M puts NAME.te and NAME.pp in place as a pair: when either cannot
// go in, the directory is left as it was.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::TempDir;

namespace {

void require_toolchain() {
  if (!avcsift::test::have_tool("checkmodule") || !avcsift::test::have_tool("semodule_package")) {
    avcsift::test::skip_test("checkmodule or semodule_package is not installed");
  }
}

std::string log_text() { return read_file(avcsift::test::testdata("audit-logs/raw.log")); }

}  // namespace

TEST_CASE("allow -M whose NAME.te cannot be put in place leaves no NAME.pp behind") {
  require_toolchain();
  TempDir dir;
  // A directory where the .te goes: renaming the new .te over it fails.
  std::filesystem::create_directory(dir.path() / "local.te");
  dir.write("local.te/keep", "");
  const auto result = run_avcsift({"allow", "--no-policy", "-M", "local", "--force"}, log_text(), dir.path());
  CHECK(result.err == "avcsift: error: local.te: cannot rename into place: Is a directory\n");
  CHECK(result.status == 1);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "local.pp"));
  CHECK(std::filesystem::is_directory(dir.path() / "local.te"));
}

TEST_CASE("allow -M whose NAME.pp cannot be put in place takes the new NAME.te back") {
  require_toolchain();
  TempDir dir;
  dir.write("local.te", "the previous module\n");
  std::filesystem::create_directory(dir.path() / "local.pp");
  dir.write("local.pp/keep", "");
  const auto result = run_avcsift({"allow", "--no-policy", "-M", "local", "--force"}, log_text(), dir.path());
  CHECK(result.err == "avcsift: error: local.pp: cannot rename into place: Is a directory\n");
  CHECK(result.status == 1);
  CHECK(read_file(dir.path() / "local.te") == "the previous module\n");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 2);  // no temporary left: local.te and the local.pp directory
}
