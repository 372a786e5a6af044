#pragma once
// Helpers shared by the policy/ tests: the compiled CIL test policy and
// queries written the way audit records spell them.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/model/access_oracle.hpp"
#include "avcsift/model/security_context.hpp"
#include "avcsift/policy/policy.hpp"

namespace avcsift::policy::test {

/// testdata/policy/avcsift-test.cil, compiled by the build.
inline std::unique_ptr<Policy> load_test_policy() { return Policy::load(AVCSIFT_TEST_POLICY); }

/// Debian 12's policy from the shared corpus.
inline std::string debian_policy_path() {
  return std::string(AVCSIFT_SHARED_DIR) + "/corpus/policy/debian-refpolicy-2.20221101.policy.33";
}

/// An access as an AVC record gives it: `scontext`, `tcontext`, `tclass`, `{ perms }`.
inline AccessQuery access(std::string_view scontext, std::string_view tcontext,
                          std::string tclass, std::vector<std::string> permissions) {
  const auto source = SecurityContext::parse(scontext);
  const auto target = SecurityContext::parse(tcontext);
  REQUIRE(source.has_value());
  REQUIRE(target.has_value());
  std::sort(permissions.begin(), permissions.end());
  return AccessQuery{*source, *target, std::move(tclass), std::move(permissions)};
}

/// A fix of one boolean set to `value`.
inline std::vector<BooleanSetting> just(std::string name, bool value = true) {
  return {BooleanSetting{std::move(name), value}};
}

inline constexpr std::string_view kStaff = "staff_u:staff_r:staff_t:s0";

}  // namespace avcsift::policy::test
