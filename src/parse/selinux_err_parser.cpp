#include "avcsift/parse/selinux_err_parser.hpp"

#include "avcsift/model/identifier.hpp"
#include "avcsift/parse/context_validation.hpp"
#include "avcsift/parse/field_scanner.hpp"

namespace avcsift::parse {
namespace {

SelinuxErrParse malformed(std::string problem) {
  SelinuxErrParse result;
  result.kind = SelinuxErrKind::Malformed;
  result.problem = std::move(problem);
  return result;
}

}  // namespace

SelinuxErrParse parse_selinux_err(std::string_view body) {
  std::string_view invalid;
  std::string_view scontext, tcontext, tclass;
  const bool old_form = body.find("security_compute_sid:") != std::string_view::npos &&
                        body.find("invalid context ") != std::string_view::npos;
  if (old_form) {
    // The context is a bare word after "invalid context".
    auto rest = body.substr(body.find("invalid context ") + 16);
    while (rest.starts_with(' ')) rest.remove_prefix(1);
    invalid = rest.substr(0, std::min(rest.find(' '), rest.size()));
  }
  FieldScanner scanner(body);
  Field field;
  bool compute_sid = old_form;
  while (scanner.next(field)) {
    if (key_is(field.key, "op") && field.value == "security_compute_sid") compute_sid = true;
    else if (key_is(field.key, "invalid_context") && invalid.empty()) invalid = field.value;
    else if (key_is(field.key, "scontext") && scontext.empty()) scontext = field.value;
    else if (key_is(field.key, "tcontext") && tcontext.empty()) tcontext = field.value;
    else if (key_is(field.key, "tclass") && tclass.empty()) tclass = field.value;
  }
  if (!compute_sid) return {};
  if (invalid.empty()) return malformed("SELINUX_ERR compute_sid report without the invalid context");

  SelinuxErrParse result;
  std::string problem;
  if (!parse_valid_context(invalid, result.report.context, problem)) {
    return malformed("SELINUX_ERR invalid context " + problem);
  }
  // The computation's own contexts are context for humans; a bad one does
  // not make the report unusable.
  if (!scontext.empty()) parse_valid_context(scontext, result.report.source, problem);
  if (!tcontext.empty()) parse_valid_context(tcontext, result.report.target, problem);
  if (is_valid_identifier(tclass)) result.report.tclass.assign(tclass);
  result.kind = SelinuxErrKind::InvalidContext;
  return result;
}

}  // namespace avcsift::parse
