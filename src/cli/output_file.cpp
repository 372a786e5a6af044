#include "avcsift/cli/output_file.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

bool exists(const std::string& path) {
  struct stat st{};
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace

OutputFile::OutputFile(std::string path, bool overwrite) : path_(std::move(path)), overwrite_(overwrite) {
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
  stream_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    ::unlink(temp_path_.c_str());
    throw Error(path_ + ": cannot write");
  }
}

OutputFile::~OutputFile() {
  if (!committed_) {
    stream_.close();
    ::unlink(temp_path_.c_str());
  }
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
