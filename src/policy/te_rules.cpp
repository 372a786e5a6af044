#include "te_rules.hpp"

#include <new>

namespace avcsift::policy {
namespace {

std::uint64_t rule_key(std::uint32_t source, std::uint32_t target, std::uint32_t tclass) {
  // avtab keys are 16-bit values, so the three fit in 48 bits.
  return (std::uint64_t{source} << 32) | (std::uint64_t{target} << 16) | tclass;
}

}  // namespace

void TeRules::build_index() const {
  struct Walk {
    std::vector<CondNode>& nodes;
    std::unordered_map<std::uint64_t, std::vector<IndexedRule>>& rules;
  } walk{nodes_, rules_};
  avcsift_cond_visitor visitor{};
  visitor.arg = &walk;
  visitor.node = [](void* arg, const avcsift_cond_term* terms, std::size_t count,
                    int current_state) -> int {
    auto& w = *static_cast<Walk*>(arg);
    w.nodes.push_back(CondNode{std::vector<avcsift_cond_term>(terms, terms + count),
                               current_state != 0});
    return 0;
  };
  visitor.rule = [](void* arg, int in_true_list, const avcsift_cond_rule* rule) -> int {
    auto& w = *static_cast<Walk*>(arg);
    if (rule->specified != AVTAB_ALLOWED || rule->perms == 0) return 0;
    w.rules[rule_key(rule->source_type, rule->target_type, rule->tclass)].push_back(
        IndexedRule{static_cast<std::uint32_t>(w.nodes.size() - 1), in_true_list != 0,
                    rule->perms});
    return 0;
  };
  if (avcsift_cond_walk(&db_, &visitor) != 0) throw std::bad_alloc();
  indexed_ = true;
}

const std::vector<CondNode>& TeRules::cond_nodes() const {
  if (!indexed_) build_index();
  return nodes_;
}

TeAccess TeRules::lookup(std::uint32_t source, std::uint32_t target, std::uint32_t tclass) const {
  if (!indexed_) build_index();
  // The walk over every attribute pair is most of a judgement's cost, and
  // contexts that differ only in user, role or level ask for the same types
  // again: remember the rules found; what is enabled now is recomputed.
  const std::uint64_t key = rule_key(source, target, tclass);
  auto found = looked_up_.find(key);
  if (found == looked_up_.end()) found = looked_up_.emplace(key, collect(source, target, tclass)).first;
  TeAccess access = found->second;
  access.allowed = access.unconditional;
  for (const CondGrant& grant : access.conditional) {
    if (nodes_[grant.node].current == grant.in_true_list) access.allowed |= grant.perms;
  }
  return access;
}

TeDecision TeRules::decision(std::uint32_t source, std::uint32_t target, std::uint32_t tclass) const {
  const std::uint64_t key = rule_key(source, target, tclass);
  if (const auto found = decided_.find(key); found != decided_.end()) return found->second;
  TeDecision decision;
  const bool in_range = source != 0 && source <= db_.p_types.nprim && target != 0 &&
                        target <= db_.p_types.nprim;
  const bool class_known = tclass != 0 && tclass <= db_.p_classes.nprim;
  const std::vector<std::uint32_t>* skeys =
      in_range && class_known ? &keys_with_class(attribute_keys(source), tclass, 0) : nullptr;
  const std::vector<std::uint32_t>* tkeys =
      in_range && class_known ? &keys_with_class(attribute_keys(target), tclass, 1) : nullptr;
  if (!in_range || !class_known ||
      avcsift_te_decision_keys(&db_, skeys->data(), skeys->size(), tkeys->data(), tkeys->size(),
                               tclass, &decision.allowed, &decision.auditdeny) != 0) {
    decision = {};  // out of range: nothing allowed, everything audited
    decision.auditdeny = ~sepol_access_vector_t{0};
  }
  return decided_.emplace(key, decision).first->second;
}

const std::vector<std::uint32_t>& TeRules::attribute_keys(std::uint32_t type) const {
  if (keys_.empty()) keys_.resize(db_.p_types.nprim);
  std::vector<std::uint32_t>& keys = keys_[type - 1];
  if (!keys.empty()) return keys;  // never empty once read: a type is its own attribute
  for (const ebitmap_node_t* node = db_.type_attr_map[type - 1].node; node != nullptr;
       node = node->next) {
    for (std::uint64_t map = node->map; map != 0; map &= map - 1) {
      keys.push_back(node->startbit + static_cast<std::uint32_t>(__builtin_ctzll(map)) + 1);
    }
  }
  return keys;
}

void TeRules::build_class_keys() const {
  class_words_ = (db_.p_types.nprim + 63) / 64;
  for (auto& bits : class_keys_) bits.assign(class_words_ * db_.p_classes.nprim, 0);
  const auto mark = [this](const avtab_t& table) {
    for (std::uint32_t slot = 0; table.htable != nullptr && slot < table.nslot; ++slot) {
      for (const avtab_node* node = table.htable[slot]; node != nullptr; node = node->next) {
        const avtab_key_t& key = node->key;
        if ((key.specified & AVTAB_AV) == 0 || key.target_class == 0 ||
            key.target_class > db_.p_classes.nprim || key.source_type == 0 ||
            key.target_type == 0) {
          continue;
        }
        const std::size_t base = (key.target_class - 1) * class_words_ * 64;
        const std::size_t s = base + key.source_type - 1;
        const std::size_t t = base + key.target_type - 1;
        class_keys_[0][s / 64] |= std::uint64_t{1} << (s % 64);
        class_keys_[1][t / 64] |= std::uint64_t{1} << (t % 64);
      }
    }
  };
  mark(db_.te_avtab);
  mark(db_.te_cond_avtab);  // enabled or not: a superset is safe
}

const std::vector<std::uint32_t>& TeRules::keys_with_class(const std::vector<std::uint32_t>& keys,
                                                          std::uint32_t tclass, int side) const {
  std::vector<std::uint32_t>& out = filtered_[side];
  out.clear();
  if (tclass == 0 || tclass > db_.p_classes.nprim) return out;  // no rule names it
  if (class_words_ == 0) build_class_keys();
  const std::vector<std::uint64_t>& bits = class_keys_[side];
  const std::size_t base = (tclass - 1) * class_words_ * 64;
  for (const std::uint32_t key : keys) {
    const std::size_t bit = base + key - 1;
    if (key <= db_.p_types.nprim && ((bits[bit / 64] >> (bit % 64)) & 1) != 0) out.push_back(key);
  }
  return out;
}

TeAccess TeRules::collect(std::uint32_t source, std::uint32_t target, std::uint32_t tclass) const {
  TeAccess access;
  // Like the kernel: every attribute of the source against every attribute
  // of the target (type_attr_map holds the type itself too).
  const std::vector<std::uint32_t>& skeys = keys_with_class(attribute_keys(source), tclass, 0);
  const std::vector<std::uint32_t>& tkeys = keys_with_class(attribute_keys(target), tclass, 1);
  avtab_key_t key{};
  key.target_class = static_cast<std::uint16_t>(tclass);
  key.specified = AVTAB_ALLOWED;
  auto* avtab = const_cast<avtab_t*>(&db_.te_avtab);  // libsepol's API is not const-correct
  for (const std::uint32_t skey : skeys) {
    for (const std::uint32_t tkey : tkeys) {
      key.source_type = static_cast<std::uint16_t>(skey);
      key.target_type = static_cast<std::uint16_t>(tkey);
      for (avtab_ptr_t node = avtab_search_node(avtab, &key); node != nullptr;
           node = avtab_search_node_next(node, AVTAB_ALLOWED)) {
        access.unconditional |= node->datum.data;
      }
      const auto found = rules_.find(rule_key(skey, tkey, tclass));
      if (found == rules_.end()) continue;
      for (const IndexedRule& rule : found->second) {
        access.conditional.push_back(CondGrant{rule.node, rule.in_true_list, rule.perms});
      }
    }
  }
  return access;
}

sepol_access_vector_t TeRules::allowed_by_key(std::uint32_t source_key, std::uint32_t target_key,
                                              std::uint32_t tclass) const {
  if (!indexed_) build_index();
  avtab_key_t key{};
  key.source_type = static_cast<std::uint16_t>(source_key);
  key.target_type = static_cast<std::uint16_t>(target_key);
  key.target_class = static_cast<std::uint16_t>(tclass);
  key.specified = AVTAB_ALLOWED;
  sepol_access_vector_t allowed = 0;
  auto* avtab = const_cast<avtab_t*>(&db_.te_avtab);  // libsepol's API is not const-correct
  for (avtab_ptr_t node = avtab_search_node(avtab, &key); node != nullptr;
       node = avtab_search_node_next(node, AVTAB_ALLOWED)) {
    allowed |= node->datum.data;
  }
  if (const auto found = rules_.find(rule_key(source_key, target_key, tclass));
      found != rules_.end()) {
    for (const IndexedRule& rule : found->second) {
      if (nodes_[rule.node].current == rule.in_true_list) allowed |= rule.perms;
    }
  }
  return allowed;
}

bool TeRules::evaluate(const CondNode& node, const std::vector<char>& states) {
  // COND_EXPR_MAXDEPTH is 10 in libsepol; a small fixed stack is enough.
  bool stack[16];
  int top = -1;
  for (const avcsift_cond_term& term : node.expr) {
    switch (term.op) {
      case AVCSIFT_COND_BOOL:
        if (top == 15 || term.bool_value >= states.size()) return false;
        stack[++top] = states[term.bool_value] != 0;
        break;
      case AVCSIFT_COND_NOT:
        if (top < 0) return false;
        stack[top] = !stack[top];
        break;
      default: {
        if (top < 1) return false;
        const bool b = stack[top--];
        const bool a = stack[top];
        switch (term.op) {
          case AVCSIFT_COND_OR: stack[top] = a || b; break;
          case AVCSIFT_COND_AND: stack[top] = a && b; break;
          case AVCSIFT_COND_XOR: stack[top] = a != b; break;
          case AVCSIFT_COND_EQ: stack[top] = a == b; break;
          case AVCSIFT_COND_NEQ: stack[top] = a != b; break;
          default: return false;
        }
      }
    }
  }
  return top == 0 && stack[0];
}

}  // namespace avcsift::policy
