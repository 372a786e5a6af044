#include "avcsift/parse/context_validation.hpp"

#include "avcsift/model/identifier.hpp"

namespace avcsift::parse {
namespace {

bool is_valid_level(std::string_view level) {
  if (level.size() > 4096) return false;
  for (char c : level) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == ',' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool parse_valid_context(std::string_view text, SecurityContext& out, std::string& problem) {
  auto context = SecurityContext::parse(text);
  const auto quoted = [&] {
    std::string out(1, '\'');
    out += escape_for_comment(text);
    out += '\'';
    return out;
  };
  if (!context) {
    problem = quoted() + " is not a user:role:type context";
    return false;
  }
  if (!is_valid_identifier(context->user)) {
    problem = quoted() + " has an invalid user";
  } else if (!is_valid_identifier(context->role)) {
    problem = quoted() + " has an invalid role";
  } else if (!is_valid_identifier(context->type)) {
    problem = quoted() + " has an invalid type";
  } else if (!is_valid_level(context->level)) {
    problem = quoted() + " has an invalid level";
  } else {
    out = std::move(*context);
    return true;
  }
  return false;
}

bool ContextMemo::parse(std::string_view text, SecurityContext& out, std::string& problem) {
  if (const auto found = known_.find(text); found != known_.end()) {
    out = found->second;
    return true;
  }
  if (!parse_valid_context(text, out, problem)) return false;
  if (known_.size() >= kLimit) known_.clear();
  known_.emplace(std::string(text), out);
  return true;
}

}  // namespace avcsift::parse
