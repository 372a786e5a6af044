#include "avcsift/aggregate/denial_tally.hpp"

namespace avcsift {

void DenialTally::add(const Denial& denial, const Verdict& verdict) {
  if (denial.granted) return;
  DistinctDenialKey key{denial.source.str(), denial.target.str(), denial.tclass, denial.permissions};
  auto [it, inserted] = denials_.try_emplace(std::move(key));
  DistinctDenial& entry = it->second;
  if (inserted) {
    entry.first = denial;
    entry.verdict = verdict;
    entry.first_seen = entry.last_seen = denial.stamp;
  }
  ++entry.count;
  widen_span(entry.first_seen, entry.last_seen, denial.stamp);
  entry.paths.add(denial.path.empty() ? denial.name : denial.path);
  entry.commands.add(denial.comm);
}

}  // namespace avcsift
