#include "constraint_check.hpp"

#include <algorithm>
#include <optional>

namespace avcsift::policy {
namespace {

/// One evaluated sub-expression: its value, its text in libsepol's form, and
/// when false, why: failed comparisons of source with target (`pair`) and
/// failed name lists (`names`). A `not` that is false has no causes: we
/// explain failures, not why something holds.
struct Term {
  bool value = false;
  std::string text;
  std::vector<std::string> pair;
  std::vector<std::string> names;
  std::vector<LevelMismatch> levels;
};

template <typename T>
void merge(std::vector<T>& into, std::vector<T>& from) {
  for (T& cause : from) {
    if (std::find(into.begin(), into.end(), cause) == into.end()) into.push_back(std::move(cause));
  }
}

const char* op_text(std::uint32_t attr, std::uint32_t op) {
  const bool mls = attr >= CEXPR_L1L2;
  switch (op) {
    case CEXPR_EQ: return mls ? "eq" : "==";
    case CEXPR_NEQ: return "!=";
    case CEXPR_DOM: return "dom";
    case CEXPR_DOMBY: return "domby";
    case CEXPR_INCOMP: return "incomp";
    default: return "?";
  }
}

/// The value of an MLS comparison `l1 OP l2`; nullopt for an unknown op.
std::optional<bool> level_holds(std::uint32_t op, const mls_level_t* l1, const mls_level_t* l2) {
  switch (op) {
    case CEXPR_EQ: return mls_level_eq(l1, l2) != 0;
    case CEXPR_NEQ: return mls_level_eq(l1, l2) == 0;
    case CEXPR_DOM: return mls_level_dom(l1, l2) != 0;
    case CEXPR_DOMBY: return mls_level_dom(l2, l1) != 0;
    case CEXPR_INCOMP: return mls_level_incomp(l2, l1) != 0;
    default: return std::nullopt;
  }
}

/// The two levels an MLS comparison's attr names; false for another attr.
bool level_pair(std::uint32_t attr, const context_struct_t& s, const context_struct_t& t,
                const mls_level_t*& l1, const mls_level_t*& l2) {
  switch (attr) {
    case CEXPR_L1L2: l1 = &s.range.level[0]; l2 = &t.range.level[0]; return true;
    case CEXPR_L1H2: l1 = &s.range.level[0]; l2 = &t.range.level[1]; return true;
    case CEXPR_H1L2: l1 = &s.range.level[1]; l2 = &t.range.level[0]; return true;
    case CEXPR_H1H2: l1 = &s.range.level[1]; l2 = &t.range.level[1]; return true;
    case CEXPR_L1H1: l1 = &s.range.level[0]; l2 = &s.range.level[1]; return true;
    case CEXPR_L2H2: l1 = &t.range.level[0]; l2 = &t.range.level[1]; return true;
    default: return false;
  }
}

/// The value of `u1 == u2`, `r1 dom r2`, ...; nullopt when malformed.
std::optional<bool> attr_holds(const policydb_t& db, const constraint_expr_t& e,
                               const context_struct_t& sc, const context_struct_t& tc) {
  std::uint32_t v1 = 0;
  std::uint32_t v2 = 0;
  switch (e.attr) {
    case CEXPR_USER: v1 = sc.user; v2 = tc.user; break;
    case CEXPR_ROLE: v1 = sc.role; v2 = tc.role; break;
    case CEXPR_TYPE: v1 = sc.type; v2 = tc.type; break;
    default: return std::nullopt;
  }
  const bool is_role = e.attr == CEXPR_ROLE;
  const auto dominates = [&](std::uint32_t role, std::uint32_t other) {
    return ebitmap_get_bit(&db.role_val_to_struct[role - 1]->dominates, other - 1) != 0;
  };
  switch (e.op) {
    case CEXPR_EQ: return v1 == v2;
    case CEXPR_NEQ: return v1 != v2;
    case CEXPR_DOM: return is_role && dominates(sc.role, v2);
    case CEXPR_DOMBY: return is_role && dominates(tc.role, v1);
    case CEXPR_INCOMP: return is_role && !dominates(sc.role, v2) && !dominates(tc.role, v1);
    default: return std::nullopt;
  }
}

/// The value of `t1 == { a b }` and the like; nullopt when malformed or a
/// validatetrans-only operand.
std::optional<bool> names_hold(const constraint_expr_t& e, const context_struct_t& sc,
                               const context_struct_t& tc) {
  if ((e.attr & CEXPR_XTARGET) != 0) return std::nullopt;
  const context_struct_t& c = (e.attr & CEXPR_TARGET) != 0 ? tc : sc;
  std::uint32_t value = 0;
  if ((e.attr & CEXPR_USER) != 0) {
    value = c.user;
  } else if ((e.attr & CEXPR_ROLE) != 0) {
    value = c.role;
  } else if ((e.attr & CEXPR_TYPE) != 0) {
    value = c.type;
  } else {
    return std::nullopt;
  }
  const bool member = ebitmap_get_bit(&e.names, value - 1) != 0;
  switch (e.op) {
    case CEXPR_EQ: return member;
    case CEXPR_NEQ: return !member;
    default: return std::nullopt;
  }
}

/// One constraint's value for two contexts, as libsepol's evaluation gives
/// it, without the text; true when malformed (libsepol does not deny on it).
bool constraint_holds(const policydb_t& db, const constraint_node_t& node,
                      const context_struct_t& sc, const context_struct_t& tc) {
  bool stack[CEXPR_MAXDEPTH];
  int top = -1;
  for (const constraint_expr_t* e = node.expr; e != nullptr; e = e->next) {
    std::optional<bool> leaf;
    switch (e->expr_type) {
      case CEXPR_NOT:
        if (top < 0) return true;
        stack[top] = !stack[top];
        continue;
      case CEXPR_AND:
      case CEXPR_OR:
        if (top < 1) return true;
        --top;
        stack[top] = e->expr_type == CEXPR_AND ? (stack[top] && stack[top + 1])
                                               : (stack[top] || stack[top + 1]);
        continue;
      case CEXPR_ATTR:
        if (e->attr >= CEXPR_L1L2) {
          const mls_level_t* l1 = nullptr;
          const mls_level_t* l2 = nullptr;
          if (level_pair(e->attr, sc, tc, l1, l2)) leaf = level_holds(e->op, l1, l2);
        } else {
          leaf = attr_holds(db, *e, sc, tc);
        }
        break;
      case CEXPR_NAMES: leaf = names_hold(*e, sc, tc); break;
      default: return true;
    }
    if (!leaf || top == CEXPR_MAXDEPTH - 1) return true;
    stack[++top] = *leaf;
  }
  return top != 0 || stack[0];
}

/// What a failed comparison means, in words: `left` and `right` are
/// `the source user (staff_u)` and `the target user (user_u)`.
std::string failed_comparison(const std::string& left, const std::string& right,
                              std::uint32_t op) {
  // "the source user (a) and target user (b)", as audit2why words it.
  const std::string both = left + " and " + right.substr(right.rfind("the ", 0) == 0 ? 4 : 0);
  switch (op) {
    case CEXPR_EQ: return both + " are different";
    case CEXPR_NEQ: return both + " are the same";
    case CEXPR_DOM: return left + " does not dominate " + right;
    case CEXPR_DOMBY: return left + " is not dominated by " + right;
    case CEXPR_INCOMP: return both + " are comparable";
    default: return both + " do not compare as required";
  }
}

class Evaluator {
 public:
  Evaluator(policydb_t& db, const PolicyContext& source, const PolicyContext& target)
      : db_(db), s_(source), t_(target) {}

