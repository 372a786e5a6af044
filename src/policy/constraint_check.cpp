#include "constraint_check.hpp"

#include <algorithm>

namespace avcsift::policy {
namespace {

/// One evaluated sub-expression: its value and its text in libsepol's form.
struct Term {
  bool value = false;
  std::string text;
};

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

/// What a failed comparison means, in words.
std::string failed_comparison(const std::string& left, const std::string& right,
                              std::uint32_t op) {
  switch (op) {
    case CEXPR_EQ: return left + " and " + right + " are different";
    case CEXPR_NEQ: return left + " and " + right + " are the same";
    case CEXPR_DOM: return left + " does not dominate " + right;
    case CEXPR_DOMBY: return left + " is not dominated by " + right;
    case CEXPR_INCOMP: return left + " and " + right + " are comparable";
    default: return left + " and " + right + " do not compare as required";
  }
}

class Evaluator {
 public:
  Evaluator(policydb_t& db, const PolicyContext& source, const PolicyContext& target)
      : db_(db), s_(source), t_(target) {}

  /// Evaluates one constraint; fills `failure` when it fails.
  bool passes(std::uint32_t tclass, const constraint_node_t& node, FailedConstraint& failure) {
    stack_.clear();
    pair_causes_.clear();
    name_causes_.clear();
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
    failure.causes = pair_causes_.empty() ? name_causes_ : pair_causes_;
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
        return true;
      }
      case CEXPR_AND:
      case CEXPR_OR: {
        if (stack_.size() < 2) return false;
        Term b = std::move(stack_.back());
        stack_.pop_back();
        Term& a = stack_.back();
        const bool is_and = e.expr_type == CEXPR_AND;
        a.value = is_and ? (a.value && b.value) : (a.value || b.value);
        a.text += std::string(is_and ? " and " : " or ") + b.text;
        return true;
      }
      case CEXPR_ATTR: return compare(e);
      case CEXPR_NAMES: return names(e);
      default: return false;
    }
  }

  void push_leaf(bool value, const std::string& body) {
    stack_.push_back(Term{value, "(" + body + (value ? ") " : " -Fail-) ")});
  }

  bool compare(const constraint_expr_t& e) {
    const context_struct_t& sc = s_.context;
    const context_struct_t& tc = t_.context;
    std::string left;
    std::string right;
    std::string left_words;
    std::string right_words;
    bool value = false;
    if (e.attr >= CEXPR_L1L2) {
      const mls_level_t* l1 = nullptr;
      const mls_level_t* l2 = nullptr;
      switch (e.attr) {
        case CEXPR_L1L2: l1 = &sc.range.level[0]; l2 = &tc.range.level[0]; left = "l1"; right = "l2"; break;
        case CEXPR_L1H2: l1 = &sc.range.level[0]; l2 = &tc.range.level[1]; left = "l1"; right = "h2"; break;
        case CEXPR_H1L2: l1 = &sc.range.level[1]; l2 = &tc.range.level[0]; left = "h1"; right = "l2"; break;
        case CEXPR_H1H2: l1 = &sc.range.level[1]; l2 = &tc.range.level[1]; left = "h1"; right = "h2"; break;
        case CEXPR_L1H1: l1 = &sc.range.level[0]; l2 = &sc.range.level[1]; left = "l1"; right = "h1"; break;
        case CEXPR_L2H2: l1 = &tc.range.level[0]; l2 = &tc.range.level[1]; left = "l2"; right = "h2"; break;
        default: return false;
      }
      switch (e.op) {
        case CEXPR_EQ: value = mls_level_eq(l1, l2); break;
        case CEXPR_NEQ: value = !mls_level_eq(l1, l2); break;
        case CEXPR_DOM: value = mls_level_dom(l1, l2); break;
        case CEXPR_DOMBY: value = mls_level_dom(l2, l1); break;
        case CEXPR_INCOMP: value = mls_level_incomp(l2, l1); break;
        default: return false;
      }
      left_words = level_words(left);
      right_words = level_words(right);
    } else {
      std::uint32_t v1 = 0;
      std::uint32_t v2 = 0;
      switch (e.attr) {
        case CEXPR_USER: v1 = sc.user; v2 = tc.user; left = "u1"; right = "u2"; break;
        case CEXPR_ROLE: v1 = sc.role; v2 = tc.role; left = "r1"; right = "r2"; break;
        case CEXPR_TYPE: v1 = sc.type; v2 = tc.type; left = "t1"; right = "t2"; break;
        default: return false;
      }
      const role_datum_t* r1 = db_.role_val_to_struct[sc.role - 1];
      const role_datum_t* r2 = db_.role_val_to_struct[tc.role - 1];
      const bool role_order = e.attr == CEXPR_ROLE && e.op >= CEXPR_DOM;
      switch (e.op) {
        case CEXPR_EQ: value = v1 == v2; break;
        case CEXPR_NEQ: value = v1 != v2; break;
        case CEXPR_DOM: value = role_order && ebitmap_get_bit(&r1->dominates, v2 - 1); break;
        case CEXPR_DOMBY: value = role_order && ebitmap_get_bit(&r2->dominates, v1 - 1); break;
        case CEXPR_INCOMP:
          value = role_order && !ebitmap_get_bit(&r1->dominates, v2 - 1) &&
                  !ebitmap_get_bit(&r2->dominates, v1 - 1);
          break;
        default: return false;
      }
      left_words = attr_words(e.attr, s_, "source");
      right_words = attr_words(e.attr, t_, "target");
    }
    push_leaf(value, left + " " + op_text(e.attr, e.op) + " " + right);
    const bool same_context = e.attr == CEXPR_L1H1 || e.attr == CEXPR_L2H2;
    if (!value && !same_context) add(pair_causes_, failed_comparison(left_words, right_words, e.op));
    return true;
  }

