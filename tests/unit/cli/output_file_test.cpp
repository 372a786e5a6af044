// OutputFile: a result file written whole or not at all, and what it does to
// the signals of the process while it guards its temporary.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "avcsift/cli/output_file.hpp"

using avcsift::cli::OutputFile;

namespace {

/// A directory under the temp dir, removed again.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "avcsift-output-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
};

/// The handler of `signal_number` now.
void (*handler_of(int signal_number))(int) {
  struct sigaction now {};
  ::sigaction(signal_number, nullptr, &now);
  return now.sa_handler;
}

/// Sets `handler` for `signal_number` for the scope, then what was there.
class ScopedHandler {
 public:
  ScopedHandler(int signal_number, void (*handler)(int)) : signal_(signal_number) {
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal_, &action, &previous_);
  }
  ~ScopedHandler() { ::sigaction(signal_, &previous_, nullptr); }
  ScopedHandler(const ScopedHandler&) = delete;
  ScopedHandler& operator=(const ScopedHandler&) = delete;

 private:
  int signal_;
  struct sigaction previous_ {};
};

extern "C" void callers_handler(int) {}

std::string content(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("an ignored SIGHUP stays ignored while an output file is written and after it") {
  ScratchDir dir;
  const ScopedHandler nohup(SIGHUP, SIG_IGN);
  {
    OutputFile file((dir.path / "x.te").string(), false);
    CHECK(handler_of(SIGHUP) == SIG_IGN);
    file.stream() << "module x 1.0;\n";
    file.commit();
  }
  CHECK(handler_of(SIGHUP) == SIG_IGN);
  CHECK(content(dir.path / "x.te") == "module x 1.0;\n");
}

TEST_CASE("the caller's signal handlers are back once an output file is done") {
  ScratchDir dir;
  const ScopedHandler term(SIGTERM, callers_handler);
  const ScopedHandler interrupt(SIGINT, SIG_DFL);
  {
    OutputFile file((dir.path / "x.te").string(), false);
    // While the temporary exists, a signal that would end the run removes it first.
    CHECK(handler_of(SIGTERM) != callers_handler);
    CHECK(handler_of(SIGINT) != SIG_DFL);
  }
  CHECK(handler_of(SIGTERM) == callers_handler);
  CHECK(handler_of(SIGINT) == SIG_DFL);
  CHECK(std::filesystem::is_empty(dir.path));
}