  /// Evaluates one constraint; fills `failure` when it fails.
  bool passes(std::uint32_t tclass, const constraint_node_t& node, FailedConstraint& failure) {
    stack_.clear();
    bool mls = false;
    for (const constraint_expr_t* e = node.expr; e != nullptr; e = e->next) {
      if (e->attr >= CEXPR_L1L2) mls = true;
      if (!step(*e)) return true;  // malformed: libsepol would not deny on it either
    }
    if (stack_.size() != 1 || stack_.back().value) return true;
    failure.permissions = node.permissions;
    failure.text = std::string(mls ? "mlsconstrain " : "constrain ") +
                   db_.p_class_val_to_name[tclass - 1] + " {" +
                   sepol_av_to_string(&db_, tclass, node.permissions) + " } (" +
                   stack_.back().text + "); Constraint DENIED";
    Term& top = stack_.back();
    failure.causes = top.pair.empty() ? std::move(top.names) : std::move(top.pair);
    failure.levels = std::move(top.levels);
    return false;
  }

 private:
  bool step(const constraint_expr_t& e) {
    switch (e.expr_type) {
      case CEXPR_NOT: {
        if (stack_.empty()) return false;
        Term& b = stack_.back();
        b.value = !b.value;
        b.text = b.text.rfind("not", 0) == 0 ? "not (" + b.text + ")" : "not" + b.text;
        b.pair.clear();
        b.names.clear();
        b.levels.clear();
        return true;
      }
      case CEXPR_AND:
      case CEXPR_OR: {
        if (stack_.size() < 2) return false;
        Term b = std::move(stack_.back());
        stack_.pop_back();
        Term& a = stack_.back();
        const bool is_and = e.expr_type == CEXPR_AND;
        const bool a_value = a.value;
        a.value = is_and ? (a.value && b.value) : (a.value || b.value);
        a.text += std::string(is_and ? " and " : " or ") + b.text;
        // A false `and` is explained by its false operands, a false `or` by both.
        if (a_value) {
          a.pair.clear();
          a.names.clear();
          a.levels.clear();
        }
        if (!b.value) {
          merge(a.pair, b.pair);
          merge(a.names, b.names);
          merge(a.levels, b.levels);
        }
        return true;
      }
      case CEXPR_ATTR: return e.attr >= CEXPR_L1L2 ? compare_levels(e) : compare_names(e);
      case CEXPR_NAMES: return names(e);
      default: return false;
    }
  }