  bool names(const constraint_expr_t& e) {
    const bool target = (e.attr & CEXPR_TARGET) != 0;
    if ((e.attr & CEXPR_XTARGET) != 0) return false;  // validatetrans only
    const PolicyContext& c = target ? t_ : s_;
    const char* letter = nullptr;
    std::uint32_t value = 0;
    char** val_to_name = nullptr;
    const ebitmap_t* shown = &e.names;
    if ((e.attr & CEXPR_USER) != 0) {
      letter = "u"; value = c.context.user; val_to_name = db_.p_user_val_to_name;
    } else if ((e.attr & CEXPR_ROLE) != 0) {
      letter = "r"; value = c.context.role; val_to_name = db_.p_role_val_to_name;
    } else if ((e.attr & CEXPR_TYPE) != 0) {
      letter = "t"; value = c.context.type; val_to_name = db_.p_type_val_to_name;
      // Since policy version 29 the names as written (attributes) are kept.
      if (db_.policy_type == POLICY_KERN && db_.policyvers >= POLICYDB_VERSION_CONSTRAINT_NAMES &&
          e.type_names != nullptr) {
        shown = &e.type_names->types;
      }
    } else {
      return false;
    }
    const bool member = ebitmap_get_bit(&e.names, value - 1) != 0;
    bool result = false;
    switch (e.op) {
      case CEXPR_EQ: result = member; break;
      case CEXPR_NEQ: result = !member; break;
      default: return false;
    }
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
    push_leaf(result, body);
    if (!result) {
      std::string list;
      for (const std::string& name : listed) list += (list.empty() ? "" : ", ") + name;
      add(name_causes_, attr_words(e.attr & (CEXPR_USER | CEXPR_ROLE | CEXPR_TYPE), c,
                                   target ? "target" : "source") +
                            (e.op == CEXPR_EQ ? " is not one of: " : " is one of: ") + list);
    }
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

  /// `the source low level (s0)` for `l1`, and so on.
  [[nodiscard]] std::string level_words(const std::string& which) const {
    const bool target = which[1] == '2';
    const bool low = which[0] == 'l';
    const PolicyContext& c = target ? t_ : s_;
    return std::string("the ") + (target ? "target" : "source") + (low ? " low" : " high") +
           " level (" + (low ? c.low_level : c.high_level) + ")";
  }

  static void add(std::vector<std::string>& causes, std::string cause) {
    if (std::find(causes.begin(), causes.end(), cause) == causes.end()) {
      causes.push_back(std::move(cause));
    }
  }

  policydb_t& db_;
  const PolicyContext& s_;
  const PolicyContext& t_;
  std::vector<Term> stack_;
  std::vector<std::string> pair_causes_;
  std::vector<std::string> name_causes_;
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
    FailedConstraint failure;
    if (!evaluator.passes(tclass, *node, failure)) failed.push_back(std::move(failure));
  }
  return failed;
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

