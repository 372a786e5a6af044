#include "avcsift/policy/policy_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace avcsift::policy {
namespace fs = std::filesystem;

namespace {

/// The first bytes of a cache file; the digit changes with what the slim
/// image leaves out (slim_policy.h), so older copies are written anew.
constexpr std::array<char, 16> kMagic = {'a', 'v', 'c', 's', 'i', 'f', 't', ' ',
                                         's', 'l', 'i', 'm', ' ', 'v', '1', '\n'};
constexpr std::array<char, 16> kMagicCrc32c = {'a', 'v', 'c', 's', 'i', 'f', 't', ' ',
                                               's', 'l', 'i', 'm', ' ', 'c', '1', '\n'};

/// What precedes the image in a cache file (native byte order: the cache is
/// per user and per machine; another machine's copy fails the key and is
/// written anew).
struct Header {
  std::array<char, 16> magic{};
  std::uint64_t size = 0;
  std::int64_t mtime_sec = 0;
  std::int64_t mtime_nsec = 0;
  std::uint32_t crc32 = 0;
  std::uint32_t image_crc32 = 0;
  std::uint64_t image_size = 0;
};

/// True when `info` is ours and no one else may write into it or replace it.
bool private_to_us(const struct stat& info) {
  return info.st_uid == ::geteuid() && (info.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

/// True when `dir` is a real directory (not a symlink) private to us.
bool usable_directory(const fs::path& dir) {
  struct stat info {};
  return ::lstat(dir.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && private_to_us(info);
}

/// Reads all of the open file `fd`; false on any error.
bool read_all(int fd, std::string& bytes) {
  std::size_t length = 0;
  while (true) {
    if (length == bytes.size()) bytes.resize(bytes.size() * 2 + (1 << 16));
    const ssize_t got = ::read(fd, bytes.data() + length, bytes.size() - length);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) break;
    length += static_cast<std::size_t>(got);
  }
  bytes.resize(length);
  return true;
}

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t put = ::write(fd, bytes, size);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    bytes += put;
    size -= static_cast<std::size_t>(put);
  }
  return true;
}

/// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

#if defined(__x86_64__)
/// CRC-32C with the SSE4.2 instruction: eight bytes a step, about a tenth of
/// the instructions of zlib's table-driven CRC-32 (which cost 20M
/// instructions a run for Fedora's policy and its copy, more than the cache
/// saved on Debian's).
__attribute__((target("sse4.2"))) std::uint32_t crc32c(std::string_view bytes) {
  std::uint64_t crc = 0xffffffffU;
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    crc = __builtin_ia32_crc32di(crc, word);
  }
  auto small = static_cast<std::uint32_t>(crc);
  for (; n > 0; ++p, --n) small = __builtin_ia32_crc32qi(small, static_cast<unsigned char>(*p));
  return ~small;
}

bool have_crc32c() {
  static const bool have = __builtin_cpu_supports("sse4.2") != 0;
  return have;
}
#else
std::uint32_t crc32c(std::string_view) { return 0; }
bool have_crc32c() { return false; }
#endif

/// The magic of a cache file names the checksum in it: CRC-32C where the CPU
/// has it, else zlib's CRC-32. A copy written with the other is rewritten.
const std::array<char, 16>& magic() { return have_crc32c() ? kMagicCrc32c : kMagic; }

}  // namespace

std::uint32_t checksum(std::string_view bytes) {
  if (have_crc32c()) return crc32c(bytes);
  // zlib's crc32 takes a uInt length: feed it in pieces.
  uLong crc = ::crc32(0L, Z_NULL, 0);
  while (!bytes.empty()) {
    const std::size_t piece = std::min<std::size_t>(bytes.size(), 1U << 30);
    crc = ::crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(piece));
    bytes.remove_prefix(piece);
  }
  return static_cast<std::uint32_t>(crc);
}

std::optional<fs::path> PolicyCache::default_directory() {
  if (const char* setting = std::getenv(kPolicyCacheVariable); setting != nullptr) {
    const std::string_view value(setting);
    if (value == "off" || value == "0" || value == "no") return std::nullopt;
  }
  // The XDG base directory rule: a relative XDG_CACHE_HOME is to be ignored.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
    return fs::path(xdg) / "avcsift";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
    return fs::path(home) / ".cache" / "avcsift";
  }
  return std::nullopt;
}

fs::path PolicyCache::file_for(const std::string& policy_path) const {
  std::error_code error;
  fs::path absolute = fs::absolute(policy_path, error);
  if (error) absolute = policy_path;
  char name[32];
  // zlib's CRC-32 whatever checksum() uses, so a copy keeps its name on
  // every machine that shares the directory.
  const std::string text = absolute.lexically_normal().string();
  const uLong crc = ::crc32(::crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(text.data()),
                            static_cast<uInt>(text.size()));
  std::snprintf(name, sizeof name, "policy-%08x.slim", static_cast<unsigned>(crc));
  return directory_ / name;
}

std::optional<std::string> PolicyCache::find(const std::string& policy_path,
                                             const PolicyCacheKey& key) const {
  if (!usable_directory(directory_)) return std::nullopt;
  const Fd fd(::open(file_for(policy_path).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  struct stat info {};
  if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode) ||
      !private_to_us(info)) {
    return std::nullopt;
  }
  std::string bytes(static_cast<std::size_t>(info.st_size) + 1, '\0');
  if (!read_all(fd.get(), bytes) || bytes.size() < sizeof(Header)) return std::nullopt;
  Header header;
  std::memcpy(&header, bytes.data(), sizeof header);
  if (header.magic != magic() ||
      PolicyCacheKey{header.size, header.mtime_sec, header.mtime_nsec, header.crc32} != key ||
      header.image_size != bytes.size() - sizeof header) {
    return std::nullopt;
  }
  bytes.erase(0, sizeof header);
  if (checksum(bytes) != header.image_crc32) return std::nullopt;
  return bytes;
}

bool PolicyCache::store(const std::string& policy_path, const PolicyCacheKey& key,
                        std::string_view image) const noexcept {
  try {
    std::error_code error;
    fs::create_directories(directory_.parent_path(), error);
    // 0700 whatever the umask: the copies decide verdicts, so only we may
    // write them (and usable_directory refuses anything else).
    if (::mkdir(directory_.c_str(), 0700) != 0 && errno != EEXIST) return false;
    if (!usable_directory(directory_)) return false;
    const fs::path target = file_for(policy_path);
    std::string temporary = target.native() + ".XXXXXX";
    Fd fd(::mkstemp(temporary.data()));
    if (fd.get() < 0) return false;
    Header header;
    header.magic = magic();
    header.size = key.size;
    header.mtime_sec = key.mtime_sec;
    header.mtime_nsec = key.mtime_nsec;
    header.crc32 = key.crc32;
    header.image_crc32 = checksum(image);
    header.image_size = image.size();
    const bool written = write_all(fd.get(), &header, sizeof header) &&
                         write_all(fd.get(), image.data(), image.size()) &&
                         ::close(fd.release()) == 0;
    // rename() replaces the old copy at once: a concurrent run reads the old
    // one or the new one, never half of either.
    if (written && ::rename(temporary.c_str(), target.c_str()) == 0) return true;
    ::unlink(temporary.c_str());
    return false;
  } catch (...) {
    return false;  // out of memory building a path: the cache is optional
  }
}

}  // namespace avcsift::policy
