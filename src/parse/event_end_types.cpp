#include "event_end_types.hpp"

#include <auparse.h>

namespace avcsift::parse {
namespace {

/// Asks libauparse: a record of `type` followed by an AVC of the same stamp.
/// If the first record ended its event, the first event holds only it.
bool libauparse_ends_event(std::string_view type) {
  std::string probe = "type=";
  probe.append(type);
  probe += " msg=audit(1.000:1): x=1\ntype=AVC msg=audit(1.000:1): x=1\n";
  auparse_state_t* au = auparse_init(AUSOURCE_BUFFER, probe.c_str());
  if (au == nullptr) return false;
  const bool ends = auparse_next_event(au) > 0 && auparse_get_num_records(au) == 1;
  auparse_destroy(au);
  return ends;
}

}  // namespace

bool EventEndTypes::ends_event(std::string_view type) {
  key_.assign(type);
  if (const auto found = known_.find(key_); found != known_.end()) return found->second;
  const bool ends = libauparse_ends_event(type);
  if (known_.size() < kMaxRemembered) known_.emplace(key_, ends);
  return ends;
}

}  // namespace avcsift::parse
