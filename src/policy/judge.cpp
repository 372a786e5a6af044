// Policy::judge: audit2why's decision, then what audit2why leaves out.
//
// The order of the reasons is libsepol's (and the kernel's): TE rules, then
// constraints, then RBAC, then typebounds. audit2why stops at the first; we
// also look behind it, because a denial rarely has only one fix: adding the
// missing allow rule is pointless when a constraint would deny the access next.
#include "avcsift/policy/policy.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "boolean_solver.hpp"
#include "bounds_check.hpp"
#include "constraint_check.hpp"
#include "policy_state.hpp"
#include "rbac_check.hpp"
#include "te_override.hpp"

namespace avcsift::policy {
namespace {

void add_unique(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

/// The lines of libsepol's constraint text whose constraint covers one of
/// `permissions`. libsepol lists every failing constraint on any permission
/// the TE rules allow, requested or not.
std::vector<std::string> relevant_lines(const char* buffer,
                                        const std::vector<std::string>& permissions) {
  std::vector<std::string> lines;
  std::string_view text = buffer == nullptr ? std::string_view() : std::string_view(buffer);
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const auto open = line.find(" { ");
    const auto close = line.find(" } (");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) continue;
    const std::string perms = " " + std::string(line.substr(open + 3, close - open - 3)) + " ";
    const bool relevant = std::any_of(permissions.begin(), permissions.end(), [&](const auto& p) {
      return perms.find(" " + p + " ") != std::string::npos;
    });
    if (relevant) lines.emplace_back(line);
  }
  return lines;
}

/// One judge() call: each step adds what it finds to the verdict.
class Judgement {
 public:
  Judgement(policydb_t& db, TeRules& te, ContextTable& contexts, const AccessQuery& query,
            const PolicyContext& source, const PolicyContext& target)
      : db_(db), te_(te), contexts_(contexts), query_(query), source_(source), target_(target) {}

  /// Names the policy lacks; false when the TE question cannot even be asked.
  bool resolve_names();
  /// libsepol's decision, as audit2why asks for it but without typebounds
  /// (check_bounds does those); false when it fails.
  bool decide();
  /// TE: a boolean that would allow it, else a dontaudit rule, else a missing
  /// rule. False when the access is TE-allowed but the rest of the decision
  /// hangs on a user, role or level the policy does not define.
  bool check_te();
  /// Constraints: libsepol's text for what it checked, ours for what the TE
  /// denial hid from it.
  void check_constraints();
  /// RBAC: role changes without role allow, roles that may not hold the type.
  void check_rbac();
  /// Typebounds: what the bounding parents may not do of what the rest allows.
  void check_bounds();
  /// The verdict: the first reason, the others, the first cause.
  Verdict finish(Reason fallback);

 private:
  void found(Reason reason, std::vector<std::string> causes) {
    reasons_.push_back(reason);
    if (causes_.empty()) causes_ = std::move(causes);
  }

