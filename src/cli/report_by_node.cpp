#include "report_by_node.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace avcsift::cli {

std::vector<emit::NodeEntry> by_node_entries(const NodeTally& tally, const std::vector<explain::Finding>& findings) {
  // Where each denial finding stands in the report (hidden failures and
  // SELINUX_ERR reports are not tallied per host).
  std::map<FindingKey, std::size_t> index_of;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    if (f.kind == explain::FindingKind::Denial) index_of.emplace(FindingKey{f.source_type, f.target_type, f.tclass}, i);
  }
  std::vector<std::optional<std::size_t>> index_of_id;
  index_of_id.reserve(tally.keys().size());
  for (const auto& key : tally.keys()) {
    const auto it = index_of.find(key);
    index_of_id.push_back(it == index_of.end() ? std::nullopt : std::optional(it->second));
  }
  const auto hosts_of = tally.hosts_per_finding();

  std::vector<emit::NodeEntry> entries;
  entries.reserve(tally.hosts().size());
  for (const auto& [name, host] : tally.hosts()) {
    emit::NodeEntry entry{name, host.first_seen, host.last_seen, host.denials, {}, {}};
    for (const std::uint32_t id : host.findings) {
      if (!index_of_id[id]) continue;  // set aside by --ignore
      entry.findings.push_back(*index_of_id[id]);
      if (hosts_of[id] == 1) entry.only_here.push_back(*index_of_id[id]);
    }
    std::sort(entry.findings.begin(), entry.findings.end());
    std::sort(entry.only_here.begin(), entry.only_here.end());
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace avcsift::cli
