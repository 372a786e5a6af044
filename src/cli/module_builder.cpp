#include "avcsift/cli/module_builder.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "avcsift/model/error.hpp"

extern char** environ;

namespace avcsift::cli {
namespace {

/// The Debian package of a tool, for the "not found" message.
std::string package_of(const std::string& tool) {
  if (tool == "checkmodule") return " (Debian package checkpolicy)";
  if (tool == "semodule_package") return " (Debian package semodule-utils)";
  if (tool == "make") return " (Debian package make)";
  return "";
}

/// Closes a descriptor once, on every path.
struct Fd {
  int fd = -1;
  ~Fd() { close(); }
  void close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

/// A temporary directory removed with everything in it unless released.
struct TempDir {
  std::filesystem::path path;
  ~TempDir() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

/// The tool's own message on one line (errors are one line): its output lines
/// joined with "; ", without checkmodule's progress chatter.
std::string failure(const std::string& tool, const ToolRun& run) {
  std::string message = tool + " failed (exit status " + std::to_string(run.status) + ")";
  std::string separator = ": ";
  std::size_t start = 0;
  while (start < run.output.size()) {
    auto end = run.output.find('\n', start);
    if (end == std::string::npos) end = run.output.size();
    const std::string line = run.output.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line.find("loading policy configuration") != std::string::npos) continue;
    if (line.find("policy configuration loaded") != std::string::npos) continue;
    message += std::exchange(separator, "; ") + line;
  }
  return message;
}

/// A temporary directory for the tools' files, in `directory` (where the
/// user asked for the package, so writable).
std::filesystem::path make_build_dir(const std::filesystem::path& directory, const std::string& name) {
  std::string pattern = (directory / ("." + name + ".avcsift-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error(directory.string() + ": cannot create a temporary directory: " + std::strerror(errno));
  }
  return pattern;
}

void write_source(const std::filesystem::path& te, const std::string& te_text) {
  std::ofstream out(te, std::ios::binary);
  out << te_text;
  out.close();
  if (!out) throw Error(te.string() + ": write error");
}

/// The bytes of the package the tools built.
std::string read_package(const std::filesystem::path& built) {
  std::ifstream in(built, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in || bytes.str().empty()) throw Error(built.filename().string() + ": cannot read the package just built");
  return bytes.str();
}

}  // namespace

ToolRun run_tool(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw Error(std::string("pipe: ") + std::strerror(errno));
  Fd read_end{pipe_fds[0]}, write_end{pipe_fds[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, write_end.fd, STDERR_FILENO);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    if (spawned == ENOENT) throw Error(argv[0] + ": command not found" + package_of(argv[0]));
    throw Error(argv[0] + ": cannot run: " + std::strerror(spawned));
  }
  write_end.close();

  ToolRun run;
  char buffer[4096];
  for (;;) {
    const ssize_t got = ::read(read_end.fd, buffer, sizeof buffer);
    if (got > 0) {
      run.output.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      break;
    }
  }
  int raw = 0;
  while (::waitpid(pid, &raw, 0) < 0 && errno == EINTR) {}
  if (WIFEXITED(raw)) run.status = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) run.status = 128 + WTERMSIG(raw);
  return run;
}

std::string build_refpolicy_package(const std::string& te_text, const std::string& name,
                                              const std::filesystem::path& directory,
                                              const std::filesystem::path& makefile) {
  if (!std::filesystem::exists(makefile)) {
    throw Error(makefile.string() + ": not found; -R -M builds with it (Debian package selinux-policy-dev)");
  }
  TempDir temp{make_build_dir(directory, name)};
  write_source(temp.path / (name + ".te"), te_text);
  const auto built = run_tool({"make", "-C", temp.path.string(), "-f", makefile.string(), name + ".pp"});
  if (built.status != 0) throw Error(failure("make -f " + makefile.string(), built));
  return read_package(temp.path / (name + ".pp"));
}

std::string build_policy_package(const std::string& te_text, const std::string& name,
                                           const std::filesystem::path& directory) {
  TempDir temp{make_build_dir(directory, name)};
  const auto te = temp.path / (name + ".te");
  const auto mod = temp.path / (name + ".mod");
  const auto pp = temp.path / (name + ".pp");
  write_source(te, te_text);
  // checkmodule names the module after the statement in the .te; the output
  // file's base name must match it, hence NAME.mod.
  const auto compiled = run_tool({"checkmodule", "-M", "-m", "-o", mod.string(), te.string()});
  if (compiled.status != 0) throw Error(failure("checkmodule", compiled));
  const auto packaged = run_tool({"semodule_package", "-o", pp.string(), "-m", mod.string()});
  if (packaged.status != 0) throw Error(failure("semodule_package", packaged));
  return read_package(pp);
}

}  // namespace avcsift::cli
