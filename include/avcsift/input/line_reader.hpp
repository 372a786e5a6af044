#pragma once
/// Reads an input (file, `-` for stdin, gzip-compressed or not) line by line.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace avcsift::input {

/// Longest line kept whole. Kernel audit records are under 9 KiB; anything
/// far longer is junk or an attack, so it is skipped rather than buffered.
inline constexpr std::size_t kMaxLineLength = 1024 * 1024;

/// One line of input, without its line terminator.
struct Line {
  std::string_view text;     ///< valid until the next call to next().
  std::uint64_t number = 0;  ///< 1-based.
  bool overlong = false;     ///< longer than kMaxLineLength: text is empty, line skipped.
  std::uint64_t length = 0;  ///< full length in bytes, also when overlong.
};

/// Streams the lines of one input with bounded memory. gzip input (rotated
/// `audit.log.2.gz`) is recognised by its magic bytes and decompressed on the
/// fly: zlib's gzread passes plain files through unchanged.
class LineReader {
 public:
  /// Opens `path`; `-` means standard input, shown as `<stdin>`. Throws
  /// avcsift::Error naming the file when it cannot be opened.
  static std::unique_ptr<LineReader> open(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// The next line, or false at end of input or on a read error (see error()).
  bool next(Line& line);
  /// Name for diagnostics: the path as given, or `<stdin>`.
  [[nodiscard]] const std::string& name() const { return name_; }
  /// Non-empty after a read error stopped the input early.
  [[nodiscard]] const std::string& error() const { return error_; }
  /// Compressed or plain bytes consumed so far, for progress reports.
  [[nodiscard]] std::uint64_t bytes_read() const;

 private:
  LineReader(std::string name, void* gz);
  bool fill();

  std::string name_;
  void* gz_;  // gzFile; kept opaque so zlib.h stays out of this header
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
  std::string error_;
};

}  // namespace avcsift::input
