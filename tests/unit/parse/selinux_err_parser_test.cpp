// parse_selinux_err: every SELINUX_ERR form the kernel logs (see the parser header).
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
      case SelinuxErrKind::Error: return "Error";
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

TEST_CASE("an unknown SELINUX_ERR op is neither a rule nor an error") {
  CHECK(parse_selinux_err(" op=security_frobnicate seresult=denied oldcontext=u:r:a_t:s0").kind ==
        SelinuxErrKind::Other);
  CHECK(parse_selinux_err("").kind == SelinuxErrKind::Other);
}

TEST_CASE("a bounded transition report gives the old and the new context") {
  const auto result = parse_selinux_err(
      " op=security_bounded_transition seresult=denied oldcontext=system_u:system_r:init_t:s0 "
      "newcontext=system_u:system_r:plone_t:s0");
  REQUIRE(result.kind == SelinuxErrKind::Error);
  CHECK(result.error.kind == avcsift::SelinuxErrorKind::BoundedTransition);
  CHECK(result.error.old_context.str() == "system_u:system_r:init_t:s0");
  CHECK(result.error.new_context.str() == "system_u:system_r:plone_t:s0");
}

TEST_CASE("a bounded transition report without newcontext is malformed") {
  const auto result =
      parse_selinux_err(" op=security_bounded_transition seresult=denied oldcontext=system_u:system_r:init_t:s0");
  CHECK(result.kind == SelinuxErrKind::Malformed);
  CHECK(result.problem == "SELINUX_ERR bounded_transition report without newcontext");
}

TEST_CASE("a bounded transition report with a bad context is malformed") {
  const auto result = parse_selinux_err(
      " op=security_bounded_transition seresult=denied oldcontext=u:r:a{t:s0 newcontext=u:r:b_t:s0");
  CHECK(result.kind == SelinuxErrKind::Malformed);
  CHECK(result.problem == "SELINUX_ERR bounded_transition report oldcontext 'u:r:a{t:s0' has an invalid type");
}

TEST_CASE("a validate transition report gives the three contexts and the class") {
  const auto result = parse_selinux_err(
      " op=security_validate_transition seresult=denied oldcontext=system_u:object_r:etc_t:s0 "
      "newcontext=system_u:object_r:etc_t:s1 taskcontext=staff_u:staff_r:staff_t:s0 tclass=file");
  REQUIRE(result.kind == SelinuxErrKind::Error);
  CHECK(result.error.kind == avcsift::SelinuxErrorKind::ValidateTransition);
  CHECK(result.error.new_context.level == "s1");
  CHECK(result.error.task_context.type == "staff_t");
  CHECK(result.error.tclass == "file");
}

TEST_CASE("a compute_av bounds report gives the types and the masked permissions") {
  const auto result = parse_selinux_err(
      " op=security_compute_av reason=bounds scontext=system_u:system_r:bounded_child_t:s0 "
      "tcontext=system_u:object_r:data_t:s0 tclass=file perms=write,append,????");
  REQUIRE(result.kind == SelinuxErrKind::Error);
  CHECK(result.error.kind == avcsift::SelinuxErrorKind::BoundsMasked);
  CHECK(result.error.old_context.type == "bounded_child_t");
  CHECK(result.error.new_context.type == "data_t");
  CHECK(result.error.permissions == std::vector<std::string>{"append", "write"});
}

TEST_CASE("a compute_av report for another reason is not read") {
  CHECK(parse_selinux_err(" op=security_compute_av reason=other scontext=u:r:a_t:s0 tcontext=u:r:b_t:s0 "
                          "tclass=file perms=read")
            .kind == SelinuxErrKind::Other);
}

TEST_CASE("setxattr, fscreate and sid_mls_copy reports keep the invalid context, hex decoded") {
  const auto setxattr = parse_selinux_err(" op=setxattr invalid_context=\"system_u:object_r:plone_rw_t:s0\"");
  REQUIRE(setxattr.kind == SelinuxErrKind::Error);
  CHECK(setxattr.error.kind == avcsift::SelinuxErrorKind::SetxattrInvalid);
  CHECK(setxattr.error.invalid_context == "system_u:object_r:plone_rw_t:s0");
  // "system_u:object_r:plone tmp_t:s0": the kernel writes hex when a value holds a space.
  const auto fscreate = parse_selinux_err(
      " op=fscreate invalid_context=73797374656D5F753A6F626A6563745F723A706C6F6E6520746D705F743A7330");
  REQUIRE(fscreate.kind == SelinuxErrKind::Error);
  CHECK(fscreate.error.kind == avcsift::SelinuxErrorKind::FscreateInvalid);
  CHECK(fscreate.error.invalid_context == "system_u:object_r:plone tmp_t:s0");
  const auto mls = parse_selinux_err(" op=security_sid_mls_copy invalid_context=\"system_u:system_r:httpd_t:s15\"");
  REQUIRE(mls.kind == SelinuxErrKind::Error);
  CHECK(mls.error.kind == avcsift::SelinuxErrorKind::MlsCopyInvalid);
  CHECK(mls.error.invalid_context == "system_u:system_r:httpd_t:s15");
}

TEST_CASE("an fscreate report without the invalid context is malformed") {
  const auto result = parse_selinux_err(" op=fscreate");
  CHECK(result.kind == SelinuxErrKind::Malformed);
  CHECK(result.problem == "SELINUX_ERR fscreate_invalid_context report without the invalid context");
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
