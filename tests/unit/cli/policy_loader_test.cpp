// find_system_policy: which binary policy avcsift uses when none is named,
// under a temporary root that stands in for `/`.
#include <catch2/catch.hpp>

#include <grp.h>
#include <stdlib.h>
#include <sys/wait.h>
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
  FakeRoot root;
  root.debian_policies();
  const fs::path loaded = root.write("sys/fs/selinux/policy");
  fs::permissions(loaded, fs::perms::none);
  const fs::path configured = root.path() / "etc/selinux/default/policy/policy.33";
  if (::geteuid() != 0) {
    CHECK(find_system_policy(root.path()) == configured);
    return;
  }
  // Root reads every file, and CI runs as root: the lookup runs in a child
  // that has become nobody (65534), for whom the fake root is searchable and
  // the loaded policy is not readable.
  fs::permissions(root.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const gid_t nobody = 65534;
    if (::setgroups(0, nullptr) != 0 || ::setresgid(nobody, nobody, nobody) != 0 ||
        ::setresuid(nobody, nobody, nobody) != 0) {
      ::_exit(2);
    }
    ::_exit(find_system_policy(root.path()) == configured ? 0 : 1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  INFO("child exit status 2: privileges not dropped; 1: the loaded policy was chosen");
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
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