  /// Pushes a comparison; `why` says what its failure means.
  void push_leaf(bool value, const std::string& body, std::string why, bool pair) {
    Term term{value, "(" + body + (value ? ") " : " -Fail-) "), {}, {}, {}};
    if (!value && !why.empty()) (pair ? term.pair : term.names).push_back(std::move(why));
    stack_.push_back(std::move(term));
  }

  /// `l1`/`h2`-style operands of an MLS comparison and the levels they name.
  struct LevelOperands {
    const char* left;
    const char* right;
    const mls_level_t* l1;
    const mls_level_t* l2;
  };

  [[nodiscard]] bool level_operands(std::uint32_t attr, LevelOperands& out) const {
    const mls_range_t& s = s_.context.range;
    const mls_range_t& t = t_.context.range;
    switch (attr) {
      case CEXPR_L1L2: out = {"l1", "l2", &s.level[0], &t.level[0]}; return true;
      case CEXPR_L1H2: out = {"l1", "h2", &s.level[0], &t.level[1]}; return true;
      case CEXPR_H1L2: out = {"h1", "l2", &s.level[1], &t.level[0]}; return true;
      case CEXPR_H1H2: out = {"h1", "h2", &s.level[1], &t.level[1]}; return true;
      case CEXPR_L1H1: out = {"l1", "h1", &s.level[0], &s.level[1]}; return true;
      case CEXPR_L2H2: out = {"l2", "h2", &t.level[0], &t.level[1]}; return true;
      default: return false;
    }
  }

  /// A comparison of levels: `l1 dom l2`.
  bool compare_levels(const constraint_expr_t& e) {
    LevelOperands o{};
    if (!level_operands(e.attr, o)) return false;
    const std::optional<bool> holds = level_holds(e.op, o.l1, o.l2);
    if (!holds) return false;
    const bool value = *holds;
    // l1 vs h1 (or l2 vs h2) compares one context with itself: not a difference.
    const bool one_context = e.attr == CEXPR_L1H1 || e.attr == CEXPR_L2H2;
    push_leaf(value, std::string(o.left) + " " + op_text(e.attr, e.op) + " " + o.right,
              one_context ? std::string()
                          : failed_comparison(level_words(o.left), level_words(o.right), e.op),
              true);
    if (!value && !one_context) {
      stack_.back().levels.push_back({o.left, op_text(e.attr, e.op), o.right, level_text(o.left),
                                      level_text(o.right)});
    }
    return true;
  }

  /// A comparison of users, roles or types: `u1 == u2`, `r1 dom r2`.
  bool compare_names(const constraint_expr_t& e) {
    const std::optional<bool> holds = attr_holds(db_, e, s_.context, t_.context);
    if (!holds) return false;
    const char* operands = e.attr == CEXPR_USER ? "u1 %s u2" : e.attr == CEXPR_ROLE ? "r1 %s r2" : "t1 %s t2";
    std::string body(operands);
    body.replace(body.find("%s"), 2, op_text(e.attr, e.op));
    push_leaf(*holds, body,
              failed_comparison(attr_words(e.attr, s_, "source"),
                                attr_words(e.attr, t_, "target"), e.op),
              true);
    return true;
  }

