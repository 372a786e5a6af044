#include "avcsift/explain/verdict_cache.hpp"

namespace avcsift::explain {
namespace {

void append_context(std::string& key, const SecurityContext& context) {
  key += context.user;
  key += ':';
  key += context.role;
  key += ':';
  key += context.type;
  key += ':';
  key += context.level;
}

}  // namespace


bool VerdictCache::depends_on_full_context(const std::string& tclass) {
  const auto found = class_needs_contexts_.find(tclass);
  if (found != class_needs_contexts_.end()) return found->second;
  const bool needs = oracle_->depends_on_full_context(tclass);
  class_needs_contexts_.emplace(tclass, needs);
  return needs;
}

const std::string& VerdictCache::context_problem(const SecurityContext& context) {
  context_key_.clear();
  append_context(context_key_, context);
  const auto found = context_problems_.find(context_key_);
  if (found != context_problems_.end()) return found->second;
  std::string problem = oracle_->context_problem(context);
  return context_problems_.emplace(context_key_, std::move(problem)).first->second;
}

const Verdict& VerdictCache::verdict_for(const Denial& denial) {
  ++lookups_;
  if (oracle_ == nullptr) return unknown_;
  // Most denials repeat one seen before, with the very same contexts: one
  // lookup by everything the verdict depends on answers them, without the
  // per-context checks below. Fields are joined with a byte no validated
  // name contains.
  denial_key_.clear();
  append_context(denial_key_, denial.source);
  denial_key_ += '\n';
  append_context(denial_key_, denial.target);
  denial_key_ += '\n';
  denial_key_ += denial.tclass;
  for (const auto& perm : denial.permissions) {
    denial_key_ += '\n';
    denial_key_ += perm;
  }
  if (const auto found = by_denial_.find(denial_key_); found != by_denial_.end()) return *found->second;
  // Random MCS categories make every container's denial new: the memo is
  // dropped when it grows large, which keeps memory bounded (the verdicts it
  // points to stay in the maps below).
  if (by_denial_.size() >= kMaxRememberedDenials) by_denial_.clear();
  const Verdict& verdict = compute_verdict(denial);
  by_denial_.emplace(denial_key_, &verdict);
  return verdict;
}

const Verdict& VerdictCache::compute_verdict(const Denial& denial) {
  const Verdict& by_types = type_verdict(denial);
  const std::string& source_problem = context_problem(denial.source);
  const std::string& target_problem = context_problem(denial.target);
  if (source_problem.empty() && target_problem.empty()) return by_types;

  key_ += "\n" + denial.source.str() + "\n" + denial.target.str();
  if (const auto found = context_verdicts_.find(key_); found != context_verdicts_.end()) {
    return found->second;
  }
  Verdict verdict = by_types;
  std::vector<std::string> names;
  std::string cause;
  if (!source_problem.empty()) {
    names.push_back("source context " + denial.source.str());
    cause = "source context: " + source_problem;
  }
  if (!target_problem.empty()) {
    names.push_back("target context " + denial.target.str());
    cause += (cause.empty() ? "" : "; ") + ("target context: " + target_problem);
  }
  if (verdict.reason != Reason::NotInPolicy) {
    if (verdict.reason != Reason::Allowed) verdict.other_reasons.insert(verdict.other_reasons.begin(), verdict.reason);
    verdict.reason = Reason::NotInPolicy;
    verdict.cause = cause;
  }
  verdict.undefined_names.insert(verdict.undefined_names.begin(), names.begin(), names.end());
  return context_verdicts_.emplace(key_, std::move(verdict)).first->second;
}

const Verdict& VerdictCache::type_verdict(const Denial& denial) {
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
