#include "avcsift/model/security_context.hpp"

namespace avcsift {

std::optional<SecurityContext> SecurityContext::parse(std::string_view text) {
  // The level itself contains colons (`s0-s0:c0.c1023`), so split only the
  // first three fields and keep the rest whole.
  SecurityContext ctx;
  std::string* fields[] = {&ctx.user, &ctx.role, &ctx.type};
  for (std::string* field : fields) {
    const auto colon = text.find(':');
    if (field != &ctx.type && colon == std::string_view::npos) return std::nullopt;
    const auto part = text.substr(0, colon);
    if (part.empty()) return std::nullopt;
    field->assign(part);
    text = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
    if (field == &ctx.type && colon == std::string_view::npos) return ctx;
  }
  ctx.level.assign(text);
  return ctx;
}

std::string SecurityContext::str() const {
  std::string out = user + ':' + role + ':' + type;
  if (!level.empty()) out += ':' + level;
  return out;
}

}  // namespace avcsift
