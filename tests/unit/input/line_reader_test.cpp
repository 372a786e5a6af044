// LineReader: lines of plain and gzip files, with bounded memory.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "avcsift/input/line_reader.hpp"
#include "avcsift/model/error.hpp"

using avcsift::input::kMaxLineLength;
using avcsift::input::Line;
using avcsift::input::LineReader;

namespace {

/// A fresh directory under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "avcsift-input-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `content` to a file named `name` and returns its path.
  [[nodiscard]] std::string write(const std::string& name, const std::string& content) const {
    const auto file = (path_ / name).string();
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }
  /// Writes `content` gzip-compressed, as logrotate does.
  [[nodiscard]] std::string write_gz(const std::string& name, const std::string& content) const {
    const auto file = (path_ / name).string();
    gzFile gz = gzopen(file.c_str(), "wb");
    REQUIRE(gz != nullptr);
    REQUIRE(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())) ==
            static_cast<int>(content.size()));
    REQUIRE(gzclose(gz) == Z_OK);
    return file;
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ReadLine {
  std::string text;
  std::uint64_t number;
  bool overlong;
  std::uint64_t length;
  friend bool operator==(const ReadLine&, const ReadLine&) = default;
};

std::vector<ReadLine> read_all(LineReader& reader) {
  std::vector<ReadLine> lines;
  Line line;
  while (reader.next(line)) {
    lines.push_back({std::string(line.text), line.number, line.overlong, line.length});
  }
  return lines;
}

std::vector<ReadLine> read_all(const std::string& path) {
  auto reader = LineReader::open(path);
  return read_all(*reader);
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<ReadLine> {
  static std::string convert(const ReadLine& l) {
    return "{\"" + (l.text.size() > 40 ? l.text.substr(0, 40) + "..." : l.text) + "\", " +
           std::to_string(l.number) + (l.overlong ? ", overlong, " : ", ") + std::to_string(l.length) + "}";
  }
};
}  // namespace Catch

TEST_CASE("a plain file is read line by line with 1-based numbers") {
  TempDir dir;
  const auto path = dir.write("audit.log", "first\nsecond\n\nfourth\n");
  auto reader = LineReader::open(path);
  CHECK(reader->name() == path);
  CHECK(read_all(*reader) == std::vector<ReadLine>{{"first", 1, false, 5},
                                                    {"second", 2, false, 6},
                                                    {"", 3, false, 0},
                                                    {"fourth", 4, false, 6}});
  CHECK(reader->error().empty());
  CHECK(reader->bytes_read() == 21);
}

TEST_CASE("the last line counts also without a newline") {
  TempDir dir;
  CHECK(read_all(dir.write("a.log", "one\ntwo")) ==
        std::vector<ReadLine>{{"one", 1, false, 3}, {"two", 2, false, 3}});
}

TEST_CASE("an empty file has no lines") {
  TempDir dir;
  CHECK(read_all(dir.write("empty.log", "")).empty());
}

TEST_CASE("a carriage return is left in the line for the normalizer") {
  TempDir dir;
  CHECK(read_all(dir.write("crlf.log", "one\r\ntwo\r\n")) ==
        std::vector<ReadLine>{{"one\r", 1, false, 4}, {"two\r", 2, false, 4}});
}

TEST_CASE("a gzip file is decompressed on the fly") {
  TempDir dir;
  const auto path = dir.write_gz("audit.log.2.gz", "type=AVC one\ntype=AVC two\nlast");
  auto reader = LineReader::open(path);
  CHECK(read_all(*reader) == std::vector<ReadLine>{{"type=AVC one", 1, false, 12},
                                                    {"type=AVC two", 2, false, 12},
                                                    {"last", 3, false, 4}});
  CHECK(reader->error().empty());
  CHECK(reader->bytes_read() == std::filesystem::file_size(path));
}

TEST_CASE("a line of exactly kMaxLineLength bytes is kept whole") {
  TempDir dir;
  const std::string longest(kMaxLineLength, 'x');
  auto reader = LineReader::open(dir.write("long.log", longest + "\nnext\n"));
  Line line;
  REQUIRE(reader->next(line));
  CHECK_FALSE(line.overlong);
  CHECK(line.length == kMaxLineLength);
  CHECK(line.text == longest);
  REQUIRE(reader->next(line));
  CHECK(line.text == "next");
  CHECK(line.number == 2);
}

TEST_CASE("an overlong line is reported with its length and the next line is still read") {
  TempDir dir;
  const std::string too_long(kMaxLineLength + 1, 'x');
  CHECK(read_all(dir.write("long.log", "before\n" + too_long + "\nafter\n")) ==
        std::vector<ReadLine>{{"before", 1, false, 6},
                              {"", 2, true, kMaxLineLength + 1},
                              {"after", 3, false, 5}});
}

TEST_CASE("a line several buffers long is skipped without losing the lines around it") {
  TempDir dir;
  const std::uint64_t huge = 3 * kMaxLineLength + 12345;
  CHECK(read_all(dir.write("huge.log", "a\n" + std::string(huge, 'y') + "\nb\nc")) ==
        std::vector<ReadLine>{{"a", 1, false, 1}, {"", 2, true, huge}, {"b", 3, false, 1},
                              {"c", 4, false, 1}});
}

TEST_CASE("an overlong last line without a newline is still reported") {
  TempDir dir;
  const std::uint64_t huge = 2 * kMaxLineLength;
  CHECK(read_all(dir.write_gz("huge.gz", "a\n" + std::string(huge, 'z'))) ==
        std::vector<ReadLine>{{"a", 1, false, 1}, {"", 2, true, huge}});
}

TEST_CASE("a missing file is refused with the path and the system's reason") {
  TempDir dir;
  const auto path = (dir.path() / "missing.log").string();
  try {
    (void)LineReader::open(path);
    FAIL("open did not throw");
  } catch (const avcsift::Error& error) {
    CHECK(std::string(error.what()) == path + ": cannot open: No such file or directory");
    CHECK(error.status() == avcsift::ExitStatus::Failure);
  }
}

TEST_CASE("a directory opens but stops with a read error") {
  TempDir dir;
  auto reader = LineReader::open(dir.path().string());
  Line line;
  CHECK_FALSE(reader->next(line));
  CHECK(reader->error() == "Is a directory");
}

TEST_CASE("'-' reads standard input and is called <stdin>") {
  TempDir dir;
  const auto path = dir.write("in.log", "from stdin\n");
  const int saved = dup(STDIN_FILENO);
  REQUIRE(saved >= 0);
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(dup2(fd, STDIN_FILENO) == STDIN_FILENO);
  close(fd);
  auto reader = LineReader::open("-");
  // The reader holds its own descriptor, so stdin can be restored at once.
  REQUIRE(dup2(saved, STDIN_FILENO) == STDIN_FILENO);
  close(saved);
  CHECK(reader->name() == "<stdin>");
  CHECK(read_all(*reader) == std::vector<ReadLine>{{"from stdin", 1, false, 10}});
}
