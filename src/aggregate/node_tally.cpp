#include "avcsift/aggregate/node_tally.hpp"

#include <string_view>

namespace avcsift {

void NodeTally::add(const Denial& denial) {
  const std::string_view name = host_of(denial.node, local_host_);
  if (denial.granted || name.empty()) return;  // an unnamed host is no host (as in NodeSet)
  const KeyLess::View view{denial.source.type, denial.target.type, denial.tclass};
  auto id = ids_.find(view);
  if (id == ids_.end()) {
    id = ids_.emplace(FindingKey{denial.source.type, denial.target.type, denial.tclass},
                      static_cast<std::uint32_t>(keys_.size())).first;
    keys_.push_back(id->first);
  }
  auto it = hosts_.find(name);
  if (it == hosts_.end()) {
    it = hosts_.emplace(std::string(name), Host{}).first;
    it->second.first_seen = it->second.last_seen = denial.stamp;
  }
  Host& host = it->second;
  widen_span(host.first_seen, host.last_seen, denial.stamp);
  ++host.denials;
  host.findings.insert(id->second);
}

void NodeTally::clear() {
  std::string local_host = std::move(local_host_);
  *this = NodeTally{};
  local_host_ = std::move(local_host);
}

std::vector<std::size_t> NodeTally::hosts_per_finding() const {
  std::vector<std::size_t> counts(keys_.size(), 0);
  for (const auto& [name, host] : hosts_) {
    for (const std::uint32_t id : host.findings) ++counts[id];
  }
  return counts;
}

}  // namespace avcsift
