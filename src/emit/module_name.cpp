#include "avcsift/emit/module_name.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "avcsift/model/identifier.hpp"

namespace avcsift::emit {
namespace {

// Keywords of checkpolicy's policy language (its lexer takes them in lower
// or upper case), including the constraint operands u1..t3, l1, h2.
constexpr std::array<std::string_view, 100> kKeywords = {
    "alias", "allow", "allowxperm", "and", "attribute", "attribute_role", "auditallow",
    "auditallowxperm", "auditdeny", "bool", "category", "class", "clone", "common",
    "constrain", "default_range", "default_role", "default_type", "default_user",
    "devicetreecon", "dom", "domby", "dominance", "dontaudit", "dontauditxperm", "else", "eq",
    "expandattribute", "false", "filesystem", "fs_use_task", "fs_use_trans", "fs_use_xattr",
    "fscon", "genfscon", "glblub", "h1", "h2", "high", "ibendportcon", "ibpkeycon", "if",
    "incomp", "inherits", "iomemcon", "ioportcon", "l1", "l2", "level", "low", "mlsconstrain",
    "mlsvalidatetrans", "module", "netifcon", "neverallow", "neverallowxperm", "nodecon",
    "not", "optional", "or", "pcidevicecon", "permissive", "pirqcon", "policycap", "portcon",
    "r1", "r2", "r3", "range", "range_transition", "require", "role", "role_transition",
    "roleattribute", "roles", "sameuser", "sensitivity", "sid", "source", "t1", "t2", "t3",
    "target", "true", "tunable", "type", "type_change", "type_member", "type_transition",
    "typealias", "typeattribute", "typebounds", "types", "u1", "u2", "u3", "user",
    "validatetrans", "xor", "self"};

}  // namespace

bool is_valid_module_name(std::string_view name) {
  if (!is_valid_identifier(name)) return false;
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kKeywords.begin(), kKeywords.end(), lower) == kKeywords.end();
}

}  // namespace avcsift::emit
