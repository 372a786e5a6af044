#pragma once
// Runs the built avcsift binary as a user would, for end-to-end tests.
#include <filesystem>
#include <string>
#include <vector>

namespace avcsift::test {

/// What one run of a command printed and returned.
struct RunResult {
  int status = -1;    ///< exit status, or 128+signal.
  std::string out;    ///< standard output.
  std::string err;    ///< standard error.
};

/// Runs `program args...` through /bin/sh with `stdin_text` on its standard
/// input, in `cwd` when given. Arguments are single-quoted for the shell.
RunResult run_command(const std::string& program, const std::vector<std::string>& args,
                      const std::string& stdin_text = "", const std::filesystem::path& cwd = {});

/// run_command() on the avcsift binary under test (AVCSIFT_BINARY).
RunResult run_avcsift(const std::vector<std::string>& args, const std::string& stdin_text = "",
                      const std::filesystem::path& cwd = {});

/// True when `tool` is found in PATH (tests of optional tools skip without it).
bool have_tool(const std::string& tool);

/// A fresh empty directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to `name` inside the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

/// The whole content of a file.
std::string read_file(const std::filesystem::path& path);

/// A path under testdata/.
std::filesystem::path testdata(const std::string& relative);

/// The reference corpus directory (../shared), or empty when absent.
std::filesystem::path shared_dir();

}  // namespace avcsift::test
