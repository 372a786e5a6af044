// parse_selinux_err: security_compute_sid reports, old and new forms.
#include <catch2/catch.hpp>

#include "avcsift/parse/selinux_err_parser.hpp"

using avcsift::parse::parse_selinux_err;
using avcsift::parse::SelinuxErrKind;

namespace Catch {
template <>
struct StringMaker<SelinuxErrKind> {
  static std::string convert(SelinuxErrKind kind) {
    switch (kind) {
      case SelinuxErrKind::InvalidContext: return "InvalidContext";
      case SelinuxErrKind::Other: return "Other";
      case SelinuxErrKind::Malformed: return "Malformed";
    }
    return "?";
  }
};
}  // namespace Catch

TEST_CASE("the old compute_sid form gives the invalid context and the computation") {
  const auto result = parse_selinux_err(
      " security_compute_sid:  invalid context staff_u:staff_r:staff_userhelper_t:s0 for "
      "scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:userhelper_exec_t:s0 "
      "tclass=process");
  REQUIRE(result.kind == SelinuxErrKind::InvalidContext);
  CHECK(result.report.context.str() == "staff_u:staff_r:staff_userhelper_t:s0");
  CHECK(result.report.source.str() == "staff_u:staff_r:staff_t:s0");
  CHECK(result.report.target.str() == "system_u:object_r:userhelper_exec_t:s0");
  CHECK(result.report.tclass == "process");
  CHECK(result.problem.empty());
}

TEST_CASE("the current op=security_compute_sid form is read as well") {
  const auto result = parse_selinux_err(
      " op=security_compute_sid invalid_context=\"unconfined_u:unconfined_r:plone_t:s0\" "
      "scontext=unconfined_u:unconfined_r:unconfined_t:s0 "
      "tcontext=system_u:object_r:plonectl_exec_t:s0 tclass=process");
  REQUIRE(result.kind == SelinuxErrKind::InvalidContext);
  CHECK(result.report.context.role == "unconfined_r");
  CHECK(result.report.context.type == "plone_t");
  CHECK(result.report.source.type == "unconfined_t");
  CHECK(result.report.target.type == "plonectl_exec_t");
  CHECK(result.report.tclass == "process");
}

TEST_CASE("other SELINUX_ERR reports are not rules") {
  CHECK(parse_selinux_err(
            " op=security_bounded_transition seresult=denied oldcontext=u:r:a_t:s0 newcontext=u:r:b_t:s0")
            .kind == SelinuxErrKind::Other);
  CHECK(parse_selinux_err(
            " op=security_validate_transition seresult=denied oldcontext=u:r:a_t:s0 "
            "newcontext=u:r:b_t:s0 taskcontext=u:r:c_t:s0 tclass=file")
            .kind == SelinuxErrKind::Other);
  CHECK(parse_selinux_err("").kind == SelinuxErrKind::Other);
}

TEST_CASE("a compute_sid report without the invalid context is malformed") {
  const auto result = parse_selinux_err(" op=security_compute_sid scontext=u:r:a_t:s0 tclass=process");
  CHECK(result.kind == SelinuxErrKind::Malformed);
  CHECK(result.problem == "SELINUX_ERR compute_sid report without the invalid context");
}

TEST_CASE("an invalid context that is not a valid context is malformed") {
  const auto result = parse_selinux_err(
      " op=security_compute_sid invalid_context=\"u:r:plone-t:s0\" scontext=u:r:a_t:s0 "
      "tcontext=u:r:b_t:s0 tclass=process");
  CHECK(result.kind == SelinuxErrKind::Malformed);
  CHECK(result.problem == "SELINUX_ERR invalid context 'u:r:plone-t:s0' has an invalid type");
}

TEST_CASE("a bad scontext, tcontext or tclass does not spoil the report") {
  const auto result = parse_selinux_err(
      " op=security_compute_sid invalid_context=\"u:r:plone_t:s0\" scontext=u:r:a{ "
      "tcontext=u:r:b_t:s0 tclass=pro.cess");
  REQUIRE(result.kind == SelinuxErrKind::InvalidContext);
  CHECK(result.report.context.type == "plone_t");
  CHECK(result.report.source.type.empty());
  CHECK(result.report.target.type == "b_t");
  CHECK(result.report.tclass.empty());
}
