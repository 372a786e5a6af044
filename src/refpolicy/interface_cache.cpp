#include "avcsift/refpolicy/interface_cache.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "avcsift/refpolicy/header_reader.hpp"

namespace avcsift::refpolicy {
namespace fs = std::filesystem;
namespace {

/// Part of every key: bump it whenever the header reader or the database
/// format changes, so caches written by an older avcsift are rebuilt.
constexpr std::string_view kCacheFormat = "avcsift-interface-cache 2";

/// FNV-1a: the key only has to change when a header does, not resist attack
/// (the cache lives in the user's own directory), and needs no library.
class Fnv1a {
 public:
  void add(std::string_view text) {
    for (const char c : text) {
      hash_ ^= static_cast<unsigned char>(c);
      hash_ *= 1099511628211ULL;
    }
    hash_ ^= 0xff;  // separates fields, so "ab"+"c" differs from "a"+"bc"
    hash_ *= 1099511628211ULL;
  }
  [[nodiscard]] std::string hex() const {
    std::ostringstream out;
    out << std::hex << hash_;
    return out.str();
  }

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};

std::optional<InterfaceDatabase> read_cache(const fs::path& file, const std::string& key,
                                            Diagnostics& diagnostics) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string first;
  std::getline(in, first);
  if (first != "key " + key + ' ' + std::string(kCacheFormat)) return std::nullopt;  // stale: headers changed
  auto database = InterfaceDatabase::read(in);
  if (!database) diagnostics.warn(file.string() + ": corrupt interface cache ignored; it is rebuilt");
  return database;
}

bool write_cache(const fs::path& file, const std::string& key, const InterfaceDatabase& database,
                 Diagnostics& diagnostics) {
  std::error_code error;
  fs::create_directories(file.parent_path(), error);
  const fs::path temporary = file.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << "key " << key << ' ' << kCacheFormat << '\n';
    database.write(out);
    out.flush();
    if (!out) {
      fs::remove(temporary, error);
      diagnostics.warn(file.parent_path().string() + ": cannot write the interface cache");
      return false;
    }
  }
  fs::rename(temporary, file, error);
  if (error) {
    fs::remove(temporary, error);
    diagnostics.warn(file.string() + ": cannot write the interface cache");
    return false;
  }
  return true;
}

}  // namespace

fs::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    return fs::path(xdg) / "avcsift";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return fs::path(home) / ".cache" / "avcsift";
  }
  return {};
}

std::string header_fingerprint(const fs::path& include_dir) {
  Fnv1a hash;
  hash.add(kCacheFormat);
  for (const auto& path : header_files(include_dir)) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    const auto mtime = fs::last_write_time(path, error);
    hash.add(path.string());
    hash.add(std::to_string(size));
    hash.add(std::to_string(mtime.time_since_epoch().count()));
  }
  return hash.hex();
}

InterfaceDatabase load_interface_database(const fs::path& include_dir, const CacheSettings& settings,
                                          Diagnostics& diagnostics, CacheOutcome& outcome) {
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const fs::path dir = settings.dir ? *settings.dir : default_cache_dir();
  if (!settings.enabled || dir.empty()) {
    auto database = InterfaceDatabase::from_headers(include_dir);
    outcome.seconds = elapsed();
    return database;
  }
  Fnv1a name;
  name.add(fs::absolute(include_dir).lexically_normal().string());
  outcome.file = dir / ("interfaces-" + name.hex() + ".db");
  const std::string key = header_fingerprint(include_dir);
  if (auto cached = read_cache(outcome.file, key, diagnostics)) {
    outcome.from_cache = true;
    outcome.seconds = elapsed();
    return std::move(*cached);
  }
  auto database = InterfaceDatabase::from_headers(include_dir);
  outcome.written = write_cache(outcome.file, key, database, diagnostics);
  outcome.seconds = elapsed();
  return database;
}

}  // namespace avcsift::refpolicy
