// Loading a policy, its errors, and the small questions explain/ asks it.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "avcsift/model/error.hpp"
#include "policy_test_support.hpp"

namespace avcsift::policy::test {
namespace {

/// A file under the test's temporary directory holding `text`.
std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("avcsift-policy-test-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::string load_error(const std::string& path) {
  try {
    auto policy = Policy::load(path);
  } catch (const Error& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("A missing policy file is an error that names the file") {
  CHECK(load_error("/nonexistent/policy.33") ==
        "cannot read policy /nonexistent/policy.33: No such file or directory");
}

TEST_CASE("A directory given as the policy is an error that names it") {
  const auto dir = std::filesystem::temp_directory_path().string();
  CHECK(load_error(dir) == "cannot read policy " + dir + ": Is a directory");
}

TEST_CASE("A file that is not a binary policy is an error with libsepol's reason") {
  const auto path = write_temp("garbage", "this is not a policy\n");
  CHECK(load_error(path) ==
        "cannot read policy " + path +
            ": not a valid binary policy (policydb magic number 0x73696874 does not match "
            "expected magic number 0xf97cff8c or 0xf97cff8d)");
  std::filesystem::remove(path);
}

TEST_CASE("A truncated policy is an error that names the file") {
  std::ifstream in(AVCSIFT_TEST_POLICY, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto path = write_temp("truncated", bytes.substr(0, bytes.size() / 2));
  CHECK(load_error(path).rfind("cannot read policy " + path + ": not a valid binary policy", 0) ==
        0);
  std::filesystem::remove(path);
}

TEST_CASE("Reading a bad policy prints nothing on stdout") {
  const auto path = write_temp("quiet", "this is not a policy\n");
  std::fflush(stdout);
  const int saved = dup(STDOUT_FILENO);
  std::FILE* capture = std::tmpfile();
  REQUIRE(capture != nullptr);
  dup2(fileno(capture), STDOUT_FILENO);
  const std::string error = load_error(path);
  std::fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  CHECK(std::ftell(capture) == 0);
  std::fclose(capture);
  CHECK(error != "(no error)");
  std::filesystem::remove(path);
}

TEST_CASE("Only one policy can be loaded at a time") {
  auto first = load_test_policy();
  CHECK(load_error(AVCSIFT_TEST_POLICY) ==
        std::string("cannot load policy ") + AVCSIFT_TEST_POLICY +
            ": another policy is already loaded");
  first.reset();
  CHECK_NOTHROW(load_test_policy());
}

TEST_CASE("The description names the file and the policy version") {
  auto policy = load_test_policy();
  CHECK(policy->description() == std::string(AVCSIFT_TEST_POLICY) + " (policy version 33, MLS)");
  CHECK(policy->messages().empty());
}

TEST_CASE("Classes with user, role or level constraints depend on the full context") {
  auto policy = load_test_policy();
  CHECK(policy->depends_on_full_context("file"));        // UBAC and MLS constraints
  CHECK(policy->depends_on_full_context("process"));     // role changes need role allow
  CHECK(policy->depends_on_full_context("dir"));         // a user constraint
  CHECK_FALSE(policy->depends_on_full_context("tcp_socket"));
  CHECK_FALSE(policy->depends_on_full_context("no_such_class"));
}

TEST_CASE("has_type knows types but not attributes or unknown names") {
  auto policy = load_test_policy();
  CHECK(policy->has_type("staff_t"));
  CHECK(policy->has_type("plone_rw_t"));
  CHECK_FALSE(policy->has_type("port_type"));
  CHECK_FALSE(policy->has_type("vpnc_t"));
}

TEST_CASE("is_permissive is true only for permissive types") {
  auto policy = load_test_policy();
  CHECK(policy->is_permissive("permissive_t"));
  CHECK_FALSE(policy->is_permissive("staff_t"));
  CHECK_FALSE(policy->is_permissive("vpnc_t"));
}

TEST_CASE("Types with an attribute are listed sorted") {
  auto policy = load_test_policy();
  CHECK(policy->types_with_attribute("port_type") ==
        std::vector<std::string>{"http_port_t", "remote_port_t", "ssh_port_t"});
  CHECK(policy->types_with_attribute("staff_t").empty());
  CHECK(policy->types_with_attribute("no_such_attribute").empty());
  CHECK(policy->type_has_attribute("user_tmp_t", "ubac_constrained_type"));
  CHECK_FALSE(policy->type_has_attribute("etc_t", "ubac_constrained_type"));
  CHECK_FALSE(policy->type_has_attribute("etc_t", "staff_t"));
}

TEST_CASE("Allowed target types follow the rules and the current booleans") {
  auto policy = load_test_policy();
  // ssh_port_t only with staff_bind_ssh, which is off.
  CHECK(policy->allowed_target_types("staff_t", "tcp_socket", "name_bind", "port_type") ==
        std::vector<std::string>{"http_port_t"});
  CHECK(policy->allowed_target_types("plone_t", "tcp_socket", "name_bind", "port_type") ==
        std::vector<std::string>{"http_port_t"});
  CHECK(policy->allowed_target_types("daemon_t", "tcp_socket", "name_bind", "port_type").empty());
  CHECK(policy->allowed_target_types("staff_t", "tcp_socket", "no_perm", "port_type").empty());
}

}  // namespace avcsift::policy::test
