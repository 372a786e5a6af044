// End-to-end tests of `avcsift watch`: the built binary with a pipe on its
// standard input, as auditd runs a plugin, driven by signals. Every wait
// polls for what it expects with a deadline, never a bare sleep.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include <nlohmann/json.hpp>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

constexpr auto kDeadline = std::chrono::seconds(15);

/// Polls `done` every 20 ms until it holds or the deadline passes.
bool eventually(const std::function<bool()>& done) {
  const auto until = std::chrono::steady_clock::now() + kDeadline;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// `avcsift watch ARGS...` with a pipe on its standard input and its
/// standard error in a file; killed at the end of the test if still running.
class Watcher {
 public:
  explicit Watcher(const std::vector<std::string>& args) {
    ::signal(SIGPIPE, SIG_IGN);  // a watcher that died must fail a check, not the test run
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const std::string err_path = (io_.path() / "err").string();
    std::vector<std::string> argv{AVCSIFT_BINARY, "watch"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(fds[0], STDIN_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(err, STDERR_FILENO);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDOUT_FILENO);
      std::vector<char*> raw;
      for (auto& arg : argv) raw.push_back(arg.data());
      raw.push_back(nullptr);
      ::execv(raw[0], raw.data());
      ::_exit(127);
    }
    ::close(fds[0]);
    input_ = fds[1];
  }
  ~Watcher() {
    if (input_ >= 0) ::close(input_);
    if (pid_ > 0 && status_ < 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  /// Waits until the signal handlers are in place: the start-up note is
  /// printed after they are (a SIGHUP before that would end the process).
  bool started() {
    return eventually([&] { return contains(err(), "avcsift: info: watching standard input"); });
  }
  void write(const std::string& text) {
    std::string_view rest = text;
    while (!rest.empty()) {
      const ssize_t count = ::write(input_, rest.data(), rest.size());
      REQUIRE(count > 0);
      rest.remove_prefix(static_cast<std::size_t>(count));
    }
  }
  void close_input() {
    ::close(input_);
    input_ = -1;
  }
  void signal(int number) { ::kill(pid_, number); }
  /// The exit status, or -1 when the process did not end before the deadline.
  int exit_status() {
    eventually([&] {
      int raw = 0;
      if (::waitpid(pid_, &raw, WNOHANG) != pid_) return false;
      status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
      return true;
    });
    return status_;
  }
  [[nodiscard]] std::string err() const { return read_file(io_.path() / "err"); }

 private:
  TempDir io_;
  pid_t pid_ = -1;
  int input_ = -1;
  int status_ = -1;
};

std::string log_text(const std::string& name) { return read_file(testdata("audit-logs/" + name)); }

/// Waits until DIR/avcsift.te holds `rule`.
bool rules_contain(const std::filesystem::path& dir, const std::string& rule) {
  return eventually([&] { return contains(read_file(dir / "avcsift.te"), rule); });
}

std::vector<std::string> file_names(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

/// Compiles the fragment as a module with checkmodule; empty when it
/// compiled, else checkmodule's message.
std::string checkmodule_problem(const std::string& fragment) {
  TempDir dir;
  const auto te = dir.write("watchtest.te", "module watchtest 1.0;\n\n" + fragment);
  const auto result = run_command("checkmodule", {"-m", "-o", (dir.path() / "watchtest.mod").string(), te.string()});
  return result.status == 0 ? "" : result.err + result.out;
}

}  // namespace

TEST_CASE("watch writes rules and report on SIGHUP and updates them on the next and exits 0 on SIGTERM") {
  if (!avcsift::test::have_tool("checkmodule")) avcsift::test::skip_test("checkmodule is not installed");
  TempDir out;
  Watcher watcher({"--output-dir", out.path().string(), "--no-policy", "--interval", "3600"});
  REQUIRE(watcher.started());

  // 1. A recorded stream, then SIGHUP: the first cycle's rules.
  watcher.write(log_text("plone-cycle-1.log"));
  watcher.signal(SIGHUP);
  REQUIRE(rules_contain(out.path(), "allow plone_t etc_t:file { getattr read write };\n"));
  const std::string first = read_file(out.path() / "avcsift.te");
  CHECK(contains(first, "allow plone_t self:capability { setgid setuid };\n"));
  CHECK_FALSE(contains(first, "plone_rw_t:file { create write }"));
  CHECK(checkmodule_problem(first).empty());

  // 2. More records, SIGHUP again: the second cycle's rules join them.
  watcher.write(log_text("plone-cycle-2.log"));
  watcher.signal(SIGHUP);
  REQUIRE(rules_contain(out.path(), "allow plone_t plone_rw_t:file { create write };\n"));

  // 3. SIGTERM: a last write, exit status 0, nothing left behind.
  watcher.signal(SIGTERM);
  CHECK(watcher.exit_status() == 0);
  const std::string rules = read_file(out.path() / "avcsift.te");
  CHECK(contains(rules, "allow plone_t etc_t:file { getattr read write };\n"));
  CHECK(contains(rules, "allow plone_t unreserved_port_t:tcp_socket name_connect;\n"));
  const auto report = nlohmann::json::parse(read_file(out.path() / "avcsift-report.json"));
  CHECK(report["summary"]["denials"] == 26);
  CHECK(report["summary"]["inputs"] == nlohmann::json::array({"-"}));
  CHECK(file_names(out.path()) == std::vector<std::string>{"avcsift-report.json", "avcsift.te"});
  CHECK_FALSE(contains(watcher.err(), "error"));
}

TEST_CASE("watch writes on its interval without a signal and only when something changed") {
  TempDir out;
  Watcher watcher({"--output-dir", out.path().string(), "--no-policy", "--interval", "1", "-m", "plonelive"});
  REQUIRE(eventually([&] { return std::filesystem::exists(out.path() / "avcsift.te"); }));
  // Written once with nothing in it, so the files exist from the first interval on.
  CHECK(contains(read_file(out.path() / "avcsift.te"), "module plonelive 1.0;\n"));

  watcher.write(log_text("plone-cycle-1.log"));
  REQUIRE(rules_contain(out.path(), "allow plone_t etc_t:file { getattr read write };\n"));
  CHECK(contains(read_file(out.path() / "avcsift.te"), "module plonelive 1.0;\n"));
  REQUIRE(eventually([&] { return contains(read_file(out.path() / "avcsift-report.json"), "\"denials\": 16"); }));

  // Nothing new arrives: the files are not rewritten (a rename would give
  // them a new inode) over the next intervals.
  struct stat before{};
  REQUIRE(::stat((out.path() / "avcsift.te").c_str(), &before) == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  struct stat after{};
  REQUIRE(::stat((out.path() / "avcsift.te").c_str(), &after) == 0);
  CHECK(before.st_ino == after.st_ino);

  watcher.signal(SIGINT);
  CHECK(watcher.exit_status() == 0);
  CHECK(file_names(out.path()) == std::vector<std::string>{"avcsift-report.json", "avcsift.te"});
}

TEST_CASE("watch makes a last write and exits 0 at the end of its input with a last line lacking its newline") {
  TempDir out;
  Watcher watcher({"--output-dir", (out.path() / "new" / "dir").string(), "-p", AVCSIFT_TEST_POLICY, "-q",
                   "--interval", "3600"});
  std::string log = log_text("plone-cycle-2.log");
  REQUIRE(log.ends_with('\n'));
  log.pop_back();
  watcher.write(log);
  watcher.close_input();
  CHECK(watcher.exit_status() == 0);
  const auto dir = out.path() / "new" / "dir";
  // Created closed to others: the report quotes paths and commands from the log.
  CHECK((std::filesystem::status(dir).permissions() & std::filesystem::perms::others_all) ==
        std::filesystem::perms::none);
  const std::string rules = read_file(dir / "avcsift.te");
  CHECK(contains(rules, "allow plone_t plone_rw_t:file { create write };\n"));
  const auto report = nlohmann::json::parse(read_file(dir / "avcsift-report.json"));
  CHECK(report["summary"]["denials"] == 10);
  CHECK(report["summary"]["hidden_failures"] == 1);
  CHECK(file_names(dir) == std::vector<std::string>{"avcsift-report.json", "avcsift.te"});
  CHECK(watcher.err().empty());
}

TEST_CASE("watch delivers a live event at its EOE record") {
  TempDir out;
  Watcher watcher({"--output-dir", out.path().string(), "--no-policy", "--interval", "3600"});
  REQUIRE(watcher.started());
  // Stamped now, so only the EOE record (not age) can end the event before the write.
  const std::string stamp = "msg=audit(" + std::to_string(::time(nullptr)) + ".100:77):";
  watcher.write("type=AVC " + stamp + " avc:  denied  { read } for  pid=1 comm=\"cat\" name=\"x\" "
                "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file "
                "permissive=0\n"
                "type=SYSCALL " + stamp + " arch=c000003e syscall=257 success=no exit=-13 comm=\"cat\"\n"
                "type=EOE " + stamp + "\n");
  watcher.signal(SIGHUP);
  CHECK(rules_contain(out.path(), "allow httpd_t etc_t:file read;\n"));
  watcher.signal(SIGTERM);
  CHECK(watcher.exit_status() == 0);
}

TEST_CASE("watch needs --output-dir and a sane interval and reads no files") {
  auto result = run_avcsift({"watch", "--no-policy"});
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: watch needs --output-dir DIR\n");
  result = run_avcsift({"watch", "--output-dir", "/tmp", "--interval", "0"});
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: --interval must be between 1 and 86400 seconds\n");
  result = run_avcsift({"watch", "--output-dir", "/tmp", "audit.log"});
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: watch reads standard input only; unexpected argument 'audit.log'\n");
}

TEST_CASE("watch fails with status 1 when the output directory cannot be created") {
  TempDir out;
  const auto file = out.write("plain", "");
  const auto result = run_avcsift({"watch", "--no-policy", "--output-dir", (file / "sub").string()});
  CHECK(result.status == 1);
  CHECK(contains(result.err, "avcsift: error: --output-dir " + (file / "sub").string() + ": cannot create: "));
}

TEST_CASE("watch checks labels against --file-contexts and advises restorecon as report does") {
  TempDir dir;
  // staff_t may not write etc_t in the CIL test policy; file_contexts says
  // the file should be user_home_t, so relabelling is the fix.
  const auto fc = dir.write("file_contexts", "/srv/app/data(/.*)?\tsystem_u:object_r:user_home_t:s0\n");
  TempDir out;
  Watcher watcher({"--output-dir", out.path().string(), "-p", AVCSIFT_TEST_POLICY, "--file-contexts", fc.string(),
                   "-q", "--interval", "3600"});
  watcher.write(
      "type=AVC msg=audit(1764600000.100:11): avc:  denied  { write } for  pid=2100 comm=\"vim\" "
      "path=\"/srv/app/data/notes.txt\" dev=\"sda1\" ino=5012 scontext=staff_u:staff_r:staff_t:s0 "
      "tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n");
  watcher.close_input();
  CHECK(watcher.exit_status() == 0);
  const auto report = nlohmann::json::parse(read_file(out.path() / "avcsift-report.json"));
  CHECK(report["summary"]["file_contexts"] == fc.string());
  REQUIRE(report["findings"].size() == 1);
  CHECK(report["findings"][0]["fixes"][0]["command"] == "restorecon -v /srv/app/data/notes.txt");
}
