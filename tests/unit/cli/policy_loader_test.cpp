// find_system_policy: which binary policy avcsift uses when none is named,
// under a temporary root that stands in for `/`.
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "avcsift/cli/policy_loader.hpp"

using avcsift::cli::find_system_policy;

namespace fs = std::filesystem;

namespace {

/// A fresh directory used as `/`, removed afterwards.
class FakeRoot {
 public:
  FakeRoot() {
    std::string pattern = (fs::temp_directory_path() / "avcsift-root-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~FakeRoot() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  FakeRoot(const FakeRoot&) = delete;
  FakeRoot& operator=(const FakeRoot&) = delete;

  [[nodiscard]] const fs::path& path() const { return path_; }

  /// Writes `text` to `relative` (directories created) and returns its path.
  fs::path write(const std::string& relative, const std::string& text = "policy bytes") const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  /// A Debian-like /etc/selinux with `type` and policy files of these versions.
  void debian_policies(const std::string& type = "default") const {
    write("etc/selinux/config", "# This file controls the state of SELinux\nSELINUX=permissive\nSELINUXTYPE=" +
                                    type + "\n");
    write("etc/selinux/" + type + "/policy/policy.31");
    write("etc/selinux/" + type + "/policy/policy.33");
  }

 private:
  fs::path path_;
};

}  // namespace

TEST_CASE("the newest policy.N of the configured SELINUXTYPE is chosen") {
  FakeRoot root;
  root.debian_policies();
  CHECK(find_system_policy(root.path()) == root.path() / "etc/selinux/default/policy/policy.33");
}

TEST_CASE("policy versions are compared as numbers, and other files are ignored") {
  FakeRoot root;
  root.write("etc/selinux/config", "SELINUXTYPE=default\n");
  root.write("etc/selinux/default/policy/policy.9");
  root.write("etc/selinux/default/policy/policy.10");
  root.write("etc/selinux/default/policy/policy.99.bak");
  root.write("etc/selinux/default/policy/policy.");
  root.write("etc/selinux/default/policy/policy.1000");
  root.write("etc/selinux/default/policy/policy.kern");
  CHECK(find_system_policy(root.path()) == root.path() / "etc/selinux/default/policy/policy.10");
}

TEST_CASE("the loaded policy is preferred when it is readable") {
  FakeRoot root;
  root.debian_policies();
  root.write("sys/fs/selinux/policy");
  CHECK(find_system_policy(root.path()) == root.path() / "sys/fs/selinux/policy");
}

TEST_CASE("the loaded policy alone is enough") {
  FakeRoot root;
  root.write("sys/fs/selinux/policy");
  CHECK(find_system_policy(root.path()) == root.path() / "sys/fs/selinux/policy");
}

TEST_CASE("an unreadable loaded policy is passed over for the configured one") {
  if (::geteuid() == 0) {
    WARN("running as root, for whom every file is readable: test skipped");
    return;
  }
  FakeRoot root;
  root.debian_policies();
  const fs::path loaded = root.write("sys/fs/selinux/policy");
  fs::permissions(loaded, fs::perms::none);
  CHECK(find_system_policy(root.path()) == root.path() / "etc/selinux/default/policy/policy.33");
}

TEST_CASE("without a config file there is no system policy") {
  FakeRoot root;
  root.write("etc/selinux/default/policy/policy.33");
  CHECK(find_system_policy(root.path()) == std::nullopt);
}

TEST_CASE("a config without SELINUXTYPE gives no system policy") {
  FakeRoot root;
  root.write("etc/selinux/config", "SELINUX=permissive\n#SELINUXTYPE=default\n");
  root.write("etc/selinux/default/policy/policy.33");
  CHECK(find_system_policy(root.path()) == std::nullopt);
}

TEST_CASE("a configured type without policy files gives no system policy") {
  FakeRoot root;
  root.write("etc/selinux/config", "SELINUXTYPE=mls\n");
  root.write("etc/selinux/default/policy/policy.33");
  CHECK(find_system_policy(root.path()) == std::nullopt);
}

TEST_CASE("SELINUXTYPE is read with surrounding white space, and the last one counts") {
  FakeRoot root;
  root.write("etc/selinux/config", "SELINUXTYPE=mls\n  SELINUXTYPE=targeted \t\r\n");
  root.write("etc/selinux/mls/policy/policy.33");
  root.write("etc/selinux/targeted/policy/policy.32");
  CHECK(find_system_policy(root.path()) == root.path() / "etc/selinux/targeted/policy/policy.32");
}

TEST_CASE("a SELINUXTYPE that leaves /etc/selinux is refused") {
  FakeRoot root;
  // Policies an attacker-controlled config might point at.
  root.write("etc/policy/policy.33");
  root.write("policy/policy.33");
  root.write("tmp/evil/policy/policy.33");
  for (const std::string type : {"..", "../..", "../../tmp/evil", "default/../..", "."}) {
    INFO("SELINUXTYPE=" << type);
    root.write("etc/selinux/config", "SELINUXTYPE=" + type + "\n");
    CHECK(find_system_policy(root.path()) == std::nullopt);
  }
}
