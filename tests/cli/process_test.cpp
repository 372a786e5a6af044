// avcsift as one process among others: its output cut short by a pipe, and
// inputs that cannot be read.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "run_avcsift.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;

namespace {

/// One denial per (source type, class) pair: `count` distinct rules, so the
/// output is far larger than a pipe's buffer (64 KiB on Linux).
std::string big_log(int count) {
  std::string log;
  for (int i = 0; i < count; ++i) {
    log += "type=AVC msg=audit(1795602000." + std::to_string(i % 1000) + ":" + std::to_string(20000 + i) +
           "): avc:  denied  { read write } for  pid=1 comm=\"x\" scontext=system_u:system_r:domain" +
           std::to_string(i) + "_t:s0 tcontext=system_u:object_r:file" + std::to_string(i) +
           "_t:s0 tclass=file permissive=0\n";
  }
  return log;
}

const std::string kGood =
    "type=AVC msg=audit(1795602100.000:30001): avc:  denied  { read } for  pid=1 comm=\"x\" "
    "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n";
const std::string kGoodOut =
    "\nrequire {\n\ttype etc_t;\n\ttype httpd_t;\n\tclass file read;\n}\n\n"
    "#============= httpd_t ==============\nallow httpd_t etc_t:file read;\n";

}  // namespace

// `avcsift allow big.log | head -1`: head exits after one line and the pipe
// closes under avcsift. It ends quietly: killed by SIGPIPE (status 141, what
// `set -o pipefail` reports, as for cat or grep) or, when its parent ignores
// SIGPIPE, with status 0 -- either way nothing on stderr and head's line intact.
TEST_CASE("allow piped into head -1 ends quietly") {
  TempDir dir;
  const auto log = dir.write("big.log", big_log(5000));
  for (const std::string sigpipe : {"", "trap '' PIPE; "}) {
    INFO("SIGPIPE " << (sigpipe.empty() ? "default" : "ignored"));
    const auto result = run_command(
        "/bin/bash", {"-c", sigpipe + "set -o pipefail; '" AVCSIFT_BINARY "' allow --no-policy big.log 2>err | head -1; "
                                      "echo \"avcsift=${PIPESTATUS[0]}\" >&2"},
        "", dir.path());
    CHECK(result.out == "\n");  // the output opens with an empty line, then require {
    const std::string status = result.err;
    CHECK((status == "avcsift=0\n" || status == "avcsift=141\n"));
    CHECK(read_file(dir.path() / "err").empty());
  }
}

TEST_CASE("a directory given as input is an error naming it, and the other inputs are still read") {
  TempDir dir;
  const auto good = dir.write("good.log", kGood);
  const auto subdir = dir.path() / "logs";
  std::filesystem::create_directory(subdir);
  const auto result = run_avcsift({"allow", "--no-policy", subdir.string(), good.string()});
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: " + subdir.string() + ": read error: Is a directory\n");
  CHECK(result.out == kGoodOut);
}

TEST_CASE("an input under a directory that does not exist is an error naming it, and the others are read") {
  TempDir dir;
  const auto good = dir.write("good.log", kGood);
  const auto missing = (dir.path() / "no-such-dir" / "audit.log").string();
  const auto result = run_avcsift({"allow", "--no-policy", good.string(), missing, "-"}, kGood);
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: " + missing + ": cannot open: No such file or directory\n");
  CHECK(result.out == kGoodOut);
}