  policydb_t& db_;
  TeRules& te_;
  ContextTable& contexts_;
  const AccessQuery& query_;
  const PolicyContext& source_;
  const PolicyContext& target_;
  Verdict verdict_;
  std::uint32_t tclass_ = 0;
  sepol_access_vector_t requested_ = 0;
  bool contexts_usable_ = false;  // no stand-ins, or none that matter to this class
  sepol_av_decision avd_{};
  unsigned int sepol_reason_ = 0;
  std::unique_ptr<char, MallocFree> sepol_text_;
  sepol_access_vector_t te_denied_ = 0;
  sepol_access_vector_t constraint_denied_ = 0;
  std::vector<Reason> reasons_;
  std::vector<std::string> causes_;  // of the first reason that has any
};

bool Judgement::resolve_names() {
  std::vector<std::string>& undefined = verdict_.undefined_names;
  if (!source_.type_known) add_unique(undefined, "type " + query_.source.type);
  if (!target_.type_known) add_unique(undefined, "type " + query_.target.type);
  const auto* cls = find_symbol<class_datum_t>(db_.p_classes, query_.tclass);
  if (cls == nullptr) add_unique(undefined, "class " + query_.tclass);
  bool perms_known = cls != nullptr;
  if (cls != nullptr) {
    for (const std::string& perm : query_.permissions) {
      const sepol_access_vector_t bit = permission_bit(*cls, perm);
      if (bit == 0) add_unique(undefined, "permission " + perm + " of class " + query_.tclass);
      perms_known = perms_known && bit != 0;
      requested_ |= bit;
    }
  }
  for (const std::string& name : source_.undefined) add_unique(undefined, name);
  for (const std::string& name : target_.undefined) add_unique(undefined, name);
  verdict_.permissive_domain =
      source_.type_known && ebitmap_get_bit(&db_.permissive_map, source_.context.type) != 0;
  if (!source_.type_known || !target_.type_known || !perms_known) return false;
  tclass_ = cls->s.value;
  contexts_usable_ = (source_.complete() && target_.complete()) ||
                     !class_depends_on_full_context(db_, tclass_);
  return true;
}

bool Judgement::decide() {
  // libsepol drops the permissions TE denies before it looks further: when
  // TE denies every requested one, its answer is TE's alone (constraints,
  // RBAC and bounds only ever take away what TE allowed). That answer comes
  // from the same TE computation without the constraint evaluation, which
  // formats every expression of the class and is most of libsepol's cost.
  const TeDecision te = te_.decision(source_.context.type, target_.context.type, tclass_);
  if ((requested_ & te.allowed) == 0) {
    avd_.allowed = te.allowed;
    avd_.decided = ~sepol_access_vector_t{0};
    avd_.auditdeny = te.auditdeny;
    sepol_reason_ = SEPOL_COMPUTEAV_TE;
    return true;
  }
  // The rest of libsepol's decision, step for step (context_struct_compute_av
  // in services.c): constraints on what TE allows, then the role change of a
  // process transition. libsepol formats the text of every constraint it
  // evaluates, which made its call ten times the cost of the evaluation
  // itself; its text is wanted only when a constraint denies, so only then is
  // it asked (below). Typebounds are check_bounds()'s.
  const context_struct_t& scon = source_.context;
  const context_struct_t& tcon = target_.context;
  avd_.allowed = allowed_by_constraints(db_, tclass_, te.allowed, scon, tcon);
  avd_.decided = ~sepol_access_vector_t{0};
  avd_.auditdeny = te.auditdeny;
  sepol_access_vector_t still = requested_;
  sepol_reason_ = 0;
  if ((still & ~te.allowed) != 0) {
    sepol_reason_ |= SEPOL_COMPUTEAV_TE;
    still &= te.allowed;
  }
  if ((still & ~avd_.allowed) != 0) {
    sepol_reason_ |= SEPOL_COMPUTEAV_CONS;
    still &= avd_.allowed;
  }
  if (tclass_ == db_.process_class && (avd_.allowed & db_.process_trans_dyntrans) != 0 &&
      scon.role != tcon.role) {
    const role_allow_t* rule = db_.role_allow;
    while (rule != nullptr && (rule->role != scon.role || rule->new_role != tcon.role)) rule = rule->next;
    if (rule == nullptr) avd_.allowed &= ~db_.process_trans_dyntrans;
  }
  if ((still & ~avd_.allowed) != 0) sepol_reason_ |= SEPOL_COMPUTEAV_RBAC;
  if ((sepol_reason_ & SEPOL_COMPUTEAV_CONS) == 0) return true;
  // A constraint denies: libsepol's own text of it, as audit2why prints it.
  // libsepol would repeat the TE walk just done; give it the answer instead
  // (te_override.hpp).
  const BoundsOff no_bounds(db_, source_.context.type);
  const TeOverride known_te(db_, source_.context.type, target_.context.type, tclass_, te);
  char* text = nullptr;
  const int rc = sepol_compute_av_reason_buffer(source_.sid, target_.sid,
                                                static_cast<sepol_security_class_t>(tclass_),
                                                requested_, &avd_, &sepol_reason_, &text, 0);
  sepol_text_.reset(text);
  if (rc < 0) causes_.push_back("libsepol could not compute the access decision");
  return rc >= 0;
}

bool Judgement::check_te() {
  if ((sepol_reason_ & SEPOL_COMPUTEAV_TE) == 0) return contexts_usable_;
  const TeAccess te = te_.lookup(source_.context.type, target_.context.type, tclass_);
  te_denied_ = requested_ & ~te.allowed;
  if (te_denied_ == 0) te_denied_ = requested_ & ~avd_.allowed;  // cannot happen; trust libsepol
  verdict_.boolean_fixes = find_boolean_fixes(db_, te_, te, requested_);
  if (!verdict_.boolean_fixes.empty()) {
    found(Reason::Boolean, {});
  } else if ((requested_ & ~avd_.auditdeny) != 0) {
    found(Reason::DontAudit, {});
  } else {
    found(Reason::MissingTeRule, {});
  }
  return true;
}

void Judgement::check_constraints() {
  const bool libsepol_denied = (sepol_reason_ & SEPOL_COMPUTEAV_CONS) != 0;
  if (!contexts_usable_ || (!libsepol_denied && te_denied_ == 0)) return;
  verdict_.constraints = relevant_lines(sepol_text_.get(), query_.permissions);
  std::vector<std::string> causes;
  for (FailedConstraint& failed : failing_constraints(db_, tclass_, requested_, source_, target_)) {
    constraint_denied_ |= failed.permissions & requested_;
    add_unique(verdict_.constraints, std::move(failed.text));
    for (std::string& cause : failed.causes) add_unique(causes, std::move(cause));
    for (LevelMismatch& level : failed.levels) {
      auto& all = verdict_.level_mismatches;
      if (std::find(all.begin(), all.end(), level) == all.end()) all.push_back(std::move(level));
    }
  }
  if (libsepol_denied && (constraint_denied_ & ~te_denied_) == 0) {
    constraint_denied_ |= requested_ & ~te_denied_ & ~avd_.allowed;  // cannot happen; trust libsepol
  }
  if (constraint_denied_ != 0) found(Reason::Constraint, std::move(causes));
}

void Judgement::check_rbac() {
  RbacFinding rbac = policy::check_rbac(db_, source_, target_, tclass_, requested_);
  if (rbac.denied != 0) found(Reason::Rbac, std::move(rbac.causes));
}

void Judgement::check_bounds() {
  // What the rest allows is avd_.allowed (libsepol ran without bounds); only
  // requested permissions count (libsepol also flags unrequested ones).
  if (!contexts_usable_) return;
  const sepol_access_vector_t bounded =
      requested_ & bounds_masked(db_, contexts_, source_, target_, tclass_, avd_.allowed);
  if (bounded == 0) return;
  const std::uint32_t parent = db_.type_val_to_struct[source_.context.type - 1]->bounds;
  found(Reason::Bounds, {source_.type_name + " exceeds its typebounds parent " +
                         db_.p_type_val_to_name[parent - 1] + ": " +
                         permission_names(db_, tclass_, bounded)});
}

Verdict Judgement::finish(Reason fallback) {
  verdict_.reason = reasons_.empty() ? fallback : reasons_.front();
  if (reasons_.size() > 1) verdict_.other_reasons.assign(reasons_.begin() + 1, reasons_.end());
  verdict_.cause = join(causes_);
  return std::move(verdict_);
}

}  // namespace

Verdict Policy::judge(const AccessQuery& query) {
  State& st = *state_;
  Judgement j(st.db(), *st.te, *st.contexts, query, st.contexts->resolve(query.source),
              st.contexts->resolve(query.target));
  // An unknown type, class or permission leaves nothing to judge.
  if (!j.resolve_names()) return j.finish(Reason::NotInPolicy);
  // libsepol's answer and reason bits, as audit2why gets them.
  if (!j.decide()) return j.finish(Reason::Unknown);
  // TE first; an allowed access that hangs on undefined names stops here.
  if (!j.check_te()) return j.finish(Reason::NotInPolicy);
  // Then what libsepol checks after TE, and what the TE denial hid.
  j.check_constraints();
  j.check_rbac();
  j.check_bounds();
  // No reason found: the policy allows it.
  return j.finish(Reason::Allowed);
}

}  // namespace avcsift::policy