  bool names(const constraint_expr_t& e) {
    const std::optional<bool> holds = names_hold(e, s_.context, t_.context);
    if (!holds) return false;
    const bool target = (e.attr & CEXPR_TARGET) != 0;
    const PolicyContext& c = target ? t_ : s_;
    const char* letter = nullptr;
    char** val_to_name = nullptr;
    const ebitmap_t* shown = &e.names;
    if ((e.attr & CEXPR_USER) != 0) {
      letter = "u"; val_to_name = db_.p_user_val_to_name;
    } else if ((e.attr & CEXPR_ROLE) != 0) {
      letter = "r"; val_to_name = db_.p_role_val_to_name;
    } else {
      letter = "t"; val_to_name = db_.p_type_val_to_name;
      // Since policy version 29 the names as written (attributes) are kept.
      if (db_.policy_type == POLICY_KERN && db_.policyvers >= POLICYDB_VERSION_CONSTRAINT_NAMES &&
          e.type_names != nullptr) {
        shown = &e.type_names->types;
      }
    }
    const bool result = *holds;
    std::vector<std::string> listed;
    ebitmap_node_t* node = nullptr;
    unsigned int bit = 0;
    ebitmap_for_each_positive_bit(shown, node, bit) { listed.emplace_back(val_to_name[bit]); }
    // libsepol's spacing, kept byte for byte: `(t1 == { a b } -Fail-) `.
    std::string body = std::string(letter) + (target ? "2" : "1") + " " + op_text(e.attr, e.op);
    if (listed.empty()) body += "<empty_set> ";
    if (listed.size() > 1) body += " {";
    for (const std::string& name : listed) body += " " + name;
    if (listed.size() > 1) body += " }";
    std::string list;
    for (const std::string& name : listed) list += (list.empty() ? "" : ", ") + name;
    push_leaf(result, body,
              attr_words(e.attr & (CEXPR_USER | CEXPR_ROLE | CEXPR_TYPE), c,
                         target ? "target" : "source") +
                  (e.op == CEXPR_EQ ? " is not one of: " : " is one of: ") + list,
              false);
    return true;
  }

  /// `the source user (staff_u)`.
  [[nodiscard]] static std::string attr_words(std::uint32_t attr, const PolicyContext& c,
                                              const char* side) {
    const std::string the = std::string("the ") + side;
    if ((attr & CEXPR_USER) != 0) return the + " user (" + c.user_name + ")";
    if ((attr & CEXPR_ROLE) != 0) return the + " role (" + c.role_name + ")";
    return the + " type (" + c.type_name + ")";
  }

  /// The level `l1`, `h2`... stands for (`s0:c1,c2`).
  [[nodiscard]] const std::string& level_text(std::string_view which) const {
    const PolicyContext& c = which[1] == '2' ? t_ : s_;
    return which[0] == 'l' ? c.low_level : c.high_level;
  }

  /// `the source low level (s0)` for `l1`, and so on.
  [[nodiscard]] std::string level_words(std::string_view which) const {
    const bool target = which[1] == '2';
    const bool low = which[0] == 'l';
    const PolicyContext& c = target ? t_ : s_;
    return std::string("the ") + (target ? "target" : "source") + (low ? " low" : " high") +
           " level (" + (low ? c.low_level : c.high_level) + ")";
  }

  policydb_t& db_;
  const PolicyContext& s_;
  const PolicyContext& t_;
  std::vector<Term> stack_;
};

}  // namespace

std::vector<FailedConstraint> failing_constraints(policydb_t& db, std::uint32_t tclass,
                                                  sepol_access_vector_t permissions,
                                                  const PolicyContext& source,
                                                  const PolicyContext& target) {
  std::vector<FailedConstraint> failed;
  Evaluator evaluator(db, source, target);
  const class_datum_t* cls = db.class_val_to_struct[tclass - 1];
  for (const constraint_node_t* node = cls->constraints; node != nullptr; node = node->next) {
    if ((node->permissions & permissions) == 0) continue;
    // Most constraints hold: the text and causes are built only for those
    // that fail.
    if (constraint_holds(db, *node, source.context, target.context)) continue;
    FailedConstraint failure;
    if (!evaluator.passes(tclass, *node, failure)) failed.push_back(std::move(failure));
  }
  return failed;
}

sepol_access_vector_t allowed_by_constraints(const policydb_t& db, std::uint32_t tclass,
                                             sepol_access_vector_t allowed,
                                             const context_struct_t& source,
                                             const context_struct_t& target) {
  const class_datum_t* cls = db.class_val_to_struct[tclass - 1];
  // libsepol's order: each constraint on what is still allowed, in turn.
  for (const constraint_node_t* node = cls->constraints; node != nullptr; node = node->next) {
    if ((node->permissions & allowed) != 0 && !constraint_holds(db, *node, source, target)) {
      allowed &= ~node->permissions;
    }
  }
  return allowed;
}

bool constraints_use_full_context(const policydb_t& db, std::uint32_t tclass) {
  const class_datum_t* cls = db.class_val_to_struct[tclass - 1];
  for (const constraint_node_t* node = cls->constraints; node != nullptr; node = node->next) {
    for (const constraint_expr_t* e = node->expr; e != nullptr; e = e->next) {
      if (e->expr_type != CEXPR_ATTR && e->expr_type != CEXPR_NAMES) continue;
      if ((e->attr & (CEXPR_USER | CEXPR_ROLE)) != 0 || e->attr >= CEXPR_L1L2) return true;
    }
  }
  return false;
}

}  // namespace avcsift::policy

