#include "avcsift/cli/output_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

// The temporary file being written, for the signal handler: an interrupted
// run (Ctrl-C, SIGTERM, a closed terminal) removes it instead of leaving it
// beside the target. One at a time is all avcsift writes.
char g_temp_path[4096];
volatile sig_atomic_t g_temp_active = 0;

extern "C" void remove_temp_and_reraise(int signal_number) {
  if (g_temp_active != 0) ::unlink(g_temp_path);
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

void guard_temp_file(const std::string& path) {
  if (path.size() >= sizeof g_temp_path) return;
  std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
  g_temp_active = 1;
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction action {};
    action.sa_handler = remove_temp_and_reraise;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal_number, &action, nullptr);
  }
}

void release_temp_file() {
  g_temp_active = 0;
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) ::signal(signal_number, SIG_DFL);
}

bool exists(const std::string& path) {
  struct stat st{};
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace

OutputFile::OutputFile(std::string path, bool overwrite, OnSignal on_signal)
    : path_(std::move(path)), overwrite_(overwrite), guarded_(on_signal == OnSignal::RemoveAndDie) {
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
  if (guarded_) guard_temp_file(temp_path_);
  stream_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    ::unlink(temp_path_.c_str());
    if (guarded_) release_temp_file();
    throw Error(path_ + ": cannot write");
  }
}

OutputFile::~OutputFile() {
  if (!committed_) {
    stream_.close();
    ::unlink(temp_path_.c_str());
  }
  if (guarded_) release_temp_file();
}

void OutputFile::commit() {
  stream_.flush();
  if (!stream_) throw Error(path_ + ": write error");
  stream_.close();
  if (!overwrite_ && exists(path_)) throw Error(path_ + ": already exists; use --force to overwrite it");
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    throw Error(path_ + ": cannot rename into place: " + std::strerror(errno));
  }
  committed_ = true;
}

}  // namespace avcsift::cli
