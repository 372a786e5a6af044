// The policy cache: where it lives, that it is written private to its owner,
// used when it matches, rewritten when it does not, and never a failure. That
// it changes no verdict on real logs is tests/corpus/policy_cache_parity.sh.
#include "avcsift/policy/policy_cache.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "policy_test_support.hpp"
#include "skip_test.hpp"
#include "sepol.hpp"
#include "slim_policy.h"

namespace avcsift::policy::test {
namespace {
namespace fs = std::filesystem;

/// A fresh directory under the system's temporary directory, removed after.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "avcsift-cache-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// Sets an environment variable for one scope, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spill(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

/// The verdict of one access of the test policy, to compare loads.
std::string judged(const std::string& path, const std::optional<fs::path>& cache) {
  const auto policy = Policy::load(path, cache);
  const Verdict verdict = policy->judge(access(kStaff, "system_u:object_r:etc_t:s0", "file", {"read", "write"}));
  return policy->description() + " " + reason_name(verdict.reason);
}

}  // namespace

TEST_CASE("The cache directory follows AVCSIFT_POLICY_CACHE, XDG_CACHE_HOME and HOME") {
  const ScopedEnv home("HOME", "/home/someone");
  {
    const ScopedEnv xdg("XDG_CACHE_HOME", "/var/cache/someone");
    const ScopedEnv on("AVCSIFT_POLICY_CACHE", nullptr);
    CHECK(PolicyCache::default_directory() == fs::path("/var/cache/someone/avcsift"));
  }
  {
    const ScopedEnv xdg("XDG_CACHE_HOME", "relative/ignored");
    const ScopedEnv on("AVCSIFT_POLICY_CACHE", "on");
    CHECK(PolicyCache::default_directory() == fs::path("/home/someone/.cache/avcsift"));
  }
  for (const char* off : {"off", "0", "no"}) {
    const ScopedEnv disabled("AVCSIFT_POLICY_CACHE", off);
    CHECK_FALSE(PolicyCache::default_directory().has_value());
  }
  const ScopedEnv xdg("XDG_CACHE_HOME", nullptr);
  const ScopedEnv no_home("HOME", nullptr);
  CHECK_FALSE(PolicyCache::default_directory().has_value());
}

TEST_CASE("The checksum of a cache key is CRC-32C, or CRC-32 on a CPU without SSE4.2") {
  // The check values of both (the CRC catalogue's "123456789").
  const std::uint32_t sum = checksum("123456789");
  CHECK((sum == 0xe3069283U || sum == 0xcbf43926U));
#if defined(__x86_64__)
  if (__builtin_cpu_supports("sse4.2")) CHECK(sum == 0xe3069283U);
#endif
  CHECK(checksum("") == 0);
  CHECK(checksum(std::string(1000, 'a')) != checksum(std::string(999, 'a') + "b"));
}

TEST_CASE("A policy loaded with a cache leaves its slim copy there, private to its owner, and reads it next time") {
  const TempDir temp;
  const fs::path dir = temp.path() / "avcsift";
  const std::string plain = judged(AVCSIFT_TEST_POLICY, std::nullopt);
  CHECK(judged(AVCSIFT_TEST_POLICY, dir) == plain);
  const fs::path copy = PolicyCache(dir).file_for(AVCSIFT_TEST_POLICY);
  REQUIRE(fs::exists(copy));
  CHECK(mode_of(dir) == 0700);
  CHECK(mode_of(copy) == 0600);
  const auto written = fs::last_write_time(copy);
  CHECK(judged(AVCSIFT_TEST_POLICY, dir) == plain);
  CHECK(fs::last_write_time(copy) == written);  // read, not written again
}

/// A corpus policy; the test is skipped when the corpus is absent.
std::string corpus_policy(const std::string& name) {
  const std::string path = std::string(AVCSIFT_SHARED_DIR) + "/corpus/policy/" + name;
  if (!fs::exists(path)) avcsift::test::skip_test(path + " is absent (set -DAVCSIFT_SHARED_DIR)");
  return path;
}

TEST_CASE("A damaged slim copy is ignored and written anew") {
  const std::string fedora = corpus_policy("fedora-targeted-41.24.policy.33");
  const TempDir temp;
  const fs::path dir = temp.path() / "avcsift";
  const std::string plain = judged(fedora, dir);
  const fs::path copy = PolicyCache(dir).file_for(fedora);
  const std::string good = slurp(copy);
  REQUIRE(good.size() > 1000000);
  std::string bad = good;
  bad[bad.size() - 100] = static_cast<char>(bad[bad.size() - 100] ^ 0x5a);
  spill(copy, bad);
  CHECK(judged(fedora, dir) == plain);
  CHECK(slurp(copy) == good);
  spill(copy, good.substr(0, 30));  // cut short, within the header
  CHECK(judged(fedora, dir) == plain);
  CHECK(slurp(copy) == good);
}

TEST_CASE("A policy whose slim copy saves little gets an empty copy that says to read the original") {
  const std::string debian = corpus_policy("debian-refpolicy-2.20221101.policy.33");
  const TempDir temp;
  const fs::path dir = temp.path() / "avcsift";
  const std::string plain = judged(debian, std::nullopt);
  CHECK(judged(debian, dir) == plain);
  const fs::path copy = PolicyCache(dir).file_for(debian);
  REQUIRE(fs::exists(copy));
  CHECK(fs::file_size(copy) < 100);  // the header alone
  const auto written = fs::last_write_time(copy);
  CHECK(judged(debian, dir) == plain);
  CHECK(fs::last_write_time(copy) == written);
}

TEST_CASE("A slim copy of an earlier version of the policy file is not used") {
  const TempDir temp;
  const fs::path dir = temp.path() / "avcsift";
  const fs::path policy = temp.path() / "policy.33";
  fs::copy_file(AVCSIFT_TEST_POLICY, policy);
  const std::string plain = judged(policy.string(), dir);
  const fs::path copy = PolicyCache(dir).file_for(policy.string());
  const std::string first = slurp(copy);
  // Same content, another modification time: the key differs, the copy is
  // written again with the new key.
  fs::last_write_time(policy, fs::last_write_time(policy) - std::chrono::hours(1));
  CHECK(judged(policy.string(), dir) == plain);
  CHECK(slurp(copy) != first);
  CHECK(slurp(copy).size() == first.size());
}

TEST_CASE("A cache directory that cannot be made or that others may write to is not used, and the load succeeds") {
  const TempDir temp;
  const std::string plain = judged(AVCSIFT_TEST_POLICY, std::nullopt);
  const fs::path file = temp.path() / "a-file";
  spill(file, "x");
  CHECK(judged(AVCSIFT_TEST_POLICY, file / "avcsift") == plain);
  const fs::path open_dir = temp.path() / "open";
  fs::create_directory(open_dir);
  fs::permissions(open_dir, fs::perms::all);
  CHECK(judged(AVCSIFT_TEST_POLICY, open_dir) == plain);
  CHECK(fs::is_empty(open_dir));
}

TEST_CASE("The slim image leaves out the transitions and keeps every rule judging reads") {
  const std::string path =
      std::string(AVCSIFT_SHARED_DIR) + "/corpus/policy/fedora-targeted-41.24.policy.33";
  if (!fs::exists(path)) avcsift::test::skip_test(path + " is absent (set -DAVCSIFT_SHARED_DIR)");
  sepol_policydb_t* full = nullptr;
  sepol_policy_file_t* file = nullptr;
  REQUIRE(sepol_policydb_create(&full) == 0);
  REQUIRE(sepol_policy_file_create(&file) == 0);
  std::string bytes = slurp(path);
  sepol_policy_file_set_mem(file, bytes.data(), bytes.size());
  REQUIRE(sepol_policydb_read(full, file) == 0);
  avcsift_slim_dropped before{};
  avcsift_slim_policy_dropped(full, &before);
  CHECK(before.filename_transitions > 200000);
  CHECK(before.type_rules > 0);
  CHECK(before.range_transitions > 0);
  CHECK(before.role_transitions > 0);
  void* image = nullptr;
  std::size_t length = 0;
  REQUIRE(avcsift_slim_policy_image(nullptr, full, &image, &length) == 0);
  CHECK(length < bytes.size() / 2);
  // The policy read is left as it was.
  avcsift_slim_dropped after_write{};
  avcsift_slim_policy_dropped(full, &after_write);
  CHECK(after_write.filename_transitions == before.filename_transitions);
  CHECK(after_write.type_rules == before.type_rules);
  sepol_policydb_t* slim = nullptr;
  REQUIRE(sepol_policydb_create(&slim) == 0);
  sepol_policy_file_set_mem(file, static_cast<char*>(image), length);
  REQUIRE(sepol_policydb_read(slim, file) == 0);
  avcsift_slim_dropped left{};
  avcsift_slim_policy_dropped(slim, &left);
  CHECK(left.filename_transitions == 0);
  CHECK(left.type_rules == 0);
  CHECK(left.range_transitions == 0);
  CHECK(left.role_transitions == 0);
  // What judging reads is all there: every allow, auditallow and dontaudit rule.
  const policydb_t& a = full->p;
  const policydb_t& b = slim->p;
  CHECK(b.te_avtab.nel == a.te_avtab.nel - before.type_rules);
  CHECK(b.te_cond_avtab.nel == a.te_cond_avtab.nel);
  CHECK(b.p_types.nprim == a.p_types.nprim);
  CHECK(b.p_bools.nprim == a.p_bools.nprim);
  std::free(image);
  sepol_policydb_free(slim);
  sepol_policydb_free(full);
  sepol_policy_file_free(file);
}

}  // namespace avcsift::policy::test
