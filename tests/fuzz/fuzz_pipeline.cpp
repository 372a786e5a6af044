// Fuzzes the whole program through its library entry point, as bloaty's
// fuzz target does: the input is written to a file and read by
// cli::run_app({"allow", "--no-policy", FILE}) -- LineReader, normalizer,
// libauparse, parsers, RuleSet, verdicts and the .te emitter, exactly as a
// user runs it. The run must succeed and print only safe policy.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "avcsift/cli/app.hpp"
#include "fuzz_checks.hpp"

namespace {

/// One temporary file per fuzzer process, rewritten for every input.
const std::string& input_path() {
  static const std::string path = [] {
    std::string pattern = "/tmp/avcsift-fuzz-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) std::abort();
    ::close(fd);
    std::atexit([] { ::unlink(input_path().c_str()); });
    return pattern;
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = input_path();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, file) != size) std::abort();
  std::fclose(file);

  std::ostringstream out, err;
  const int status = avcsift::cli::run_app({"allow", "--no-policy", "-m", "fuzzmod", path}, out, err);
  avcsift::fuzz::expect(status == 0, "allow failed on a readable file");
  avcsift::fuzz::expect_safe_te(out.str());
  return 0;
}
