// reason_name: the stable upper-case names of Reason.
#include <catch2/catch.hpp>

#include <string>

#include "avcsift/model/verdict.hpp"

using avcsift::Reason;
using avcsift::reason_name;

TEST_CASE("every reason has the name tools/why-reasons prints") {
  CHECK(std::string(reason_name(Reason::Unknown)) == "UNKNOWN");
  CHECK(std::string(reason_name(Reason::Allowed)) == "ALLOW");
  CHECK(std::string(reason_name(Reason::DontAudit)) == "DONTAUDIT");
  CHECK(std::string(reason_name(Reason::MissingTeRule)) == "TERULE");
  CHECK(std::string(reason_name(Reason::Boolean)) == "BOOLEAN");
  CHECK(std::string(reason_name(Reason::Constraint)) == "CONSTRAINT");
  CHECK(std::string(reason_name(Reason::Rbac)) == "RBAC");
  CHECK(std::string(reason_name(Reason::Bounds)) == "BOUNDS");
  CHECK(std::string(reason_name(Reason::NotInPolicy)) == "NOTINPOLICY");
}

TEST_CASE("verdicts with different boolean fixes are not equal") {
  avcsift::Verdict a;
  a.reason = Reason::Boolean;
  a.boolean_fixes = {{{"httpd_can_network_connect", true}}};
  avcsift::Verdict b = a;
  CHECK(a == b);
  b.boolean_fixes = {{{"httpd_can_network_connect_db", true}}};
  CHECK_FALSE(a == b);
}
