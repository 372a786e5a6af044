#include "avcsift/cli/output_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>
#include <iterator>
#include <vector>

#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

// The temporary files being written, for the signal handler: an interrupted
// run (Ctrl-C, SIGTERM, a closed terminal) removes them instead of leaving
// them beside their targets. A few at a time: -M writes NAME.te and NAME.pp.
constexpr std::size_t kMaxGuarded = 4;
char g_temp_paths[kMaxGuarded][4096];
volatile sig_atomic_t g_temp_active[kMaxGuarded] = {};
std::size_t g_guarded = 0;  // slots in use: the handlers are ours while > 0

constexpr int kGuardedSignals[] = {SIGINT, SIGTERM, SIGHUP};
// What each of kGuardedSignals did before the first guard, restored when the
// last is released: a signal the caller ignores (SIGHUP under nohup) stays
// ignored, and a handler of the caller's comes back.
struct sigaction g_previous[std::size(kGuardedSignals)];

extern "C" void remove_temp_and_reraise(int signal_number) {
  for (std::size_t i = 0; i < kMaxGuarded; ++i) {
    if (g_temp_active[i] != 0) ::unlink(g_temp_paths[i]);
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

/// Has `path` removed by a signal that ends the run; returns its slot for
/// release_temp_file(), or -1 when it cannot be guarded (too long a path).
int guard_temp_file(const std::string& path) {
  std::size_t slot = 0;
  while (slot < kMaxGuarded && g_temp_active[slot] != 0) ++slot;
  if (slot == kMaxGuarded || path.size() >= sizeof g_temp_paths[slot]) return -1;
  std::memcpy(g_temp_paths[slot], path.c_str(), path.size() + 1);
  std::atomic_signal_fence(std::memory_order_seq_cst);  // the path before the flag
  g_temp_active[slot] = 1;
  if (g_guarded++ > 0) return static_cast<int>(slot);
  for (std::size_t i = 0; i < std::size(kGuardedSignals); ++i) {
    ::sigaction(kGuardedSignals[i], nullptr, &g_previous[i]);
    // An ignored signal would not have ended the run: it leaves no temporary
    // behind, and must not start to end the run now.
    if (g_previous[i].sa_handler == SIG_IGN) continue;
    struct sigaction action {};
    action.sa_handler = remove_temp_and_reraise;
    sigemptyset(&action.sa_mask);
    ::sigaction(kGuardedSignals[i], &action, nullptr);
  }
  return static_cast<int>(slot);
}

void release_temp_file(int slot) {
  if (slot < 0) return;
  g_temp_active[slot] = 0;
  if (--g_guarded > 0) return;
  for (std::size_t i = 0; i < std::size(kGuardedSignals); ++i) {
    ::sigaction(kGuardedSignals[i], &g_previous[i], nullptr);
  }
}

bool exists(const std::string& path) {
  struct stat st{};
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace

OutputFile::OutputFile(std::string path, bool overwrite, OnSignal on_signal)
    : path_(std::move(path)), overwrite_(overwrite) {
  if (!overwrite_ && exists(path_)) {
    throw Error(path_ + ": already exists; use --force to overwrite it");
  }
  std::vector<char> pattern(path_.begin(), path_.end());
  const std::string suffix = ".avcsift-XXXXXX";
  pattern.insert(pattern.end(), suffix.begin(), suffix.end());
  pattern.push_back('\0');
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw Error(path_ + ": cannot create: " + std::strerror(errno));
  ::fchmod(fd, 0644);
  ::close(fd);
  temp_path_ = pattern.data();
  if (on_signal == OnSignal::RemoveAndDie) guard_ = guard_temp_file(temp_path_);
  stream_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    ::unlink(temp_path_.c_str());
    release_temp_file(std::exchange(guard_, -1));
    throw Error(path_ + ": cannot write");
  }
}

OutputFile::~OutputFile() {
  if (!committed_) {
    stream_.close();
    ::unlink(temp_path_.c_str());
  }
  if (!previous_.empty()) ::unlink(previous_.c_str());
  release_temp_file(guard_);
}

void OutputFile::commit() { put_in_place(/*keep_previous=*/false); }

void OutputFile::commit_keeping_previous() { put_in_place(/*keep_previous=*/true); }

void OutputFile::put_in_place(bool keep_previous) {
  stream_.flush();
  if (!stream_) throw Error(path_ + ": write error");
  stream_.close();
  struct stat target{};
  const bool replaces = ::lstat(path_.c_str(), &target) == 0;
  if (!overwrite_ && replaces) throw Error(path_ + ": already exists; use --force to overwrite it");
  // A second name for the file being replaced, so that revert() can bring it
  // back (a directory there makes the rename fail anyway).
  if (keep_previous && replaces && !S_ISDIR(target.st_mode)) {
    const std::string previous = temp_path_ + ".previous";
    if (::link(path_.c_str(), previous.c_str()) != 0) {
      throw Error(path_ + ": cannot keep the file it replaces: " + std::strerror(errno));
    }
    previous_ = previous;
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    if (!previous_.empty()) ::unlink(std::exchange(previous_, {}).c_str());
    throw Error(path_ + ": cannot rename into place: " + std::strerror(error));
  }
  committed_ = true;
  revertible_ = keep_previous;
}

void OutputFile::revert() {
  if (!committed_ || !revertible_) return;
  revertible_ = false;
  if (previous_.empty()) {
    ::unlink(path_.c_str());
  } else {
    ::rename(std::exchange(previous_, {}).c_str(), path_.c_str());
  }
}

}  // namespace avcsift::cli
