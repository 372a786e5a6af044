#include "te_override.hpp"

namespace avcsift::policy {
namespace {

bool insert(avtab_t &table, std::uint32_t source, std::uint32_t target,
            std::uint32_t tclass, std::uint16_t specified, std::uint32_t data) {
  avtab_key_t key{};
  key.source_type = static_cast<std::uint16_t>(source);
  key.target_type = static_cast<std::uint16_t>(target);
  key.target_class = static_cast<std::uint16_t>(tclass);
  key.specified = specified;
  avtab_datum_t datum{};
  datum.data = data;
  return avtab_insert(&table, &key, &datum) == 0;
}

} // namespace

TeOverride::TeOverride(policydb_t &db, std::uint32_t source,
                       std::uint32_t target, std::uint32_t tclass,
                       const TeDecision &te)
    : db_(db), source_(source), target_(target) {
  avtab_init(&decision_);
  avtab_init(&empty_);
  ebitmap_init(&source_only_);
  ebitmap_init(&target_only_);
  // No auditallow entry: judge() never reads avd.auditallow.
  const bool built =
      avtab_alloc(&decision_, 2) == 0 &&
      insert(decision_, source, target, tclass, AVTAB_ALLOWED, te.allowed) &&
      insert(decision_, source, target, tclass, AVTAB_AUDITDENY,
             te.auditdeny) &&
      ebitmap_set_bit(&source_only_, source - 1, 1) == 0 &&
      ebitmap_set_bit(&target_only_, target - 1, 1) == 0;
  if (!built)
    return;
  saved_avtab_ = db_.te_avtab;
  saved_cond_avtab_ = db_.te_cond_avtab;
  db_.te_avtab = decision_;
  db_.te_cond_avtab = empty_;
  // One type may be both source and target: save its map once.
  saved_source_map_ = db_.type_attr_map[source - 1];
  db_.type_attr_map[source - 1] = source_only_;
  if (target != source) {
    saved_target_map_ = db_.type_attr_map[target - 1];
    db_.type_attr_map[target - 1] = target_only_;
  }
  active_ = true;
}

TeOverride::~TeOverride() {
  if (active_) {
    if (target_ != source_)
      db_.type_attr_map[target_ - 1] = saved_target_map_;
    db_.type_attr_map[source_ - 1] = saved_source_map_;
    db_.te_cond_avtab = saved_cond_avtab_;
    db_.te_avtab = saved_avtab_;
  }
  ebitmap_destroy(&target_only_);
  ebitmap_destroy(&source_only_);
  avtab_destroy(&empty_);
  avtab_destroy(&decision_);
}

} // namespace avcsift::policy
