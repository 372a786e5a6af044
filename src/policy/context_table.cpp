#include "context_table.hpp"

#include <new>

namespace avcsift::policy {
namespace {

std::string_view trim_to(std::string_view text, char stop) {
  const auto at = text.find(stop);
  return at == std::string_view::npos ? text : text.substr(0, at);
}

}  // namespace

const PolicyContext& ContextTable::resolve(const SecurityContext& context) {
  std::string key = context.str();
  if (const auto found = cache_.find(key); found != cache_.end()) return *found->second;

  auto out = std::make_unique<PolicyContext>();
  out->type_name = context.type;
  out->user_name = context.user;
  out->role_name = context.role;

  const std::uint32_t type = type_value(db_, context.type);
  out->type_known = type != 0 && !is_attribute(db_, type);
  out->context.type = out->type_known ? type : 0;

  const auto* user = find_symbol<user_datum_t>(db_.p_users, context.user);
  out->user_known = user != nullptr;
  out->context.user = user != nullptr ? user->s.value : 1;
  if (user == nullptr) out->undefined.push_back("user " + context.user);

  const auto* role = find_symbol<role_datum_t>(db_.p_roles, context.role);
  out->role_known = role != nullptr && role->flavor == ROLE_ROLE;
  out->context.role = out->role_known ? role->s.value : OBJECT_R_VAL;
  if (!out->role_known) out->undefined.push_back("role " + context.role);

  resolve_level(context.level, *out);

  if (out->type_known) {
    // Each context reaches the table once (we cache by text), so take the
    // next SID directly; sepol_sidtab_context_to_sid would first scan the
    // whole table for an equal context.
    out->sid = sidtab_.next_sid;
    if (sepol_sidtab_insert(&sidtab_, out->sid, &out->context) < 0) throw std::bad_alloc();
  }
  return *cache_.emplace(std::move(key), std::move(out)).first->second;
}

sepol_security_id_t ContextTable::with_type(sepol_security_id_t sid,
                                            const context_struct_t& context,
                                            std::uint32_t type) {
  const std::uint64_t key = (std::uint64_t{sid} << 32) | type;
  if (const auto found = retyped_.find(key); found != retyped_.end()) return found->second;
  context_struct_t copy;
  context_init(&copy);
  if (context_cpy(&copy, &context) < 0) throw std::bad_alloc();
  copy.type = type;
  const sepol_security_id_t retyped = sidtab_.next_sid;
  const int rc = sepol_sidtab_insert(&sidtab_, retyped, &copy);
  context_destroy(&copy);
  if (rc < 0) throw std::bad_alloc();
  retyped_.emplace(key, retyped);
  return retyped;
}

void ContextTable::resolve_level(const std::string& text, PolicyContext& out) const {
  if (db_.mls == 0) {  // the policy ignores levels; so do we
    out.level_known = true;
    return;
  }
  const auto dash = text.find('-');
  const std::string_view low = std::string_view(text).substr(0, dash);
  const std::string_view high =
      dash == std::string::npos ? low : std::string_view(text).substr(dash + 1);
  out.low_level = std::string(low);
  out.high_level = std::string(high);
  std::vector<std::string> undefined;
  const bool ok = !text.empty() && parse_level(low, out.context.range.level[0], undefined) &&
                  parse_level(high, out.context.range.level[1], undefined);
  out.level_known = ok && undefined.empty();
  if (out.level_known) return;
  if (undefined.empty()) undefined.push_back("level \"" + text + "\"");
  out.undefined.insert(out.undefined.end(), undefined.begin(), undefined.end());
  // The lowest level stands in for the unknown one.
  for (mls_level_t& level : out.context.range.level) {
    mls_level_destroy(&level);
    level.sens = 1;
  }
}

bool ContextTable::parse_level(std::string_view text, mls_level_t& level,
                               std::vector<std::string>& undefined) const {
  // `s0`, `s0:c1`, `s0:c0.c5,c9` (the kernel's level syntax).
  const std::string_view sens_name = trim_to(text, ':');
  const auto* sens = find_symbol<level_datum_t>(db_.p_levels, sens_name);
  if (sens_name.empty()) return false;
  if (sens == nullptr) {
    undefined.push_back("sensitivity " + std::string(sens_name));
  } else {
    level.sens = sens->level->sens;
  }
  if (sens_name.size() == text.size()) return true;
  std::string_view cats = text.substr(sens_name.size() + 1);
  while (!cats.empty()) {
    const std::string_view item = trim_to(cats, ',');
    cats.remove_prefix(item.size() == cats.size() ? item.size() : item.size() + 1);
    const std::string_view first_name = trim_to(item, '.');
    const std::string_view last_name =
        first_name.size() == item.size() ? first_name : item.substr(first_name.size() + 1);
    if (first_name.empty() || last_name.empty()) return false;
    const auto* first = find_symbol<cat_datum_t>(db_.p_cats, first_name);
    const auto* last = find_symbol<cat_datum_t>(db_.p_cats, last_name);
    if (first == nullptr) undefined.push_back("category " + std::string(first_name));
    if (last == nullptr && last_name != first_name) {
      undefined.push_back("category " + std::string(last_name));
    }
    if (first == nullptr || last == nullptr) continue;
    if (first->s.value > last->s.value) return false;
    for (std::uint32_t value = first->s.value; value <= last->s.value; ++value) {
      if (ebitmap_set_bit(&level.cat, value - 1, 1) < 0) throw std::bad_alloc();
    }
  }
  return true;
}

}  // namespace avcsift::policy
