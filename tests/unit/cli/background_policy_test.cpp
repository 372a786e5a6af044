// BackgroundPolicy: the policy is read on another thread; what it answers,
// and what a policy that cannot be read does, are as if it had been read first.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "avcsift/cli/background_policy.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/model/security_context.hpp"
#include "avcsift/policy/policy.hpp"

using avcsift::AccessQuery;
using avcsift::Diagnostics;
using avcsift::Reason;
using avcsift::SecurityContext;
using avcsift::cli::BackgroundPolicy;
using avcsift::cli::PolicyChoice;

namespace {

SecurityContext context(std::string_view text) {
  auto parsed = SecurityContext::parse(text);
  REQUIRE(parsed);
  return *parsed;
}

}  // namespace

TEST_CASE("a policy loading in the background answers the first question once it is read") {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  BackgroundPolicy loading(PolicyChoice{AVCSIFT_TEST_POLICY, false}, diagnostics);
  REQUIRE(loading.oracle() != nullptr);
  const AccessQuery query{context("staff_u:staff_r:staff_t:s0"), context("system_u:object_r:etc_t:s0"), "file",
                          {"read", "write"}};
  CHECK(loading.oracle()->judge(query).reason == Reason::MissingTeRule);
  REQUIRE(loading.get() != nullptr);
  CHECK(loading.ready());
  CHECK(loading.get()->description() == loading.oracle()->description());
  CHECK(messages.str().empty());
}

TEST_CASE("an unreadable policy named with -p is an error on first use, naming the file") {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  BackgroundPolicy loading(PolicyChoice{"/nonexistent/policy.33", false}, diagnostics);
  REQUIRE(loading.oracle() != nullptr);
  CHECK_THROWS_AS(loading.get(), avcsift::Error);
  // Asked again (the command's thread after the worker failed): the same error.
  CHECK_THROWS_WITH(loading.get(), Catch::Contains("/nonexistent/policy.33"));
}

TEST_CASE("with --no-policy there is no oracle and nothing is said") {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  BackgroundPolicy loading(PolicyChoice{std::nullopt, true}, diagnostics);
  CHECK(loading.oracle() == nullptr);
  CHECK(loading.ready());
  CHECK(loading.get() == nullptr);
  CHECK(messages.str().empty());
}

TEST_CASE("a background load that fails with something other than an Error gives that failure on every use") {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  const auto out_of_memory = [](const std::string&) -> std::unique_ptr<avcsift::policy::Policy> {
    throw std::bad_alloc();
  };
  BackgroundPolicy loading(PolicyChoice{"policy.33", false}, diagnostics, out_of_memory);
  REQUIRE(loading.oracle() != nullptr);
  const AccessQuery query{context("staff_u:staff_r:staff_t:s0"), context("system_u:object_r:etc_t:s0"), "file",
                          {"read"}};
  // The worker asks first; the command's thread asks again after it failed.
  CHECK_THROWS_AS(loading.oracle()->judge(query), std::bad_alloc);
  CHECK_THROWS_AS(loading.get(), std::bad_alloc);
  CHECK(messages.str().empty());
}
