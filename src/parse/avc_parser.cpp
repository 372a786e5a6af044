#include "avcsift/parse/avc_parser.hpp"

#include <algorithm>
#include <charconv>

#include "avcsift/model/identifier.hpp"
#include "avcsift/parse/context_validation.hpp"
#include "avcsift/parse/field_scanner.hpp"

namespace avcsift::parse {
namespace {

using std::string_view;

bool is_space(char c) { return c == ' ' || c == '\t'; }

string_view skip_spaces(string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return text;
}

AvcParse malformed(std::string problem) {
  AvcParse result;
  result.kind = AvcKind::Malformed;
  result.problem = std::move(problem);
  return result;
}

/// USER_AVC carries the AVC text inside `msg='...'`; returns it, or the body
/// itself when there is no such wrapper.
string_view unwrap_user_avc(string_view body) {
  const auto start = body.find("msg='");
  if (start == string_view::npos) return body;
  string_view inner = body.substr(start + 5);
  const auto close = inner.rfind('\'');
  return close == string_view::npos ? inner : inner.substr(0, close);
}

std::optional<std::uint32_t> parse_number(string_view text, int base) {
  if (base == 16 && (text.starts_with("0x") || text.starts_with("0X"))) text.remove_prefix(2);
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// Stores `value` into `slot` once; a second, different value for the same
/// key means the record is ambiguous (possibly forged), so it is refused.
template <typename Slot>
bool set_once(Slot& slot, bool& seen, string_view value) {
  if (seen) return slot == value;
  slot = value;
  seen = true;
  return true;
}

}  // namespace

AvcParse parse_avc(string_view body, DecisionOrigin origin, ContextMemo* contexts) {
  string_view text = origin == DecisionOrigin::Userspace ? unwrap_user_avc(body) : body;
  const auto avc = text.find("avc:");
  if (avc == string_view::npos) {
    if (origin == DecisionOrigin::Userspace) return AvcParse{AvcKind::OtherNotice, {}, {}};
    return malformed("AVC record without 'avc:'");
  }
  text = skip_spaces(text.substr(avc + 4));

  AvcParse result;
  Denial& denial = result.denial;
  denial.origin = origin;
  if (text.starts_with("denied")) {
    text.remove_prefix(6);
  } else if (text.starts_with("granted")) {
    denial.granted = true;
    text.remove_prefix(7);
  } else if (text.starts_with("received policyload notice")) {
    return AvcParse{AvcKind::PolicyLoad, {}, {}};
  } else {
    return AvcParse{AvcKind::OtherNotice, {}, {}};
  }

  // `{ perm perm }` comes before the fields.
  text = skip_spaces(text);
  if (!text.starts_with('{')) return malformed("AVC record without a '{ permissions }' list");
  const auto close = text.find('}');
  if (close == string_view::npos) return malformed("AVC permission list has no closing '}'");
  string_view perms = text.substr(1, close - 1);
  text.remove_prefix(close + 1);
  while (!(perms = skip_spaces(perms)).empty()) {
    const auto end = std::min(perms.find_first_of(" \t"), perms.size());
    const string_view perm = perms.substr(0, end);
    if (!is_valid_identifier(perm)) {
      return malformed("invalid permission name '" + escape_for_comment(perm) + "'");
    }
    denial.permissions.emplace_back(perm);
    // The kernel never repeats a name; a list this long is refused rather than
    // cut short (cutting it would drop the names after the repeats).
    if (denial.permissions.size() > kMaxPermissionNames) {
      return malformed("AVC record lists more than " + std::to_string(kMaxPermissionNames) + " permission names");
    }
    perms.remove_prefix(end);
  }
  std::sort(denial.permissions.begin(), denial.permissions.end());
  denial.permissions.erase(std::unique(denial.permissions.begin(), denial.permissions.end()),
                           denial.permissions.end());
  if (denial.permissions.empty()) return malformed("AVC record with an empty permission list");
  if (denial.permissions.size() > kMaxPermissionsPerRecord) {
    return malformed("AVC record names more than " + std::to_string(kMaxPermissionsPerRecord) + " permissions");
  }

  string_view scontext, tcontext;  // views into the body, parsed below
  bool seen_s = false, seen_t = false, seen_c = false;
  FieldScanner scanner(text);
  Field field;
  while (scanner.next(field)) {
    const string_view key = field.key;
    if (key_is(key, "scontext")) {
      if (!set_once(scontext, seen_s, field.value)) return malformed("conflicting scontext= values");
    } else if (key_is(key, "tcontext")) {
      if (!set_once(tcontext, seen_t, field.value)) return malformed("conflicting tcontext= values");
    } else if (key_is(key, "tclass")) {
      if (!set_once(denial.tclass, seen_c, field.value)) return malformed("conflicting tclass= values");
    } else if (key_is(key, "comm")) {
      if (denial.comm.empty()) denial.comm = decode_untrusted(field);
    } else if (key_is(key, "exe")) {
      // USER_AVC's exe= names the object manager (dbus-daemon, systemd), not
      // the subject, so only the kernel's is the denied program.
      if (origin == DecisionOrigin::Kernel && denial.exe.empty()) denial.exe = decode_untrusted(field);
    } else if (key_is(key, "path")) {
      if (denial.path.empty()) denial.path = decode_untrusted(field);
    } else if (key_is(key, "name")) {
      if (denial.name.empty()) denial.name = decode_untrusted(field);
    } else if (key_is(key, "permissive")) {
      if (field.value == "0" || field.value == "1") denial.permissive = field.value == "1";
    } else if (key_is(key, "ioctlcmd")) {
      denial.ioctl_command = parse_number(field.value, 16);
    } else if (key_is(key, "src") || key_is(key, "dest") || key_is(key, "lport")) {
      if (!denial.port) denial.port = parse_number(field.value, 10);
    }
  }

  if (!seen_s) return malformed("AVC record without scontext=");
  if (!seen_t) return malformed("AVC record without tcontext=");
  if (!seen_c) return malformed("AVC record without tclass=");
  if (!is_valid_identifier(denial.tclass)) {
    return malformed("invalid class name '" + escape_for_comment(denial.tclass) + "'");
  }
  std::string problem;
  const auto parse_context = [&](string_view text, SecurityContext& out) {
    return contexts != nullptr ? contexts->parse(text, out, problem)
                               : parse_valid_context(text, out, problem);
  };
  if (!parse_context(scontext, denial.source)) return malformed("scontext " + problem);
  if (!parse_context(tcontext, denial.target)) return malformed("tcontext " + problem);
  result.kind = AvcKind::Decision;
  return result;
}

}  // namespace avcsift::parse
