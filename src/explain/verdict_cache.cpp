#include "avcsift/explain/verdict_cache.hpp"

namespace avcsift::explain {

bool VerdictCache::depends_on_full_context(const std::string& tclass) {
  const auto found = class_needs_contexts_.find(tclass);
  if (found != class_needs_contexts_.end()) return found->second;
  const bool needs = oracle_->depends_on_full_context(tclass);
  class_needs_contexts_.emplace(tclass, needs);
  return needs;
}

const Verdict& VerdictCache::verdict_for(const Denial& denial) {
  ++lookups_;
  if (oracle_ == nullptr) return unknown_;
  // Fields are joined with a byte that no validated name contains.
  const bool full = depends_on_full_context(denial.tclass);
  key_.clear();
  key_ += full ? denial.source.str() : denial.source.type;
  key_ += '\n';
  key_ += full ? denial.target.str() : denial.target.type;
  key_ += '\n';
  key_ += denial.tclass;
  for (const auto& perm : denial.permissions) {
    key_ += '\n';
    key_ += perm;
  }
  if (const auto found = verdicts_.find(key_); found != verdicts_.end()) return found->second;
  ++queries_;
  const AccessQuery query{denial.source, denial.target, denial.tclass, denial.permissions};
  return verdicts_.emplace(key_, oracle_->judge(query)).first->second;
}

}  // namespace avcsift::explain
