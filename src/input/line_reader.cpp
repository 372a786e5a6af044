#include "avcsift/input/line_reader.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "avcsift/model/error.hpp"

namespace avcsift::input {
namespace {

constexpr std::size_t kBufferSize = 256 * 1024;

gzFile as_gz(void* gz) { return static_cast<gzFile>(gz); }

}  // namespace

std::unique_ptr<LineReader> LineReader::open(const std::string& path) {
  const bool is_stdin = path == "-";
  const int fd = is_stdin ? dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(path + ": cannot open: " + std::strerror(errno));
  }
  gzFile gz = gzdopen(fd, "rb");
  if (gz == nullptr) {
    ::close(fd);
    throw Error(path + ": cannot open: out of memory");
  }
  gzbuffer(gz, kBufferSize);
  return std::unique_ptr<LineReader>(new LineReader(is_stdin ? "<stdin>" : path, gz));
}

LineReader::LineReader(std::string name, void* gz)
    : name_(std::move(name)), gz_(gz), buffer_(kBufferSize + kMaxLineLength) {}

LineReader::~LineReader() { gzclose(as_gz(gz_)); }

std::uint64_t LineReader::bytes_read() const {
  const auto offset = gzoffset(as_gz(gz_));
  return offset < 0 ? 0 : static_cast<std::uint64_t>(offset);
}

bool LineReader::fill() {
  if (eof_) return false;
  // Keep the unconsumed tail at the front, then read after it.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t room = buffer_.size() - end_;
  if (room == 0) return false;
  const int n = gzread(as_gz(gz_), buffer_.data() + end_, static_cast<unsigned>(room));
  if (n < 0) {
    int code = 0;
    const char* message = gzerror(as_gz(gz_), &code);
    error_ = code == Z_ERRNO ? std::strerror(errno) : message;
    eof_ = true;
    return false;
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(n);
  return true;
}

bool LineReader::next(Line& line) {
  line = Line{};
  std::uint64_t skipped = 0;  // bytes of an overlong line already thrown away
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    if (newline != nullptr) {
      const auto length = static_cast<std::size_t>(newline - start);
      line.number = ++line_number_;
      line.length = skipped + length;
      line.overlong = line.length > kMaxLineLength;
      if (!line.overlong) line.text = std::string_view(start, length);
      begin_ += length + 1;
      return true;
    }
    if (end_ - begin_ > kMaxLineLength) {
      // Too long to keep: drop what we have and keep scanning for its end.
      skipped += end_ - begin_;
      begin_ = end_ = 0;
    }
    if (!fill()) break;
  }
  // End of input: a last line without a newline still counts.
  if (end_ == begin_ && skipped == 0) return false;
  line.number = ++line_number_;
  line.length = skipped + (end_ - begin_);
  line.overlong = line.length > kMaxLineLength;
  if (!line.overlong) line.text = std::string_view(buffer_.data() + begin_, end_ - begin_);
  begin_ = end_;
  return true;
}

}  // namespace avcsift::input
