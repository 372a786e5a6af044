#include "avcsift/parse/selinux_err_parser.hpp"

#include <algorithm>

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

/// The fields of every form, first occurrence of each.
struct ErrFields {
  std::string_view op, reason, invalid, scontext, tcontext, oldcontext, newcontext, taskcontext, tclass, perms;
  std::string invalid_text;  ///< invalid_context decoded (quoted or hex).
};

ErrFields scan(std::string_view body) {
  ErrFields f;
  FieldScanner scanner(body);
  Field field;
  const auto first = [](std::string_view& slot, std::string_view value) {
    if (slot.empty()) slot = value;
  };
  while (scanner.next(field)) {
    if (key_is(field.key, "op")) first(f.op, field.value);
    else if (key_is(field.key, "reason")) first(f.reason, field.value);
    else if (key_is(field.key, "invalid_context") && f.invalid.empty()) {
      f.invalid = field.value;
      f.invalid_text = decode_untrusted(field);
    }
    else if (key_is(field.key, "scontext")) first(f.scontext, field.value);
    else if (key_is(field.key, "tcontext")) first(f.tcontext, field.value);
    else if (key_is(field.key, "oldcontext")) first(f.oldcontext, field.value);
    else if (key_is(field.key, "newcontext")) first(f.newcontext, field.value);
    else if (key_is(field.key, "taskcontext")) first(f.taskcontext, field.value);
    else if (key_is(field.key, "tclass")) first(f.tclass, field.value);
    else if (key_is(field.key, "perms")) first(f.perms, field.value);
  }
  return f;
}

SelinuxErrParse compute_sid(std::string_view invalid, const ErrFields& f) {
  if (invalid.empty()) return malformed("SELINUX_ERR compute_sid report without the invalid context");
  SelinuxErrParse result;
  std::string problem;
  if (!parse_valid_context(invalid, result.report.context, problem)) {
    return malformed("SELINUX_ERR invalid context " + problem);
  }
  // The computation's own contexts are context for humans; a bad one does
  // not make the report unusable.
  if (!f.scontext.empty()) parse_valid_context(f.scontext, result.report.source, problem);
  if (!f.tcontext.empty()) parse_valid_context(f.tcontext, result.report.target, problem);
  if (is_valid_identifier(f.tclass)) result.report.tclass.assign(f.tclass);
  result.kind = SelinuxErrKind::InvalidContext;
  return result;
}

/// A context the report cannot do without (it names the types of a rule).
bool required_context(std::string_view name, std::string_view text, SecurityContext& out, std::string& problem) {
  if (text.empty()) {
    problem = "without " + std::string(name);
    return false;
  }
  std::string why;
  if (parse_valid_context(text, out, why)) return true;
  problem = std::string(name) + ' ' + why;
  return false;
}

SelinuxErrParse known_error(SelinuxErrorKind kind, const ErrFields& f) {
  SelinuxErrParse result;
  result.kind = SelinuxErrKind::Error;
  SelinuxError& error = result.error;
  error.kind = kind;
  std::string problem;
  const std::string what = std::string("SELINUX_ERR ") + selinux_error_name(kind) + " report ";
  switch (kind) {
    case SelinuxErrorKind::BoundedTransition:
    case SelinuxErrorKind::ValidateTransition:
      if (!required_context("oldcontext", f.oldcontext, error.old_context, problem) ||
          !required_context("newcontext", f.newcontext, error.new_context, problem)) {
        return malformed(what + problem);
      }
      if (!f.taskcontext.empty()) parse_valid_context(f.taskcontext, error.task_context, problem);
      break;
    case SelinuxErrorKind::BoundsMasked:
      if (!required_context("scontext", f.scontext, error.old_context, problem) ||
          !required_context("tcontext", f.tcontext, error.new_context, problem)) {
        return malformed(what + problem);
      }
      // perms=write,append; "????" stands for a permission the kernel could not name.
      for (std::size_t at = 0; at <= f.perms.size() && !f.perms.empty();) {
        const std::size_t comma = std::min(f.perms.find(',', at), f.perms.size());
        const std::string_view perm = f.perms.substr(at, comma - at);
        if (is_valid_identifier(perm)) error.permissions.emplace_back(perm);
        at = comma + 1;
      }
      std::sort(error.permissions.begin(), error.permissions.end());
      error.permissions.erase(std::unique(error.permissions.begin(), error.permissions.end()),
                              error.permissions.end());
      break;
    case SelinuxErrorKind::MlsCopyInvalid:
    case SelinuxErrorKind::SetxattrInvalid:
    case SelinuxErrorKind::FscreateInvalid:
      if (f.invalid.empty()) return malformed(what + "without the invalid context");
      error.invalid_context = f.invalid_text;
      break;
  }
  if (is_valid_identifier(f.tclass)) error.tclass.assign(f.tclass);
  return result;
}

}  // namespace

SelinuxErrParse parse_selinux_err(std::string_view body) {
  const ErrFields f = scan(body);
  if (body.find("security_compute_sid:") != std::string_view::npos &&
      body.find("invalid context ") != std::string_view::npos) {
    // The old form: the context is a bare word after "invalid context".
    auto rest = body.substr(body.find("invalid context ") + 16);
    while (rest.starts_with(' ')) rest.remove_prefix(1);
    return compute_sid(rest.substr(0, std::min(rest.find(' '), rest.size())), f);
  }
  if (f.op == "security_compute_sid") return compute_sid(f.invalid, f);
  if (f.op == "security_bounded_transition") return known_error(SelinuxErrorKind::BoundedTransition, f);
  if (f.op == "security_validate_transition") return known_error(SelinuxErrorKind::ValidateTransition, f);
  if (f.op == "security_compute_av" && f.reason == "bounds") return known_error(SelinuxErrorKind::BoundsMasked, f);
  if (f.op == "security_sid_mls_copy") return known_error(SelinuxErrorKind::MlsCopyInvalid, f);
  if (f.op == "setxattr" && !f.invalid.empty()) return known_error(SelinuxErrorKind::SetxattrInvalid, f);
  if (f.op == "fscreate") return known_error(SelinuxErrorKind::FscreateInvalid, f);
  return {};
}

}  // namespace avcsift::parse
