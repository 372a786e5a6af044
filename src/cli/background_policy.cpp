#include "avcsift/cli/background_policy.hpp"

#include <chrono>

#include "avcsift/model/error.hpp"
#include "avcsift/policy/policy.hpp"
#include "avcsift/policy/policy_cache.hpp"

namespace avcsift::cli {

/// Forwards to the policy once it is loaded; without one (a system policy
/// that could not be read) answers as VerdictCache does with no policy.
class BackgroundPolicy::Proxy final : public AccessOracle {
 public:
  explicit Proxy(BackgroundPolicy& owner) : owner_(owner) {}
  Verdict judge(const AccessQuery& query) override {
    policy::Policy* policy = owner_.get();
    return policy != nullptr ? policy->judge(query) : Verdict{};
  }
  bool depends_on_full_context(std::string_view tclass) const override {
    policy::Policy* policy = owner_.get();
    return policy != nullptr && policy->depends_on_full_context(tclass);
  }
  std::string context_problem(const SecurityContext& context) override {
    policy::Policy* policy = owner_.get();
    return policy != nullptr ? policy->context_problem(context) : std::string();
  }
  std::string description() const override {
    policy::Policy* policy = owner_.get();
    return policy != nullptr ? policy->description() : std::string();
  }

 private:
  BackgroundPolicy& owner_;
};

BackgroundPolicy::BackgroundPolicy(const PolicyChoice& choice, Diagnostics& diagnostics)
    : BackgroundPolicy(choice, diagnostics, [cache = choice.no_cache ? std::nullopt
                                                 : policy::PolicyCache::default_directory()](
                                                const std::string& path) {
        return policy::Policy::load(path, cache);
      }) {}

BackgroundPolicy::BackgroundPolicy(const PolicyChoice& choice, Diagnostics& diagnostics, Loader loader)
    : diagnostics_(diagnostics) {
  std::string path;
  if (choice.path) {
    named_ = true;
    path = *choice.path;
  } else if (!choice.none) {
    if (const auto found = find_system_policy()) path = found->string();
  }
  if (path.empty()) {
    if (!choice.none) diagnostics_.note(kNoPolicyNote);
    return;
  }
  loading_ = std::async(std::launch::async, [path, loader = std::move(loader)] { return loader(path); });
  proxy_ = std::make_unique<Proxy>(*this);
}

BackgroundPolicy::~BackgroundPolicy() {
  // A load still running is waited for (and its error dropped): the run is
  // ending anyway, and the policy must not outlive its owner.
  if (loading_.valid()) loading_.wait();
  if (leave_to_exit_) (void)policy_.release();  // see leave_to_process_exit()
}

bool BackgroundPolicy::ready() const {
  return !loading_.valid() || loading_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

AccessOracle* BackgroundPolicy::oracle() { return proxy_.get(); }

policy::Policy* BackgroundPolicy::get() {
  if (!proxy_) return nullptr;  // none chosen or found
  std::call_once(waited_, [this] {
    try {
      policy_ = loading_.get();
    } catch (const Error& error) {
      if (named_) {
        failure_ = std::current_exception();
        return;
      }
      diagnostics_.warn(error.what());
      diagnostics_.note(kNoPolicyNote);
    } catch (...) {
      // Not a verdict on the file (out of memory...): the run fails. Kept,
      // because call_once would run again after an escaping exception, and
      // a second get() of the spent future throws std::future_error instead.
      failure_ = std::current_exception();
    }
  });
  if (failure_) std::rethrow_exception(failure_);
  return policy_.get();
}

}  // namespace avcsift::cli
