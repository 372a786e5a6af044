// Which port types are generic: the ones that label wide ranges of ports
// (unreserved_port_t, ephemeral_port_t...) and the initial SID `port`, which
// labels every port no portcon names. A port of such a type may be given a
// specific type (`semanage port -a`); a port that already has a specific type
// belongs to some service and must never be moved to another.
#include <algorithm>

#include "avcsift/policy/policy.hpp"
#include "policy_state.hpp"

namespace avcsift::policy {
namespace {

/// A portcon range this wide is a catch-all, not a service's port (the
/// widest service ranges in Fedora's policy hold 84 ports).
constexpr unsigned kGenericRangeWidth = 256;
/// The kernel's initial SID number of `port` (selinux/flask.h order).
constexpr std::uint32_t kPortInitialSid = 9;

}  // namespace

std::vector<std::string> Policy::generic_port_types() const {
  const policydb_t& db = state_->db();
  std::vector<std::string> types;
  const auto add = [&](const context_struct_t& context) {
    if (context.type == 0 || context.type > db.p_types.nprim) return;
    std::string name = db.p_type_val_to_name[context.type - 1];
    if (std::find(types.begin(), types.end(), name) == types.end()) types.push_back(std::move(name));
  };
  for (const ocontext_t* c = db.ocontexts[OCON_PORT]; c != nullptr; c = c->next) {
    const unsigned width = static_cast<unsigned>(c->u.port.high_port) - c->u.port.low_port + 1;
    if (width >= kGenericRangeWidth) add(c->context[0]);
  }
  for (const ocontext_t* c = db.ocontexts[OCON_ISID]; c != nullptr; c = c->next) {
    if (c->sid[0] == kPortInitialSid) add(c->context[0]);
  }
  std::sort(types.begin(), types.end());
  return types;
}

}  // namespace avcsift::policy
