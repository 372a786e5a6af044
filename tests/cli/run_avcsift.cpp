#include "run_avcsift.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace avcsift::test {
namespace {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

RunResult run_command(const std::string& program, const std::vector<std::string>& args,
                      const std::string& stdin_text, const std::filesystem::path& cwd) {
  TempDir io;
  const auto in = io.write("stdin", stdin_text);
  std::string command;
  if (!cwd.empty()) command += "cd " + shell_quote(cwd.string()) + " && ";
  command += shell_quote(program);
  for (const auto& arg : args) command += ' ' + shell_quote(arg);
  command += " <" + shell_quote(in.string()) + " >" + shell_quote((io.path() / "out").string()) +
             " 2>" + shell_quote((io.path() / "err").string());
  const int raw = std::system(command.c_str());
  RunResult result;
  if (raw != -1 && WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
  if (raw != -1 && WIFSIGNALED(raw)) result.status = 128 + WTERMSIG(raw);
  result.out = read_file(io.path() / "out");
  result.err = read_file(io.path() / "err");
  return result;
}

RunResult run_avcsift(const std::vector<std::string>& args, const std::string& stdin_text,
                      const std::filesystem::path& cwd) {
  return run_command(AVCSIFT_BINARY, args, stdin_text, cwd);
}

bool have_tool(const std::string& tool) {
  return run_command("/bin/sh", {"-c", "command -v " + tool}).status == 0;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "avcsift-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& text) const {
  const auto file = path_ / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path testdata(const std::string& relative) {
  return std::filesystem::path(AVCSIFT_TESTDATA_DIR) / relative;
}

std::filesystem::path shared_dir() {
  const std::filesystem::path dir(AVCSIFT_SHARED_DIR);
  return std::filesystem::is_directory(dir / "corpus") ? dir : std::filesystem::path{};
}

}  // namespace avcsift::test
