// load_interface_database: the on-disk cache, its key and its failures.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "avcsift/refpolicy/interface_cache.hpp"

namespace fs = std::filesystem;
using avcsift::Diagnostics;
using avcsift::refpolicy::CacheOutcome;
using avcsift::refpolicy::CacheSettings;
using avcsift::refpolicy::header_fingerprint;
using avcsift::refpolicy::load_interface_database;

namespace {

/// A tiny header tree in a fresh temporary directory.
struct Headers {
  Headers() {
    root = fs::temp_directory_path() / ("avcsift-cache-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter++));
    fs::create_directories(root / "include/support");
    fs::create_directories(root / "include/system");
    write("include/support/obj_perm_sets.spt", "define(`read_file_perms',`{ open read }')\n");
    write("include/system/files.if", "interface(`files_read_etc_files',`allow $1 etc_t:file read_file_perms;')\n");
  }
  ~Headers() { fs::remove_all(root); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(root / name) << text; }
  fs::path root;
  static inline int counter = 0;
};

struct Loaded {
  std::size_t interfaces = 0;
  CacheOutcome outcome;
  std::string err;
};

Loaded load(const Headers& headers, bool enabled = true) {
  Loaded loaded;
  std::ostringstream err;
  {
    Diagnostics diagnostics(err);
    const auto database = load_interface_database(headers.root / "include",
                                                  CacheSettings{headers.root / "cache", enabled}, diagnostics,
                                                  loaded.outcome);
    loaded.interfaces = database.interfaces().size();
  }
  loaded.err = err.str();
  return loaded;
}

}  // namespace

TEST_CASE("the first run parses and writes the cache, the second reads it") {
  const Headers headers;
  const auto first = load(headers);
  CHECK_FALSE(first.outcome.from_cache);
  CHECK(first.outcome.written);
  CHECK(fs::exists(first.outcome.file));
  const auto second = load(headers);
  CHECK(second.outcome.from_cache);
  CHECK(second.interfaces == 1);
  CHECK(second.err.empty());
}

TEST_CASE("changing a header invalidates the cache") {
  const Headers headers;
  const std::string before = header_fingerprint(headers.root / "include");
  (void)load(headers);
  headers.write("include/system/files.if",
                "interface(`files_read_etc_files',`allow $1 etc_t:file read;')\ninterface(`b',`allow $1 b_t:file read;')\n");
  fs::last_write_time(headers.root / "include/system/files.if",
                      fs::last_write_time(headers.root / "include/system/files.if") + std::chrono::seconds(5));
  CHECK(header_fingerprint(headers.root / "include") != before);
  const auto again = load(headers);
  CHECK_FALSE(again.outcome.from_cache);
  CHECK(again.interfaces == 2);
}

TEST_CASE("a corrupt cache is ignored with a warning and rewritten") {
  const Headers headers;
  const auto first = load(headers);
  std::string text;
  {
    std::ifstream in(first.outcome.file);
    std::getline(in, text);  // keep the valid key line, break the rest
  }
  std::ofstream(first.outcome.file) << text << "\nnot a database\n";
  const auto second = load(headers);
  CHECK_FALSE(second.outcome.from_cache);
  CHECK(second.interfaces == 1);
  CHECK(second.err == "avcsift: warning: " + first.outcome.file.string() +
                          ": corrupt interface cache ignored; it is rebuilt\n");
  CHECK(load(headers).outcome.from_cache);
}

TEST_CASE("with caching off (--no-cache) no cache is read or written") {
  const Headers headers;
  const auto loaded = load(headers, false);
  CHECK_FALSE(loaded.outcome.written);
  CHECK_FALSE(fs::exists(headers.root / "cache"));
}
